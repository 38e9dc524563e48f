import Flint

/// Writes `kv.csv` (`key,value,cat`): keys uniform in `0..<keySpace`, values uniform in
/// [0, 1000) with two decimals, categories `cat000`... uniform, as the anchor kit's table.
/// Sums the values per key in integer cents while writing, for exact group-by answers.
struct KVGenerator {
    /// Rows to write.
    let rows: Int
    /// Keys are drawn from `0..<keySpace`.
    let keySpace: Int
    /// Number of categories.
    let categories: Int

    /// Writes `<directory>/kv.csv` and returns its manifest entry.
    /// - Throws: `BenchError.io` when the file cannot be written.
    func generate(directory: String, seed: UInt64) throws -> KVDataset {
        var random = SeededRandom(seed: seed)
        var sumCents = [Int64](repeating: 0, count: keySpace)
        var present = [Bool](repeating: false, count: keySpace)
        let output = try OutputBuffer(path: directory + "/kv.csv")
        try output.reserve(64)
        output.append("key,value,cat\n")
        for _ in 0..<rows {
            let key = random.below(keySpace)
            let cents = random.below(100_000)
            let category = random.below(categories)
            sumCents[key] += Int64(cents)
            present[key] = true
            try output.reserve(64)
            output.append(Int64(key))
            output.append(UInt8(ascii: ","))
            output.append(UInt64(cents / 100))
            output.append(UInt8(ascii: "."))
            output.append(zeroPadded: cents % 100, width: 2)
            output.append(",cat")
            output.append(zeroPadded: category, width: 3)
            output.append(UInt8(ascii: "\n"))
        }
        try output.finish()
        let total = sumCents.reduce(0, +)
        let squares = sumCents.reduce(0.0) { $0 + (Double($1) / 100) * (Double($1) / 100) }
        let sumText = "\(total / 100)." + (total % 100 < 10 ? "0" : "") + "\(total % 100)"
        return KVDataset(files: ["kv.csv"], rows: rows, keySpace: keySpace,
                         expected: .init(groupby: .init(nGroups: present.count { $0 }, sumOfSums: sumText,
                                                        sumOfSquaredSums: squares)))
    }
}

/// Writes `sort.csv` (`key,value`): uniform signed 64-bit keys and values (the anchor kit has
/// 16-hex payloads instead; the sort workload reads the second column as a string either way).
/// Computes the expected order checksum by sorting the keys after writing.
struct SortGenerator {
    /// Rows to write.
    let rows: Int

    /// Writes `<directory>/sort.csv` and returns its manifest entry.
    /// - Throws: `BenchError.io` when the file cannot be written.
    func generate(directory: String, seed: UInt64) throws -> SortDataset {
        var random = SeededRandom(seed: seed)
        var keys = [Int64]()
        keys.reserveCapacity(rows)
        var first: (key: Int64, value: Int64) = (.max, 0)
        var last: (key: Int64, value: Int64) = (.min, 0)
        let output = try OutputBuffer(path: directory + "/sort.csv")
        try output.reserve(64)
        output.append("key,value\n")
        for row in 0..<rows {
            let key = Int64(bitPattern: random.next())
            let value = Int64(bitPattern: random.next())
            keys.append(key)
            // Ties (improbable) keep the first row written, as a stable sort would.
            if key < first.key || row == 0 { first = (key, value) }
            if key > last.key || row == 0 { last = (key, value) }
            try output.reserve(48)
            output.append(key)
            output.append(UInt8(ascii: ","))
            output.append(value)
            output.append(UInt8(ascii: "\n"))
        }
        try output.finish()
        keys.sort()
        var checksum: UInt64 = 0
        for (rank, key) in keys.enumerated() {
            checksum &+= UInt64(rank + 1) &* UInt64(bitPattern: key)
        }
        return SortDataset(files: ["sort.csv"], rows: rows,
                           expected: .init(firstKey: first.key, firstPayload: String(first.value),
                                           lastKey: last.key, lastPayload: String(last.value),
                                           checksum: String(checksum)))
    }
}
