import FlintLinalg

/// Solves the least-squares problems of one block in one half-iteration of ALS, as Spark's
/// `computeFactors`: for each id of the block, the normal equations of its ratings against the
/// other side's factors, regularised by `regParam` times the number of its (explicit) ratings
/// (ALS-WR), solved by Cholesky (LAPACK dposv) or, with `nonnegative`, by NNLS.
///
/// Spark adds each rating's factor with `spr` (a rank-1 update); here an id's factors are
/// gathered into one matrix and its Gram matrix is one `syrk` call (the same sum, blocked), and
/// the right-hand side one `gemv`. Implicit feedback (Hu, Koren and Volinsky) starts from YᵀY of
/// all the other side's factors and adds c₁ y yᵀ with confidence c₁ = alpha · |rating|, and
/// (1 + c₁) y to the right-hand side for positive ratings only.
struct ALSSolver: Sendable {
    let rank: Int
    let regParam: Double
    let implicitPrefs: Bool
    let alpha: Double
    let nonnegative: Bool
    /// "user" or "item": the side being solved, for error messages.
    let side: String

    /// The new factors of `block` (row by row) from the messages of the other side's blocks;
    /// `gram` is YᵀY (k × k, upper triangle) for implicit feedback.
    /// - Throws: `MLError.invalidData` when an id's system is not positive definite (e.g.
    ///   regParam 0 and fewer ratings than the rank).
    func solve(_ block: ALSBlock, messages: [ALSFactorMessage], gram: [Double]?) throws -> [Float] {
        let k = rank
        let received = try concatenate(messages, block: block)
        let maxRatings = (0..<block.ids.count).reduce(0) { max($0, Int(block.pointers[$1 + 1] - block.pointers[$1])) }
        var design = [Double](repeating: 0, count: max(1, maxRatings) * k)
        var targets = [Double](repeating: 0, count: max(1, maxRatings))
        var ata = [Double](repeating: 0, count: k * k)
        var atb = [Double](repeating: 0, count: k)
        var factors = [Float](repeating: 0, count: block.ids.count * k)
        for row in 0..<block.ids.count {
            let start = Int(block.pointers[row])
            let n = Int(block.pointers[row + 1]) - start
            // The gather is the hot loop outside BLAS: raw pointers, no bounds checks per factor
            // (the offsets come from the block, checked against `received` by `concatenate`).
            var explicitCount = 0
            design.withUnsafeMutableBufferPointer { a in
                received.withUnsafeBufferPointer { y in
                    for r in 0..<n {
                        let source = Int(block.neighbours[start + r]) * k
                        for f in 0..<k { a[r * k + f] = Double(y[source + f]) }
                    }
                }
            }
            for r in 0..<n {
                let rating = Double(block.ratings[start + r])
                if implicitPrefs {
                    if rating > 0 { explicitCount += 1 }
                    targets[r] = rating > 0 ? 1 + alpha * abs(rating) : 0
                } else {
                    targets[r] = rating
                }
            }
            if !implicitPrefs { explicitCount = n }
            design.withUnsafeMutableBufferPointer { a in
                targets.withUnsafeBufferPointer { b in
                    atb.withUnsafeMutableBufferPointer { y in
                        BLAS.gemv(m: k, n: n, alpha: 1, a: UnsafeBufferPointer(a), lda: k, x: b, beta: 0, y: y)
                    }
                }
                if implicitPrefs {
                    // Scale each row by √c₁ so that the Gram matrix sums c₁ y yᵀ.
                    for r in 0..<n {
                        let scale = (alpha * abs(Double(block.ratings[start + r]))).squareRoot()
                        for f in 0..<k { a[r * k + f] *= scale }
                    }
                }
                ata.withUnsafeMutableBufferPointer { c in
                    if let gram { for i in 0..<(k * k) { c[i] = gram[i] } }
                    BLAS.syrk(transposeA: false, n: k, k: n, alpha: 1, a: UnsafeBufferPointer(a), lda: k,
                              beta: gram == nil ? 0 : 1, c: c, ldc: k)
                }
            }
            let lambda = regParam * Double(explicitCount)
            for f in 0..<k { ata[f * k + f] += lambda }
            let solution = try solveNormalEquations(&ata, &atb, id: block.ids[row], ratings: n)
            for f in 0..<k { factors[row * k + f] = Float(solution[f]) }
        }
        return factors
    }

    /// The received factors in the order `ALSBlock.neighbours` indexes them.
    /// - Throws: `MLError.invalidData` when a message does not have the expected size (a bug or
    ///   corrupted shuffle data, not user input).
    private func concatenate(_ messages: [ALSFactorMessage], block: ALSBlock) throws -> [Float] {
        var received: [Float] = []
        received.reserveCapacity(Int(block.receiveCounts.reduce(0, +)) * rank)
        for message in messages.sorted(by: { $0.source < $1.source }) {
            guard message.source < block.receiveCounts.count, message.factors.count == Int(block.receiveCounts[message.source]) * rank else {
                throw MLError.invalidData("ALS: block \(message.source) sent \(message.factors.count / rank) \(side == "user" ? "item" : "user") factors, expected \(message.source < block.receiveCounts.count ? Int(block.receiveCounts[message.source]) : 0)")
            }
            received += message.factors
        }
        guard received.count == Int(block.receiveCounts.reduce(0, +)) * rank else {
            throw MLError.invalidData("ALS: received \(received.count / rank) factors, expected \(block.receiveCounts.reduce(0, +))")
        }
        return received
    }

    /// Solves (AᵀA + λI) x = Aᵀb in place (`ata` holds the upper triangle, λ added).
    private func solveNormalEquations(_ ata: inout [Double], _ atb: inout [Double], id: Int32, ratings: Int) throws -> [Double] {
        let k = rank
        do {
            if nonnegative {
                for j in 0..<k { for i in (j + 1)..<k { ata[i + j * k] = ata[j + i * k] } }
                return try NNLS.solve(ata: ata, atb: atb)
            }
            try ata.withUnsafeMutableBufferPointer { a in
                try atb.withUnsafeMutableBufferPointer { b in try LAPACK.solvePositiveDefinite(order: k, matrix: a, rhs: b) }
            }
            return atb
        } catch {
            throw MLError.invalidData("ALS could not solve the normal equations of \(side) \(id) (\(ratings) ratings, rank \(k), regParam \(regParam)): \(error). Use regParam > 0.")
        }
    }
}
