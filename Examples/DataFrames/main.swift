// DataFrames: the DataFrame API and SQL over a CSV file, as a Spark user would write them.
//
//   sbin/run-example DataFrames Examples/data/people.csv
//
// Reads the file with a header and inferred types, aggregates by department with the DataFrame
// API, ranks people by salary within their department with a window function, and runs the same
// aggregation in SQL.
import Flint
import Foundation

guard let path = CommandLine.arguments.dropFirst().first else {
    FileHandle.standardError.write(Data("Usage: DataFrames <people.csv>\n".utf8))
    exit(2)
}

do {
    let spark = FlintSession(context: try FlintContext(conf: FlintConf().setAppName("DataFrames")))
    defer { spark.stop() }
    let people = try spark.read.option("header", true).option("inferSchema", true).csv(path)
    people.printSchema()

    let byDept = try people.groupBy("dept")
        .agg(count("*").alias("people"), avg("salary").alias("avg_salary"), max("age").alias("oldest"))
        .orderBy(col("people").desc(), col("dept").asc())
    try byDept.show()

    let ranked = try people.select(col("name"), col("dept"), col("salary"),
                                   rank().over(Window.partitionBy("dept").orderBy(col("salary").desc())).alias("rank"))
        .orderBy("dept", "rank")
    try ranked.show()

    people.createOrReplaceTempView("people")
    try spark.sql("""
        SELECT dept, count(*) AS people, round(avg(salary), 2) AS avg_salary
        FROM people WHERE dept IS NOT NULL GROUP BY dept HAVING count(*) > 1 ORDER BY dept
        """).show()
} catch {
    FileHandle.standardError.write(Data("DataFrames failed: \(error)\n".utf8))
    exit(1)
}
