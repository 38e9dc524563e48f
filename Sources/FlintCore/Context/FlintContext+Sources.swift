/// Creating RDDs from local data and files.
extension FlintContext {
    /// Distributes a local collection over `numSlices` partitions (default: `defaultParallelism`).
    /// The array is held by the RDD; cost: one copy into the slices.
    public func parallelize<T>(_ data: [T], numSlices: Int? = nil, file: String = #fileID,
                               line: Int = #line) -> RDD<T> {
        let slices = Swift.max(1, numSlices ?? defaultParallelism)
        return ParallelCollectionRDD(context: self, data: data, numSlices: slices,
                                     callSite: CallSite("parallelize", file: file, line: line))
    }

    /// The integers `start, start+step, ...` below `end` (above it for a negative step), as
    /// Spark's `range`, computed per partition without materialising the range.
    /// - Precondition: `step != 0`.
    public func range(_ start: Int, _ end: Int, step: Int = 1, numSlices: Int? = nil, file: String = #fileID,
                      line: Int = #line) -> RDD<Int> {
        precondition(step != 0, "range step must not be 0")
        let span = step > 0 ? end - start : start - end
        let magnitude = step > 0 ? step : -step
        let count = span <= 0 ? 0 : (span + magnitude - 1) / magnitude
        return RangeRDD(context: self, start: start, step: step, count: count,
                        numSlices: Swift.max(1, numSlices ?? defaultParallelism),
                        callSite: CallSite("range", file: file, line: line))
    }

    /// The lines of text files: a file, a directory, a glob or a comma-separated list of them,
    /// split into at least `minPartitions` partitions (default `min(defaultParallelism, 2)`) at
    /// byte ranges, as Hadoop's TextInputFormat.
    /// - Throws: `FlintError.inputNotFound` naming a path that matches nothing.
    public func textFile(_ path: String, minPartitions: Int? = nil, file: String = #fileID,
                         line: Int = #line) throws -> RDD<String> {
        try TextFileRDD(context: self, path: path, minPartitions: minPartitions ?? Swift.min(defaultParallelism, 2),
                        callSite: CallSite("textFile", file: file, line: line))
    }

    /// Whole files as `(path, content)` pairs, paths prefixed with `file:` as in Spark.
    /// - Throws: `FlintError.inputNotFound` naming a path that matches nothing.
    public func wholeTextFiles(_ path: String, minPartitions: Int? = nil, file: String = #fileID,
                               line: Int = #line) throws -> RDD<(String, String)> {
        try WholeTextFilesRDD(context: self, path: path, minPartitions: minPartitions ?? Swift.min(defaultParallelism, 2),
                              callSite: CallSite("wholeTextFiles", file: file, line: line))
    }

    /// An RDD with no partitions and no elements.
    public func emptyRDD<T>(of type: T.Type = T.self, file: String = #fileID, line: Int = #line) -> RDD<T> {
        EmptyRDD(context: self, callSite: CallSite("emptyRDD", file: file, line: line))
    }

    /// The partitions of all `rdds`, one after another (no shuffle).
    public func union<T>(_ rdds: [RDD<T>], file: String = #fileID, line: Int = #line) -> RDD<T> {
        UnionRDD(context: self, parents: rdds, callSite: CallSite("union", file: file, line: line))
    }
}
