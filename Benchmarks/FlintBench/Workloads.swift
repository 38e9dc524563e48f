import Flint

/// What one run of a workload computed: the fields of the result line's `result` object, and
/// whether they match the manifest's expected answers (nil when the manifest has none).
struct WorkloadOutcome {
    /// The answer, as JSON fields.
    var result: [(String, JSONValue)]
    /// Whether the answer matches the manifest; nil when there is nothing to check against.
    var ok: Bool?
    /// How the result was obtained or checked, e.g. "collect-based".
    var notes: [String] = []
    /// Partitions of the input RDD.
    var inputPartitions: Int
    /// Partitions after the shuffle.
    var outputPartitions: Int
}

/// A benchmark workload: the same RDD program as the anchor kit's workload of that name
/// (/work/shared/bench/spark_rdd_bench.scala and spark_bench.py), so timings are comparable.
enum Workload: String, CaseIterable {
    /// `textFile → flatMap(split(" ")) → map((w, 1)) → reduceByKey(+) → cache`; distinct
    /// (count), total (sum) and top 10 (takeOrdered), as the anchors.
    case wordcount
    /// `textFile → parse (Int64, String) → sortByKey()`, then one pass of per-partition checksums.
    case sort
    /// `textFile → parse (Int64, Double) → reduceByKey(+)`; group count, Σ sums, Σ sums².
    case reducebykey
    /// `textFile → parse (Int64, Double, String) → persist`, then 10 passes over the cached
    /// records (pass i: count and Σ value of the keys ≡ i mod 10); first vs cached pass times
    /// and the cache's size against the input's.
    case iterative
    /// DataFrame: `read.csv(kv.csv)` → `groupBy(key).agg(sum(value) as s)` cached → count, Σs,
    /// Σs², top 3 by s (the kit's groupby).
    case dfgroupby
    /// DataFrame: `kv.join(dim, "key")` → count, Σ value·weight (the kit's join).
    case dfjoin
    /// SQL: a filter and projection scan of kv.csv → count, Σ.
    case sqlscan
    /// SQL: kv ⨝ dim ⨝ per-key totals, grouped by category.
    case sqlmultijoin
    /// spark.ml: LinearRegression on regression_train.csv (normal equations), scored on the test set.
    case linreg
    /// spark.ml: LogisticRegression (L-BFGS, 100 iterations at most) on classification_train.csv.
    case logreg
    /// spark.ml: KMeans (k = 10, k-means||, 20 iterations at most) on kmeans.csv.
    case kmeans
    /// spark.ml fit times on 1 M × 50 (Benchmarks/ml50/gen.py): linear (normal, l-bfgs), logistic.
    case fit50
    /// spark.ml: 3-fold CrossValidator of LogisticRegression over a 2 × 2 grid (classification_cv.csv).
    case cvlogreg
    /// spark.ml: ALS (rank 10, 10 iterations) on ratings_train.csv, test RMSE on ratings_test.csv.
    case als

    /// The file the workload reads in the data directory.
    var inputFile: String {
        switch self {
        case .wordcount: return "corpus.txt"
        case .sort: return "sort.csv"
        case .reducebykey, .iterative, .dfgroupby, .dfjoin, .sqlscan, .sqlmultijoin: return "kv.csv"
        case .linreg: return "regression_train.csv"
        case .logreg: return "classification_train.csv"
        case .kmeans: return "kmeans.csv"
        case .fit50: return "regression.csv"
        case .cvlogreg: return "classification_cv.csv"
        case .als: return "ratings_train.csv"
        }
    }

