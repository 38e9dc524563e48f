#!/usr/bin/env bash
# Runs one of the Scala RDD programs beside this script (iterative_rdd.scala,
# reducebykey_rdd.scala: flint-bench workloads the anchor kit has no RDD anchor for) in the
# spark-shell of the pyspark wheel (pip install pyspark), local[2], driver memory 8g as the
# anchor kit, and prints its JSON lines. One cold Spark session per call.
# usage: Benchmarks/anchors/run_spark_rdd.sh iterative|reducebykey DATADIR   (ANCHOR_REPEAT=N: N runs in the session)
set -euo pipefail
PROGRAM=${1:?usage: run_spark_rdd.sh iterative|reducebykey DATADIR}
DATA=$(cd "${2:?usage: run_spark_rdd.sh iterative|reducebykey DATADIR}" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
SCRIPT="$HERE/${PROGRAM}_rdd.scala"
[ -f "$SCRIPT" ] || { echo "run_spark_rdd.sh: no program '$PROGRAM' (expected $SCRIPT)" >&2; exit 2; }
SPARK_HOME=$(python3 -c "import pyspark, os; print(os.path.dirname(pyspark.__file__))")
export SPARK_HOME SPARK_LOCAL_IP=127.0.0.1 ANCHOR_DATA=$DATA
"$SPARK_HOME/bin/spark-shell" --master 'local[2]' --driver-memory 8g \
  --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
  -i "$SCRIPT" < /dev/null 2>&1 | grep '^ANCHOR_JSON ' | sed 's/^ANCHOR_JSON //'
