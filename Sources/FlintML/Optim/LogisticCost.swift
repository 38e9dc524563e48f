import FlintCore
import FlintLinalg
import Foundation

/// The objective LogisticRegression minimises, as Spark's `BinaryLogisticBlockAggregator` and
/// `MultinomialLogisticBlockAggregator` with `L2Regularization`: the weighted mean log-loss of
/// the model on standardized, centered features plus ½ λ₂ Σ (βⱼ/sⱼ)² (sⱼ = 1 with
/// standardization, σⱼ otherwise). Coefficients are laid out as Spark's, column-major
/// K × (d + 1): coefficient (class k, feature j) at j·K + k, intercept k at d·K + k (K = 1 for
/// binomial). Each evaluation is one `treeAggregate` over the cached blocks: the margins of a
/// block by one GEMM (GEMV for binomial) on the raw features, the gradient by another, the
/// scaling and centering folded into the coefficients and a per-class offset.
struct LogisticCost: DiffFunction {
    let blocks: RDD<InstanceBlock>
    let numClasses: Int
    let multinomial: Bool
    let featureStds: [Double]
    let featureMeans: [Double]
    let fitIntercept: Bool
    let l2: Double
    let standardization: Bool
    let depth: Int

    private var sets: Int { multinomial ? numClasses : 1 }

    private struct Partial: Sendable {
        var loss = 0.0
        var weight = 0.0
        /// Σ multipliers · x (raw), d × K column-major.
        var featureGradient: [Double]
        /// Σ multipliers per class.
        var multiplierSum: [Double]
    }

    func calculate(_ coefficients: [Double]) throws -> (value: Double, gradient: [Double]) {
        let d = featureStds.count, k = sets
        // Raw-space coefficients U (d × K, column-major) and offsets b_k − Σⱼ βₖⱼ x̄ⱼ/σⱼ.
        var raw = [Double](repeating: 0, count: d * k)
        var offsets = [Double](repeating: 0, count: k)
        for c in 0..<k {
            if fitIntercept { offsets[c] = coefficients[d * k + c] }
            for j in 0..<d where featureStds[j] != 0 {
                let beta = coefficients[j * k + c]
                raw[c * d + j] = beta / featureStds[j]
                if fitIntercept { offsets[c] -= beta * featureMeans[j] / featureStds[j] }
            }
        }
        let multinomial = self.multinomial
        let zero = Partial(featureGradient: [Double](repeating: 0, count: d * k), multiplierSum: [Double](repeating: 0, count: k))
        let partial = try blocks.treeAggregate(zero, seqOp: { partial, block in
            var result = partial
            if multinomial {
                Self.addMultinomial(block, raw: raw, offsets: offsets, classes: k, into: &result)
            } else {
                Self.addBinary(block, raw: raw, offset: offsets[0], into: &result)
            }
            return result
        }, combOp: { a, b in
            Partial(loss: a.loss + b.loss, weight: a.weight + b.weight, featureGradient: zip(a.featureGradient, b.featureGradient).map(+),
                    multiplierSum: zip(a.multiplierSum, b.multiplierSum).map(+))
        }, depth: depth)
        guard partial.weight > 0 else { throw MLError.invalidData("Sum of weights cannot be zero.") }
        var loss = partial.loss / partial.weight
        var gradient = [Double](repeating: 0, count: coefficients.count)
        for c in 0..<k {
            for j in 0..<d where featureStds[j] != 0 {
                let centered = fitIntercept ? featureMeans[j] * partial.multiplierSum[c] : 0
                gradient[j * k + c] = (partial.featureGradient[c * d + j] - centered) / featureStds[j] / partial.weight
            }
            if fitIntercept { gradient[d * k + c] = partial.multiplierSum[c] / partial.weight }
        }
        if l2 != 0 {
            for index in 0..<(d * k) {
                let j = index / k
                let scale = standardization ? 1 : (featureStds[j] != 0 ? 1 / (featureStds[j] * featureStds[j]) : 0)
                loss += 0.5 * l2 * coefficients[index] * coefficients[index] * scale
                gradient[index] += l2 * coefficients[index] * scale
            }
        }
        return (loss, gradient)
    }

    /// log(1 + eᵐ) without overflow.
    @inline(__always)
    static func log1pExp(_ m: Double) -> Double { m > 0 ? m + log1p(exp(-m)) : log1p(exp(m)) }

    private static func addBinary(_ block: InstanceBlock, raw: [Double], offset: Double, into partial: inout Partial) {
        let n = block.count, d = block.numFeatures
        guard n > 0 else { return }
        var margins = [Double](repeating: offset, count: n)
        block.features.withUnsafeBufferPointer { x in
            raw.withUnsafeBufferPointer { u in
                margins.withUnsafeMutableBufferPointer { m in BLAS.gemv(transposeA: true, m: d, n: n, alpha: 1, a: x, lda: d, x: u, beta: 1, y: m) }
            }
        }
        var multipliers = margins
        for i in 0..<n {
            let w = block.weights[i], margin = margins[i]
            let positive = block.labels[i] > 0.5
            partial.loss += w * (log1pExp(margin) - (positive ? margin : 0))
            partial.weight += w
            multipliers[i] = w * (1 / (1 + exp(-margin)) - (positive ? 1 : 0))
            partial.multiplierSum[0] += multipliers[i]
        }
        block.features.withUnsafeBufferPointer { x in
            multipliers.withUnsafeBufferPointer { v in
                partial.featureGradient.withUnsafeMutableBufferPointer { g in BLAS.gemv(m: d, n: n, alpha: 1, a: x, lda: d, x: v, beta: 1, y: g) }
            }
        }
    }

    private static func addMultinomial(_ block: InstanceBlock, raw: [Double], offsets: [Double], classes k: Int, into partial: inout Partial) {
        let n = block.count, d = block.numFeatures
        guard n > 0 else { return }
        // Mᵀ (K × n) = Uᵀ X + offsets.
        var margins = [Double](repeating: 0, count: k * n)
        for i in 0..<n { for c in 0..<k { margins[i * k + c] = offsets[c] } }
        block.features.withUnsafeBufferPointer { x in
            raw.withUnsafeBufferPointer { u in
                margins.withUnsafeMutableBufferPointer { m in
                    BLAS.gemm(transposeA: true, m: k, n: n, k: d, alpha: 1, a: u, lda: d, b: x, ldb: d, beta: 1, c: m, ldc: k)
                }
            }
        }
        for i in 0..<n {
            let w = block.weights[i], label = Int(block.labels[i])
            let labelMargin = margins[i * k + label]
            var largest = -Double.infinity
            for c in 0..<k { largest = max(largest, margins[i * k + c]) }
            var total = 0.0
            for c in 0..<k {
                let e = exp(margins[i * k + c] - largest)
                margins[i * k + c] = e
                total += e
            }
            partial.loss += w * (log(total) + largest - labelMargin)
            partial.weight += w
            for c in 0..<k {
                let multiplier = w * (margins[i * k + c] / total - (c == label ? 1 : 0))
                margins[i * k + c] = multiplier
                partial.multiplierSum[c] += multiplier
            }
        }
        // G (d × K) += X Multᵀ.
        block.features.withUnsafeBufferPointer { x in
            margins.withUnsafeBufferPointer { mult in
                partial.featureGradient.withUnsafeMutableBufferPointer { g in
                    BLAS.gemm(transposeB: true, m: d, n: k, k: n, alpha: 1, a: x, lda: d, b: mult, ldb: k, beta: 1, c: g, ldc: d)
                }
            }
        }
    }
}
