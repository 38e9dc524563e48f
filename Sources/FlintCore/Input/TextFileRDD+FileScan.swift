extension FlintContext {
    /// The lines of the files `path` names, split as Spark's DataFrame file sources split their
    /// input (`FilePartition.maxSplitBytes`), for the CSV, JSON, text and LIBSVM readers:
    /// `maxSplitBytes = min(maxPartitionBytes, max(openCostInBytes, bytesPerCore))`, where
    /// `bytesPerCore` is the total size (each file counting `openCostInBytes` more) over
    /// `flint.sql.files.minPartitionNum` (default: the default parallelism), and each file is
    /// cut into pieces of exactly that size. A 208 MB file on two cores reads as two splits of
    /// 104 MB, as in Spark; `textFile` (Hadoop's rule, 32 MB blocks) gives eight. Unlike Spark,
    /// small files are not packed together: each file is at least one split.
    /// - Throws: `FlintError.inputNotFound` for a path that matches nothing,
    ///   `.invalidArgument` for compressed files, `FlintConfError.invalidValue` for a bad setting.
    public func fileScanLines(_ path: String, file: String = #fileID, line: Int = #line) throws -> TextFileRDD {
        let files = try TextFileRDD.uncompressedFiles(path)
        let maxPartitionBytes = try conf.getSizeAsBytes(ConfigEntry.sqlFilesMaxPartitionBytes, default: 128 << 20)
        let openCost = try conf.getSizeAsBytes(ConfigEntry.sqlFilesOpenCostInBytes, default: 4 << 20)
        let minPartitions = try conf.getInt(ConfigEntry.sqlFilesMinPartitionNum, default: defaultParallelism)
        for (entry, value) in [(ConfigEntry.sqlFilesMaxPartitionBytes, maxPartitionBytes), (.sqlFilesMinPartitionNum, minPartitions)]
        where value <= 0 {
            throw FlintConfError.invalidValue(key: entry.key, value: "\(value)", expected: "a positive value")
        }
        let splitBytes = TextFileRDD.scanSplitBytes(files.map(\.size), maxPartitionBytes: maxPartitionBytes,
                                                    openCostInBytes: Swift.max(0, openCost), minPartitions: minPartitions)
        return TextFileRDD(context: self, splits: TextFileRDD.cut(files, splitSize: splitBytes, slack: 1),
                           callSite: CallSite("fileScan", file: file, line: line))
    }
}

extension TextFileRDD {
    /// Spark's `FilePartition.maxSplitBytes` for files of `sizes` bytes (at least 1).
    static func scanSplitBytes(_ sizes: [Int], maxPartitionBytes: Int, openCostInBytes: Int, minPartitions: Int) -> Int {
        let total = sizes.reduce(0) { $0 + $1 + openCostInBytes }
        let bytesPerCore = total / Swift.max(1, minPartitions)
        return Swift.max(1, Swift.min(maxPartitionBytes, Swift.max(openCostInBytes, bytesPerCore)))
    }
}
