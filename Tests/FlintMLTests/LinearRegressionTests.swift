import FlintCore
import FlintLinalg
import FlintSQL
import XCTest
@testable import FlintML

final class LinearRegressionTests: MLTestCase {
    private var sample: String { examplePath("sample_linear_regression_data.txt") }

    private func frame(_ rows: [(label: Double, features: [Double])], weights: [Double]? = nil) throws -> DataFrame {
        var fields = [StructField("label", .double), StructField("features", .vector)]
        if weights != nil { fields.append(StructField("weight", .double)) }
        return try session.createDataFrame(rows.enumerated().map { index, row in
            [.double(row.label), .vector(Vectors.dense(row.features))] + (weights.map { [.double($0[index])] } ?? [])
        }, schema: StructType(fields))
    }

    /// Solves the small dense system `a x = b` by Gaussian elimination with partial pivoting
    /// (an independent check of the BLAS/LAPACK path).
    private func solve(_ a: [[Double]], _ b: [Double]) -> [Double] {
        var m = a, y = b
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(m[$0][column]) < abs(m[$1][column]) }!
            m.swapAt(column, pivot)
            y.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = m[row][column] / m[column][column]
                for k in column..<n { m[row][k] -= factor * m[column][k] }
                y[row] -= factor * y[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            x[row] = (y[row] - ((row + 1)..<n).reduce(0) { $0 + m[row][$1] * x[$1] }) / m[row][row]
        }
        return x
    }

    func testRecoversAnExactLinearFunctionWithBothSolvers() throws {
        let rows = (0..<50).map { i -> (label: Double, features: [Double]) in
            let x = [Double(i % 7) - 3, Double(i % 5) * 0.5, sin(Double(i))]
            return (2 * x[0] - 3 * x[1] + 0.5 * x[2] + 1, x)
        }
        let data = try frame(rows)
        for solver in ["normal", "l-bfgs"] {
            let model = try LinearRegression().setSolver(solver).setTol(1e-12).fit(data)
            for (found, expected) in zip(model.coefficients.toArray(), [2, -3, 0.5]) { XCTAssertEqual(found, expected, accuracy: 1e-6, solver) }
            XCTAssertEqual(model.intercept, 1, accuracy: 1e-6, solver)
            XCTAssertEqual(try model.summary!.r2, 1, accuracy: 1e-9, solver)
            XCTAssertEqual(try model.predict(Vectors.dense([1, 1, 0])), 0, accuracy: 1e-6)
        }
    }

    /// Ridge regression in closed form: (XcᵀWXc/Σw + λ/σ_y · D) β = XcᵀWyc/Σw, where D is the
    /// identity (standardization off) or diag(σⱼ²), σ the population standard deviations.
    func testRidgeMatchesItsClosedForm() throws {
        var generator = SeededGenerator(seed: 7)
        let d = 4, n = 200
        let rows = (0..<n).map { _ -> (label: Double, features: [Double]) in
            let x = (0..<d).map { j in Double.random(in: -1...1, using: &generator) * Double(j + 1) }
            return (x[0] - 2 * x[1] + 0.3 * x[3] + 5 + Double.random(in: -0.5...0.5, using: &generator), x)
        }
        let weights = (0..<n).map { _ in Double.random(in: 0.5...2, using: &generator) }
        let w = weights.reduce(0, +)
        let meanX = (0..<d).map { j in zip(rows, weights).reduce(0) { $0 + $1.1 * $1.0.features[j] } / w }
        let meanY = zip(rows, weights).reduce(0) { $0 + $1.1 * $1.0.label } / w
        let stdY = (zip(rows, weights).reduce(0) { $0 + $1.1 * ($1.0.label - meanY) * ($1.0.label - meanY) } / w).squareRoot()
        let varX = (0..<d).map { j in zip(rows, weights).reduce(0) { $0 + $1.1 * pow($1.0.features[j] - meanX[j], 2) } / w }
        let lambda = 0.4
        for standardization in [false, true] {
            let a = (0..<d).map { i in (0..<d).map { j in
                zip(rows, weights).reduce(0) { $0 + $1.1 * ($1.0.features[i] - meanX[i]) * ($1.0.features[j] - meanX[j]) } / w
                    + (i == j ? lambda / stdY * (standardization ? varX[i] : 1) : 0)
            } }
            let b = (0..<d).map { i in zip(rows, weights).reduce(0) { $0 + $1.1 * ($1.0.features[i] - meanX[i]) * ($1.0.label - meanY) } / w }
            let expected = solve(a, b)
            let model = try LinearRegression().setSolver("normal").setRegParam(lambda).setStandardization(standardization)
                .setWeightCol("weight").fit(try frame(rows, weights: weights))
            for (found, wanted) in zip(model.coefficients.toArray(), expected) { XCTAssertEqual(found, wanted, accuracy: 1e-9) }
            XCTAssertEqual(model.intercept, meanY - zip(expected, meanX).reduce(0) { $0 + $1.0 * $1.1 }, accuracy: 1e-9)
        }
    }

    /// Reference values from Apache Spark 4.3 (pyspark, local[2]) on the same file, same params.
    func testAgreesWithSparkOnItsSampleData() throws {
        let data = try session.read.format("libsvm").load(sample)
        let ols = try LinearRegression().setSolver("normal").fit(data)
        let sparkOLS = [0.0073350710225801715, 0.8313757584337543, -0.8095307954684084, 2.441191686884721, 0.5191713795290002,
                        1.1534591903547016, -0.2989124112808717, -0.5128514186201779, -0.619712827067017, 0.695615180432293]
        for (found, spark) in zip(ols.coefficients.toArray(), sparkOLS) { XCTAssertEqual(found, spark, accuracy: 1e-6 * max(1, abs(spark))) }
        XCTAssertEqual(ols.intercept, 0.14228558260358093, accuracy: 1e-9)
        let summary = try XCTUnwrap(ols.summary)
        XCTAssertEqual(try summary.rootMeanSquaredError, 10.16309157133015, accuracy: 1e-9)
        XCTAssertEqual(try summary.r2, 0.027839179518600154, accuracy: 1e-9)
        let sparkErrors = [0.8068799897284031, 0.817504726374364, 0.8095690515350549, 0.8435177715251213, 0.8066923009911938,
                           0.8238680228428261, 0.8041910472918519, 0.8095101717564966, 0.8428997032677101, 0.788760166505627, 0.46405794834415603]
        for (found, spark) in zip(try summary.coefficientStandardErrors, sparkErrors) { XCTAssertEqual(found, spark, accuracy: 1e-8) }
        let sparkT = [0.0090906592256045, 1.016967525216531, -0.9999527451468483, 2.894060764684219, 0.6435804319578695,
                      1.4000533560880217, -0.3716932839372835, -0.633533013559767, -0.7352153816931555, 0.8819096221783286, 0.30661167018317864]
        for (found, spark) in zip(try summary.tValues, sparkT) { XCTAssertEqual(found, spark, accuracy: 1e-8) }
        let sparkP = [0.9927505031240562, 0.30967074330990396, 0.3178269194409711, 0.003972477331573909, 0.5201486327242175,
                      0.16213017210149872, 0.7102819001865635, 0.5266812209137877, 0.46256007153356316, 0.37825808848978526, 0.7592692146070568]
        for (found, spark) in zip(try summary.pValues, sparkP) { XCTAssertEqual(found, spark, accuracy: 1e-8) }

        let ridge = try LinearRegression().setSolver("normal").setRegParam(0.3).setStandardization(false).fit(data)
        let sparkRidge = [0.016030766856277596, 0.7425527224784334, -0.7373783341548898, 2.2137385590153853, 0.4680447870638374,
                          1.059147549020385, -0.28198856138715295, -0.47061909569797394, -0.5699400680436298, 0.6323128697451148]
        for (found, spark) in zip(ridge.coefficients.toArray(), sparkRidge) { XCTAssertEqual(found, spark, accuracy: 1e-6 * max(1, abs(spark))) }
        XCTAssertEqual(ridge.intercept, 0.1535894091512886, accuracy: 1e-9)

        // Elastic net: OWL-QN, on the normal equations (auto) or on the data (l-bfgs).
        let sparkElastic = [0.0, 0.322923919642169, -0.3438556402698008, 1.9156004045362696, 0.05288416289449762, 0.7659655001782834,
                            0.0, -0.1510547746772932, -0.215879029194993, 0.22025409538552015]
        let elastic = try LinearRegression().setRegParam(0.3).setElasticNetParam(0.8).setTol(1e-9).fit(data)
        for (found, spark) in zip(elastic.coefficients.toArray(), sparkElastic) { XCTAssertEqual(found, spark, accuracy: 1e-4) }
        XCTAssertEqual(elastic.coefficients[0], 0, "L1 zeroes the weakest coefficients")
        XCTAssertEqual(elastic.coefficients[6], 0)
        XCTAssertEqual(elastic.summary!.objectiveHistory.first ?? 0, 0.49999999999999994, accuracy: 1e-12)
        XCTAssertEqual(elastic.summary!.objectiveHistory.last ?? 0, 0.49363512062156684, accuracy: 1e-7)
        let lbfgs = try LinearRegression().setSolver("l-bfgs").setRegParam(0.3).setElasticNetParam(0.8).setTol(1e-9).fit(data)
        XCTAssertEqual(lbfgs.summary!.objectiveHistory.first ?? 0, 0.49900199600798273, accuracy: 1e-12)
        XCTAssertEqual(lbfgs.summary!.objectiveHistory.last ?? 0, 0.4926548718750366, accuracy: 1e-6)
        let lbfgsRidge = try LinearRegression().setSolver("l-bfgs").setRegParam(0.1).setStandardization(false).setTol(1e-9).fit(data)
        XCTAssertEqual(lbfgsRidge.summary!.objectiveHistory.last ?? 0, 0.48555620701637797, accuracy: 1e-7)
        XCTAssertEqual(lbfgsRidge.intercept, 0.14631371574651555, accuracy: 1e-4)
        XCTAssertThrowsError(try lbfgs.summary!.coefficientStandardErrors) { XCTAssertTrue("\($0)".contains("No Std. Error"), "\($0)") }
    }

    func testRegularizationPathShrinksAndSparsifies() throws {
        let data = try session.read.format("libsvm").load(sample)
        var previousNorm = Double.infinity
        for regParam in [0.0, 0.1, 0.5, 2.0] {
            let norm = try LinearRegression().setRegParam(regParam).fit(data).coefficients.norm(2)
            XCTAssertLessThan(norm, previousNorm, "regParam \(regParam)")
            previousNorm = norm
        }
        let lasso = try LinearRegression().setRegParam(0.5).setElasticNetParam(1).fit(data)
        XCTAssertGreaterThan(lasso.coefficients.toArray().filter { $0 == 0 }.count, 3)
    }

    func testSparseAndDenseFeaturesGiveTheSameModel() throws {
        let sparse = try session.read.format("libsvm").load(sample)
        let dense = try session.read.format("libsvm").option("vectorType", "dense").load(sample)
        for solver in ["normal", "l-bfgs"] {
            let a = try LinearRegression().setSolver(solver).setRegParam(0.1).fit(sparse)
            let b = try LinearRegression().setSolver(solver).setRegParam(0.1).fit(dense)
            XCTAssertEqual(a.coefficients.toArray(), b.coefficients.toArray(), solver)
            XCTAssertEqual(a.intercept, b.intercept, solver)
        }
    }

    func testBadInputIsAClearError() throws {
        XCTAssertThrowsError(try LinearRegression().setElasticNetParam(1.5)) { XCTAssertTrue("\($0)".contains("[0.0, 1.0]"), "\($0)") }
        XCTAssertThrowsError(try LinearRegression().setSolver("sgd")) { XCTAssertTrue("\($0)".contains("auto, normal, l-bfgs"), "\($0)") }
        XCTAssertThrowsError(try LinearRegression().setRegParam(-1)) { XCTAssertTrue("\($0)".contains("regParam given invalid value -1.0"), "\($0)") }
        let mixed = try session.createDataFrame([[.double(1), .vector(Vectors.dense([1, 2]))], [.double(2), .vector(Vectors.dense([1]))]],
                                                schema: StructType([StructField("label", .double), StructField("features", .vector)]))
        XCTAssertThrowsError(try LinearRegression().fit(mixed)) { XCTAssertTrue("\($0)".contains("Dimension mismatch"), "\($0)") }
        let nan = try frame([(label: .nan, features: [1]), (label: 1, features: [2])])
        XCTAssertThrowsError(try LinearRegression().fit(nan)) { XCTAssertTrue("\($0)".contains("Labels MUST NOT be Null or NaN"), "\($0)") }
        let text = try session.createDataFrame([[.string("a"), .vector(Vectors.dense([1]))]],
                                               schema: StructType([StructField("label", .string), StructField("features", .vector)]))
        XCTAssertThrowsError(try LinearRegression().fit(text)) { XCTAssertTrue("\($0)".contains("label column label must be of a numeric type"), "\($0)") }
        let model = try LinearRegression().fit(try frame([(label: 1, features: [1, 0]), (label: 3, features: [2, 1]), (label: 2, features: [0, 3])]))
        XCTAssertThrowsError(try model.predict(Vectors.dense([1]))) { XCTAssertTrue("\($0)".contains("2 features but the vector has 1"), "\($0)") }
    }
}

/// A deterministic generator (SplitMix64) for reproducible test data.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
