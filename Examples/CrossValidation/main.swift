// CrossValidation: tunes a pipeline (VectorAssembler + StandardScaler + LogisticRegression) over
// a 3 × 2 grid of regParam × elasticNetParam with k-fold cross-validation, as spark.ml's
// CrossValidator, and scores the best model on a held-out 20% split.
//
//   sbin/run-example CrossValidation --input data.csv [--numFolds 3] [--parallelism 2] [--seed 42]
//
// --input: CSV with a header, a `label` column of 0/1 and numeric feature columns. The last line
// of stdout is one JSON object: avgMetrics, stdMetrics (areaUnderROC per grid point), bestParams
// and the held-out areaUnderROC of the best model.
import Flint
import Foundation

do {
    let commandLine = try MLCommandLine(Array(CommandLine.arguments.dropFirst()))
    guard let input = commandLine["input"] else { throw MLError.invalidParam("--input PATH is required") }
    let spark = FlintSession(context: try FlintContext(conf: FlintConf().setAppName("CrossValidation")))
    defer { spark.stop() }
    let raw = try spark.read.option("header", true).option("inferSchema", true).csv(input)
    guard raw.columns.contains("label") else { throw MLError.invalidColumn("\(input) has no label column; columns: \(raw.columns)") }
    let features = raw.schema.fields.filter { $0.name != "label" && $0.dataType.isNumeric }.map(\.name)
    let seed = Int(commandLine["seed"] ?? "42") ?? 42
    let splits = try raw.withColumn("label", col("label").cast("double")).randomSplit([0.8, 0.2], seed: Int64(seed))
    let (training, heldOut) = (try splits[0].cache(), try splits[1].cache())

    let assembler = try VectorAssembler().setInputCols(features).setOutputCol("raw")
    let scaler = try StandardScaler().setInputCol("raw").setOutputCol("features")
    let lr = try LogisticRegression().setMaxIter(100)
    let pipeline = Pipeline().setStages([assembler, scaler, lr])
    let grid = ParamGridBuilder().addGrid(lr.regParam, [0.001, 0.01, 0.1]).addGrid(lr.elasticNetParam, [0.0, 0.5]).build()
    let validator = try CrossValidator().setEstimator(pipeline).setEstimatorParamMaps(grid)
        .setEvaluator(BinaryClassificationEvaluator()).setSeed(seed)
    try commandLine.apply(to: validator, excluding: ["seed"])
    let model = try validator.fit(training)
    let heldOutAUC = try BinaryClassificationEvaluator().evaluate(try model.transform(heldOut))
    let best = model.bestParamMap
    for (map, (average, deviation)) in zip(grid, zip(model.avgMetrics, model.stdMetrics)) {
        print("regParam \(map.get(lr.regParam)!), elasticNetParam \(map.get(lr.elasticNetParam)!): areaUnderROC \(average) ± \(deviation)")
    }
    print("held-out areaUnderROC of the best model: \(heldOutAUC)")
    print(MLJSON.object([
        ("avgMetrics", .numbers(model.avgMetrics)), ("stdMetrics", .numbers(model.stdMetrics)),
        ("bestParams", .object([("regParam", .number(best.get(lr.regParam) ?? .nan)),
                                ("elasticNetParam", .number(best.get(lr.elasticNetParam) ?? .nan))])),
        ("areaUnderROC", .number(heldOutAUC)), ("numFolds", .integer(validator.value(validator.numFolds))),
    ]).text)
} catch {
    FileHandle.standardError.write(Data("CrossValidation failed: \(error)\n".utf8))
    exit(1)
}
