/// The limited-memory BFGS approximation of the inverse Hessian: the last `capacity` steps s = xₖ₊₁ − xₖ
/// and gradient changes y = ∇fₖ₊₁ − ∇fₖ, applied to a vector by the two-loop recursion (Nocedal 1980),
/// with the initial matrix scaled by sᵀy / yᵀy of the newest pair, as Breeze's
/// `LBFGS.ApproximateInverseHessian`.
struct InverseHessianApproximation {
    private let capacity: Int
    /// Newest first.
    private var steps: [[Double]] = []
    private var gradientChanges: [[Double]] = []
    /// sᵀy of each pair, newest first.
    private var curvatures: [Double] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Remembers a pair, forgetting the oldest beyond `capacity`. A pair with sᵀy ≤ 0 (possible
    /// without the Wolfe curvature condition, or on a non-convex objective) would make the
    /// approximation indefinite and is skipped. O(n).
    mutating func update(step: [Double], gradientChange: [Double]) {
        let curvature = BLAS.dot(step, gradientChange)
        guard curvature > 0, curvature.isFinite else { return }
        steps.insert(step, at: 0)
        gradientChanges.insert(gradientChange, at: 0)
        curvatures.insert(curvature, at: 0)
        if steps.count > capacity {
            steps.removeLast()
            gradientChanges.removeLast()
            curvatures.removeLast()
        }
    }

    /// Whether no pair is remembered yet (the direction is then the steepest descent −g).
    var isEmpty: Bool { steps.isEmpty }

    /// The quasi-Newton descent direction −H g. O(capacity × n).
    func direction(for gradient: [Double]) -> [Double] {
        var direction = gradient
        var alphas = [Double](repeating: 0, count: steps.count)
        for i in steps.indices {
            alphas[i] = BLAS.dot(steps[i], direction) / curvatures[i]
            BLAS.axpy(-alphas[i], gradientChanges[i], &direction)
        }
        if let newest = gradientChanges.first {
            BLAS.scal(curvatures[0] / BLAS.dot(newest, newest), &direction)
        }
        for i in steps.indices.reversed() {
            let beta = BLAS.dot(gradientChanges[i], direction) / curvatures[i]
            BLAS.axpy(alphas[i] - beta, steps[i], &direction)
        }
        BLAS.scal(-1, &direction)
        return direction
    }
}
