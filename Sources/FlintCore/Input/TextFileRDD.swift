import Foundation

/// The lines of text files (`textFile`), one partition per split: files are cut into byte
/// ranges of about `totalSize / minPartitions` bytes (at most 32 MiB, Spark's local block size)
/// and each split reads whole lines (see `LineReader`). Unlike Hadoop, the split size shrinks
/// a little when that makes the number of splits a multiple of the task slots, so that the
/// last wave of tasks keeps every slot busy (7 splits on 2 slots would leave one idle for a
/// whole task's time; 8 slightly smaller ones do not).
public final class TextFileRDD: RDD<String>, @unchecked Sendable {
    /// A byte range of one file.
    struct Split: Equatable {
        let path: String
        let start: Int
        let end: Int
    }

    let splits: [Split]
    static let blockSize = 32 << 20
    static let compressedExtensions: Set<String> = ["gz", "bz2", "xz", "zst", "lz4", "snappy", "deflate"]

    /// The lines of the files `path` names, in splits of about `totalSize / minPartitions`.
    convenience init(context: FlintContext, path: String, minPartitions: Int, callSite: CallSite) throws {
        try self.init(context: context, splits: Self.inputSplits(path, minPartitions: minPartitions, slots: context.defaultParallelism),
                      callSite: callSite)
    }

    /// The lines of `splits`, one partition each.
    init(context: FlintContext, splits: [Split], callSite: CallSite) {
        self.splits = splits
        super.init(context: context, dependencies: [], numPartitions: splits.count, callSite: callSite)
    }

    /// The total size in bytes of the files `path` names (comma-separated lists, directories
    /// and globs allowed), for planners that estimate input sizes.
    /// - Throws: `FlintError.inputNotFound` for a path that matches nothing.
    public static func totalSize(of path: String) throws -> Int {
        try InputPaths.expand(path).reduce(0) { $0 + $1.size }
    }

    /// The splits of the files `path` names.
    /// - Throws: `FlintError.inputNotFound`, or `.invalidArgument` for compressed files.
    static func inputSplits(_ path: String, minPartitions: Int, slots: Int) throws -> [Split] {
        computeSplits(try uncompressedFiles(path), minPartitions: minPartitions, slots: slots)
    }

    /// The files `path` names, none of them compressed.
    /// - Throws: `FlintError.inputNotFound`, or `.invalidArgument` for compressed files.
    static func uncompressedFiles(_ path: String) throws -> [InputPaths.File] {
        let files = try InputPaths.expand(path)
        // Hadoop reads these through decompression codecs; Flint does not yet, and reading the
        // compressed bytes as lines would give garbage.
        if let compressed = files.first(where: { Self.compressedExtensions.contains(($0.path as NSString).pathExtension.lowercased()) }) {
            throw FlintError.invalidArgument(
                "textFile: \(compressed.path) is compressed (.\((compressed.path as NSString).pathExtension)); "
                    + "compressed text input is not supported yet: decompress it first")
        }
        return files
    }

    /// The same splits read as chunks of raw line bytes (`RDD<[UInt8]>`, each element a few
    /// hundred KiB of whole lines ending in `\n`), for parsers that work on bytes (CSV): no
    /// String per line. The chunks RDD reads the files itself; this RDD is not computed.
    public func chunks() -> RDD<[UInt8]> {
        TextChunksRDD(context: context, splits: splits, callSite: callSite)
    }

    /// Hadoop's FileInputFormat split sizes: goal = total / minPartitions, split = min(goal,
    /// block), a last piece of up to 1.1 × split stays whole; empty files give one empty split.
    /// When that gives more splits than `slots` but not a multiple of it, the split size
    /// shrinks to reach the next multiple (see the type's comment), if one cut of the files
    /// does.
    static func computeSplits(_ files: [InputPaths.File], minPartitions: Int, slots: Int = 1) -> [Split] {
        let total = files.reduce(0) { $0 + $1.size }
        let goal = total / Swift.max(minPartitions, 1)
        let splitSize = Swift.max(1, Swift.min(goal, blockSize))
        let splits = cut(files, splitSize: splitSize)
        guard slots > 1, splits.count > slots, splits.count % slots != 0 else { return splits }
        let rounded = (splits.count + slots - 1) / slots * slots
        let balanced = cut(files, splitSize: Swift.max(1, (total + rounded - 1) / rounded))
        return balanced.count % slots == 0 ? balanced : splits
    }

