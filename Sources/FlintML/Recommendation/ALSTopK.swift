import FlintLinalg

/// The top-k kernel of ALS recommendations: for query rows of one factor table, the `num`
/// best-scored ids of another table, scores being dot products.
///
/// The queries are taken `blockSize` at a time and scored against `blockSize` ids of the other
/// table at a time by one single-precision GEMM (`blockSize²` floats of scores, 64 MB at the
/// default 4096); each query row keeps its best `num` in a bounded min-heap, so a task holds
/// `blockSize × num` candidates whatever the size of the other table.
///
/// Order: rating descending, and among equal ratings the larger id first — Spark's order, which
/// takes the top k of `struct(rating, id)` (`collect_top_k`). NaN ranks above every number and
/// -0.0 ties with 0.0, as in Spark's SQL ordering of floats. Unlike Spark, whose per-block
/// selection breaks ties at the k-th place arbitrarily, the selection here follows that order
/// exactly, so results are deterministic.
enum ALSTopK {
    /// One recommendation: an id of the other table and its score.
    typealias Scored = (id: Int32, rating: Float)

    /// Whether `(rating, id)` ranks above `(otherRating, otherId)` (see the type's doc).
    @inline(__always)
    static func ranksAbove(_ rating: Float, _ id: Int32, _ otherRating: Float, _ otherId: Int32) -> Bool {
        if rating.isNaN { return !otherRating.isNaN || id > otherId }
        if otherRating.isNaN { return false }
        return rating > otherRating || (rating == otherRating && id > otherId)
    }

    /// For each of `rows` (positions in `source`), the best `min(num, destination.count)` ids of
    /// `destination` with their scores, best first. O(rows × destination × rank) in GEMMs plus
    /// O(rows × destination × log num) for the selection at worst.
    static func recommend(source: ALSFactors, rows: [Int], destination: ALSFactors, num: Int, blockSize: Int) -> [[Scored]] {
        precondition(source.rank == destination.rank && num > 0 && blockSize > 0, "ALSTopK: bad arguments")
        BLAS.useOneThreadPerTask
        let rank = source.rank
        let k = min(num, destination.count)
        guard k > 0 else { return rows.map { _ in [] } }
        let queryBlock = min(blockSize, rows.count)
        let targetBlock = min(blockSize, destination.count)
        var query = [Float](repeating: 0, count: queryBlock * rank)
        var scores = [Float](repeating: 0, count: queryBlock * targetBlock)
        var result: [[Scored]] = []
        result.reserveCapacity(rows.count)
        for start in stride(from: 0, to: rows.count, by: blockSize) {
            let m = min(blockSize, rows.count - start)
            source.values.withUnsafeBufferPointer { values in
                query.withUnsafeMutableBufferPointer { query in
                    for i in 0..<m {
                        let from = values.baseAddress! + rows[start + i] * rank
                        (query.baseAddress! + i * rank).update(from: from, count: rank)
                    }
                }
            }
            var heaps = Heaps(count: m, capacity: k)
            for first in stride(from: 0, to: destination.count, by: blockSize) {
                let n = min(blockSize, destination.count - first)
                destination.values.withUnsafeBufferPointer { targets in
                    query.withUnsafeBufferPointer { query in
                        scores.withUnsafeMutableBufferPointer { scores in
                            // Column i of the n × m result: query row i against the n targets.
                            BLAS.gemm(transposeA: true, m: n, n: m, k: rank, alpha: 1,
                                      a: UnsafeBufferPointer(rebasing: targets[(first * rank)..<((first + n) * rank)]), lda: rank,
                                      b: query, ldb: rank, beta: 0, c: scores, ldc: n)
                        }
                    }
                }
                scores.withUnsafeBufferPointer { scores in
                    destination.ids.withUnsafeBufferPointer { ids in
                        for i in 0..<m {
                            heaps.offer(row: i, scores: UnsafeBufferPointer(rebasing: scores[(i * n)..<((i + 1) * n)]),
                                        ids: UnsafeBufferPointer(rebasing: ids[first..<(first + n)]))
                        }
                    }
                }
            }
            for i in 0..<m { result.append(heaps.best(row: i)) }
        }
        return result
    }

    /// Bounded min-heaps, one per query row, stored flat (`capacity` slots per row); the root of
    /// each is the candidate that ranks lowest, the one a better candidate replaces.
    struct Heaps {
        let capacity: Int
        var ratings: [Float]
        var ids: [Int32]
        var sizes: [Int]

        init(count: Int, capacity: Int) {
            self.capacity = capacity
            ratings = [Float](repeating: 0, count: count * capacity)
            ids = [Int32](repeating: 0, count: count * capacity)
            sizes = [Int](repeating: 0, count: count)
        }

        /// Offers every (`ids[j]`, `scores[j]`) to the heap of `row`.
        mutating func offer(row: Int, scores: UnsafeBufferPointer<Float>, ids targetIds: UnsafeBufferPointer<Int32>) {
            let capacity = capacity
            var size = sizes[row]
            ratings.withUnsafeMutableBufferPointer { ratingBuffer in
                ids.withUnsafeMutableBufferPointer { idBuffer in
                    let heapRatings = ratingBuffer.baseAddress! + row * capacity
                    let heapIds = idBuffer.baseAddress! + row * capacity
                    for j in 0..<scores.count {
                        let rating = scores[j], id = targetIds[j]
                        if size < capacity {
                            Heaps.siftUp(rating, id, at: size, heapRatings, heapIds)
                            size += 1
                        } else if !(rating < heapRatings[0]), ALSTopK.ranksAbove(rating, id, heapRatings[0], heapIds[0]) {
                            Heaps.siftDown(rating, id, size: size, heapRatings, heapIds)
                        }
                    }
                }
            }
            sizes[row] = size
        }

        /// Places (`rating`, `id`) at the free slot `slot` and moves it up past the parents it ranks below.
        @inline(__always)
        static func siftUp(_ rating: Float, _ id: Int32, at slot: Int, _ ratings: UnsafeMutablePointer<Float>, _ ids: UnsafeMutablePointer<Int32>) {
            var child = slot
            while child > 0 {
                let parent = (child - 1) / 2
                guard ALSTopK.ranksAbove(ratings[parent], ids[parent], rating, id) else { break }
                ratings[child] = ratings[parent]
                ids[child] = ids[parent]
                child = parent
            }
            ratings[child] = rating
            ids[child] = id
        }

        /// Replaces the root with (`rating`, `id`) and moves it down past the children that rank below it.
        @inline(__always)
        static func siftDown(_ rating: Float, _ id: Int32, size: Int, _ ratings: UnsafeMutablePointer<Float>, _ ids: UnsafeMutablePointer<Int32>) {
            var parent = 0
            while true {
                var child = 2 * parent + 1
                guard child < size else { break }
                if child + 1 < size, ALSTopK.ranksAbove(ratings[child], ids[child], ratings[child + 1], ids[child + 1]) { child += 1 }
                guard ALSTopK.ranksAbove(rating, id, ratings[child], ids[child]) else { break }
                ratings[parent] = ratings[child]
                ids[parent] = ids[child]
                parent = child
            }
            ratings[parent] = rating
            ids[parent] = id
        }

        /// The candidates of `row`, best first. O(k log k).
        func best(row: Int) -> [Scored] {
            let base = row * capacity
            return (base..<(base + sizes[row])).map { (ids[$0], ratings[$0]) }
                .sorted { ALSTopK.ranksAbove($0.rating, $0.id, $1.rating, $1.id) }
        }
    }
}
