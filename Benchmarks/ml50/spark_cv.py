# pyspark local[2]: the kit's cv_logreg on any classification CSV (e.g. the 800 k-row classification_train.csv).
# Usage: python3 spark_cv.py FILE
import sys
import time
from pyspark.sql import SparkSession, types as T
from pyspark.ml.feature import VectorAssembler
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.ml.tuning import CrossValidator, ParamGridBuilder
spark = SparkSession.builder.master("local[2]").config("spark.driver.memory", "8g").config("spark.ui.enabled", "false").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
d = 20
schema = T.StructType([T.StructField("label", T.DoubleType())] + [T.StructField(f"f{j}", T.DoubleType()) for j in range(d)])
df = spark.read.csv(sys.argv[1], header=True, schema=schema)
df = VectorAssembler(inputCols=[f"f{j}" for j in range(d)], outputCol="features").transform(df).select("label", "features").cache()
print("rows", df.count())
lr = LogisticRegression(maxIter=100, tol=1e-6)
grid = ParamGridBuilder().addGrid(lr.regParam, [0.001, 0.1]).addGrid(lr.fitIntercept, [True, False]).build()
cv = CrossValidator(estimator=lr, estimatorParamMaps=grid, evaluator=MulticlassClassificationEvaluator(metricName="logLoss"), numFolds=3, seed=42)
t = time.time(); m = cv.fit(df); print("cv fit", round(time.time() - t, 2), list(m.avgMetrics))
spark.stop()