    /// Runs the workload on `path` with `context` and checks the answer against `manifest`.
    /// - Throws: what the jobs throw, or `BenchError.malformed` for a record it cannot parse.
    func run(context: FlintContext, path: String, manifest: Manifest?) throws -> WorkloadOutcome {
        switch self {
        case .wordcount: return try Self.wordCount(context, path, manifest?.datasets.text?.expected)
        case .sort: return try Self.sort(context, path, manifest?.datasets.sort?.expected)
        case .reducebykey: return try Self.reduceByKey(context, path, manifest?.datasets.kv?.expected.groupby)
        case .iterative: return try Self.iterative(context, path, manifest?.datasets.kv)
        case .dfgroupby: return try Self.dataFrameGroupBy(context, path, manifest?.datasets.kv)
        case .dfjoin: return try Self.dataFrameJoin(context, path, manifest?.datasets.kv)
        case .sqlscan: return try Self.sqlQuery(context, path, Self.scanQuery)
        case .sqlmultijoin: return try Self.sqlQuery(context, path, Self.multiJoinQuery)
        case .linreg: return try Self.linearRegression(context, path)
        case .logreg: return try Self.logisticRegression(context, path)
        case .kmeans: return try Self.kMeans(context, path)
        case .fit50: return try Self.fit50(context, path)
        case .cvlogreg: return try Self.crossValidatedLogistic(context, path)
        case .als: return try Self.alternatingLeastSquares(context, path, manifest?.datasets.ratings?.expected.testRmseOfTrueFactors)
        }
    }

    // MARK: - wordcount

    private static func wordCount(_ sc: FlintContext, _ path: String,
                                  _ expected: TextDataset.Expected?) throws -> WorkloadOutcome {
        let lines = try sc.textFile(path)
        // `fieldSequence(separatedBy:)` is Python's `line.split(" ")`: consecutive spaces give
        // empty tokens. (Java's `split` also drops trailing empty tokens; the corpora have none.)
        let counts = try lines.flatMap { $0.fieldSequence(separatedBy: " ") }.map { ($0, 1) }.reduceByKey { $0 + $1 }.cache()
        // As the anchors: three actions on the cached counts.
        let distinct = try counts.count()
        let total = try counts.map { $0.1 }.reduce(+)
        let top10 = try counts.takeOrdered(10, by: { ($0.1, $1.0) > ($1.1, $0.0) }).map { WordCount(word: $0.0, count: $0.1) }
        counts.unpersist()
        var ok: Bool?
        if let expected {
            ok = total == expected.totalWords && distinct == expected.distinctWords && top10 == expected.top10
        }
        return WorkloadOutcome(
            result: [("total_words", .int(total)), ("distinct_words", .int(distinct)),
                     ("top10", .array(top10.map { .array([.string($0.word), .int($0.count)]) }))],
            ok: ok, notes: ["cached counts, then count, sum and takeOrdered, as the anchors"],
            inputPartitions: lines.numPartitions, outputPartitions: counts.numPartitions)
    }

    // MARK: - sort

    private static func sort(_ sc: FlintContext, _ path: String, _ expected: SortDataset.Expected?) throws -> WorkloadOutcome {
        let lines = try sc.textFile(path)
        let header = try headerLine(path) { Parsing.keyAndRest($0) == nil }
        let records = lines.filter { $0 != header }.map { line -> (Int64, String) in
            guard let record = Parsing.keyAndRest(line) else { throw BenchError.malformed(file: path, record: line) }
            return record
        }
        let sorted = try records.sortByKey()
        let stats = try sorted.mapPartitions { items in BatchIterator([try SortPartitionStats(items)]) }
            .collect().filter { $0.count > 0 }
        var checksum: UInt64 = 0
        var offset: UInt64 = 0
        for part in stats {
            checksum = checksum &+ part.s0 &+ offset &* part.s1
            offset &+= UInt64(part.count)
        }
        let globallySorted = stats.allSatisfy(\.isSorted)
            && zip(stats, stats.dropFirst()).allSatisfy { $0.last!.key <= $1.first!.key }
        let first = stats.first?.first, last = stats.last?.last
        var ok: Bool?
        if let expected {
            ok = globallySorted && String(checksum) == expected.checksum && first?.key == expected.firstKey
                && first?.payload == expected.firstPayload && last?.key == expected.lastKey
                && last?.payload == expected.lastPayload
        }
        return WorkloadOutcome(
            result: [("rows", .uint(offset)), ("first_key", first.map { .int(Int($0.key)) } ?? .null),
                     ("first_payload", first.map { .string($0.payload) } ?? .null),
                     ("last_key", last.map { .int(Int($0.key)) } ?? .null),
                     ("last_payload", last.map { .string($0.payload) } ?? .null),
                     ("checksum", .string(String(checksum))), ("globally_sorted", .bool(globallySorted))],
            ok: ok, inputPartitions: lines.numPartitions, outputPartitions: sorted.numPartitions)
    }

    // MARK: - reducebykey

