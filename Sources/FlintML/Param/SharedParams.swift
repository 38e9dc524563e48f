/// The params many stages share, with Spark's names and docs (its `HasLabelCol`,
/// `HasFeaturesCol`, ... traits): a stage declares `let labelCol = SharedParams.labelCol(uid)`.
public enum SharedParams {
    /// `labelCol`: label column name (default `label`).
    public static func labelCol(_ uid: String) -> Param<String> {
        Param(parent: uid, name: "labelCol", doc: "label column name")
    }

    /// `featuresCol`: features column name (default `features`).
    public static func featuresCol(_ uid: String) -> Param<String> {
        Param(parent: uid, name: "featuresCol", doc: "features column name")
    }

    /// `predictionCol`: prediction column name (default `prediction`).
    public static func predictionCol(_ uid: String) -> Param<String> {
        Param(parent: uid, name: "predictionCol", doc: "prediction column name")
    }

    /// `rawPredictionCol`: raw prediction (confidence) column name.
    public static func rawPredictionCol(_ uid: String) -> Param<String> {
        Param(parent: uid, name: "rawPredictionCol", doc: "raw prediction (a.k.a. confidence) column name")
    }

    /// `probabilityCol`: column of predicted class probabilities.
    public static func probabilityCol(_ uid: String) -> Param<String> {
        Param(parent: uid, name: "probabilityCol",
              doc: "Column name for predicted class conditional probabilities. Note: Not all models output well-calibrated probability estimates! These probabilities should be treated as confidences, not precise probabilities")
    }

    /// `weightCol`: instance weight column name; unset or empty means every weight is 1.
    public static func weightCol(_ uid: String) -> Param<String> {
        Param(parent: uid, name: "weightCol", doc: "weight column name. If this is not set or empty, we treat all instance weights as 1.0")
    }

    /// `inputCol`: input column name.
    public static func inputCol(_ uid: String) -> Param<String> {
        Param(parent: uid, name: "inputCol", doc: "input column name")
    }

    /// `outputCol`: output column name.
    public static func outputCol(_ uid: String) -> Param<String> {
        Param(parent: uid, name: "outputCol", doc: "output column name")
    }

    /// `maxIter`: maximum number of iterations (>= 0).
    public static func maxIter(_ uid: String) -> Param<Int> {
        Param(parent: uid, name: "maxIter", doc: "maximum number of iterations", validator: .gtEq(0))
    }

    /// `tol`: the convergence tolerance for iterative algorithms (>= 0).
    public static func tol(_ uid: String) -> Param<Double> {
        Param(parent: uid, name: "tol", doc: "the convergence tolerance for iterative algorithms", validator: .gtEq(0))
    }

    /// `regParam`: regularization parameter (>= 0).
    public static func regParam(_ uid: String) -> Param<Double> {
        Param(parent: uid, name: "regParam", doc: "regularization parameter", validator: .gtEq(0))
    }

    /// `seed`: random seed.
    public static func seed(_ uid: String) -> Param<Int> {
        Param(parent: uid, name: "seed", doc: "random seed")
    }

    /// `elasticNetParam`: the L1 share α of the penalty, in [0, 1].
    public static func elasticNetParam(_ uid: String) -> Param<Double> {
        Param(parent: uid, name: "elasticNetParam",
              doc: "the ElasticNet mixing parameter, in range [0, 1]. For alpha = 0, the penalty is an L2 penalty. For alpha = 1, it is an L1 penalty",
              validator: .inRange(0, 1))
    }

    /// `fitIntercept`: whether to fit an intercept term.
    public static func fitIntercept(_ uid: String) -> Param<Bool> {
        Param(parent: uid, name: "fitIntercept", doc: "whether to fit an intercept term")
    }

    /// `standardization`: whether to standardize the features before fitting.
    public static func standardization(_ uid: String) -> Param<Bool> {
        Param(parent: uid, name: "standardization", doc: "whether to standardize the training features before fitting the model")
    }

    /// `aggregationDepth`: suggested depth for treeAggregate (>= 2).
    public static func aggregationDepth(_ uid: String) -> Param<Int> {
        Param(parent: uid, name: "aggregationDepth", doc: "suggested depth for treeAggregate", validator: .gtEq(2))
    }
}
