// ALS: collaborative filtering with spark.ml's ALS. Fits user and item factors on the ratings,
// prints the test RMSE and the top 10 recommendations of the first 3 users, the last line as
// one JSON object keyed as Spark names them.
//
//   sbin/run-example ALS --input Examples/data/sample_movielens_ratings.txt --rank 10 --maxIter 10
//   sbin/run-example ALS --input ratings_train.csv --testInput ratings_test.csv --regParam 0.05
//   sbin/run-example ALS --input clicks.csv --implicitPrefs true --alpha 40
//
// --input is `user::item::rating[::timestamp]` lines (MovieLens) or CSV (with a header naming
// the userCol/itemCol/ratingCol columns, or `user,item,rating[,timestamp]` without one).
// The model is evaluated on a random split (--testFraction, default 0.2, seeded by --seed) or
// on --testInput. Every other flag is an ALS param named as in Spark (--rank, --maxIter,
// --regParam, --implicitPrefs, --alpha, --nonnegative, --numUserBlocks, --numItemBlocks,
// --seed, --coldStartStrategy (default here: drop, as Spark's example), --checkpointInterval).
import Flint
import Foundation

do {
    let commandLine = try MLCommandLine(Array(CommandLine.arguments.dropFirst()))
    let spark = FlintSession(context: try FlintContext(conf: FlintConf().setAppName("ALS")))
    defer { spark.stop() }
    let als = try ALS().setColdStartStrategy("drop")
    try commandLine.apply(to: als)
    let columns = [als.value(als.userCol), als.value(als.itemCol), als.value(als.ratingCol)]
    let ratings = try commandLine.loadRatings(spark, columns: columns)
    let training: DataFrame
    let test: DataFrame
    if let testInput = commandLine["testInput"] {
        (training, test) = (ratings, try commandLine.loadRatings(spark, path: testInput, columns: columns))
    } else {
        let fraction = Double(commandLine["testFraction"] ?? "0.2") ?? -1
        guard fraction > 0, fraction < 1 else { throw MLError.invalidParam("--testFraction must be in (0, 1), got \(commandLine["testFraction"] ?? "")") }
        let split = try ratings.randomSplit([1 - fraction, fraction], seed: Int64(als.value(als.seed)))
        (training, test) = (split[0], split[1])
    }
    let model = try als.fit(training.cache())
    let predictions = try model.transform(test).cache()
    let evaluator = try RegressionEvaluator().setMetricName("rmse").setLabelCol(als.value(als.ratingCol))
        .setPredictionCol(als.value(als.predictionCol))
    let rmse = try evaluator.evaluate(predictions)
    let evaluated = try predictions.count()
    print("Root-mean-square error = \(rmse) on \(evaluated) test ratings")

    let (userCol, itemCol) = (als.value(als.userCol), als.value(als.itemCol))
    let firstUsers = try spark.createDataFrame(model.userFeatures.ids.prefix(3).map { [Value.integer($0)] },
                                               schema: StructType([StructField(userCol, .integer)]))
    let recommended = try model.recommendForUserSubset(firstUsers, numItems: 10).orderBy(userCol).collect()
    var recommendations: [MLJSON] = []
    for row in recommended {
        guard case let .integer(user) = row[0], case let .array(items) = row[1] else { continue }
        print("User \(user): " + items.compactMap { item -> String? in
            guard case let .structure(fields) = item else { return nil }
            return "\(fields[0]) (\(fields[1]))"
        }.joined(separator: ", "))
        recommendations.append(.object([(userCol, .integer(Int(user))), ("recommendations", .array(items.compactMap { item -> MLJSON? in
            guard case let .structure(fields) = item, case let .integer(id) = fields[0], case let .float(rating) = fields[1] else { return nil }
            return .object([(itemCol, .integer(Int(id))), ("rating", .number(Double(rating)))])
        }))]))
    }
    print(MLJSON.object([
        ("rmse", .number(rmse)), ("testRows", .integer(evaluated)), ("rank", .integer(model.rank)),
        ("numUsers", .integer(model.userFeatures.count)), ("numItems", .integer(model.itemFeatures.count)),
        ("recommendations", .array(recommendations)),
    ]).text)
} catch {
    FileHandle.standardError.write(Data("ALS failed: \(error)\n".utf8))
    exit(1)
}
