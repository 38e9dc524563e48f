import Flint
import Foundation

/// The anchor kit's `w_als` (spark_bench.py): read ratings_train.csv and ratings_test.csv
/// (user int, item int, rating float) cached and counted, fit ALS(rank 10, maxIter 10,
/// regParam 0.1, seed 42, coldStartStrategy drop), then the test RMSE over the rows whose user
/// and item have factors.
extension Workload {
    static func alternatingLeastSquares(_ sc: FlintContext, _ path: String, _ expected: Double?) throws -> WorkloadOutcome {
        let directory = (path as NSString).deletingLastPathComponent
        let session = FlintSession(context: sc)
        let schema = "user INT, item INT, rating FLOAT"
        var clock = PhaseClock()
        let train = try session.read.option("header", true).schema(schema).csv(path).cache()
        let test = try session.read.option("header", true).schema(schema)
            .csv((directory as NSString).appendingPathComponent("ratings_test.csv")).cache()
        let (trainRows, testRows) = (try train.count(), try test.count())
        clock.mark("load_s")
        let model = try ALS().setRank(10).setMaxIter(10).setRegParam(0.1).setSeed(42).setColdStartStrategy("drop").fit(train)
        clock.mark("fit_s")
        let predictions = try model.transform(test).cache()
        let rmse = try RegressionEvaluator().setMetricName("rmse").setLabelCol("rating").evaluate(predictions)
        let evaluated = try predictions.count()
        predictions.unpersist()
        clock.mark("eval_s")
        train.unpersist()
        test.unpersist()
        return WorkloadOutcome(
            result: [("test_rmse", .double(rmse)), ("test_rows_evaluated", .int(evaluated)), ("test_rows", .int(testRows)),
                     ("train_rows", .int(trainRows))] + clock.fields,
            ok: expected.map { rmse < $0 * 1.5 },
            notes: ["ALS(rank=10, maxIter=10, regParam=0.1, seed=42, coldStartStrategy=drop), 10 × 10 blocks"],
            inputPartitions: try train.batchRDD.numPartitions, outputPartitions: 1)
    }
}
