import Flint
import Foundation

extension Workload {
    /// The `bench.iterative.storageLevel` setting (`--conf`), Spark's level names; MEMORY_ONLY by
    /// default.
    static let storageLevelKey = "bench.iterative.storageLevel"

    /// Parses kv.csv into `(key, value, cat)` records, persists them, and runs 10 passes; pass i
    /// counts and sums the values of the keys ≡ i (mod 10), so the passes together cover every
    /// record once: Σ counts must be the row count and Σ sums the manifest's Σ of values.
    static func iterative(_ sc: FlintContext, _ path: String, _ dataset: KVDataset?) throws -> WorkloadOutcome {
        let level = try StorageLevel.fromString(sc.conf.get(storageLevelKey) ?? "MEMORY_ONLY")
        let lines = try sc.textFile(path)
        let header = try headerLine(path) { Parsing.kvRecord($0) == nil }
        let records = try lines.filter { $0 != header }.map { line -> (Int64, Double, String) in
            guard let record = Parsing.kvRecord(line) else { throw BenchError.malformed(file: path, record: line) }
            return record
        }.persist(level)
        var passSeconds: [Double] = []
        var totalCount = 0
        var totalSum = 0.0
        for pass in 0..<10 {
            let start = ProcessStats.now()
            let residue = Int64(pass)
            let (count, sum) = try records.filter { $0.0 % 10 == residue }
                .aggregate((0, 0.0), seqOp: { ($0.0 + 1, $0.1 + $1.1) }, combOp: { ($0.0 + $1.0, $0.1 + $1.1) })
            passSeconds.append(ProcessStats.now() - start)
            totalCount += count
            totalSum += sum
        }
        let info = sc.storageInfo(of: records)
        let inputBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let cachedMean = passSeconds.dropFirst().reduce(0, +) / Double(passSeconds.count - 1)
        var ok: Bool?
        if let dataset, let expectedSum = Double(dataset.expected.groupby.sumOfSums) {
            ok = totalCount == dataset.rows && relativelyClose(totalSum, expectedSum)
                && info.numCachedPartitions == records.numPartitions
        }
        return WorkloadOutcome(
            result: [("storage_level", .string(level.description)), ("rows", .int(totalCount)),
                     ("sum_of_values", .fixed(totalSum, digits: 2)),
                     ("first_pass_s", .fixed(passSeconds[0], digits: 3)),
                     ("cached_pass_mean_s", .fixed(cachedMean, digits: 3)),
                     ("first_to_cached_ratio", .fixed(passSeconds[0] / cachedMean, digits: 1)),
                     ("pass_s", .array(passSeconds.map { .fixed($0, digits: 3) })),
                     ("cached_partitions", .int(info.numCachedPartitions)),
                     ("cache_memory_bytes", .int(info.memorySize)), ("cache_disk_bytes", .int(info.diskSize)),
                     ("input_bytes", .int(inputBytes)),
                     ("cache_to_input_ratio", .fixed(Double(info.memorySize + info.diskSize) / Double(max(inputBytes, 1)),
                                                     digits: 2))],
            ok: ok, notes: ["pass 1 reads, parses and caches; passes 2-10 read the cache"],
            inputPartitions: lines.numPartitions, outputPartitions: records.numPartitions)
    }
}
