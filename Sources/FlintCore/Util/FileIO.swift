import Foundation

/// A file opened for appending bytes, on POSIX calls (no Data bridging on the shuffle path),
/// buffered in 1 MiB. Used by the shuffle, spills, the block store and output writers.
public final class FileOutput {
    /// The file.
    public let url: URL
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 20
    /// Bytes written so far.
    public private(set) var written = 0

    /// Creates (or truncates) the file.
    /// - Throws: `FlintError.io` naming the file.
    public init(url: URL) throws {
        self.url = url
        fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw FlintError.io(path: url.path, reason: String(cString: strerror(errno))) }
        buffer.reserveCapacity(bufferLimit)
    }

    /// Appends `bytes`.
    /// - Throws: `FlintError.io` naming the file.
    public func write(_ bytes: [UInt8]) throws {
        written += bytes.count
        if buffer.count + bytes.count > bufferLimit { try flush() }
        if bytes.count >= bufferLimit {
            try writeFully(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try writeFully(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeFully(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FlintError.io(path: url.path, reason: String(cString: strerror(errno)))
                }
                offset += n
            }
        }
    }

    /// Flushes and closes the file.
    /// - Throws: `FlintError.io` naming the file.
    public func close() throws {
        defer {
            if fd >= 0 { Foundation.close(fd) }
            fd = -1
        }
        try flush()
    }

    deinit {
        if fd >= 0 { Foundation.close(fd) }
    }

    /// Writes `bytes` as the whole content of `url`.
    static func writeAll(_ bytes: [UInt8], to url: URL) throws {
        let output = try FileOutput(url: url)
        try output.write(bytes)
        try output.close()
    }

    /// Atomically moves `source` over `destination`.
    /// - Throws: `FlintError.io` naming the destination.
    public static func replace(_ destination: URL, with source: URL) throws {
        guard rename(source.path, destination.path) == 0 else {
            throw FlintError.io(path: destination.path, reason: String(cString: strerror(errno)))
        }
    }
}

/// A file opened for positional reads. Immutable and read with `pread` (no shared file
/// position), so tasks may read one `FileInput` at the same time.
final class FileInput: @unchecked Sendable {
    let url: URL
    private let fd: Int32
    /// The file's size in bytes.
    let size: Int

    /// Opens the file.
    /// - Throws: `FlintError.io` naming the file.
    init(url: URL) throws {
        self.url = url
        fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw FlintError.io(path: url.path, reason: String(cString: strerror(errno))) }
        var info = stat()
        fstat(fd, &info)
        size = Int(info.st_size)
    }

    deinit { Foundation.close(fd) }

    /// Reads exactly the bytes of `range`.
    /// - Throws: `FlintError.io` if the file is shorter or a read fails.
    func read(_ range: Range<Int>) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            var done = 0
            while done < range.count {
                let n = pread(fd, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else {
                    initialized = done
                    throw FlintError.io(path: url.path, reason: n == 0
                        ? "unexpected end of file at byte \(range.lowerBound + done) (wanted \(range))"
                        : String(cString: strerror(errno)))
                }
                done += n
            }
            initialized = done
        }
    }
}
