/// The line search of L-BFGS, as Breeze's `StrongWolfeLineSearch` (Nocedal & Wright, Numerical
/// Optimization, algorithms 3.5 and 3.6): finds a step t along a descent direction that satisfies the
/// strong Wolfe conditions, growing t by 1.5 until the minimum is bracketed, then zooming in with
/// safeguarded cubic interpolation.
///
/// Every trial carries the evaluated point, so the accepted one is returned without evaluating the
/// objective again.
struct StrongWolfeLineSearch {
    /// One evaluation along the line: φ(t) = f(x + t d) and φ'(t) = ∇f(x + t d) · d.
    struct Trial {
        let step: Double
        let value: Double
        let derivative: Double
        let point: IterationPoint
    }

    /// Sufficient decrease: φ(t) ≤ φ(0) + c₁ t φ'(0).
    private let sufficientDecrease = 1e-4
    /// Curvature: |φ'(t)| ≤ c₂ |φ'(0)|.
    private let curvature = 0.9
    private let maxIterations = 10
    private let maxZoomIterations = 10

    /// A step satisfying the strong Wolfe conditions, starting from `origin` (t = 0) and trying
    /// `initialStep` first; each trial costs one call of `evaluate`.
    /// - Throws: `LineSearchFailure` if `origin` is not a descent direction or no step is found within
    ///   10 expansions and 10 zoom steps; errors of `evaluate` propagate.
    func search(from origin: Trial, initialStep: Double, evaluate: (Double) throws -> Trial) throws -> Trial {
        guard origin.derivative <= 0 else { throw LineSearchFailure() }
        var low = origin
        var step = initialStep
        for iteration in 0..<maxIterations {
            let trial = try evaluate(step)
            // A step so long that the objective overflows: halve it and try again.
            guard trial.value.isFinite else {
                step /= 2
                continue
            }
            if !decreasesEnough(trial, from: origin) || (iteration > 0 && trial.value >= low.value) {
                return try zoom(low: low, high: trial, origin: origin, evaluate: evaluate)
            }
            if abs(trial.derivative) <= curvature * abs(origin.derivative) {
                return trial
            }
            if trial.derivative >= 0 {
                return try zoom(low: trial, high: low, origin: origin, evaluate: evaluate)
            }
            low = trial
            step *= 1.5
        }
        throw LineSearchFailure()
    }

    /// Narrows a bracket that contains a strong Wolfe step; `low` is the best sufficient-decrease
    /// point so far and `low.derivative × (high.step − low.step) < 0`.
    private func zoom(low initialLow: Trial, high initialHigh: Trial, origin: Trial,
                      evaluate: (Double) throws -> Trial) throws -> Trial {
        var low = initialLow
        var high = initialHigh
        for _ in 0..<maxZoomIterations {
            let step = low.step < high.step ? interpolate(low, high) : interpolate(high, low)
            let trial = try evaluate(step)
            // Written so that a NaN value shrinks the bracket from the right.
            if !(decreasesEnough(trial, from: origin) && trial.value < low.value) {
                high = trial
            } else {
                if abs(trial.derivative) <= curvature * abs(origin.derivative) {
                    return trial
                }
                if trial.derivative * (high.step - low.step) >= 0 {
                    high = low
                }
                low = trial
            }
        }
        throw LineSearchFailure()
    }

    private func decreasesEnough(_ trial: Trial, from origin: Trial) -> Bool {
        trial.value <= origin.value + sufficientDecrease * trial.step * origin.derivative
    }

    /// The minimiser of the cubic through the values and slopes at `left` and `right`
    /// (left.step < right.step), kept within the middle 80% of the interval; the midpoint when the
    /// cubic has no real minimiser.
    private func interpolate(_ left: Trial, _ right: Trial) -> Double {
        let d1 = left.derivative + right.derivative - 3 * (left.value - right.value) / (left.step - right.step)
        let d2 = (d1 * d1 - left.derivative * right.derivative).squareRoot()
        let width = right.step - left.step
        let step = right.step - width * (right.derivative + d2 - d1) / (right.derivative - left.derivative + 2 * d2)
        let lowerBound = left.step + 0.1 * width
        let upperBound = left.step + 0.9 * width
        guard step.isFinite else { return left.step + 0.5 * width }
        return min(max(step, lowerBound), upperBound)
    }
}
