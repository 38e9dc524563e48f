import Flint
import Foundation

/// The anchor kit's spark.ml workloads (spark_bench.py `w_linreg`, `w_logreg`): read the
/// train and test CSVs with the kit's schema, assemble the d feature columns into a vector,
/// cache and count, fit with the kit's params, then score the test set.
extension Workload {
    /// Reads `path` ([label,] f0 ... f{d−1}) as ([label,] features), cached and counted.
    private static func mlFrame(_ session: FlintSession, _ path: String, features d: Int, label: Bool = true) throws -> DataFrame {
        let schema = ((label ? ["label DOUBLE"] : []) + (0..<d).map { "f\($0) DOUBLE" }).joined(separator: ", ")
        let raw = try session.read.option("header", true).schema(schema).csv(path)
        let assembled = try VectorAssembler().setInputCols((0..<d).map { "f\($0)" }).setOutputCol("features").transform(raw)
        let frame = try (label ? assembled.select("label", "features") : assembled.select("features")).cache()
        _ = try frame.count()
        return frame
    }

    /// The number of features of the kit's dataset `name` in its manifest.
    private static func featureCount(_ directory: String, _ name: String) throws -> Int {
        let url = URL(fileURLWithPath: directory).appendingPathComponent("manifest.json")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        guard let datasets = manifest?["datasets"] as? [String: Any], let dataset = datasets[name] as? [String: Any],
              let features = dataset["features"] as? Int else {
            throw BenchError.missingData("manifest.json has no datasets.\(name).features: regenerate with gen_data.py --only regression,classification")
        }
        return features
    }

    static func linearRegression(_ sc: FlintContext, _ path: String) throws -> WorkloadOutcome {
        let directory = (path as NSString).deletingLastPathComponent
        let d = try featureCount(directory, "regression")
        let session = FlintSession(context: sc)
        var clock = PhaseClock()
        let train = try mlFrame(session, path, features: d)
        let test = try mlFrame(session, (directory as NSString).appendingPathComponent("regression_test.csv"), features: d)
        clock.mark("load_s")
        let model = try LinearRegression().setMaxIter(100).fit(train)
        clock.mark("fit_s")
        let predictions = try model.transform(test)
        let metrics = try RegressionEvaluator().metrics(predictions)
        clock.mark("eval_s")
        train.unpersist()
        test.unpersist()
        return WorkloadOutcome(
            result: [("test_r2", .double(metrics["r2"]!)), ("test_rmse", .double(metrics["rmse"]!)), ("intercept", .double(model.intercept))] + clock.fields,
            ok: nil, notes: ["LinearRegression(maxIter=100, regParam=0, solver=auto → normal equations)"],
            inputPartitions: try train.batchRDD.numPartitions, outputPartitions: 1)
    }

