/// Estimates the memory a partition's objects take, for the byte accounting of deserialised
/// cache blocks (Spark's `SizeEstimator` plays this role).
///
/// Per element: the inline size (`MemoryLayout.stride`), plus, for types that are not plain
/// data (strings, arrays, classes), the mean serialised size of a sample of up to 16 elements
/// per batch as a proxy for what they hold on the heap; plus a small overhead per batch array.
/// Without a serializer for the type only the inline size is counted.
struct ValueSizeEstimator<T> {
    private let serializer: Serializer<T>?
    private var scratch = ByteWriter()
    /// The estimate of everything added so far.
    private(set) var total = 0

    init(serializer: Serializer<T>?) {
        self.serializer = _isPOD(T.self) ? nil : serializer
    }

    /// Adds a batch to the estimate; returns the new total. Cost: up to 16 serialisations.
    mutating func add(_ batch: [T]) -> Int {
        let arrayOverhead = 32
        var perElement = MemoryLayout<T>.stride
        if let serializer, !batch.isEmpty {
            let step = Swift.max(1, batch.count / 16)
            var sampled = 0
            scratch.removeAll(keepingCapacity: true)
            for index in stride(from: 0, to: batch.count, by: step) {
                // An element that cannot be encoded is counted at its inline size only.
                if (try? serializer.write(batch[index], into: &scratch)) != nil { sampled += 1 }
            }
            if sampled > 0 { perElement += scratch.count / sampled }
        }
        total += arrayOverhead + batch.count * perElement
        return total
    }
}
