import FlintSQL

/// A fitted `StringIndexer`: the labels of each input column, `labelsArray[c][i]` having index
/// i. `transform` adds each label's index as a double; `handleInvalid` decides what an unseen
/// label or a null does: "error" (default) fails with Spark's message, "skip" drops the row,
/// "keep" gives index `labelsArray[c].count`. An input column the frame lacks is skipped, as
/// Spark's (so a pipeline that indexes the label also applies to data without labels).
public final class StringIndexerModel: Model, StringIndexerParams, @unchecked Sendable {
    /// The labels of each input column, by index.
    public let labelsArray: [[String]]
    /// `inputCol` → `outputCol` (default `<uid>__output`), or `inputCols` → `outputCols`.
    public let inputCol: Param<String>, outputCol: Param<String>, inputCols: Param<[String]>, outputCols: Param<[String]>
    /// `handleInvalid`: error (default), skip or keep.
    public let handleInvalid: Param<String>
    /// `stringOrderType`, as fitted (it does not change the model).
    public let stringOrderType: Param<String>

    /// A model of these labels, one array per input column.
    public init(uid: String = Params.randomUID("strIdx"), labelsArray: [[String]]) {
        self.labelsArray = labelsArray
        (inputCol, outputCol, inputCols, outputCols, handleInvalid, stringOrderType) = Self.stringIndexerParams(uid)
        super.init(uid: uid)
        setStringIndexerDefaults()
    }

    /// A model of the labels of one input column.
    public convenience init(uid: String = Params.randomUID("strIdx"), labels: [String]) {
        self.init(uid: uid, labelsArray: [labels])
    }

    /// The labels of the only input column.
    /// - Throws: `MLError.invalidParam` for a model of several columns (use `labelsArray`).
    public var labels: [String] {
        get throws {
            guard labelsArray.count == 1 else {
                throw MLError.invalidParam("This StringIndexerModel is fit on multiple columns. Call `labelsArray` instead.")
            }
            return labelsArray[0]
        }
    }

    /// The input schema with the output column(s) added, after checking the params and columns.
    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try validateAndTransformSchema(schema, skippingMissingInputs: true)
    }

    /// `dataset` with the index of each input label. Lazy.
    /// - Throws: what `transformSchema` throws, `MLError.invalidParam` when the model has not as
    ///   many label arrays as input columns; when the frame runs, `MLError.invalidData` for an
    ///   unseen label or a null in "error" mode.
    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let pairs = try columnPairs()
        guard pairs.count == labelsArray.count else {
            throw MLError.invalidParam("StringIndexerModel \(uid) has \(labelsArray.count) label arrays for \(pairs.count) input columns")
        }
        let present = zip(pairs, labelsArray).filter { pair, _ in dataset.schema.fieldNames.contains(pair.input) }
        let mode = invalidHandling
        // As Spark, "skip" drops the rows with a null (or a NaN) input before indexing, and the
        // rows with an unseen label after (their index is null).
        var output = mode == .skip ? try dataset.na.drop(subset: present.map(\.0.input)) : dataset
        for (pair, labels) in present {
            let indices = Dictionary(labels.enumerated().map { ($1, Double($0)) }, uniquingKeysWith: { first, _ in first })
            let unseen = Value.double(Double(labels.count))
            let index = RowFunction.column(output, name: "\(uid)_index", returnType: .double, inputs: [col(pair.input).cast("string")]) { values in
                if case let .string(label) = values[0], let index = indices[label] { return .double(index) }
                switch mode {
                case .keep: return unseen
                case .skip: return .null
                case .error:
                    throw MLError.invalidData(values[0].isNull
                        ? "StringIndexer encountered NULL value. To handle or skip NULLS, try setting StringIndexer.handleInvalid."
                        : "Unseen label: \(values[0]). To handle unseen labels, set Param handleInvalid to keep.")
                }
            }
            output = try output.withColumn(pair.output, index)
        }
        guard mode == .skip, let first = present.first else { return output }
        let indexed = present.dropFirst().reduce(col(first.0.output).isNotNull()) { $0 && col($1.0.output).isNotNull() }
        return try output.filter(indexed)
    }

    /// A copy with this stage's uid and values, `extra`'s values for it applied.
    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: StringIndexerModel(uid: uid, labelsArray: labelsArray), extra: extra)
        copy.parent = parent
        return copy
    }
}
