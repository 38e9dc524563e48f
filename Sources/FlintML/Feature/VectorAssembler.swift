import FlintLinalg
import FlintSQL

/// Gathers numeric, boolean and vector columns into one vector column, as spark.ml's
/// `VectorAssembler`. `handleInvalid`: "error" (default) fails on a null or NaN input, "skip"
/// drops such rows, "keep" outputs NaN for them. The output is sparse or dense, whichever is
/// smaller (Spark's `compressed`). One row function call per row.
public final class VectorAssembler: Transformer, @unchecked Sendable {
    /// `inputCols`.
    public let inputCols: Param<[String]>
    /// `outputCol` (default `<uid>__output`).
    public let outputCol: Param<String>
    /// `handleInvalid`: error, skip or keep.
    public let handleInvalid: Param<String>

    /// An assembler with Spark's defaults.
    public override init(uid: String = Params.randomUID("vecAssembler")) {
        inputCols = Param(parent: uid, name: "inputCols", doc: "input column names")
        outputCol = SharedParams.outputCol(uid)
        handleInvalid = InvalidHandling.param(uid, doc: "How to handle invalid data (NULL and NaN values). Options are 'skip' (filter out rows with invalid data), 'error' (throw an error), or 'keep' (return relevant number of NaN in the output).")
        super.init(uid: uid)
        setDefault(outputCol, "\(uid)__output")
        setDefault(handleInvalid, "error")
    }

    /// Sets `inputCols`.
    @discardableResult public func setInputCols(_ value: [String]) throws -> Self { try set(inputCols, value); return self }
    /// Sets `outputCol`.
    @discardableResult public func setOutputCol(_ value: String) throws -> Self { try set(outputCol, value); return self }
    /// Sets `handleInvalid`.
    @discardableResult public func setHandleInvalid(_ value: String) throws -> Self { try set(handleInvalid, value); return self }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        let names = try getOrDefault(inputCols)
        guard !names.isEmpty else { throw MLError.invalidParam("VectorAssembler needs at least one input column") }
        for name in names {
            guard let field = schema.fields.first(where: { $0.name == name }) else {
                throw MLError.invalidColumn("input column \(name) does not exist. Available: " + schema.fields.map(\.name).joined(separator: ", "))
            }
            guard field.dataType.isNumeric || field.dataType == .boolean || field.dataType == .vector else {
                throw MLError.invalidColumn("Data type \(field.dataType.simpleString) of column \(name) is not supported.")
            }
        }
        try DatasetColumns.requireAbsent(schema, value(outputCol))
        return schema.adding(value(outputCol), .vector)
    }

    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let names = try getOrDefault(inputCols)
        let mode = InvalidHandling(rawValue: value(handleInvalid).lowercased()) ?? .error
        let assemble = RowFunction.column(dataset, name: "\(uid)_assemble", returnType: .vector, inputs: names.map(col)) { values in
            // Dense first (one append per coordinate), then the smaller of dense and sparse.
            var entries: [Double] = []
            entries.reserveCapacity(values.count)
            for (position, value) in values.enumerated() {
                switch value {
                case let .vector(vector):
                    let start = entries.count
                    entries.append(contentsOf: repeatElement(0, count: vector.size))
                    vector.forEachActive { index, x in entries[start + index] = x }
                case let .boolean(flag):
                    entries.append(flag ? 1 : 0)
                default:
                    guard let number = value.doubleValue, !number.isNaN else {
                        switch mode {
                        case .error:
                            throw MLError.invalidData("Encountered \(value.isNull ? "null" : "NaN") while assembling a row with handleInvalid = \"error\" "
                                                      + "(column \(names[position])). Consider removing nulls from dataset or using handleInvalid = \"keep\" or \"skip\".")
                        case .skip: return .null
                        case .keep:
                            entries.append(.nan)
                            continue
                        }
                    }
                    entries.append(number)
                }
            }
            return .vector(Vector.dense(DenseVector(entries)).compressed)
        }
        let assembled = try dataset.withColumn(value(outputCol), assemble)
        return mode == .skip ? try assembled.filter(col(value(outputCol)).isNotNull()) : assembled
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: VectorAssembler(uid: uid), extra: extra) }
}
