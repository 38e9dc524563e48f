# scikit-learn fit times on gen.py's files (same fits as spark.py). Usage: python3 sklearn_fit.py DIR
import sys
DIR = sys.argv[1] if len(sys.argv) > 1 else "/tmp/ml50"
import time, polars as pl, numpy as np
from sklearn.linear_model import LinearRegression, LogisticRegression
r = pl.read_csv(DIR + "/regression.csv").to_numpy()
t = time.time(); m = LinearRegression().fit(r[:, 1:], r[:, 0]); print("sk linreg", round(time.time() - t, 3), m.intercept_)
c = pl.read_csv(DIR + "/classification.csv").to_numpy()
t = time.time(); m = LogisticRegression(C=np.inf, solver="lbfgs", max_iter=100, tol=1e-6).fit(c[:, 1:], c[:, 0]); print("sk logreg", round(time.time() - t, 3), m.n_iter_)
