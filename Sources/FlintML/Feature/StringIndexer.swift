import FlintSQL

/// The params of `StringIndexer` and `StringIndexerModel` (Spark's `StringIndexerBase`).
public protocol StringIndexerParams: HasSingleOrMultipleColumns, HasHandleInvalid {
    /// `stringOrderType`: frequencyDesc (default), frequencyAsc, alphabetDesc or alphabetAsc.
    var stringOrderType: Param<String> { get }
}

extension StringIndexerParams {
    /// Sets `stringOrderType`.
    /// - Throws: `MLError.invalidParam` for another value than the four orders.
    @discardableResult public func setStringOrderType(_ value: String) throws -> Self { try setting(stringOrderType, value) }

    /// The input schema with a double column per output column (Spark's
    /// `validateAndTransformSchema`). A model skips the input columns the schema lacks, as
    /// Spark's, so that a pipeline indexing the label still applies to data without labels.
    /// - Throws: `MLError.invalidParam` for inconsistent column params; `MLError.invalidColumn`
    ///   for a missing input (unless skipped), one neither string nor numeric, or an output that
    ///   exists or repeats.
    func validateAndTransformSchema(_ schema: StructType, skippingMissingInputs: Bool) throws -> StructType {
        var outputs: [String] = []
        for (input, output) in try columnPairs() {
            guard let index = schema.fieldIndex(input), schema[index].name == input else {
                if skippingMissingInputs { continue }
                throw MLError.invalidColumn("Input column \(input) does not exist.")
            }
            let type = schema[index].dataType
            guard type == .string || type.isNumeric else {
                throw MLError.invalidColumn("The input column \(input) must be either string type or numeric type, but got \(type.simpleString).")
            }
            outputs.append(output)
        }
        return try DatasetColumns.adding(outputs, of: .double, to: schema)
    }

    /// The params of the stage of uid `uid`: `inputCol`, `outputCol`, `inputCols`, `outputCols`,
    /// `handleInvalid`, `stringOrderType`.
    static func stringIndexerParams(_ uid: String)
        -> (Param<String>, Param<String>, Param<[String]>, Param<[String]>, Param<String>, Param<String>) {
        let (inputCol, outputCol, inputCols, outputCols) = SharedParams.singleOrMultipleColumns(uid)
        return (inputCol, outputCol, inputCols, outputCols,
                InvalidHandling.param(uid, doc: "How to handle invalid data (unseen labels or NULL values). Options are 'skip' (filter out rows with invalid data), error (throw an error), or 'keep' (put invalid data in a special additional bucket, at index numLabels)."),
                Param(parent: uid, name: "stringOrderType",
                      doc: "How to order labels of string column. The first label after ordering is assigned an index of 0. Supported options: frequencyDesc, frequencyAsc, alphabetDesc, alphabetAsc.",
                      validator: .inArray(["frequencyDesc", "frequencyAsc", "alphabetDesc", "alphabetAsc"])))
    }

    /// Spark's defaults: `handleInvalid` error, `stringOrderType` frequencyDesc, `outputCol`
    /// `<uid>__output`.
    func setStringIndexerDefaults() {
        setDefault(outputCol, "\(uid)__output")
        setDefault(handleInvalid, InvalidHandling.error.rawValue)
        setDefault(stringOrderType, "frequencyDesc")
    }
}

/// Maps string columns (or numeric ones, cast to string as Spark does: `1` → "1", `1.5` → "1.5")
/// to label indices, as spark.ml's `StringIndexer`. `stringOrderType` orders the labels: by
/// descending frequency (default) or ascending frequency, ties broken alphabetically, or
/// alphabetically descending or ascending; the first label gets index 0. Nulls (and NaNs of a
/// numeric column) are not labels. Fitting is one aggregation job for all the input columns.
public final class StringIndexer: Estimator, StringIndexerParams, @unchecked Sendable {
    /// `inputCol` → `outputCol` (default `<uid>__output`), or `inputCols` → `outputCols`.
    public let inputCol: Param<String>, outputCol: Param<String>, inputCols: Param<[String]>, outputCols: Param<[String]>
    /// `handleInvalid`: what the model does with unseen labels and nulls: error (default),
    /// skip or keep.
    public let handleInvalid: Param<String>
    /// `stringOrderType` (default frequencyDesc).
    public let stringOrderType: Param<String>

    /// An indexer with Spark's defaults.
    public override init(uid: String = Params.randomUID("strIdx")) {
        (inputCol, outputCol, inputCols, outputCols, handleInvalid, stringOrderType) = Self.stringIndexerParams(uid)
        super.init(uid: uid)
        setStringIndexerDefaults()
    }

    /// The input schema with the output column(s) added, after checking the params and columns.
    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try validateAndTransformSchema(schema, skippingMissingInputs: false)
    }

    /// The model of each input column's labels, ordered by `stringOrderType`.
    /// - Throws: what `transformSchema` throws; what the job throws.
    public override func fit(_ dataset: DataFrame) throws -> StringIndexerModel {
        _ = try transformSchema(dataset.schema)
        let inputs = try columnPairs().map(\.input)
        let order = Self.ordering(value(stringOrderType))
        let labelsArray = try labelCounts(dataset, inputs).map { $0.sorted(by: order).map(\.label) }
        let model = copyValues(to: StringIndexerModel(uid: uid, labelsArray: labelsArray))
        model.parent = self
        return model
    }

    /// A label and how often it occurs in its column.
    private typealias LabelCount = (label: String, count: Int64)

    /// Whether a label goes before another under `stringOrderType`; frequency ties are broken
    /// alphabetically (ascending) in both frequency orders, as Spark's.
    private static func ordering(_ stringOrderType: String) -> (LabelCount, LabelCount) -> Bool {
        switch stringOrderType.lowercased() {
        case "frequencyasc": { a, b in a.count != b.count ? a.count < b.count : precedes(a.label, b.label) }
        case "alphabetdesc": { a, b in precedes(b.label, a.label) }
        case "alphabetasc": { a, b in precedes(a.label, b.label) }
        default: { a, b in a.count != b.count ? a.count > b.count : precedes(a.label, b.label) }
        }
    }

    /// Per input column, the count of each label: one grouped aggregation over the union of the
    /// (column position, label) pairs of every column.
    private func labelCounts(_ dataset: DataFrame, _ inputs: [String]) throws -> [[LabelCount]] {
        let pairs = try inputs.enumerated().map { position, name in
            let column = col(name)
            let present = try DatasetColumns.field(dataset.schema, name, role: "input").dataType == .string
                ? column.isNotNull() : column.isNotNull() && !callFunction("isnan", column.cast("double"))
            return try dataset.filter(present).select(lit(position).alias("column"), column.cast("string").alias("label"))
        }
        guard let first = pairs.first else { return [] }
        let all = try pairs.dropFirst().reduce(first) { try $0.union($1) }
        var counts = [[LabelCount]](repeating: [], count: inputs.count)
        for row in try all.groupBy("column", "label").count().collect() {
            guard let position = row[0].longValue, case let .string(label) = row[1], let count = row[2].longValue else {
                preconditionFailure("a label count is (position, label, count), got \(row)")
            }
            counts[Int(position)].append((label, count))
        }
        return counts
    }

    /// Spark's string order: by UTF-16 code units, as Java's `String.compareTo`.
    static func precedes(_ a: String, _ b: String) -> Bool { a.utf16.lexicographicallyPrecedes(b.utf16) }

    /// A copy with this stage's uid and values, `extra`'s values for it applied.
    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: StringIndexer(uid: uid), extra: extra) }
}
