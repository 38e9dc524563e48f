/// Estimates the heap bytes of records from a sample of their serialised sizes (a cheap proxy
/// for storage outside the inline value, such as long strings or arrays). A moving mean over
/// the last ~64 samples; sampling one record costs one serialisation.
struct SizeSampler<K, C> {
    let keySerializer: Serializer<K>
    let valueSerializer: Serializer<C>
    private var scratch = ByteWriter()
    private var total = 0
    private var count = 0

    init(keySerializer: Serializer<K>, valueSerializer: Serializer<C>) {
        self.keySerializer = keySerializer
        self.valueSerializer = valueSerializer
    }

    /// Adds one record to the sample.
    mutating func sample(_ key: K, _ value: C) throws {
        scratch.removeAll(keepingCapacity: true)
        try keySerializer.write(key, into: &scratch)
        try valueSerializer.write(value, into: &scratch)
        total += scratch.count
        count += 1
        if count > 64 {
            total /= 2
            count /= 2
        }
    }

    /// Estimated bytes of `records` records held in a container that stores each inline with
    /// `overheadFactor` times its inline size.
    func estimate(records: Int, overheadFactor: Int) -> Int {
        let inline = (MemoryLayout<K>.stride + MemoryLayout<C>.stride + 8) * overheadFactor
        return records * (inline + (count == 0 ? 0 : total / count))
    }
}
