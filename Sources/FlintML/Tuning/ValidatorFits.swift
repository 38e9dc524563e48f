import FlintSQL
import Foundation
import Synchronization

/// Fits `estimator` on a training frame with each param map and evaluates each model on a
/// validation frame, `parallelism` fits at a time (threads; each fit runs its own jobs), as the
/// tuning estimators of spark.ml do. Returns the metrics in param-map order, and the models.
enum ValidatorFits {
    static func run(estimator: Estimator, evaluator: Evaluator, paramMaps: [ParamMap], training: DataFrame,
                    validation: DataFrame, parallelism: Int) throws -> (metrics: [Double], models: [Model]) {
        let results = Mutex<[Int: Result<(Double, Model), Error>]>([:])
        let next = Atomic<Int>(0)
        let work: @Sendable () -> Void = {
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < paramMaps.count else { return }
                let outcome = Result { () throws -> (Double, Model) in
                    let model = try estimator.fit(training, paramMaps[index])
                    return (try evaluator.evaluate(try model.transform(validation, paramMaps[index])), model)
                }
                results.withLock { $0[index] = outcome }
            }
        }
        let helpers = max(1, min(parallelism, paramMaps.count)) - 1
        let done = (0..<helpers).map { _ in DispatchSemaphore(value: 0) }
        for finished in done {
            Thread.detachNewThread {
                work()
                finished.signal()
            }
        }
        work()
        for finished in done { finished.wait() }
        let collected = results.withLock { $0 }
        var metrics: [Double] = [], models: [Model] = []
        for index in paramMaps.indices {
            let (metric, model) = try collected[index]!.get()
            metrics.append(metric)
            models.append(model)
        }
        return (metrics, models)
    }

    /// The index of the best metric (the first one on ties, as Spark's maxBy / minBy).
    static func best(_ metrics: [Double], largerIsBetter: Bool) -> Int {
        var best = 0
        for index in metrics.indices.dropFirst() where largerIsBetter ? metrics[index] > metrics[best] : metrics[index] < metrics[best] {
            best = index
        }
        return best
    }
}