    private static func reduceByKey(_ sc: FlintContext, _ path: String,
                                    _ expected: KVDataset.GroupBy?) throws -> WorkloadOutcome {
        let lines = try sc.textFile(path)
        let header = try headerLine(path) { Parsing.keyAndDouble($0) == nil }
        let sums = lines.filter { $0 != header }.map { line -> (Int64, Double) in
            guard let record = Parsing.keyAndDouble(line) else { throw BenchError.malformed(file: path, record: line) }
            return record
        }.reduceByKey { $0 + $1 }
        let summary = try sums.aggregate(GroupSummary(), seqOp: { $0.adding($1.1) }, combOp: { $0.merged($1) })
        var ok: Bool?
        if let expected, let expectedSum = Double(expected.sumOfSums) {
            ok = summary.groups == expected.nGroups && relativelyClose(summary.sum, expectedSum)
                && expected.sumOfSquaredSums.map { relativelyClose(summary.sumOfSquares, $0) } ?? true
        }
        return WorkloadOutcome(
            result: [("n_groups", .int(summary.groups)), ("sum_of_sums", .fixed(summary.sum, digits: 2)),
                     ("sum_of_squared_sums", .double(summary.sumOfSquares))],
            ok: ok, notes: ["RDD reduceByKey (the anchors' groupby is a DataFrame groupBy in Spark)"],
            inputPartitions: lines.numPartitions, outputPartitions: sums.numPartitions)
    }

    // MARK: - Helpers

    /// The first line of the file when `isHeader` says it is one (it does not parse as a
    /// record), else nil: the filter then keeps every line.
    static func headerLine(_ path: String, isHeader: (String) -> Bool) throws -> String? {
        let line = try Parsing.firstLine(ofFile: path)
        return isHeader(line) ? line : nil
    }

    /// Agreement to 1e-9 relative, the anchor kit's tolerance for floating-point sums.
    static func relativelyClose(_ value: Double, _ expected: Double) -> Bool {
        abs(value - expected) <= 1e-9 * abs(expected)
    }
}

/// Count, Σ and Σ² of the per-key sums, merged across partitions.
struct GroupSummary: Sendable {
    /// Number of groups (keys).
    var groups = 0
    /// Σ of the per-key sums.
    var sum = 0.0
    /// Σ of the squared per-key sums.
    var sumOfSquares = 0.0

    /// This summary plus one group of sum `value`.
    func adding(_ value: Double) -> GroupSummary {
        GroupSummary(groups: groups + 1, sum: sum + value, sumOfSquares: sumOfSquares + value * value)
    }

    /// The summary of both.
    func merged(_ other: GroupSummary) -> GroupSummary {
        GroupSummary(groups: groups + other.groups, sum: sum + other.sum, sumOfSquares: sumOfSquares + other.sumOfSquares)
    }
}

/// One sorted partition's share of the sort checksum, as the anchor kit computes it: for the
/// partition's keys k_0...k_{c-1}, S0 = Σ (j+1)·k_j and S1 = Σ k_j (wrapping, mod 2^64), plus
/// its first and last records and whether it is in order. The global checksum
/// Σ_rank (rank+1)·k is Σ_p S0_p + offset_p·S1_p, offset_p being the rows before partition p.
struct SortPartitionStats {
    /// Records in the partition.
    var count = 0
    /// Σ (j+1)·uint64(k_j), wrapping.
    var s0: UInt64 = 0
    /// Σ uint64(k_j), wrapping.
    var s1: UInt64 = 0
    /// The partition's first record.
    var first: (key: Int64, payload: String)?
    /// The partition's last record.
    var last: (key: Int64, payload: String)?
    /// Whether every key is >= the one before it.
    var isSorted = true

    /// Consumes a partition's records.
    /// - Throws: what pulling the records throws.
    init(_ records: BatchIterator<(Int64, String)>) throws {
        var previous = Int64.min
        try records.forEachBatch { batch in
            // Keys only in the loop: the payloads are not copied (retained) record by record.
            for index in batch.indices {
                let key = batch[index].0
                let unsigned = UInt64(bitPattern: key)
                count += 1
                s0 = s0 &+ UInt64(count) &* unsigned
                s1 = s1 &+ unsigned
                if key < previous { isSorted = false }
                previous = key
            }
            if first == nil, let head = batch.first { first = head }
            if let tail = batch.last { last = tail }
        }
    }
}
