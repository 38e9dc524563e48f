import FlintSQL

/// Maps a string (or numeric, taken as its string) column to label indices, as spark.ml's
/// `StringIndexer`: `stringOrderType` frequencyDesc (default; ties alphabetical), frequencyAsc,
/// alphabetDesc or alphabetAsc. Fitting is one aggregation (a count per distinct value).
/// `handleInvalid` for values not seen when fitting and nulls: "error" (default), "skip" (drop
/// the row) or "keep" (index = number of labels).
public final class StringIndexer: Estimator, @unchecked Sendable {
    /// `inputCol`.
    public let inputCol: Param<String>
    /// `outputCol`.
    public let outputCol: Param<String>
    /// `handleInvalid`: error, skip or keep.
    public let handleInvalid: Param<String>
    /// `stringOrderType`.
    public let stringOrderType: Param<String>

    /// An indexer with Spark's defaults.
    public override init(uid: String = Params.randomUID("strIdx")) {
        inputCol = SharedParams.inputCol(uid)
        outputCol = SharedParams.outputCol(uid)
        handleInvalid = StringIndexer.handleInvalidParam(uid)
        stringOrderType = Param(parent: uid, name: "stringOrderType",
                                doc: "How to order labels of string column. The first label after ordering is assigned an index of 0. Supported options: frequencyDesc, frequencyAsc, alphabetDesc, alphabetAsc.",
                                validator: .inArray(["frequencyDesc", "frequencyAsc", "alphabetDesc", "alphabetAsc"]))
        super.init(uid: uid)
        setDefault(outputCol, "\(uid)__output")
        setDefault(handleInvalid, "error")
        setDefault(stringOrderType, "frequencyDesc")
    }

    static func handleInvalidParam(_ uid: String) -> Param<String> {
        InvalidHandling.param(uid, doc: "How to handle invalid data (unseen labels or NULL values). Options are 'skip' (filter out rows with invalid data), error (throw an error), or 'keep' (put invalid data in a special additional bucket, at index numLabels).")
    }

    /// Sets `inputCol`.
    @discardableResult public func setInputCol(_ value: String) throws -> Self { try set(inputCol, value); return self }
    /// Sets `outputCol`.
    @discardableResult public func setOutputCol(_ value: String) throws -> Self { try set(outputCol, value); return self }
    /// Sets `handleInvalid`.
    @discardableResult public func setHandleInvalid(_ value: String) throws -> Self { try set(handleInvalid, value); return self }
    /// Sets `stringOrderType`.
    @discardableResult public func setStringOrderType(_ value: String) throws -> Self { try set(stringOrderType, value); return self }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try StringIndexer.checkInput(schema, try getOrDefault(inputCol))
        try DatasetColumns.requireAbsent(schema, value(outputCol))
        return schema.adding(value(outputCol), .double)
    }

    static func checkInput(_ schema: StructType, _ name: String) throws {
        guard let field = schema.fields.first(where: { $0.name == name }) else {
            throw MLError.invalidColumn("input column \(name) does not exist. Available: " + schema.fields.map(\.name).joined(separator: ", "))
        }
        guard field.dataType == .string || field.dataType.isNumeric || field.dataType == .boolean else {
            throw MLError.invalidColumn("The input column \(name) must be either string type or numeric type, but got \(field.dataType.simpleString).")
        }
    }

    public override func fit(_ dataset: DataFrame) throws -> StringIndexerModel {
        _ = try transformSchema(dataset.schema)
        let name = try getOrDefault(inputCol)
        let counts = try dataset.select(col(name).cast("string").alias("value")).filter(col("value").isNotNull())
            .groupBy("value").count().collect()
            .map { (label: $0[0].description, count: $0[1].longValue ?? 0) }
        let labels: [String]
        switch value(stringOrderType).lowercased() {
        case "frequencyasc": labels = counts.sorted { ($0.count, $0.label) < ($1.count, $1.label) }.map(\.label)
        case "alphabetdesc": labels = counts.map(\.label).sorted(by: >)
        case "alphabetasc": labels = counts.map(\.label).sorted()
        default: labels = counts.sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }.map(\.label)
        }
        let model = copyValues(to: StringIndexerModel(uid: uid, labels: labels))
        model.parent = self
        return model
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: StringIndexer(uid: uid), extra: extra) }
}

/// A fitted `StringIndexer`: `labels[i]` has index i.
public final class StringIndexerModel: Model, @unchecked Sendable {
    /// The labels, by index.
    public let labels: [String]
    /// `inputCol`.
    public let inputCol: Param<String>
    /// `outputCol`.
    public let outputCol: Param<String>
    /// `handleInvalid`: error, skip or keep.
    public let handleInvalid: Param<String>

    /// A model of these labels.
    public init(uid: String, labels: [String]) {
        self.labels = labels
        inputCol = SharedParams.inputCol(uid)
        outputCol = SharedParams.outputCol(uid)
        handleInvalid = StringIndexer.handleInvalidParam(uid)
        super.init(uid: uid)
        setDefault(outputCol, "\(uid)__output")
        setDefault(handleInvalid, "error")
    }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try StringIndexer.checkInput(schema, try getOrDefault(inputCol))
        try DatasetColumns.requireAbsent(schema, value(outputCol))
        return schema.adding(value(outputCol), .double)
    }

    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let indices = Dictionary(labels.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let mode = InvalidHandling(rawValue: value(handleInvalid).lowercased()) ?? .error
        let unseen = Double(labels.count)
        let indexed = RowFunction.column(dataset, name: "\(uid)_index", returnType: .double,
                                         inputs: [col(try getOrDefault(inputCol)).cast("string")]) { values in
            if case let .string(label) = values[0], let index = indices[label] { return .double(Double(index)) }
            switch mode {
            case .error:
                throw MLError.invalidData(values[0].isNull
                    ? "StringIndexer encountered NULL value. To handle or skip NULLS, try setting StringIndexer.handleInvalid."
                    : "Unseen label: \(values[0]). To handle unseen labels, set Param handleInvalid to keep.")
            case .skip: return .null
            case .keep: return .double(unseen)
            }
        }
        let output = try dataset.withColumn(value(outputCol), indexed)
        return mode == .skip ? try output.filter(col(value(outputCol)).isNotNull()) : output
    }

    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: StringIndexerModel(uid: uid, labels: labels), extra: extra)
        copy.parent = parent
        return copy
    }
}
