# pyspark local[2] fit times on gen.py's files, for Flint's `flint-bench run DIR --only fit50`.
# Usage: python3 spark.py DIR
import time
from pyspark.sql import SparkSession, types as T
from pyspark.ml.feature import VectorAssembler
from pyspark.ml.regression import LinearRegression
from pyspark.ml.classification import LogisticRegression
import sys
DIR = sys.argv[1] if len(sys.argv) > 1 else "/tmp/ml50"
spark = SparkSession.builder.master("local[2]").config("spark.driver.memory", "8g").config("spark.ui.enabled", "false").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
d = 50
schema = T.StructType([T.StructField("label", T.DoubleType())] + [T.StructField(f"f{j}", T.DoubleType()) for j in range(d)])
def load(path):
    df = spark.read.csv(path, header=True, schema=schema)
    out = VectorAssembler(inputCols=[f"f{j}" for j in range(d)], outputCol="features").transform(df).select("label", "features").cache()
    out.count()
    return out
reg = load(DIR + "/regression.csv")
for solver in ["normal", "l-bfgs"]:
    t = time.time(); m = LinearRegression(solver=solver, maxIter=100).fit(reg); dt = time.time() - t
    print("linreg", solver, round(dt, 3), "iters", m.summary.totalIterations, "intercept", m.intercept, "obj", m.summary.objectiveHistory[-1])
reg.unpersist()
cls = load(DIR + "/classification.csv")
t = time.time(); m = LogisticRegression(maxIter=100, tol=0.0).fit(cls); dt = time.time() - t
print("logreg", round(dt, 3), "iters", m.summary.totalIterations, "obj", m.summary.objectiveHistory[-1], "auc", m.summary.areaUnderROC)
spark.stop()
