import FlintLinalg
import FlintSQL
import Foundation

/// A fitted logistic regression, as spark.ml's `LogisticRegressionModel`: margins
/// `coefficientMatrix · x + interceptVector` (one row per class, or one row for binomial),
/// probabilities by sigmoid or softmax, and the prediction by `threshold` / `thresholds`.
/// `transform` adds `rawPrediction`, `probability` (vectors) and `prediction`.
public final class LogisticRegressionModel: Model, @unchecked Sendable {
    /// K × d coefficients (one row for a binomial model).
    public let coefficientMatrix: DenseMatrix
    /// One intercept per row of `coefficientMatrix`.
    public let interceptVector: Vector
    /// The number of classes (2 for a binomial model).
    public let numClasses: Int
    /// Whether the model is multinomial (softmax).
    public let isMultinomial: Bool
    /// `featuresCol` (default `features`).
    public let featuresCol: Param<String>
    /// `labelCol` (default `label`).
    public let labelCol: Param<String>
    /// `predictionCol` (default `prediction`).
    public let predictionCol: Param<String>
    /// `probabilityCol` (default `probability`).
    public let probabilityCol: Param<String>
    /// `rawPredictionCol` (default `rawPrediction`).
    public let rawPredictionCol: Param<String>
    /// `threshold` (binomial, default 0.5).
    public let threshold: Param<Double>
    /// `thresholds`, one per class.
    public let thresholds: Param<[Double]>
    /// The training summary, when fitted in this process.
    public internal(set) var summary: LogisticRegressionTrainingSummary?

    /// A model of these coefficients.
    public init(uid: String, coefficientMatrix: DenseMatrix, interceptVector: [Double], numClasses: Int, isMultinomial: Bool) {
        self.coefficientMatrix = coefficientMatrix
        self.interceptVector = .dense(DenseVector(interceptVector))
        self.numClasses = numClasses
        self.isMultinomial = isMultinomial
        featuresCol = SharedParams.featuresCol(uid)
        labelCol = SharedParams.labelCol(uid)
        predictionCol = SharedParams.predictionCol(uid)
        probabilityCol = SharedParams.probabilityCol(uid)
        rawPredictionCol = SharedParams.rawPredictionCol(uid)
        threshold = Param(parent: uid, name: "threshold", doc: "threshold in binary classification prediction, in range [0, 1]",
                          validator: .inRange(0, 1))
        thresholds = Param(parent: uid, name: "thresholds", doc: "Thresholds in multi-class classification to adjust the probability of predicting each class",
                           validator: .everyElement(.gtEq(0)))
        super.init(uid: uid)
        setDefault(featuresCol, "features")
        setDefault(labelCol, "label")
        setDefault(predictionCol, "prediction")
        setDefault(probabilityCol, "probability")
        setDefault(rawPredictionCol, "rawPrediction")
        setDefault(threshold, 0.5)
    }

    /// The coefficients of a binomial model.
    /// - Throws: `MLError.invalidParam` for a multinomial model (use `coefficientMatrix`).
    public var coefficients: Vector {
        get throws {
            guard !isMultinomial else {
                throw MLError.invalidParam("Multinomial models contain a matrix of coefficients, use coefficientMatrix instead.")
            }
            return .dense(DenseVector((0..<numFeatures).map { coefficientMatrix[0, $0] }))
        }
    }

    /// The intercept of a binomial model.
    /// - Throws: `MLError.invalidParam` for a multinomial model (use `interceptVector`).
    public var intercept: Double {
        get throws {
            guard !isMultinomial else { throw MLError.invalidParam("Multinomial models contain a vector of intercepts, use interceptVector instead.") }
            return interceptVector[0]
        }
    }

    /// The number of features.
    public var numFeatures: Int { coefficientMatrix.numCols }

    /// The margins: (−m, m) for binomial, one per class for multinomial.
    /// - Throws: `MLError.invalidData` for a vector of the wrong size.
    public func predictRaw(_ features: Vector) throws -> Vector {
        guard features.size == numFeatures else {
            throw MLError.invalidData("the model has \(numFeatures) features but the vector has \(features.size)")
        }
        var margins = interceptVector.toArray()
        features.forEachActive { j, x in
            for row in margins.indices { margins[row] += coefficientMatrix[row, j] * x }
        }
        return isMultinomial ? .dense(DenseVector(margins)) : .dense(DenseVector([-margins[0], margins[0]]))
    }

    /// The class probabilities of raw margins.
    public func probability(fromRaw raw: Vector) -> Vector {
        let margins = raw.toArray()
        if !isMultinomial {
            let p = 1 / (1 + exp(-margins[1]))
            return .dense(DenseVector([1 - p, p]))
        }
        let largest = margins.max() ?? 0
        let exps = margins.map { exp($0 - largest) }
        let total = exps.reduce(0, +)
        return .dense(DenseVector(exps.map { $0 / total }))
    }

    /// The predicted class of probabilities, by `thresholds` (largest p/t) or, for binomial,
    /// `threshold` (class 1 when p₁ > threshold).
    public func prediction(fromProbability probability: Vector) -> Double {
        let p = probability.toArray()
        if let given = try? getOrDefault(thresholds), given.count == p.count {
            let scaled = zip(p, given).map { $1 == 0 ? Double.infinity : $0 / $1 }
            return Double(scaled.indices.max { scaled[$0] < scaled[$1] } ?? 0)
        }
        if !isMultinomial { return p[1] > value(threshold) ? 1 : 0 }
        return Double(p.indices.max { p[$0] < p[$1] } ?? 0)
    }

    /// The predicted class of one feature vector.
    public func predict(_ features: Vector) throws -> Double { prediction(fromProbability: probability(fromRaw: try predictRaw(features))) }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try DatasetColumns.requireVector(schema, value(featuresCol))
        for output in [rawPredictionCol, probabilityCol, predictionCol] { try DatasetColumns.requireAbsent(schema, value(output)) }
        return schema.adding(value(rawPredictionCol), .vector).adding(value(probabilityCol), .vector).adding(value(predictionCol), .double)
    }

    /// Adds the raw prediction, probability and prediction columns (one margin computation per row).
    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let raw = RowFunction.column(dataset, name: "\(uid)_raw", returnType: .vector, inputs: [col(value(featuresCol))]) { [self] arguments in
            guard case let .vector(features) = arguments[0] else { return .null }
            return .vector(try predictRaw(features))
        }
        let withRaw = try dataset.withColumn(value(rawPredictionCol), raw)
        let probability = RowFunction.column(dataset, name: "\(uid)_probability", returnType: .vector,
                                             inputs: [col(value(rawPredictionCol))]) { [self] arguments in
            guard case let .vector(raw) = arguments[0] else { return .null }
            return .vector(self.probability(fromRaw: raw))
        }
        let withProbability = try withRaw.withColumn(value(probabilityCol), probability)
        let prediction = RowFunction.column(dataset, name: "\(uid)_prediction", returnType: .double,
                                            inputs: [col(value(probabilityCol))]) { [self] arguments in
            guard case let .vector(probability) = arguments[0] else { return .null }
            return .double(self.prediction(fromProbability: probability))
        }
        return try withProbability.withColumn(value(predictionCol), prediction)
    }

    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: LogisticRegressionModel(uid: uid, coefficientMatrix: coefficientMatrix, interceptVector: interceptVector.toArray(),
                                                          numClasses: numClasses, isMultinomial: isMultinomial), extra: extra)
        copy.parent = parent
        copy.summary = summary
        return copy
    }
}
