# Writes the 1 M x 50 fit-benchmark data (regression.csv, classification.csv) to DIR.
# Usage: python3 gen.py DIR
import numpy as np
import sys
DIR = sys.argv[1] if len(sys.argv) > 1 else "/tmp/ml50"
rng = np.random.default_rng(50)
n, d = 1_000_000, 50
X = rng.normal(size=(n, d)) * rng.uniform(0.5, 2, size=d)
w = rng.normal(size=d)
y = X @ w + 1.5 + rng.normal(scale=2.0, size=n)
p = 1 / (1 + np.exp(-(X @ (w / 3) + 0.3)))
c = (rng.uniform(size=n) < p).astype(int)
header = ",".join(["label"] + [f"f{j}" for j in range(d)])
np.savetxt(DIR + "/regression.csv", np.column_stack([y, X]), delimiter=",", fmt="%.6f", header=header, comments="")
np.savetxt(DIR + "/classification.csv", np.column_stack([c, X]), delimiter=",", fmt="%.6f", header=header, comments="")
