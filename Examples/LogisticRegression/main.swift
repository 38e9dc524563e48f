// LogisticRegression: fits spark.ml's LogisticRegression and prints the model and its training
// metrics, the last line as one JSON object keyed as Spark names them.
//
//   sbin/run-example LogisticRegression --input Examples/data/sample_libsvm_data.txt \
//       --regParam 0.3 --elasticNetParam 0.8 --maxIter 10
//   sbin/run-example LogisticRegression --input Examples/data/sample_multiclass_classification_data.txt --family multinomial
//
// --input is LIBSVM, or CSV (header, numeric columns) with --label COL; every other flag is a
// LogisticRegression param named as in Spark (--regParam, --elasticNetParam, --family,
// --threshold, --standardization, --fitIntercept, --maxIter, --tol, --weightCol, ...).
import Flint
import Foundation

do {
    let commandLine = try MLCommandLine(Array(CommandLine.arguments.dropFirst()))
    let spark = FlintSession(context: try FlintContext(conf: FlintConf().setAppName("LogisticRegression")))
    defer { spark.stop() }
    let training = try commandLine.loadTrainingData(spark)
    let estimator = LogisticRegression()
    try commandLine.apply(to: estimator)
    let model = try estimator.fit(training)
    guard let summary = model.summary else { fatalError("a freshly fitted model has a summary") }
    var result: [(String, MLJSON)]
    if model.isMultinomial {
        let matrix = model.coefficientMatrix
        let rows = (0..<matrix.numRows).map { k in MLJSON.numbers((0..<matrix.numCols).map { matrix[k, $0] }) }
        print("Coefficients:\n\(matrix)\nIntercepts: \(model.interceptVector)")
        result = [("coefficientMatrix", .array(rows)), ("interceptVector", .numbers(model.interceptVector.toArray()))]
    } else {
        print("Coefficients: \(try model.coefficients) Intercept: \(try model.intercept)")
        result = [("coefficients", .numbers(try model.coefficients.toArray())), ("intercept", .number(try model.intercept)),
                  ("areaUnderROC", .number(try summary.areaUnderROC)), ("areaUnderPR", .number(try summary.areaUnderPR))]
    }
    print("objectiveHistory: [\(summary.objectiveHistory.map { Value.double($0).description }.joined(separator: ","))]")
    print("accuracy: \(try summary.accuracy)")
    result += [("numClasses", .integer(model.numClasses)), ("numFeatures", .integer(model.numFeatures)),
               ("accuracy", .number(try summary.accuracy)), ("weightedPrecision", .number(try summary.weightedPrecision)),
               ("weightedRecall", .number(try summary.weightedRecall)), ("weightedFMeasure", .number(try summary.weightedFMeasure)),
               ("labels", .numbers(try summary.labels)), ("precisionByLabel", .numbers(try summary.precisionByLabel)),
               ("recallByLabel", .numbers(try summary.recallByLabel)),
               ("totalIterations", .integer(summary.totalIterations)), ("objectiveHistory", .numbers(summary.objectiveHistory))]
    print(MLJSON.object(result).text)
} catch {
    FileHandle.standardError.write(Data("LogisticRegression failed: \(error)\n".utf8))
    exit(1)
}
