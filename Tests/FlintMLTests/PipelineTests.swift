import FlintCore
import FlintSQL
import XCTest
@testable import FlintML

/// A transformer with params of several kinds: adds `inputCol * factor` as `outputCol`.
final class Multiplier: Transformer, @unchecked Sendable {
    let factor: Param<Double>
    let inputCol: Param<String>
    let outputCol: Param<String>
    let mode: Param<String>

    override init(uid: String = Params.randomUID("multiplier")) {
        factor = Param(parent: uid, name: "factor", doc: "what to multiply by", validator: .gtEq(0))
        inputCol = Param(parent: uid, name: "inputCol", doc: "input column name")
        outputCol = Param(parent: uid, name: "outputCol", doc: "output column name")
        mode = Param(parent: uid, name: "mode", doc: "how to round (floor truncates)", validator: .inArray(["none", "floor"]))
        super.init(uid: uid)
        setDefault(factor, 1)
        setDefault(outputCol, "\(uid)__output")
        setDefault(mode, "none")
    }

    override func transformSchema(_ schema: StructType) throws -> StructType {
        let name = try getOrDefault(inputCol)
        guard schema.fields.contains(where: { $0.name == name }) else { throw MLError.invalidColumn("no column \(name)") }
        return schema.adding(value(outputCol), .double)
    }

    override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        var product = col(try getOrDefault(inputCol)) * lit(value(factor))
        if value(mode) == "floor" { product = product.cast("long") }
        return try dataset.withColumn(value(outputCol), product.cast("double"))
    }

    override func copy(_ extra: ParamMap) -> Params { copyValues(to: Multiplier(uid: uid), extra: extra) }
}

/// An estimator: learns the mean of `inputCol`; its model subtracts it.
final class MeanCenterer: Estimator, @unchecked Sendable {
    let inputCol: Param<String>
    override init(uid: String = Params.randomUID("centerer")) {
        inputCol = Param(parent: uid, name: "inputCol", doc: "input column name")
        super.init(uid: uid)
    }
    override func fit(_ dataset: DataFrame) throws -> Model {
        let name = try getOrDefault(inputCol)
        let mean = try dataset.agg(avg(name)).collect()[0][0].doubleValue ?? 0
        let model = copyValues(to: CenteringModel(uid: uid, mean: mean))
        model.parent = self
        return model
    }
    override func copy(_ extra: ParamMap) -> Params { copyValues(to: MeanCenterer(uid: uid), extra: extra) }
}

final class CenteringModel: Model, @unchecked Sendable {
    let inputCol: Param<String>
    let mean: Double
    init(uid: String, mean: Double) {
        inputCol = Param(parent: uid, name: "inputCol", doc: "input column name")
        self.mean = mean
        super.init(uid: uid)
    }
    override func transform(_ dataset: DataFrame) throws -> DataFrame {
        let name = try getOrDefault(inputCol)
        return try dataset.withColumn("centered", col(name) - lit(mean))
    }
    override func copy(_ extra: ParamMap) -> Params { copyValues(to: CenteringModel(uid: uid, mean: mean), extra: extra) }
}

final class PipelineTests: MLTestCase {
    private func numbers() throws -> DataFrame {
        try session.createDataFrame([[.double(1)], [.double(2)], [.double(6)]], schema: StructType([StructField("x", .double)]))
    }

