// flint-bench's reducebykey workload in Apache Spark's Scala RDD API, for comparison (the anchor
// kit measures only word count and sort in the RDD API; its groupby is a DataFrame query):
// kv.csv parsed into (key: Long, value: Double), reduceByKey(_ + _), then one aggregate of the
// group count, the sum of the sums and the sum of their squares. Timed as the kit times its
// workloads (the session's start-up excluded), once per ANCHOR_REPEAT. Run by
// `run_spark_rdd.sh reducebykey DATADIR` in spark-shell.
val path = sys.env("ANCHOR_DATA") + "/kv.csv"
val reps = sys.env.getOrElse("ANCHOR_REPEAT", "1").toInt
for (rep <- 0 until reps) {
  val start = System.nanoTime
  val lines = sc.textFile(path)
  val sums = lines.filter(_ != "key,value,cat").map { line =>
    val first = line.indexOf(',')
    val second = line.indexOf(',', first + 1)
    (line.substring(0, first).toLong, line.substring(first + 1, second).toDouble)
  }.reduceByKey(_ + _)
  val (groups, total, squares) = sums.aggregate((0L, 0.0, 0.0))(
    (acc, kv) => (acc._1 + 1, acc._2 + kv._2, acc._3 + kv._2 * kv._2),
    (a, b) => (a._1 + b._1, a._2 + b._2, a._3 + b._3))
  val seconds = (System.nanoTime - start) / 1e9
  println("ANCHOR_JSON {\"engine\":\"spark-scala\",\"workload\":\"reducebykey\",\"rep\":" + rep +
    ",\"wall_s\":" + f"$seconds%.3f" + ",\"result\":{\"n_groups\":" + groups + ",\"sum_of_sums\":\"" +
    f"$total%.2f" + "\",\"sum_of_squared_sums\":" + squares + "},\"input_partitions\":" +
    lines.getNumPartitions + ",\"output_partitions\":" + sums.getNumPartitions + "}")
}
System.exit(0)
