import CFlintIntrinsics

/// The per-record loops of `SerializedRecordSorter`, formed where a `KeyOrdering` is created
/// (its initialisers are `@inlinable`), so that they run specialised for the concrete key and
/// value types. In the sorter's generic code every record's key copy, index append and output
/// append went through value witnesses and a generic metadata lookup.
@usableFromInline
struct SerializedSortKernels<K, C> {
    /// Appends `(key, frameNumber << 32 | offset of the value)` to `index` for every record of
    /// `frame`, reading keys and skipping values. O(records).
    @usableFromInline
    let index: (_ frame: [UInt8], _ frameNumber: Int, _ keys: Serializer<K>, _ values: Serializer<C>,
                _ index: inout [(K, Int)]) throws -> Void
    /// Decodes the records that `index[range]` refers to, in that order, prefetching values a
    /// few records ahead (`bases`: each frame's address). `readers` holds one reader per frame,
    /// moved to each value in turn: a reader made per record retained and released its frame
    /// (two atomic operations per record). O(range.count).
    @usableFromInline
    let decode: (_ index: [(K, Int)], _ range: Range<Int>, _ readers: inout [ByteReader], _ bases: [UnsafeRawPointer?],
                 _ values: Serializer<C>) throws -> [(K, C)]

    /// How many records ahead `decode` prefetches a value's bytes: in key order the values are
    /// scattered over the frames, one cache miss each, which the prefetches overlap.
    @inlinable
    static var prefetchDistance: Int { 8 }

    @inlinable
    init() {
        index = { frame, frameNumber, keys, values, index in
            var reader = ByteReader(frame)
            while !reader.isAtEnd {
                let key = try keys.read(from: &reader)
                index.append((key, frameNumber << 32 | reader.position))
                try values.skip(in: &reader)
            }
        }
        decode = { index, range, readers, bases, values in
            var batch: [(K, C)] = []
            batch.reserveCapacity(range.count)
            let distance = Self.prefetchDistance
            try readers.withUnsafeMutableBufferPointer { readers in
                for position in range {
                    if position + distance < index.count {
                        let ahead = index[position + distance].1
                        if let base = bases[ahead >> 32] { flint_prefetch(base + (ahead & 0xFFFF_FFFF)) }
                    }
                    let reference = index[position].1
                    let frame = reference >> 32
                    readers[frame].offset = reference & 0xFFFF_FFFF
                    batch.append((index[position].0, try values.read(from: &readers[frame])))
                }
            }
            return batch
        }
    }
}
