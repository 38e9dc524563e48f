/// A differentiable objective for the first-order minimizers (Breeze's `DiffFunction`): its value
/// and gradient at a point.
///
/// FlintML implements it with a struct that runs one distributed aggregation per call, so that value
/// and gradient come from a single pass over the data; the minimizers call it once per line-search
/// trial and never evaluate the accepted point twice.
public protocol DiffFunction {
    /// The value f(x) and the gradient ∇f(x), which must have `x.count` entries. The cost is the
    /// implementation's; errors it throws end the minimization and propagate to the caller.
    func calculate(_ x: [Double]) throws -> (value: Double, gradient: [Double])
}

/// A closure seen as a `DiffFunction`.
struct ClosureDiffFunction: DiffFunction {
    let body: ([Double]) throws -> (value: Double, gradient: [Double])

    func calculate(_ x: [Double]) throws -> (value: Double, gradient: [Double]) {
        try body(x)
    }
}
