import Flint
import Foundation

extension Workload {
    /// kv.csv and dim.csv as DataFrames with the kit's schemas.
    private static func kvFrames(_ session: FlintSession, _ path: String) throws -> (kv: DataFrame, dim: DataFrame) {
        let dimPath = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("dim.csv")
        let kv = try session.read.option("header", true).schema("key BIGINT, value DOUBLE, cat STRING").csv(path)
        let dim = try session.read.option("header", true).schema("key BIGINT, name STRING, weight DOUBLE").csv(dimPath)
        return (kv, dim)
    }

    /// The kit's groupby: `groupBy(key).agg(sum(value))`, cached, then count, Σs, Σs² and the top 3.
    static func dataFrameGroupBy(_ sc: FlintContext, _ path: String, _ dataset: KVDataset?) throws -> WorkloadOutcome {
        let session = FlintSession(context: sc)
        let (kv, _) = try kvFrames(session, path)
        let grouped = try kv.groupBy("key").agg(sum("value").alias("s")).cache()
        let totals = try singleRow(grouped.agg(count("*"), sum("s"), sum(col("s") * col("s"))))
        let top3 = try grouped.orderBy(col("s").desc(), col("key").asc()).limit(3).collect()
        grouped.unpersist()
        let groups = Int(totals[0].longValue ?? -1)
        let total = totals[1].doubleValue ?? .nan, squares = totals[2].doubleValue ?? .nan
        var ok: Bool?
        if let expected = dataset?.expected.groupby, let expectedSum = Double(expected.sumOfSums) {
            ok = groups == expected.nGroups && relativelyClose(total, expectedSum)
                && expected.sumOfSquaredSums.map { relativelyClose(squares, $0) } ?? true
                && expected.top3BySum.map { $0.map { Int64($0[0]) } == top3.map { $0[0].longValue ?? -1 } } ?? true
        }
        return WorkloadOutcome(
            result: [("n_groups", .int(groups)), ("sum_of_sums", .fixed(total, digits: 2)), ("sum_of_squared_sums", .double(squares)),
                     ("top3_by_sum", .array(top3.map { .array([.int(Int($0[0].longValue ?? -1)), .double($0[1].doubleValue ?? .nan)]) }))],
            ok: ok, notes: ["DataFrame API: read.csv with the kit's schema, groupBy/agg, cached, then two queries"],
            inputPartitions: try kv.batchRDD.numPartitions, outputPartitions: session.shufflePartitions)
    }

    /// The kit's join: `kv.join(dim, "key")`, then count and Σ value·weight.
    static func dataFrameJoin(_ sc: FlintContext, _ path: String, _ dataset: KVDataset?) throws -> WorkloadOutcome {
        let session = FlintSession(context: sc)
        let (kv, dim) = try kvFrames(session, path)
        let totals = try singleRow(kv.join(dim, using: ["key"]).agg(count("*"), sum(col("value") * col("weight"))))
        let rows = Int(totals[0].longValue ?? -1)
        let total = totals[1].doubleValue ?? .nan
        var ok: Bool?
        if let expected = dataset?.expected.join, let expectedSum = Double(expected.sumValueTimesWeight) {
            ok = rows == expected.rows && relativelyClose(total, expectedSum)
        }
        return WorkloadOutcome(
            result: [("rows", .int(rows)), ("sum_value_times_weight", .fixed(total, digits: 4))],
            ok: ok, notes: ["DataFrame API: shuffled hash join of both sides on key"],
            inputPartitions: try kv.batchRDD.numPartitions, outputPartitions: session.shufflePartitions)
    }

    /// The filter + project scan (also run in DuckDB for the comparison in Benchmarks/README.md).
    static let scanQuery = """
        SELECT count(*) AS n, sum(v2) AS s FROM (
          SELECT key, value * 2 AS v2 FROM kv WHERE value > 500 AND cat = 'cat042')
        """

    /// The multi-join aggregate.
    static let multiJoinQuery = """
        WITH totals AS (SELECT key, sum(value) AS total FROM kv GROUP BY key)
        SELECT kv.cat, count(*) AS n, sum(kv.value * dim.weight) AS s, max(totals.total) AS top
        FROM kv JOIN dim ON kv.key = dim.key JOIN totals ON kv.key = totals.key
        WHERE dim.weight > 0.5 GROUP BY kv.cat ORDER BY kv.cat
        """

    /// Runs `query` over the views `kv` and `dim`; reports the row count and a checksum of the
    /// numeric cells (no expected answer in the manifest: compare with DuckDB by hand).
    static func sqlQuery(_ sc: FlintContext, _ path: String, _ query: String) throws -> WorkloadOutcome {
        let session = FlintSession(context: sc)
        let (kv, dim) = try kvFrames(session, path)
        kv.createOrReplaceTempView("kv")
        dim.createOrReplaceTempView("dim")
        let rows = try session.sql(query).collect()
        let checksum = rows.flatMap(\.values).compactMap(\.doubleValue).reduce(0, +)
        return WorkloadOutcome(
            result: [("rows", .int(rows.count)), ("numeric_checksum", .double(checksum)),
                     ("first_row", .string(rows.first?.description ?? ""))],
            ok: nil, notes: ["SQL over read.csv views; no expected answer in the manifest"],
            inputPartitions: try kv.batchRDD.numPartitions, outputPartitions: session.shufflePartitions)
    }

    /// The single row of a global aggregate.
    private static func singleRow(_ frame: DataFrame) throws -> [Value] {
        guard let row = try frame.collect().first else { throw BenchError.malformed(file: "query", record: "no result row") }
        return row.values
    }
}
