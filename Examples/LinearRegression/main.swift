// LinearRegression: fits spark.ml's LinearRegression and prints the model and its training
// metrics, the last line as one JSON object keyed as Spark names them.
//
//   sbin/run-example LinearRegression --input Examples/data/sample_linear_regression_data.txt \
//       --regParam 0.3 --elasticNetParam 0.8 --maxIter 10
//   sbin/run-example LinearRegression --input data.csv --label y --solver normal
//
// --input is LIBSVM, or CSV (header, numeric columns) with --label COL; every other flag is a
// LinearRegression param named as in Spark (--regParam, --elasticNetParam, --fitIntercept,
// --standardization, --solver auto|normal|l-bfgs, --maxIter, --tol, --weightCol, ...).
import Flint
import Foundation

do {
    let commandLine = try MLCommandLine(Array(CommandLine.arguments.dropFirst()))
    let spark = FlintSession(context: try FlintContext(conf: FlintConf().setAppName("LinearRegression")))
    defer { spark.stop() }
    let training = try commandLine.loadTrainingData(spark)
    let estimator = LinearRegression()
    try commandLine.apply(to: estimator)
    let model = try estimator.fit(training)
    guard let summary = model.summary else { fatalError("a freshly fitted model has a summary") }
    print("Coefficients: \(model.coefficients) Intercept: \(model.intercept)")
    print("numIterations: \(summary.totalIterations)")
    print("objectiveHistory: [\(summary.objectiveHistory.map { Value.double($0).description }.joined(separator: ","))]")
    try summary.residuals.show()
    print("RMSE: \(try summary.rootMeanSquaredError)")
    print("r2: \(try summary.r2)")
    var result: [(String, MLJSON)] = [
        ("coefficients", .numbers(model.coefficients.toArray())), ("intercept", .number(model.intercept)),
        ("numFeatures", .integer(model.numFeatures)), ("rootMeanSquaredError", .number(try summary.rootMeanSquaredError)),
        ("meanSquaredError", .number(try summary.meanSquaredError)), ("meanAbsoluteError", .number(try summary.meanAbsoluteError)),
        ("r2", .number(try summary.r2)), ("r2adj", .number(try summary.r2adj)),
        ("explainedVariance", .number(try summary.explainedVariance)), ("numInstances", .integer(try summary.numInstances)),
        ("totalIterations", .integer(summary.totalIterations)), ("objectiveHistory", .numbers(summary.objectiveHistory)),
    ]
    if let errors = try? summary.coefficientStandardErrors {
        result += [("coefficientStandardErrors", .numbers(errors)), ("tValues", .numbers(try summary.tValues)),
                   ("pValues", .numbers(try summary.pValues))]
    }
    print(MLJSON.object(result).text)
} catch {
    FileHandle.standardError.write(Data("LinearRegression failed: \(error)\n".utf8))
    exit(1)
}
