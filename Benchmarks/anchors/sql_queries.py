#!/usr/bin/env python3
"""The SQL queries of flint-bench (sqlscan, sqlmultijoin) in pyspark (local[2]) and DuckDB.

The anchor kit has no SQL-query workloads; this runs flint-bench's own queries on the kit's
kv.csv and dim.csv with the kit's schemas, so Flint's numbers have anchors on the same data.

    python3 Benchmarks/anchors/sql_queries.py /tmp/anchor-data [--repeat 3] [--only spark,duckdb]

Prints one JSON line per engine, query and repetition: wall seconds (Spark's session start-up
excluded, as in the kit), the row count and a checksum of the numeric cells.
"""
import argparse, json, os, time

# The same text as Benchmarks/FlintBench/DataFrameWorkloads.swift.
QUERIES = {
    "sqlscan": """SELECT count(*) AS n, sum(v2) AS s FROM (
          SELECT key, value * 2 AS v2 FROM kv WHERE value > 500 AND cat = 'cat042')""",
    "sqlmultijoin": """WITH totals AS (SELECT key, sum(value) AS total FROM kv GROUP BY key)
        SELECT kv.cat, count(*) AS n, sum(kv.value * dim.weight) AS s, max(totals.total) AS top
        FROM kv JOIN dim ON kv.key = dim.key JOIN totals ON kv.key = totals.key
        WHERE dim.weight > 0.5 GROUP BY kv.cat ORDER BY kv.cat""",
}


def checksum(rows):
    return sum(float(v) for row in rows for v in row if isinstance(v, (int, float)) and not isinstance(v, bool))


def emit(engine, query, rep, wall, rows):
    print(json.dumps({"engine": engine, "workload": query, "rep": rep, "wall_s": round(wall, 3),
                      "rows": len(rows), "numeric_checksum": checksum(rows)}), flush=True)


def run_spark(data, repeat):
    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master("local[2]").config("spark.driver.memory", "8g")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate())
    kv = spark.read.csv(os.path.join(data, "kv.csv"), header=True, schema="key BIGINT, value DOUBLE, cat STRING")
    dim = spark.read.csv(os.path.join(data, "dim.csv"), header=True, schema="key BIGINT, name STRING, weight DOUBLE")
    kv.createOrReplaceTempView("kv")
    dim.createOrReplaceTempView("dim")
    for rep in range(repeat):
        for name, text in QUERIES.items():
            start = time.perf_counter()
            rows = [tuple(r) for r in spark.sql(text).collect()]
            emit("pyspark local[2]", name, rep, time.perf_counter() - start, rows)
    spark.stop()


def run_duckdb(data, repeat):
    import duckdb
    for rep in range(repeat):
        for name, text in QUERIES.items():
            con = duckdb.connect()
            con.execute("SET threads = 2")
            start = time.perf_counter()
            for view, schema in [("kv", "{'key': 'BIGINT', 'value': 'DOUBLE', 'cat': 'VARCHAR'}"),
                                 ("dim", "{'key': 'BIGINT', 'name': 'VARCHAR', 'weight': 'DOUBLE'}")]:
                con.execute(f"CREATE VIEW {view} AS SELECT * FROM read_csv('{os.path.join(data, view)}.csv', "
                            f"header = true, columns = {schema})")
            rows = con.execute(text).fetchall()
            emit("duckdb (2 threads)", name, rep, time.perf_counter() - start, rows)
            con.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="spark,duckdb")
    args = parser.parse_args()
    engines = set(args.only.split(","))
    if "duckdb" in engines:
        run_duckdb(args.data, args.repeat)
    if "spark" in engines:
        run_spark(args.data, args.repeat)


if __name__ == "__main__":
    main()
