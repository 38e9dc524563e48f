extension DataFrame {
    /// About `fraction` of the rows, drawn without replacement (each row kept with that
    /// probability), as Spark's `sample(false, fraction, seed)`. The same seed over the same input
    /// keeps the same rows.
    /// - Throws: `AnalysisError.unsupported` for a fraction outside [0, 1].
    public func sample(fraction: Double, seed: Int64 = Int64.random(in: .min ... .max)) throws -> DataFrame {
        guard (0...1).contains(fraction) else {
            throw AnalysisError.unsupported("Sampling fraction (\(fraction)) must be on interval [0, 1] without replacement")
        }
        return try derive { .sample(lowerBound: 0, upperBound: fraction, seed: seed, $0) }
    }

    /// Disjoint frames holding about `weights[i] / Σ weights` of the rows each, as Spark's
    /// `randomSplit`: every row falls in exactly one split, decided by one draw per row from
    /// `seed`. Cache the frame first when its rows could come in another order on recomputation.
    /// - Throws: `AnalysisError.unsupported` for a negative weight or weights summing to 0.
    public func randomSplit(_ weights: [Double], seed: Int64 = Int64.random(in: .min ... .max)) throws -> [DataFrame] {
        guard weights.allSatisfy({ $0 >= 0 }) else {
            throw AnalysisError.unsupported("Weights must be nonnegative, but got [\(weights.map { "\($0)" }.joined(separator: ", "))]")
        }
        let total = weights.reduce(0, +)
        guard total > 0 else {
            throw AnalysisError.unsupported("Sum of weights must be positive, but got [\(weights.map { "\($0)" }.joined(separator: ", "))]")
        }
        var bounds = [0.0]
        for weight in weights { bounds.append(bounds.last! + weight / total) }
        bounds[bounds.count - 1] = 1
        return try weights.indices.map { index in
            try derive { .sample(lowerBound: bounds[index], upperBound: bounds[index + 1], seed: seed, $0) }
        }
    }

    /// The rows dealt evenly over `numPartitions` partitions by a shuffle, as Spark's `repartition`.
    /// - Throws: `AnalysisError.unsupported` when `numPartitions` is not positive.
    public func repartition(_ numPartitions: Int) throws -> DataFrame {
        guard numPartitions > 0 else { throw AnalysisError.unsupported("Number of partitions (\(numPartitions)) must be positive.") }
        return try derive { .repartition(numPartitions, shuffle: true, $0) }
    }

    /// The rows shuffled by the hash of `columns` into `numPartitions` partitions (rows with equal
    /// values in the same partition), as Spark's `repartition(numPartitions, cols)`. A later join
    /// or aggregation on those columns with as many partitions reads it in place.
    /// - Throws: `AnalysisError.unsupported` when `numPartitions` is not positive or no column is
    ///   given; an unknown column when the frame is analysed.
    public func repartition(_ numPartitions: Int, _ columns: Column...) throws -> DataFrame {
        guard numPartitions > 0 else { throw AnalysisError.unsupported("Number of partitions (\(numPartitions)) must be positive.") }
        return try repartition(byExpressions: columns, numPartitions: numPartitions)
    }

    /// The rows shuffled by the hash of `columns` into `flint.sql.shuffle.partitions`
    /// partitions, as Spark's `repartition(cols)`.
    public func repartition(_ columns: Column...) throws -> DataFrame {
        try repartition(byExpressions: columns, numPartitions: nil)
    }

    /// The rows shuffled by the hash of the columns named, as Spark's `repartition(colNames)`.
    public func repartition(_ names: String...) throws -> DataFrame {
        try repartition(byExpressions: names.map { Column($0) }, numPartitions: nil)
    }

    private func repartition(byExpressions columns: [Column], numPartitions: Int?) throws -> DataFrame {
        guard !columns.isEmpty else { throw AnalysisError.unsupported("repartition needs at least one partitioning column") }
        return try derive { .repartitionByExpression(columns.map(\.expression), numPartitions: numPartitions, $0) }
    }

    /// At most `numPartitions` partitions, merging neighbours without a shuffle, as Spark's `coalesce`.
    /// - Throws: `AnalysisError.unsupported` when `numPartitions` is not positive.
    public func coalesce(_ numPartitions: Int) throws -> DataFrame {
        guard numPartitions > 0 else { throw AnalysisError.unsupported("Number of partitions (\(numPartitions)) must be positive.") }
        return try derive { .repartition(numPartitions, shuffle: false, $0) }
    }
}
