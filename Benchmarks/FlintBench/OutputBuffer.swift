#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written through one large in-memory buffer: appends are pointer stores, and the
/// buffer goes to the file in multi-megabyte `write(2)` calls. Not thread-safe: one per file.
final class OutputBuffer {
    private let path: String
    private let descriptor: Int32
    private let capacity: Int
    private let storage: UnsafeMutablePointer<UInt8>
    private var used = 0
    private var isOpen = true
    /// Bytes written to the file so far, including what is still buffered.
    private(set) var bytesWritten = 0

    /// Creates (or truncates) the file at `path`.
    /// - Throws: `BenchError.io` when it cannot be created.
    init(path: String, capacity: Int = 8 << 20) throws {
        self.path = path
        self.capacity = capacity
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw BenchError.io(path: path, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
        if isOpen { close(descriptor) }
    }

    /// Makes room for `bytes` more bytes (at most 4 KiB per call), flushing when needed.
    @inline(__always)
    func reserve(_ bytes: Int) throws {
        if used + bytes > capacity { try flush() }
    }

    /// Appends one byte; call `reserve` first.
    @inline(__always)
    func append(_ byte: UInt8) {
        storage[used] = byte
        used += 1
        bytesWritten += 1
    }

    /// Appends `bytes`; call `reserve` first.
    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        (storage + used).update(from: bytes.baseAddress!, count: bytes.count)
        used += bytes.count
        bytesWritten += bytes.count
    }

    /// Appends the bytes of a literal such as a CSV header; call `reserve` first.
    @inline(__always)
    func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the decimal digits of `value` (at most 20 bytes); call `reserve` first.
    @inline(__always)
    func append(_ value: Int64) {
        if value < 0 {
            append(UInt8(ascii: "-"))
            append(value.magnitude)
        } else {
            append(UInt64(value))
        }
    }

    /// Appends the decimal digits of `value` (at most 20 bytes); call `reserve` first.
    @inline(__always)
    func append(_ value: UInt64) {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        var position = used + digits
        rest = value
        repeat {
            position -= 1
            storage[position] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
            rest /= 10
        } while rest > 0
        used += digits
        bytesWritten += digits
    }

    /// Appends `value` in fixed-width decimal with leading zeros, e.g. 7 as "07" for width 2;
    /// call `reserve` first.
    @inline(__always)
    func append(zeroPadded value: Int, width: Int) {
        var rest = value
        for offset in stride(from: width - 1, through: 0, by: -1) {
            storage[used + offset] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
            rest /= 10
        }
        used += width
        bytesWritten += width
    }

    /// Writes the buffered bytes to the file.
    /// - Throws: `BenchError.io` on a write error (disk full, ...).
    func flush() throws {
        var offset = 0
        while offset < used {
            let written = write(descriptor, storage + offset, used - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw BenchError.io(path: path, reason: "write failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        used = 0
    }

    /// Flushes and closes the file (the buffer is unusable afterwards).
    /// - Throws: `BenchError.io` on a write or close error.
    func finish() throws {
        try flush()
        isOpen = false
        guard close(descriptor) == 0 else {
            throw BenchError.io(path: path, reason: "close failed: \(String(cString: strerror(errno)))")
        }
    }
}