    /// Each file cut into pieces of `splitSize` bytes, a last piece of up to `slack` × that
    /// whole (Hadoop's 1.1; 1 for Spark's file scans, which cut exactly).
    static func cut(_ files: [InputPaths.File], splitSize: Int, slack: Double = 1.1) -> [Split] {
        var splits: [Split] = []
        for file in files {
            var remaining = file.size
            var start = 0
            while Double(remaining) / Double(splitSize) > slack {
                splits.append(Split(path: file.path, start: start, end: start + splitSize))
                start += splitSize
                remaining -= splitSize
            }
            splits.append(Split(path: file.path, start: start, end: file.size))
        }
        return splits
    }

    override public var kindName: String { "TextFileRDD" }

    /// A reader of `split`'s whole lines.
    /// - Throws: `FlintError.io` naming the file and range.
    static func openReader(_ split: Split) throws -> LineReader {
        do {
            return try LineReader(path: split.path, start: split.start, end: split.end)
        } catch {
            throw FlintError.io(path: split.path, reason: "cannot read split \(split.start)..<\(split.end): \(error)")
        }
    }

    /// The file and byte range partition `partition` reads (its first line is the first one
    /// that starts at or after `start`, unless `start` is 0).
    public func split(ofPartition partition: Int) -> (path: String, start: Int, end: Int) {
        let split = splits[partition]
        return (split.path, split.start, split.end)
    }

    /// The 1-based number of the first line a split starting at byte `offset` of `path`
    /// reads: the split skips the line in progress at `offset` (the previous split reads it,
    /// even when it starts exactly at `offset`), so its first line follows the first newline at
    /// or after `offset`. Reads the file up to `offset`: call it only to report an error.
    /// - Throws: `FlintError.io` if the file cannot be read.
    public static func firstLineNumber(ofSplitAt offset: Int, in path: String) throws -> Int {
        guard offset > 0 else { return 1 }
        let input = try FileInput(url: URL(fileURLWithPath: path))
        var newlines = 0
        var position = 0
        let chunk = 1 << 20
        while position < offset {
            let end = Swift.min(position + chunk, offset)
            newlines += try input.read(position..<end).withUnsafeBufferPointer(LineReader.newlines)
            position = end
        }
        return newlines + 2
    }

    override public func compute(partition: Int, context: TaskContext) throws -> BatchIterator<String> {
        Self.lineBatches(try Self.openReader(splits[partition]), context: context) {
            try $0.nextLines(BatchIterator<String>.defaultBatchSize)
        }
    }

    /// The batches of lines `next` reads from `reader`, counted (lines and bytes read) as the
    /// task's input; the task's interruption is checked before each batch.
    private static func lineBatches(_ reader: LineReader, context: TaskContext,
                                    next: @escaping (inout LineReader) throws -> [String]?) -> BatchIterator<String> {
        var reader = reader
        var consumed = reader.bytesRead
        return BatchIterator {
            try context.checkInterrupted()
            guard let lines = try next(&reader) else { return nil }
            context.metrics.inputRecords += lines.count
            context.metrics.inputBytes += reader.bytesRead - consumed
            consumed = reader.bytesRead
            return lines
        }
    }

