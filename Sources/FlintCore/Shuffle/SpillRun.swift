import Foundation

/// A run of `(K, C)` records written to a spill file in compressed, checksummed frames, in the
/// order given (sorted by the caller), and read back as a stream for an external merge.
struct SpillRun<K, C> {
    let file: URL

    /// Writes `records` to a new spill file; returns the run and the bytes written.
    static func write<S: Sequence>(_ records: S, manager: ShuffleManager, keySerializer: Serializer<K>,
                                   valueSerializer: Serializer<C>) throws -> (SpillRun, Int) where S.Element == (K, C) {
        let file = manager.newSpillFile()
        let output = try FileOutput(url: file)
        let frameWriter = BlockFrameWriter(codec: manager.spillCodec)
        var buffer = ByteWriter()
        var frame: [UInt8] = []
        func cut() throws {
            guard buffer.count > 0 else { return }
            frame.removeAll(keepingCapacity: true)
            buffer.withUnsafeBytes { frameWriter.appendFrame(of: $0, to: &frame) }
            try output.write(frame)
            buffer.removeAll(keepingCapacity: true)
        }
        for (key, value) in records {
            try keySerializer.write(key, into: &buffer)
            try valueSerializer.write(value, into: &buffer)
            if buffer.count >= manager.fileBufferSize { try cut() }
        }
        try cut()
        try output.close()
        return (SpillRun(file: file), output.written)
    }

    /// Opens the run for streaming.
    func open(keySerializer: Serializer<K>, valueSerializer: Serializer<C>) throws -> RecordStream<K, C> {
        let frames = try FrameFileStream(url: file)
        return RecordStream(batches: BatchIterator {
            guard let payload = try frames.next() else { return nil }
            return try decodeRecords(payload, keySerializer: keySerializer, valueSerializer: valueSerializer)
        })
    }
}

/// Decodes a frame payload of back-to-back serialised `(K, V)` records. Inlinable, so that
/// kernels formed where the key and value types are known (`Aggregator`) run it specialised: in
/// generic code every record's append looked up the array type's metadata.
@inlinable
func decodeRecords<K, V>(_ payload: [UInt8], keySerializer: Serializer<K>,
                         valueSerializer: Serializer<V>) throws -> [(K, V)] {
    var reader = ByteReader(payload)
    var records: [(K, V)] = []
    while !reader.isAtEnd {
        let key = try keySerializer.read(from: &reader)
        let value = try valueSerializer.read(from: &reader)
        records.append((key, value))
    }
    return records
}

/// A stream of records with a one-record look-ahead, for k-way merges.
final class RecordStream<K, C> {
    private let batches: BatchIterator<(K, C)>
    private var batch: [(K, C)] = []
    private var index = 0

    init(batches: BatchIterator<(K, C)>) {
        self.batches = batches
    }

    /// The next record without consuming it, or nil at the end.
    func peek() throws -> (K, C)? {
        if index == batch.count {
            guard let next = try batches.nextBatch() else { return nil }
            batch = next
            index = 0
        }
        return batch[index]
    }

    /// Consumes the record `peek` returned.
    func advance() { index += 1 }
}
