import FlintCore
import FlintLinalg

/// The objective LinearRegression's "l-bfgs" solver minimises, as Spark's
/// `LeastSquaresBlockAggregator` with `L2Regularization`: in the space where each feature is
/// divided by its standard deviation σⱼ and the label by σ_y,
/// f(β) = ½ Σ wᵢ (Σⱼ βⱼ (xᵢⱼ − x̄ⱼ)/σⱼ − (yᵢ − ȳ)/σ_y)² / Σ wᵢ + ½ λ₂ Σ (βⱼ/sⱼ)²
/// (no centering without intercept; sⱼ = 1 with standardization, σⱼ otherwise). The intercept
/// is not a variable: it follows in closed form. Each evaluation is one `treeAggregate` job over
/// the cached blocks, two GEMVs per block on the raw features (the scaling is folded into the
/// coefficients, so the data is never copied).
struct LeastSquaresCost: DiffFunction {
    let blocks: RDD<InstanceBlock>
    let featureStds: [Double]
    let featureMeans: [Double]
    let labelMean: Double
    let labelStd: Double
    let fitIntercept: Bool
    /// λ₂ (0 for none).
    let l2: Double
    let standardization: Bool
    let depth: Int

    private struct Partial: Sendable {
        var loss = 0.0
        var weight = 0.0
        var gradient: [Double]
    }

    func calculate(_ beta: [Double]) throws -> (value: Double, gradient: [Double]) {
        let d = beta.count
        // Coefficients on the raw features: u = β/σ (0 for constant features).
        let raw = (0..<d).map { featureStds[$0] != 0 ? beta[$0] / featureStds[$0] : 0 }
        let offset = fitIntercept ? labelMean / labelStd - zip(raw, featureMeans).reduce(0) { $0 + $1.0 * $1.1 } : 0
        let inverseLabelStd = 1 / labelStd
        let partial = try blocks.treeAggregate(Partial(gradient: [Double](repeating: 0, count: d)), seqOp: { partial, block in
            var result = partial
            Self.add(block, raw: raw, offset: offset, inverseLabelStd: inverseLabelStd, into: &result)
            return result
        }, combOp: { a, b in
            Partial(loss: a.loss + b.loss, weight: a.weight + b.weight, gradient: zip(a.gradient, b.gradient).map(+))
        }, depth: depth)
        guard partial.weight > 0 else { throw MLError.invalidData("Sum of weights cannot be zero.") }
        var loss = partial.loss / partial.weight
        // ∂f/∂βⱼ = Σ wᵢ diffᵢ xᵢⱼ / σⱼ / Σw (the centering term vanishes: Σ wᵢ diffᵢ = 0).
        var gradient = (0..<d).map { featureStds[$0] != 0 ? partial.gradient[$0] / featureStds[$0] / partial.weight : 0 }
        if l2 != 0 {
            for j in 0..<d {
                let scale = standardization ? 1 : (featureStds[j] != 0 ? 1 / (featureStds[j] * featureStds[j]) : 0)
                loss += 0.5 * l2 * beta[j] * beta[j] * scale
                gradient[j] += l2 * beta[j] * scale
            }
        }
        return (loss, gradient)
    }

    /// Adds a block's loss and gradient sums: diff = x·u + offset − y/σ_y, two GEMVs.
    private static func add(_ block: InstanceBlock, raw: [Double], offset: Double, inverseLabelStd: Double, into partial: inout Partial) {
        let n = block.count, d = block.numFeatures
        guard n > 0 else { return }
        var diffs = block.labels.map { offset - $0 * inverseLabelStd }
        block.features.withUnsafeBufferPointer { x in
            raw.withUnsafeBufferPointer { u in
                diffs.withUnsafeMutableBufferPointer { diff in
                    BLAS.gemv(transposeA: true, m: d, n: n, alpha: 1, a: x, lda: d, x: u, beta: 1, y: diff)
                }
            }
        }
        for i in 0..<n {
            let w = block.weights[i], diff = diffs[i]
            partial.loss += w * diff * diff / 2
            partial.weight += w
            diffs[i] = w * diff
        }
        block.features.withUnsafeBufferPointer { x in
            diffs.withUnsafeBufferPointer { multipliers in
                partial.gradient.withUnsafeMutableBufferPointer { gradient in
                    BLAS.gemv(m: d, n: n, alpha: 1, a: x, lda: d, x: multipliers, beta: 1, y: gradient)
                }
            }
        }
    }
}
