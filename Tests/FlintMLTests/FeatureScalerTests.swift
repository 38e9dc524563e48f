import FlintLinalg
import FlintSQL
import XCTest
@testable import FlintML

/// StandardScaler, MinMaxScaler and Normalizer.
final class FeatureScalerTests: FeatureTestCase {
    /// Spark's StandardScalerSuite data and expected outputs (absTol 1e-5 there).
    private let sparkData = [Vectors.dense([-2.0, 2.3, 0.0]), Vectors.dense([0.0, -5.1, 1.0]), Vectors.dense([1.7, -0.6, 3.3])]

    func testStandardScalerMatchesSparksSuite() throws {
        let data = try vectorFrame(sparkData)
        let scaler = try StandardScaler().setInputCol("features").setOutputCol("scaled")
        let resWithStd = [Vectors.dense([-1.079898494312, 0.616834091415, 0.0]), Vectors.dense([0.0, -1.367762550529, 0.590968109266]),
                          Vectors.dense([0.917913720165, -0.160913241239, 1.950194760579])]
        let resWithMean = [Vectors.dense([-1.9, 3.433333333333, -1.433333333333]), Vectors.dense([0.1, -3.966666666667, -0.433333333333]),
                           Vectors.dense([1.8, 0.533333333333, 1.866666666667])]
        let resWithBoth = [Vectors.dense([-1.0259035695965, 0.920781324866, -0.8470542899497]),
                           Vectors.dense([0.0539949247156, -1.063815317078, -0.256086180682]),
                           Vectors.dense([0.9719086448809, 0.143033992212, 1.103140470631])]
        assertClose(try vectors(scaler.fit(data).transform(data), "scaled"), resWithStd, accuracy: 1e-9)
        assertClose(try vectors(scaler.setWithMean(true).fit(data).transform(data), "scaled"), resWithBoth, accuracy: 1e-9)
        assertClose(try vectors(scaler.setWithStd(false).fit(data).transform(data), "scaled"), resWithMean, accuracy: 1e-9)
        XCTAssertEqual(try vectors(scaler.setWithMean(false).fit(data).transform(data), "scaled"), sparkData)
        // Spark's "sparse data and withMean": the implicit zeros count.
        let someSparse = try vectorFrame([sparse(3, [(0, -2.0), (1, 2.3)]), sparse(3, [(1, -5.1), (2, 1.0)]), Vectors.dense([1.7, -0.6, 3.3])])
        assertClose(try vectors(scaler.setWithMean(true).fit(someSparse).transform(someSparse), "scaled"), resWithMean, accuracy: 1e-9)
    }