    static func logisticRegression(_ sc: FlintContext, _ path: String) throws -> WorkloadOutcome {
        let directory = (path as NSString).deletingLastPathComponent
        let d = try featureCount(directory, "classification")
        let session = FlintSession(context: sc)
        var clock = PhaseClock()
        let train = try mlFrame(session, path, features: d)
        let test = try mlFrame(session, (directory as NSString).appendingPathComponent("classification_test.csv"), features: d)
        clock.mark("load_s")
        let model = try LogisticRegression().setMaxIter(100).setTol(1e-6).fit(train)
        clock.mark("fit_s")
        let predictions = try model.transform(test).cache()
        let auc = try BinaryClassificationEvaluator().evaluate(predictions)
        let accuracy = try MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions)
        clock.mark("eval_s")
        predictions.unpersist()
        train.unpersist()
        test.unpersist()
        return WorkloadOutcome(
            result: [("test_auc", .double(auc)), ("test_accuracy", .double(accuracy)), ("iterations", .int(model.summary?.totalIterations ?? -1))] + clock.fields,
            ok: nil, notes: ["LogisticRegression(maxIter=100, regParam=0, tol=1e-6), L-BFGS"],
            inputPartitions: try train.batchRDD.numPartitions, outputPartitions: 1)
    }

    static func kMeans(_ sc: FlintContext, _ path: String) throws -> WorkloadOutcome {
        let directory = (path as NSString).deletingLastPathComponent
        let d = try featureCount(directory, "kmeans")
        let session = FlintSession(context: sc)
        var clock = PhaseClock()
        let points = try mlFrame(session, path, features: d, label: false)
        clock.mark("load_s")
        let seed = Int(sc.conf.get("bench.kmeans.seed") ?? "42") ?? 42
        let model = try KMeans().setK(10).setMaxIter(20).setSeed(seed).setTol(1e-4).fit(points)
        clock.mark("fit_s")
        points.unpersist()
        return WorkloadOutcome(
            result: [("wssse", .double(model.summary?.trainingCost ?? .nan)), ("iterations", .int(model.summary?.numIter ?? -1))] + clock.fields,
            ok: nil, notes: ["KMeans(k=10, maxIter=20, seed=42, k-means||, initSteps=2, tol=1e-4)"],
            inputPartitions: try points.batchRDD.numPartitions, outputPartitions: 1)
    }

    /// The fit benchmark (1 M rows × 50 features, files made by Benchmarks/ml50/gen.py):
    /// LinearRegression with the normal and l-bfgs solvers on regression.csv, and 100 L-BFGS
    /// iterations of LogisticRegression (tol 0) on classification.csv; fit times only.
    static func fit50(_ sc: FlintContext, _ path: String) throws -> WorkloadOutcome {
        let directory = (path as NSString).deletingLastPathComponent
        let header = try String(contentsOfFile: path, encoding: .utf8).prefix { $0 != "\n" }
        let d = header.split(separator: ",").count - 1
        let session = FlintSession(context: sc)
        let regression = try mlFrame(session, path, features: d)
        var start = Date()
        let normal = try LinearRegression().setSolver("normal").fit(regression)
        let normalSeconds = Date().timeIntervalSince(start)
        start = Date()
        let lbfgs = try LinearRegression().setSolver("l-bfgs").setMaxIter(100).fit(regression)
        let lbfgsSeconds = Date().timeIntervalSince(start)
        regression.unpersist()
        let classification = try mlFrame(session, (directory as NSString).appendingPathComponent("classification.csv"), features: d)
        start = Date()
        let logistic = try LogisticRegression().setMaxIter(100).setTol(0).fit(classification)
        let logisticSeconds = Date().timeIntervalSince(start)
        classification.unpersist()
        return WorkloadOutcome(
            result: [("linreg_normal_fit_s", .double(normalSeconds)), ("linreg_lbfgs_fit_s", .double(lbfgsSeconds)),
                     ("linreg_lbfgs_iterations", .int(lbfgs.summary?.totalIterations ?? -1)),
                     ("logreg_fit_s", .double(logisticSeconds)), ("logreg_iterations", .int(logistic.summary?.totalIterations ?? -1)),
                     ("intercept_normal", .double(normal.intercept)), ("intercept_lbfgs", .double(lbfgs.intercept)),
                     ("logreg_objective", .double(logistic.summary?.objectiveHistory.last ?? .nan))],
            ok: nil, notes: ["1 M × \(d): LinearRegression normal and l-bfgs, LogisticRegression 100 iterations"],
            inputPartitions: 0, outputPartitions: 1)
    }

    /// The kit's cv_logreg: 3-fold CrossValidator of LogisticRegression(maxIter 100, tol 1e-6)
    /// over regParam {0.001, 0.1} × fitIntercept {true, false}, scored by log-loss.
    static func crossValidatedLogistic(_ sc: FlintContext, _ path: String) throws -> WorkloadOutcome {
        let directory = (path as NSString).deletingLastPathComponent
        let d = try featureCount(directory, "classification")
        let session = FlintSession(context: sc)
        var clock = PhaseClock()
        let data = try mlFrame(session, path, features: d)
        clock.mark("load_s")
        let lr = try LogisticRegression().setMaxIter(100).setTol(1e-6)
        let grid = ParamGridBuilder().addGrid(lr.regParam, [0.001, 0.1]).addGrid(lr.fitIntercept, [true, false]).build()
        let parallelism = Int(sc.conf.get("bench.cv.parallelism") ?? "1") ?? 1
        let model = try CrossValidator().setEstimator(lr).setEstimatorParamMaps(grid)
            .setEvaluator(try MulticlassClassificationEvaluator().setMetricName("logLoss")).setNumFolds(3).setSeed(42)
            .setParallelism(parallelism).fit(data)
        clock.mark("fit_s")
        data.unpersist()
        let best = model.bestParamMap
        return WorkloadOutcome(
            result: [("best_regParam", .double(best.get(lr.regParam) ?? .nan)), ("best_fitIntercept", .string("\(best.get(lr.fitIntercept) ?? false)")),
                     ("avg_logloss", .array(model.avgMetrics.map { .double($0) }))] + clock.fields,
            ok: best.get(lr.regParam) == 0.001 && best.get(lr.fitIntercept) == true,
            notes: ["CrossValidator(LogisticRegression, 2x2 grid, 3 folds, logLoss), parallelism \(parallelism)"],
            inputPartitions: 0, outputPartitions: 1)
    }
}
