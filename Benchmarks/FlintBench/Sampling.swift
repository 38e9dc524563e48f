import Flint

extension SeededRandom {
    /// A uniform integer in `0..<bound` (bound > 0) from one 64-bit draw, by multiply-high
    /// (Lemire's method without the rejection step: the bias is below bound / 2^64).
    @inline(__always)
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}

/// Walker's alias table (Vose's construction): draws index i with probability
/// `weights[i] / Σ weights` in O(1) from one 64-bit random number, whatever the number of
/// outcomes (up to 2^31). Used for the Zipf word ranks of the corpus.
struct AliasTable {
    /// Per column: keep the column when the upper 32 random bits are below this.
    private let threshold: [UInt32]
    /// Per column: the outcome taken otherwise.
    private let alias: [Int32]

    /// Builds the table in O(n).
    /// - Precondition: `weights` is non-empty, has fewer than 2^31 entries, and all are >= 0
    ///   with a positive sum.
    init(weights: [Double]) {
        let n = weights.count
        precondition(n > 0 && n < Int(Int32.max), "an alias table needs 1..<2^31 weights")
        let total = weights.reduce(0, +)
        precondition(total > 0, "alias table weights must have a positive sum")
        var scaled = weights.map { $0 * Double(n) / total }
        var thresholds = [UInt32](repeating: .max, count: n)
        var aliases = (0..<n).map { Int32($0) }
        var small: [Int] = []
        var large: [Int] = []
        for (index, probability) in scaled.enumerated() {
            if probability < 1 { small.append(index) } else { large.append(index) }
        }
        while let less = small.popLast(), let more = large.last {
            thresholds[less] = UInt32(Swift.min(scaled[less] * 4_294_967_296.0, 4_294_967_295.0))
            aliases[less] = Int32(more)
            scaled[more] -= 1 - scaled[less]
            if scaled[more] < 1 {
                large.removeLast()
                small.append(more)
            }
        }
        // Whatever is left has probability 1 up to rounding: keep the column.
        threshold = thresholds
        alias = aliases
    }

    /// An outcome drawn from `random`: the low 32 bits pick a column, the high 32 bits decide
    /// between the column and its alias.
    @inline(__always)
    func sample(_ random: UInt64) -> Int {
        let column = Int(truncatingIfNeeded: ((random & 0xFFFF_FFFF) &* UInt64(threshold.count)) >> 32)
        return UInt32(truncatingIfNeeded: random >> 32) < threshold[column] ? column : Int(alias[column])
    }
}

/// The `k` smallest elements of `elements` by `areInIncreasingOrder`, in order, in one pass
/// with O(k) memory (insertion into a sorted prefix): for top-k of large local arrays.
func smallest<C: Collection>(_ k: Int, of elements: C,
                             by areInIncreasingOrder: (C.Element, C.Element) -> Bool) -> [C.Element] {
    guard k > 0 else { return [] }
    var best: [C.Element] = []
    best.reserveCapacity(k + 1)
    for element in elements {
        if best.count == k, !areInIncreasingOrder(element, best[k - 1]) { continue }
        var position = best.count
        while position > 0, areInIncreasingOrder(element, best[position - 1]) { position -= 1 }
        best.insert(element, at: position)
        if best.count > k { best.removeLast() }
    }
    return best
}
