// KMeans: clusters points with spark.ml's KMeans and prints the centers, the cost and the
// silhouette, the last line as one JSON object keyed as Spark names them.
//
//   sbin/run-example KMeans --input Examples/data/sample_kmeans_data.txt --k 2 --seed 1
//   sbin/run-example KMeans --input points.csv --k 10 --initMode random --maxIter 50
//
// --input is LIBSVM, or CSV with a header (every numeric column is a coordinate); every other
// flag is a KMeans param named as in Spark (--k, --maxIter, --tol, --seed, --initMode,
// --initSteps, --distanceMeasure euclidean|cosine, --weightCol).
import Flint
import Foundation

do {
    let commandLine = try MLCommandLine(Array(CommandLine.arguments.dropFirst()))
    let spark = FlintSession(context: try FlintContext(conf: FlintConf().setAppName("KMeans")))
    defer { spark.stop() }
    let points = try commandLine.loadFeatures(spark)
    let estimator = KMeans()
    try commandLine.apply(to: estimator)
    let model = try estimator.fit(points)
    guard let summary = model.summary else { fatalError("a freshly fitted model has a summary") }
    let evaluator = ClusteringEvaluator()
    if estimator.value(estimator.distanceMeasure) == "cosine" { try evaluator.setDistanceMeasure("cosine") }
    let silhouette = try evaluator.evaluate(summary.predictions)
    print("Cluster Centers:")
    for center in model.clusterCenters { print(center) }
    print("Silhouette with \(evaluator.value(evaluator.distanceMeasure)) distance = \(silhouette)")
    print(MLJSON.object([
        ("clusterCenters", .array(model.clusterCenters.map { .numbers($0.toArray()) })),
        ("trainingCost", .number(summary.trainingCost)), ("clusterSizes", .array(summary.clusterSizes.map { .integer($0) })),
        ("silhouette", .number(silhouette)), ("numIter", .integer(summary.numIter)), ("k", .integer(summary.k)),
    ]).text)
} catch {
    FileHandle.standardError.write(Data("KMeans failed: \(error)\n".utf8))
    exit(1)
}
