import Foundation

/// `manifest.json` of a data directory: the same layout as the anchor kit's
/// (/work/shared/bench/gen_data.py, `datasets.<name>.expected`), so the checks work on both.
/// flint-bench's generator also sets `generator` (the kit's manifest has none) and `seed`.
/// Keys are snake_case on disk; unknown keys (the kit's ML datasets, hashes) are ignored.
struct Manifest: Codable {
    /// "flint-bench" for data written by `flint-bench generate`; nil for the anchor kit.
    var generator: String?
    /// The generator's format version.
    var genVersion: Int?
    /// "small" or "medium".
    var scale: String?
    /// The master seed (flint-bench only; the kit seeds each dataset with a fixed integer).
    var seed: UInt64?
    /// The datasets present, with their expected answers.
    var datasets: Datasets

    /// The datasets the RDD workloads read.
    struct Datasets: Codable {
        /// corpus.txt (wordcount).
        var text: TextDataset?
        /// kv.csv (reducebykey).
        var kv: KVDataset?
        /// sort.csv (sort).
        var sort: SortDataset?
        /// ratings_train.csv / ratings_test.csv (als).
        var ratings: RatingsDataset?
    }

    /// Where the manifest came from, for the result lines.
    var source: String { generator ?? "anchor-kit" }

    /// Reads `<directory>/manifest.json`; nil when there is none.
    /// - Throws: `BenchError.io` when it exists but cannot be read or parsed.
    static func load(directory: String) throws -> Manifest? {
        let path = (directory as NSString).appendingPathComponent("manifest.json")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(Manifest.self, from: data)
        } catch {
            throw BenchError.io(path: path, reason: "not a readable manifest: \(error)")
        }
    }

    /// Writes the manifest to `<directory>/manifest.json`, pretty-printed.
    /// - Throws: `BenchError.io` when it cannot be written.
    func save(directory: String) throws {
        let path = (directory as NSString).appendingPathComponent("manifest.json")
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path))
        } catch {
            throw BenchError.io(path: path, reason: "cannot write the manifest: \(error)")
        }
    }
}

/// `datasets.text`: the word corpus.
struct TextDataset: Codable {
    var files: [String]
    var lines: Int
    var vocabSize: Int?
    var zipfS: Double?
    var expected: Expected

    /// Exact answers of wordcount.
    struct Expected: Codable {
        var totalWords: Int
        var distinctWords: Int
        /// The 10 most frequent words, by count descending then word (ties are improbable).
        var top10: [WordCount]
    }
}

/// A `[word, count]` pair, stored as a two-element JSON array as in the kit.
struct WordCount: Codable, Equatable {
    var word: String
    var count: Int

    init(word: String, count: Int) {
        self.word = word
        self.count = count
    }

    init(from decoder: Decoder) throws {
        var container = try decoder.unkeyedContainer()
        word = try container.decode(String.self)
        count = try container.decode(Int.self)
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(word)
        try container.encode(count)
    }
}

/// `datasets.kv`: the key/value table of the group-by (reducebykey) workload.
struct KVDataset: Codable {
    var files: [String]
    var rows: Int
    var keySpace: Int?
    var expected: Expected

    /// Answers of the group-by.
    struct Expected: Codable {
        var groupby: GroupBy
        var join: Join?
    }

    /// `SELECT COUNT(*), SUM(kv.value*dim.weight) FROM kv JOIN dim USING (key)`.
    struct Join: Codable {
        var rows: Int
        var sumValueTimesWeight: String
    }

    /// `SELECT key, SUM(value) s FROM kv GROUP BY key`: the group count, Σs as an exact
    /// decimal string, and Σs².
    struct GroupBy: Codable {
        var nGroups: Int
        var sumOfSums: String
        var sumOfSquaredSums: Double?
        var top3BySum: [[Double]]?
    }
}

/// `datasets.sort`: the table of the sort workload.
struct SortDataset: Codable {
    var files: [String]
    var rows: Int
    var expected: Expected

    /// First and last records in key order, and the order checksum
    /// `Σ_rank (rank+1)·uint64(key) mod 2^64` as a decimal string.
    struct Expected: Codable {
        var firstKey: Int64
        var firstPayload: String
        var lastKey: Int64
        var lastPayload: String
        var checksum: String
    }
}

/// `datasets.ratings`: the kit's low-rank ratings (als).
struct RatingsDataset: Codable {
    var expected: Expected

    /// The test RMSE of the generating factors (the noise floor).
    struct Expected: Codable {
        var testRmseOfTrueFactors: Double
    }
}
