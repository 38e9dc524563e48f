extension ColumnVector {
    /// The rows of this column dealt to partitions: row `r` goes to partition
    /// `partitionOfRow[r]`, whose rows come out in row order; `starts[p]..<starts[p + 1]` is
    /// where partition p's rows fall when laid out one partition after another (a counting
    /// sort's offsets). Returns one vector per partition, empty ones included.
    ///
    /// A scatter, not a gather: the rows are read once in order and written to one stream per
    /// partition, then each partition's run is copied out. Gathering each partition's rows
    /// instead reads the column in a scattered order, a cache miss per row once the column is
    /// larger than the caches (an exchange splits a few MB at a time). Columns with nulls and
    /// boxed values are gathered.
    func dealt(to partitionOfRow: [Int32], starts: [Int]) -> [ColumnVector] {
        let partitions = starts.count - 1
        guard validity == nil else { return gathered(partitionOfRow, starts: starts) }
        func split<T>(_ values: [T], _ wrap: ([T]) -> Storage) -> [ColumnVector] {
            let runs = Self.deal(values, partitionOfRow, starts)
            return (0..<partitions).map { partition in
                ColumnVector(dataType: dataType, storage: wrap(Array(runs[starts[partition]..<starts[partition + 1]])))
            }
        }
        switch storage {
        case let .boolean(values): return split(values, Storage.boolean)
        case let .int32(values): return split(values, Storage.int32)
        case let .int64(values): return split(values, Storage.int64)
        case let .float32(values): return split(values, Storage.float32)
        case let .float64(values): return split(values, Storage.float64)
        case let .string(values): return split(values, Storage.string)
        case .values: return gathered(partitionOfRow, starts: starts)
        }
    }

    /// `values` laid out partition after partition (partition p's at `starts[p]...`), in one
    /// pass over `values`.
    private static func deal<T>(_ values: [T], _ partitionOfRow: [Int32], _ starts: [Int]) -> [T] {
        var next = starts
        return [T](unsafeUninitializedCapacity: values.count) { buffer, initialized in
            next.withUnsafeMutableBufferPointer { next in
                values.withUnsafeBufferPointer { values in
                    partitionOfRow.withUnsafeBufferPointer { partitionOfRow in
                        for row in values.indices {
                            let partition = Int(partitionOfRow[row])
                            (buffer.baseAddress! + next[partition]).initialize(to: values[row])
                            next[partition] += 1
                        }
                    }
                }
            }
            initialized = values.count
        }
    }

    /// `dealt(to:starts:)` by one gather per partition.
    private func gathered(_ partitionOfRow: [Int32], starts: [Int]) -> [ColumnVector] {
        var rows = [[Int]](repeating: [], count: starts.count - 1)
        for partition in rows.indices { rows[partition].reserveCapacity(starts[partition + 1] - starts[partition]) }
        for (row, partition) in partitionOfRow.enumerated() { rows[Int(partition)].append(row) }
        return rows.map { gather($0) }
    }
}