    func testParamsHaveDefaultsValidationAndExplanations() throws {
        let stage = Multiplier()
        XCTAssertTrue(stage.uid.hasPrefix("multiplier_"))
        XCTAssertEqual(stage.uid.count, "multiplier_".count + 12)
        XCTAssertEqual(stage.params.map(\.key.name), ["factor", "inputCol", "mode", "outputCol"])
        XCTAssertEqual(stage.value(stage.factor), 1)
        XCTAssertFalse(stage.isSet(stage.factor))
        XCTAssertTrue(stage.hasDefault(stage.factor))
        try stage.set(stage.factor, 2.5)
        XCTAssertTrue(stage.isSet(stage.factor))
        XCTAssertEqual(stage.value(stage.factor), 2.5)
        XCTAssertThrowsError(try stage.set(stage.factor, -1)) { error in
            XCTAssertEqual("\(error)", "\(stage.uid) parameter factor given invalid value -1.0: it must be >= 0.0")
        }
        XCTAssertThrowsError(try stage.set(stage.mode, "ceil")) { error in
            XCTAssertTrue("\(error)".contains("one of: none, floor"), "\(error)")
        }
        try stage.set(stage.mode, "FLOOR")
        XCTAssertThrowsError(try stage.getOrDefault(stage.inputCol)) { error in
            XCTAssertTrue("\(error)".contains("inputCol has no value and no default"), "\(error)")
        }
        XCTAssertEqual(stage.explainParams().split(separator: "\n").first,
                       "factor: what to multiply by (>= 0.0) (default: 1.0, current: 2.5)")
        XCTAssertTrue(stage.explainParams().contains("inputCol: input column name (undefined)"), stage.explainParams())
        XCTAssertThrowsError(try stage.param(named: "factr")) { error in
            XCTAssertTrue("\(error)".contains("no param named factr"), "\(error)")
        }
        stage.clear(stage.factor)
        XCTAssertEqual(stage.value(stage.factor), 1)
        try stage.set(paramNamed: "factor", parsing: "0.25")
        try stage.set(paramNamed: "inputCol", parsing: "x")
        XCTAssertEqual(stage.value(stage.factor), 0.25)
        XCTAssertEqual(try stage.getOrDefault(stage.inputCol), "x")
        XCTAssertThrowsError(try stage.set(paramNamed: "factor", parsing: "lots")) { error in
            XCTAssertTrue("\(error)".contains("parameter factor cannot take 'lots'"), "\(error)")
        }
        XCTAssertThrowsError(try stage.set(paramNamed: "factor", parsing: "-3")) { error in
            XCTAssertTrue("\(error)".contains("it must be >= 0.0"), "\(error)")
        }
        XCTAssertThrowsError(try stage.set(paramNamed: "speed", parsing: "1")) { error in
            XCTAssertTrue("\(error)".contains("its params are: factor, inputCol, mode, outputCol"), "\(error)")
        }
        XCTAssertEqual([Double](parsing: "[0.5, 1,2]"), [0.5, 1, 2])
    }

    func testCopyAndParamMaps() throws {
        let stage = Multiplier()
        try stage.set(stage.inputCol, "x")
        let copy = stage.copy(ParamMap([stage.factor(3)])) as! Multiplier
        XCTAssertEqual(copy.uid, stage.uid)
        XCTAssertEqual(copy.value(copy.factor), 3)
        XCTAssertEqual(try copy.getOrDefault(copy.inputCol), "x")
        XCTAssertEqual(stage.value(stage.factor), 1, "the original is unchanged")
        let extracted = stage.extractParamMap(ParamMap([stage.factor(4), Multiplier().factor(9)]))
        XCTAssertEqual(extracted.get(stage.factor), 4)
        XCTAssertEqual(extracted.get(stage.mode), "none")
        XCTAssertEqual(extracted.values.count, 4, "defaults, set values and this stage's extras only")
        XCTAssertThrowsError(try stage.transform(try numbers(), ParamMap([stage.factor(-2)]))) { error in
            XCTAssertTrue("\(error)".contains("factor given invalid value -2.0"), "\(error)")
        }
        XCTAssertThrowsError(try stage.set(Multiplier().factor(2))) { error in
            XCTAssertTrue("\(error)".contains("does not belong to \(stage.uid)"), "\(error)")
        }
        XCTAssertEqual(try stage.transform(try numbers(), ParamMap([stage.factor(10)])).select(stage.value(stage.outputCol))
            .collect().map { $0[0] }, [.double(10), .double(20), .double(60)])
    }

    func testPipelineFitsStagesInOrder() throws {
        let doubled = Multiplier()
        try doubled.set(doubled.inputCol, "x")
        try doubled.set(doubled.factor, 2)
        try doubled.set(doubled.outputCol, "x2")
        let centerer = MeanCenterer()
        try centerer.set(centerer.inputCol, "x2")
        let pipeline = Pipeline().setStages([doubled, centerer])
        let model = try pipeline.fit(try numbers())
        XCTAssertTrue(model.parent === pipeline)
        XCTAssertEqual(model.stages.count, 2)
        XCTAssertEqual((model.stages[1] as? CenteringModel)?.mean, 6, "the centerer was fitted on the doubled column")
        let rows = try model.transform(try numbers()).select("centered").collect().map { $0[0] }
        XCTAssertEqual(rows, [.double(-4), .double(-2), .double(6)])

        let tuned = try pipeline.fit(try numbers(), ParamMap([doubled.factor(1)]))
        XCTAssertEqual(((tuned as? PipelineModel)?.stages[1] as? CenteringModel)?.mean ?? 0, 3, accuracy: 1e-12)
        XCTAssertEqual(doubled.value(doubled.factor), 2, "fitting with a param map leaves the stages unchanged")
        XCTAssertThrowsError(try pipeline.fit(try numbers(), ParamMap([doubled.mode("round")]))) { error in
            XCTAssertTrue("\(error)".contains("mode given invalid value round"), "\(error)")
        }
        let broken = Multiplier()
        try broken.set(broken.inputCol, "missing")
        XCTAssertThrowsError(try Pipeline().setStages([broken, centerer]).fit(try numbers())) { error in
            XCTAssertEqual(error as? MLError, .invalidColumn("no column missing"), "checked before any stage runs")
        }
    }
}
