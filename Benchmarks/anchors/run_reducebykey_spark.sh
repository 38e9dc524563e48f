#!/usr/bin/env bash
# Runs reducebykey_rdd.scala in the spark-shell of the pyspark wheel (pip install pyspark), local[2],
# driver memory 8g as the anchor kit, and prints its JSON lines.
# usage: Benchmarks/anchors/run_reducebykey_spark.sh DATADIR   (ANCHOR_REPEAT=N: N runs in one session)
set -euo pipefail
DATA=$(cd "${1:?usage: run_reducebykey_spark.sh DATADIR}" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
SPARK_HOME=$(python3 -c "import pyspark, os; print(os.path.dirname(pyspark.__file__))")
export SPARK_HOME SPARK_LOCAL_IP=127.0.0.1 ANCHOR_DATA=$DATA
"$SPARK_HOME/bin/spark-shell" --master 'local[2]' --driver-memory 8g \
  --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
  -i "$HERE/reducebykey_rdd.scala" < /dev/null 2>&1 | grep '^ANCHOR_JSON ' | sed 's/^ANCHOR_JSON //'