    /// Mean and unbiased std against a direct computation over 200 rows in 3 partitions (so
    /// that partial summaries merge), a third of them sparse, with a constant coordinate (std 0,
    /// scaled to 0).
    func testStandardScalerAgainstDirectComputation() throws {
        var generator = SystemRandomNumberGenerator()
        let rows = (0..<200).map { i -> Vector in
            let x = Double.random(in: -5...5, using: &generator), y = Double(i % 7) * 3 - 1
            return i % 3 == 0 ? sparse(4, [(0, x), (3, y)]) : Vectors.dense([x, 2.5, 0, y])
        }
        let columns = (0..<4).map { j in rows.map { $0[j] } }
        let means = columns.map { $0.reduce(0, +) / Double($0.count) }
        let stds = zip(columns, means).map { column, mean in
            (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(column.count - 1)).squareRoot()
        }
        let data = try vectorFrame(rows, partitions: 3)
        let model = try StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true).fit(data)
        assertClose([model.mean, model.std], [Vectors.dense(means), Vectors.dense(stds)], accuracy: 1e-12)
        XCTAssertEqual(model.std[2], 0, "constant coordinate")
        let expected = rows.map { row in Vectors.dense((0..<4).map { j in stds[j] == 0 ? 0 : (row[j] - means[j]) / stds[j] }) }
        assertClose(try vectors(model.transform(data), "scaled").sorted { $0[0] < $1[0] }, expected.sorted { $0[0] < $1[0] }, accuracy: 1e-12)
        // With the std only, a sparse vector stays sparse.
        let scaled = try vectors(StandardScaler().setInputCol("features").setOutputCol("scaled").fit(data).transform(try vectorFrame([rows[0]])), "scaled")
        XCTAssertTrue(isSparse(scaled[0]))
        assertClose(scaled, [sparse(4, [(0, rows[0][0] / stds[0]), (3, rows[0][3] / stds[3])])])
    }

    /// The variance comes from deviations, not from sums of squares that cancel: 1e9 + {1, 2, 3}
    /// has std 1.
    func testStandardScalerIsNumericallyStable() throws {
        let data = try vectorFrame([Vectors.dense([1e9 + 1]), Vectors.dense([1e9 + 2]), Vectors.dense([1e9 + 3])], partitions: 2)
        let model = try StandardScaler().setInputCol("features").fit(data)
        XCTAssertEqual(model.std[0], 1, accuracy: 1e-9)
        XCTAssertEqual(model.mean[0], 1e9 + 2, accuracy: 1e-6)
    }

    func testStandardScalerErrors() throws {
        let data = try frame([("features", .vector), ("x", .double)], [[.vector(Vectors.dense([1, 2])), .double(1)],
                                                                       [.vector(Vectors.dense([1, 2, 3])), .double(2)]])
        assertThrows(try StandardScaler().setInputCol("features").fit(data), "Dimension mismatch: vectors of size 2 and 3")
        assertThrows(try StandardScaler().setInputCol("x").fit(data), "input column x must be of type vector but was actually of type double")
        assertThrows(try StandardScaler().setInputCol("nope").fit(data), "input column nope does not exist")
        assertThrows(try StandardScaler().setInputCol("features").setOutputCol("x").fit(data), "Output column x already exists.")
        assertThrows(try StandardScaler().setInputCol("features").fit(try data.filter(col("x") > 5)), "has no vector to fit on")
        let model = StandardScalerModel(uid: "scaler", mean: Vectors.dense([0, 0]), std: Vectors.dense([1, 1]))
        assertThrows(try model.setInputCol("features").transform(data).collect(), "Number of features must be 2 but got 3")
    }

    /// Spark's MinMaxScalerSuite "fit basic case" (extremes at ±Long.max) and "should remain NaN
    /// value", into [-5, 5]; a constant coordinate maps to the middle.
    func testMinMaxScalerMatchesSparksSuite() throws {
        let data = try vectorFrame([Vectors.dense([1, 0, Double(Int64.min)]), Vectors.dense([2, 0, 0]),
                                    sparse(3, [(0, 3), (2, Double(Int64.max))]), sparse(3, [(0, 1.5)])], partitions: 2)
        let scaler = try MinMaxScaler().setInputCol("features").setOutputCol("scaled").setMin(-5).setMax(5)
        let model = try scaler.fit(data)
        XCTAssertEqual(model.originalMin, Vectors.dense([1, 0, Double(Int64.min)]))
        XCTAssertEqual(model.originalMax, Vectors.dense([3, 0, Double(Int64.max)]))
        XCTAssertEqual(Set(try vectors(model.transform(data), "scaled")),
                       [Vectors.dense([-5, 0, -5]), Vectors.dense([0, 0, 0]), sparse(3, [(0, 5), (2, 5)]), sparse(3, [(0, -2.5)])])

        let withNaN = try vectorFrame([Vectors.dense([1, .nan, 2, 2]), Vectors.dense([2, 2, 0, 3]),
                                       Vectors.dense([3, .nan, 0, 1]), Vectors.dense([6, 2, 2, .nan])])
        assertClose(try vectors(scaler.fit(withNaN).transform(withNaN), "scaled"),
                    [Vectors.dense([-5, .nan, 5, 0]), Vectors.dense([-3, 0, -5, 5]), Vectors.dense([-1, .nan, -5, -5]), Vectors.dense([5, 0, 5, .nan])])
    }

    /// Default range [0, 1] against (x − min) / (max − min) computed here.
    func testMinMaxScalerDefaultRange() throws {
        let rows = [Vectors.dense([4, -1]), Vectors.dense([10, 3]), Vectors.dense([7, 1])]
        let model = try MinMaxScaler().setInputCol("features").setOutputCol("scaled").fit(try vectorFrame(rows))
        let expected = rows.map { Vectors.dense([($0[0] - 4) / 6, ($0[1] + 1) / 4]) }
        assertClose(try vectors(model.transform(try vectorFrame(rows)), "scaled"), expected)
        XCTAssertEqual(model.value(model.min), 0)
        XCTAssertEqual(model.value(model.max), 1)
    }

    func testMinMaxScalerValidation() throws {
        let data = try vectorFrame([Vectors.dense([1, 2])])
        assertThrows(try MinMaxScaler().setInputCol("features").setMin(10).setMax(0).transformSchema(data.schema),
                     "The specified min(10.0) is larger or equal to max(0.0)")
        assertThrows(try MinMaxScaler().setInputCol("features").setMin(0).setMax(0).fit(data), "The specified min(0.0) is larger or equal to max(0.0)")
        let model = MinMaxScalerModel(uid: "m", originalMin: Vectors.dense([0]), originalMax: Vectors.dense([1]))
        assertThrows(try model.setInputCol("features").transform(data).collect(), "Number of features must be 1 but got 2")
        let copy = try XCTUnwrap(model.copy(ParamMap([model.max(3)])) as? MinMaxScalerModel)
        XCTAssertEqual(copy.value(copy.max), 3)
        XCTAssertEqual(copy.originalMax, model.originalMax)
    }

    /// Spark's NormalizerSuite: L2 (default) and L1 results, the form of each vector kept.
    func testNormalizerMatchesSparksSuite() throws {
        let rows = [sparse(3, [(0, -2.0), (1, 2.3)]), Vectors.dense([0, 0, 0]), Vectors.dense([0.6, -1.1, -3.0]),
                    sparse(3, [(1, 0.91), (2, 3.2)]), sparse(3, [(0, 5.7), (1, 0.72), (2, 2.7)]), sparse(3, [])]
        let l1 = [sparse(3, [(0, -0.465116279), (1, 0.53488372)]), Vectors.dense([0, 0, 0]), Vectors.dense([0.12765957, -0.23404255, -0.63829787]),
                  sparse(3, [(1, 0.22141119), (2, 0.7785888)]), Vectors.dense([0.625, 0.07894737, 0.29605263]), sparse(3, [])]
        let l2 = [sparse(3, [(0, -0.65617871), (1, 0.75460552)]), Vectors.dense([0, 0, 0]), Vectors.dense([0.184549876, -0.3383414, -0.922749378]),
                  sparse(3, [(1, 0.27352993), (2, 0.96186349)]), Vectors.dense([0.897906166, 0.113419726, 0.42532397]), sparse(3, [])]
        let data = try vectorFrame(rows)
        let normalizer = try Normalizer().setInputCol("features").setOutputCol("normalized")
        let byL2 = try vectors(normalizer.transform(data), "normalized")
        assertClose(byL2, l2, accuracy: 1e-5)
        XCTAssertEqual(byL2.map(isSparse), rows.map(isSparse), "forms kept")
        assertClose(try vectors(normalizer.setP(1).transform(data), "normalized"), l1, accuracy: 1e-5)
        let byMax = try vectors(normalizer.setP(.infinity).transform(data), "normalized")
        assertClose([byMax[2]], [Vectors.dense([0.2, -1.1 / 3, -1])])
        assertThrows(try Normalizer().setP(0.5), "parameter p given invalid value 0.5: it must be >= 1.0")
        assertThrows(try Normalizer().setInputCol("nope").transform(data), "input column nope does not exist")
    }
}
