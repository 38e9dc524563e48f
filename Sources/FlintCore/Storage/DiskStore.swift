import Foundation
import Synchronization

/// Blocks written to local disk, one file per block under `<local dir>/flint-<app>/blocks/`,
/// in the block format of `BlockEncoder` (checksummed frames). Files are written under a
/// temporary name and renamed, so a reader never sees half a block.
final class DiskStore: @unchecked Sendable {
    let directory: URL
    private let sizes = Mutex<[BlockId: Int]>([:])

    /// Creates the store's directory.
    /// - Throws: `FlintError.io` if it cannot be created.
    init(directory: URL) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FlintError.io(path: directory.path, reason: "cannot create the block directory: \(error)")
        }
    }

    /// The file of block `id` (whether or not it exists).
    func file(for id: BlockId) -> URL { directory.appendingPathComponent(id.description) }

    /// Writes a whole block at once.
    /// - Throws: `FlintError.io` if the file cannot be written.
    func put(_ id: BlockId, bytes: [UInt8]) throws {
        try put(id) { output in try output.write(bytes) }
    }

    /// Writes a block through `write`, which appends its frames to the file; the block becomes
    /// visible when `write` returns.
    /// - Throws: `FlintError.io`, or what `write` throws (the partial file is removed).
    func put(_ id: BlockId, write: (FileOutput) throws -> Void) throws {
        let temporary = directory.appendingPathComponent("\(id).\(UUID().uuidString.prefix(8)).tmp")
        do {
            let output = try FileOutput(url: temporary)
            try write(output)
            try output.close()
            try FileOutput.replace(file(for: id), with: temporary)
            sizes.withLock { $0[id] = output.written }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Whether block `id` is on disk.
    func contains(_ id: BlockId) -> Bool { sizes.withLock { $0[id] != nil } }

    /// The size on disk of block `id`, if stored.
    func size(of id: BlockId) -> Int? { sizes.withLock { $0[id] } }

    /// Deletes block `id`; returns whether it was stored.
    @discardableResult
    func remove(_ id: BlockId) -> Bool {
        guard sizes.withLock({ $0.removeValue(forKey: id) }) != nil else { return false }
        try? FileManager.default.removeItem(at: file(for: id))
        return true
    }

    /// The ids and sizes of the blocks stored for RDD `rddId`.
    func blocks(ofRDD rddId: Int) -> [(id: BlockId, size: Int)] {
        sizes.withLock { sizes in sizes.compactMap { id, size in id.rddId == rddId ? (id, size) : nil } }
    }
}
