import Foundation
import XCTest
@testable import FlintLinalg

final class OptimizerTests: XCTestCase {
    /// Rosenbrock's banana: minimum 0 at (1, 1).
    struct Rosenbrock: DiffFunction {
        func calculate(_ x: [Double]) -> (value: Double, gradient: [Double]) {
            let (a, b) = (x[0], x[1])
            let value = (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a)
            return (value, [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)])
        }
    }

    /// ½‖A w − b‖² / m, plus nothing: OWL-QN adds the L1 term itself.
    struct LeastSquares: DiffFunction {
        let design: DenseMatrix
        let labels: [Double]

        func calculate(_ w: [Double]) throws -> (value: Double, gradient: [Double]) {
            let m = Double(design.numRows)
            let residual = zip(try design.multiply(Vectors.dense(w)).values, labels).map { $0 - $1 }
            let gradient = try design.transpose.multiply(Vectors.dense(residual)).values.map { $0 / m }
            return (0.5 * BLAS.dot(residual, residual) / m, gradient)
        }
    }

    func testLBFGSReachesTheRosenbrockMinimum() throws {
        let result = try LBFGS(maxIterations: 1000, tolerance: 1e-10).minimize(Rosenbrock(), from: [-1.2, 1])
        assertClose(result.x, [1, 1], accuracy: 1e-5)
        XCTAssertLessThan(result.value, 1e-10)
        XCTAssertEqual(result.convergenceReason, .gradientConverged)
        XCTAssertEqual(result.objectiveHistory[0], 24.2, accuracy: 1e-13)
        XCTAssertEqual(result.objectiveHistory.last, result.value)
        XCTAssertEqual(result.objectiveHistory.count, result.iterations + 1)
        assertNonIncreasing(result.objectiveHistory)
    }

    func testLBFGSMatchesTheCholeskySolutionOfALeastSquaresProblem() throws {
        var random = SeededGenerator(seed: 17)
        let problem = LeastSquares(design: random.matrix(200, 12), labels: random.values(200, in: -5...5))
        let (ata, atb) = normalEquations(problem.design, problem.labels)
        let exact = try problem.calculate(try LAPACK.solvePositiveDefinite(Matrices.dense(12, 12, ata), atb)).value

        var calls = 0
        let result = try LBFGS(maxIterations: 500, tolerance: 1e-12).minimize(from: [Double](repeating: 0, count: 12)) {
            calls += 1
            return try problem.calculate($0)
        }
        XCTAssertEqual(result.value, exact, accuracy: 1e-8 * exact)
        assertNonIncreasing(result.objectiveHistory)
        XCTAssertLessThan(calls, 3 * (result.iterations + 1), "about one evaluation per iteration")
    }

    func testOWLQNMatchesCoordinateDescentOnALasso() throws {
        var random = SeededGenerator(seed: 23)
        let (m, p) = (150, 8)
        let truth: [Double] = [3, -2, 0, 0, 1.5, 0, 0, 0.05]
        var features = random.values(m * p)
        features += [Double](repeating: 1, count: m)  // the intercept column
        let design = try Matrices.dense(m, p + 1, features)
        let labels = (0..<m).map { i in
            (0..<p).map { design[i, $0] * truth[$0] }.reduce(4, +) + 0.1 * Double.random(in: -1...1, using: &random)
        }
        let problem = LeastSquares(design: design, labels: labels)
        let lambda = 0.1
        let weights = [Double](repeating: lambda, count: p) + [0]
        let penalty = { (w: [Double]) in zip(w, weights).map { abs($0) * $1 }.reduce(0, +) }

        let reference = coordinateDescent(design: design, labels: labels, weights: weights)
        let referenceValue = try problem.calculate(reference).value + penalty(reference)

        let owlqn = try OWLQN(maxIterations: 1000, tolerance: 1e-12, l1Regularization: .perCoordinate(weights))
        let result = try owlqn.minimize(problem, from: [Double](repeating: 0, count: p + 1))
        XCTAssertEqual(result.value, try problem.calculate(result.x).value + penalty(result.x), accuracy: 1e-14)
        XCTAssertEqual(result.value, referenceValue, accuracy: 1e-6 * referenceValue)
        XCTAssertLessThanOrEqual(result.value, referenceValue * (1 + 1e-6))
        assertNonIncreasing(result.objectiveHistory)

        // Coefficients far inside the dead zone (|∂f/∂wⱼ| < λ/2 at the reference) are exactly zero.
        let gradient = try problem.calculate(reference).gradient
        let stronglyPenalised = (0..<p).filter { reference[$0] == 0 && abs(gradient[$0]) < lambda / 2 }
        XCTAssertGreaterThanOrEqual(stronglyPenalised.count, 3)
        for j in stronglyPenalised {
            XCTAssertEqual(result.x[j], 0, "coefficient \(j)")
        }
        XCTAssertEqual(result.x[p], 4, accuracy: 0.05, "the intercept is not penalised")

        // From a start in other orthants the same minimum is reached.
        let fromElsewhere = try owlqn.minimize(problem, from: random.values(p + 1, in: -3...3))
        XCTAssertEqual(fromElsewhere.value, referenceValue, accuracy: 1e-6 * referenceValue)
        assertNonIncreasing(fromElsewhere.objectiveHistory)
        for j in stronglyPenalised {
            XCTAssertEqual(fromElsewhere.x[j], 0, "coefficient \(j) from elsewhere")
        }

        // With a uniform weight the intercept is penalised too and shrinks.
        let uniform = try OWLQN(maxIterations: 1000, tolerance: 1e-12, l1Regularization: .uniform(lambda))
            .minimize(problem, from: [Double](repeating: 0, count: p + 1))
        XCTAssertLessThan(uniform.x[p], result.x[p] - 0.05)
    }

    func testOWLQNWithoutPenaltyIsLBFGS() throws {
        var random = SeededGenerator(seed: 31)
        let problem = LeastSquares(design: random.matrix(50, 4), labels: random.values(50))
        let plain = try LBFGS(tolerance: 1e-12).minimize(problem, from: [0, 0, 0, 0])
        let unpenalised = try OWLQN(tolerance: 1e-12, l1Regularization: .uniform(0)).minimize(problem, from: [0, 0, 0, 0])
        XCTAssertEqual(unpenalised.value, plain.value, accuracy: 1e-12)
    }

    func testMaxIterationsAndFunctionValueConvergence() throws {
        let none = try LBFGS(maxIterations: 0).minimize(Rosenbrock(), from: [-1.2, 1])
        XCTAssertEqual(none.x, [-1.2, 1])
        XCTAssertEqual(none.objectiveHistory, [Rosenbrock().calculate([-1.2, 1]).value])
        XCTAssertEqual(none.iterations, 0)
        XCTAssertEqual(none.convergenceReason, .maxIterations)

        let three = try LBFGS(maxIterations: 3).minimize(Rosenbrock(), from: [-1.2, 1])
        XCTAssertEqual(three.iterations, 3)
        XCTAssertEqual(three.objectiveHistory.count, 4)
        XCTAssertEqual(three.convergenceReason, .maxIterations)

        // An ill-conditioned quadratic, ½ Σ λᵢ xᵢ² with λ from 1 down to 10⁻⁶: the value stalls while the
        // gradient is still far above 10⁻⁸, so the relative improvement over 20 iterations stops it.
        let curvatures = (0..<100).map { pow(10, -6 * Double($0) / 99) }
        let stalled = try LBFGS(maxIterations: 1000).minimize(from: [Double](repeating: 1, count: 100)) { x in
            (0.5 * zip(curvatures, x).map { $0 * $1 * $1 }.reduce(0, +), zip(curvatures, x).map(*))
        }
        XCTAssertEqual(stalled.convergenceReason, .functionValuesConverged)
        XCTAssertGreaterThanOrEqual(stalled.iterations, 20)
        let window = stalled.objectiveHistory.suffix(20)
        XCTAssertLessThanOrEqual(window.first! - window.last!, 1e-6 * stalled.objectiveHistory[0])
    }

    func testInvalidParametersAndObjectivesThrow() {
        assertThrows(OptimizationError.invalidParameter(name: "maxIterations", value: "-1", requirement: "must be >= 0")) {
            try LBFGS(maxIterations: -1)
        }
        assertThrows(OptimizationError.invalidParameter(name: "historySize", value: "0", requirement: "must be > 0")) {
            try LBFGS(historySize: 0)
        }
        assertThrows(OptimizationError.invalidParameter(name: "tolerance", value: "-1.0E-6",
                                                        requirement: "must be finite and >= 0")) {
            try OWLQN(tolerance: -1e-6, l1Regularization: .uniform(1))
        }
        assertThrows(OptimizationError.invalidParameter(name: "l1Regularization[1]", value: "-0.5",
                                                        requirement: "must be finite and >= 0")) {
            try OWLQN(l1Regularization: .perCoordinate([1, -0.5]))
        }
        XCTAssertEqual(OptimizationError.invalidParameter(name: "maxIterations", value: "-1", requirement: "must be >= 0")
            .description, "invalid maxIterations = -1: must be >= 0")

        assertThrows(OptimizationError.dimensionMismatch(what: "l1Regularization", expected: 2, actual: 3)) {
            try OWLQN(l1Regularization: .perCoordinate([1, 1, 1])).minimize(Rosenbrock(), from: [0, 0])
        }
        assertThrows(OptimizationError.dimensionMismatch(what: "the gradient", expected: 2, actual: 1)) {
            try LBFGS().minimize(from: [0, 0]) { _ in (1, [1]) }
        }
        assertThrows(OptimizationError.nonFiniteObjective(value: .infinity)) {
            try LBFGS().minimize(from: [0]) { _ in (.infinity, [0]) }
        }

        struct ObjectiveFailure: Error, Equatable {}
        assertThrows(ObjectiveFailure()) {
            try LBFGS().minimize(from: [0]) { x in
                guard x[0] == 0 else { throw ObjectiveFailure() }
                return (1, [1])
            }
        }
    }

    private func assertNonIncreasing(_ values: [Double], file: StaticString = #filePath, line: UInt = #line) {
        for (previous, next) in zip(values, values.dropFirst()) {
            XCTAssertLessThanOrEqual(next, previous, file: file, line: line)
        }
    }

    /// Cyclic coordinate descent for ½‖A w − b‖² / m + Σ λⱼ |wⱼ|, to convergence.
    private func coordinateDescent(design: DenseMatrix, labels: [Double], weights: [Double]) -> [Double] {
        let (m, n) = (design.numRows, design.numCols)
        var w = [Double](repeating: 0, count: n)
        var residual = labels  // b − A w
        let squaredNorms = (0..<n).map { j in (0..<m).map { design[$0, j] * design[$0, j] }.reduce(0, +) / Double(m) }
        for _ in 0..<100_000 {
            var largestChange = 0.0
            for j in 0..<n {
                let correlation = (0..<m).map { design[$0, j] * residual[$0] }.reduce(0, +) / Double(m) + squaredNorms[j] * w[j]
                let updated = correlation.magnitude <= weights[j]
                    ? 0 : (correlation - (correlation > 0 ? weights[j] : -weights[j])) / squaredNorms[j]
                let change = updated - w[j]
                if change != 0 {
                    for i in 0..<m {
                        residual[i] -= change * design[i, j]
                    }
                    w[j] = updated
                }
                largestChange = max(largestChange, abs(change))
            }
            if largestChange < 1e-14 { break }
        }
        return w
    }
}
