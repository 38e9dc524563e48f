import FlintLinalg
import FlintSQL

/// The params of `OneHotEncoder` and `OneHotEncoderModel` (Spark's `OneHotEncoderBase`).
public protocol OneHotEncoderParams: HasSingleOrMultipleColumns, HasHandleInvalid {
    /// `dropLast` (default true): whether to drop the last category's slot.
    var dropLast: Param<Bool> { get }
}

extension OneHotEncoderParams {
    /// Sets `dropLast`.
    @discardableResult public func setDropLast(_ value: Bool) throws -> Self { try setting(dropLast, value) }

    /// The input schema with a vector column per output column (Spark's
    /// `validateAndTransformSchema`).
    /// - Throws: `MLError.invalidParam` for inconsistent column params; `MLError.invalidColumn`
    ///   for a missing or non-numeric input, an output that exists or repeats.
    func validateAndTransformSchema(_ schema: StructType) throws -> StructType {
        let pairs = try columnPairs()
        for (input, _) in pairs {
            try DatasetColumns.require(schema, input, expected: "numeric", accepts: \.isNumeric)
        }
        return try DatasetColumns.adding(pairs.map(\.output), of: .vector, to: schema)
    }

    /// The params of the stage of uid `uid`: `inputCol`, `outputCol`, `inputCols`, `outputCols`,
    /// `dropLast`, `handleInvalid`.
    static func oneHotEncoderParams(_ uid: String)
        -> (Param<String>, Param<String>, Param<[String]>, Param<[String]>, Param<Bool>, Param<String>) {
        let (inputCol, outputCol, inputCols, outputCols) = SharedParams.singleOrMultipleColumns(uid)
        return (inputCol, outputCol, inputCols, outputCols,
                Param(parent: uid, name: "dropLast", doc: "whether to drop the last category"),
                InvalidHandling.param(uid, allowed: [.error, .keep],
                                      doc: "How to handle invalid data during transform(). Options are 'keep' (invalid data presented as an extra categorical feature) or error (throw an error). Note that this Param is only used during transform; during fitting, invalid data will result in an error."))
    }

    /// Spark's defaults: `dropLast` true, `handleInvalid` error, `outputCol` `<uid>__output`.
    func setOneHotEncoderDefaults() {
        setDefault(outputCol, "\(uid)__output")
        setDefault(dropLast, true)
        setDefault(handleInvalid, InvalidHandling.error.rawValue)
    }
}

/// Encodes category indices (0, 1, ..., as `StringIndexer` produces) as sparse one-hot vectors,
/// as spark.ml's `OneHotEncoder`, for one column (`inputCol` → `outputCol`) or several
/// (`inputCols` → `outputCols`). With `dropLast` (default true) the last category has no slot
/// (its vector is all zeros), which keeps the slots linearly independent.
///
/// Spark takes each column's number of categories from its metadata, or else from the data;
/// Flint has no column metadata and always counts: the largest index + 1 (one job for all the
/// columns), every value having to be a non-negative whole number. Nulls are left out of the
/// count (Spark fails on them) and encode as null.
public final class OneHotEncoder: Estimator, OneHotEncoderParams, @unchecked Sendable {
    /// `inputCol` → `outputCol` (default `<uid>__output`), or `inputCols` → `outputCols`.
    public let inputCol: Param<String>, outputCol: Param<String>, inputCols: Param<[String]>, outputCols: Param<[String]>
    /// `dropLast` (default true).
    public let dropLast: Param<Bool>
    /// `handleInvalid`: what the model does with an index outside the fitted categories:
    /// error (default) or keep (an extra category).
    public let handleInvalid: Param<String>

    /// An encoder with Spark's defaults.
    public override init(uid: String = Params.randomUID("oneHotEncoder")) {
        (inputCol, outputCol, inputCols, outputCols, dropLast, handleInvalid) = Self.oneHotEncoderParams(uid)
        super.init(uid: uid)
        setOneHotEncoderDefaults()
    }

    /// The input schema with the output column(s) added, after checking the params and columns.
    public override func transformSchema(_ schema: StructType) throws -> StructType { try validateAndTransformSchema(schema) }

    /// The model of each input column's number of categories (one job).
    /// - Throws: what `transformSchema` throws; `MLError.invalidData` for a value that is not a
    ///   category index (negative, fractional, NaN or infinite), with Spark's message.
    public override func fit(_ dataset: DataFrame) throws -> OneHotEncoderModel {
        _ = try transformSchema(dataset.schema)
        let inputs = try columnPairs().map(\.input)
        let scan = try dataset.select(inputs.map { col($0).cast("double") }).batchRDD.treeAggregate(CategoryScan(columns: inputs))
        if let invalid = scan.invalid { throw MLError.invalidData(invalid) }
        let model = copyValues(to: OneHotEncoderModel(uid: uid, categorySizes: scan.maxima.map { Int($0) + 1 }))
        model.parent = self
        return model
    }

    /// A copy with this stage's uid and values, `extra`'s values for it applied.
    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: OneHotEncoder(uid: uid), extra: extra) }
}

/// The largest index of each column, and the first value that is not an index (reported after
/// the job: a seqOp cannot throw).
struct CategoryScan: MergeableSummary, Codable {
    typealias Item = ColumnBatch

    let columns: [String]
    /// Starts at 0, as Spark's, so that a column without values has one category.
    var maxima: [Double]
    var invalid: String?

    init(columns: [String]) {
        self.columns = columns
        maxima = [Double](repeating: 0, count: columns.count)
    }

    mutating func add(_ batch: ColumnBatch) {
        for (j, column) in batch.columns.enumerated() {
            for row in 0..<batch.rowCount {
                guard let x = column.value(at: row).doubleValue else { continue }
                guard x >= 0 && x == x.rounded(.towardZero) else {
                    invalid = invalid ?? "Values from column \(columns[j]) must be indices, but got \(Value.double(x))."
                    continue
                }
                guard x <= Double(Int32.max) else {
                    invalid = invalid ?? "OneHotEncoder only supports up to \(Int32.max) indices, but got \(Value.double(x))."
                    continue
                }
                if x > maxima[j] { maxima[j] = x }
            }
        }
    }

    mutating func merge(_ other: CategoryScan) {
        invalid = invalid ?? other.invalid
        for j in maxima.indices where other.maxima[j] > maxima[j] { maxima[j] = other.maxima[j] }
    }
}
