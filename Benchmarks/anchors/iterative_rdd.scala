// The iterative workload of flint-bench in Apache Spark's Scala RDD API, for comparison:
// kv.csv parsed into (Long, Double, String), persisted, then 10 passes (pass i: count and sum
// of the values whose key is i mod 10). Run by `run_spark_rdd.sh iterative DATADIR` in spark-shell.
import org.apache.spark.storage.StorageLevel

val path = sys.env("ANCHOR_DATA") + "/kv.csv"
for (levelName <- Seq("MEMORY_ONLY", "MEMORY_ONLY_SER")) {
  val lines = sc.textFile(path)
  val header = lines.first()
  val records = lines.filter(_ != header).map { line =>
    val fields = line.split(',')
    (fields(0).toLong, fields(1).toDouble, fields(2))
  }.persist(StorageLevel.fromString(levelName))
  var rows = 0L
  var sum = 0.0
  val seconds = (0 until 10).map { pass =>
    val start = System.nanoTime
    val (count, total) = records.filter(_._1 % 10 == pass).aggregate((0L, 0.0))(
      (acc, r) => (acc._1 + 1, acc._2 + r._2), (a, b) => (a._1 + b._1, a._2 + b._2))
    rows += count
    sum += total
    (System.nanoTime - start) / 1e9
  }
  val info = sc.getRDDStorageInfo.find(_.id == records.id).get
  println("ANCHOR_JSON {\"engine\":\"spark-scala-rdd\",\"workload\":\"iterative\",\"storage_level\":\"" + levelName +
    "\",\"rows\":" + rows + ",\"sum_of_values\":" + f"$sum%.2f" + ",\"pass_s\":[" + seconds.map(s => f"$s%.3f").mkString(",") +
    "],\"cache_memory_bytes\":" + info.memSize + ",\"cache_disk_bytes\":" + info.diskSize +
    ",\"cached_partitions\":" + info.numCachedPartitions + "}")
  records.unpersist(blocking = true)
}
System.exit(0)