    /// About `size` of the split's lines, read as runs of consecutive lines at up to
    /// `sampleWindows` places: the split is cut into that many equal strata and each run starts
    /// at a seeded random line of its stratum. `fraction` is the share of the split's bytes the
    /// runs cover. nil for splits under 4 MiB or when `size` exceeds a quarter of the lines
    /// (estimated from the split's first 64 KiB; reading everything is then as cheap).
    /// Cost: a few small reads per window instead of a pass over the split (the range
    /// partitioner's sketch read every byte of the input to sample 1% of it). Unlike Spark's
    /// per-record sample this is a cluster sample: enough for range bounds, which only balance
    /// the partitions.
    override public func computeSampledPartition(partition: Int, context: TaskContext, size: Int,
                                                 seed: UInt64) throws -> SampledPartition<String>? {
        let split = splits[partition]
        let length = split.end - split.start
        guard length >= Self.minimumSampledSplit else { return nil }
        // Reading errors are `FlintError.io`, naming the file.
        let input = try FileInput(url: URL(fileURLWithPath: split.path))
        guard let lines = try Self.estimatedLines(split, in: input), Double(size) < Double(lines) / 4 else { return nil }
        let windows = Swift.min(Self.sampleWindows, size)
        let perWindow = (size + windows - 1) / windows
        // Room for the run's lines at twice the estimated line length, so that one read
        // usually holds a run; the run stays inside its stratum unless lines vary a lot.
        let span = Swift.min(length / windows, 2 * perWindow * (length / lines + 1))
        var random = SeededRandom(seed: seed)
        var sampled: [String] = []
        sampled.reserveCapacity(windows * perWindow)
        var covered = 0
        for window in 0..<windows {
            try context.checkInterrupted()
            let stratum = split.start + window * length / windows
            let slack = UInt64(Swift.max(1, length / windows - span))
            var reader = try LineReader(input: input, start: stratum + Int(random.next() % slack), end: split.end,
                                        chunk: Swift.max(span, 4096))
            let before = reader.bytesRead
            guard let run = try reader.nextLines(perWindow) else { continue }
            sampled += run
            covered += reader.bytesRead - before
        }
        context.metrics.inputRecords += sampled.count
        context.metrics.inputBytes += covered
        guard covered > 0 else { return nil }
        return SampledPartition(elements: BatchIterator(sampled), fraction: Swift.min(1, Double(covered) / Double(length)))
    }

    /// Places a split's sample is read from (`computeSampledPartition`).
    static let sampleWindows = 128

    /// Splits smaller than this are read whole when sampled.
    static let minimumSampledSplit = 4 << 20

    /// The number of lines in `split` of the open `input` extrapolated from the newlines in its
    /// first 64 KiB; nil when there are none (lines that long are too few to sample).
    /// - Throws: `FlintError.io` if the file cannot be read.
    static func estimatedLines(_ split: Split, in input: FileInput) throws -> Int? {
        let probe = Swift.min(64 << 10, split.end - split.start)
        let newlines = try input.read(split.start..<split.start + probe).withUnsafeBufferPointer(LineReader.newlines)
        guard newlines > 0 else { return nil }
        return Int(Double(split.end - split.start) * Double(newlines) / Double(probe))
    }
}

/// Whole files as `(path, content)` pairs (`wholeTextFiles`), files spread over partitions.
public final class WholeTextFilesRDD: RDD<(String, String)>, @unchecked Sendable {
    private let groups: [[InputPaths.File]]

    init(context: FlintContext, path: String, minPartitions: Int, callSite: CallSite) throws {
        let files = try InputPaths.expand(path)
        let count = Swift.max(1, Swift.min(minPartitions, files.count))
        groups = (0..<count).map { i in Array(files[(i * files.count / count)..<((i + 1) * files.count / count)]) }
        super.init(context: context, dependencies: [], numPartitions: count, callSite: callSite)
    }

    override public var kindName: String { "WholeTextFileRDD" }

    override public func compute(partition: Int, context: TaskContext) throws -> BatchIterator<(String, String)> {
        let records = try groups[partition].map { file -> (String, String) in
            let bytes = try FileInput(url: URL(fileURLWithPath: file.path)).read(0..<file.size)
            context.metrics.inputBytes += bytes.count
            return ("file:" + file.path, String(decoding: bytes, as: UTF8.self))
        }
        context.metrics.inputRecords += records.count
        return BatchIterator(records)
    }
}
