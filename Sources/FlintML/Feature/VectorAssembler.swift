import FlintLinalg
import FlintSQL

/// Gathers numeric, boolean and vector columns into one vector column, as spark.ml's
/// `VectorAssembler`. A boolean counts as 1 or 0; a vector contributes all its coordinates. The
/// output is sparse or dense, whichever is smaller (Spark's `compressed`).
///
/// `handleInvalid` decides what a null input, or a NaN in a numeric input, does: "error"
/// (default) fails, "skip" drops the row, "keep" puts NaN in its place (as many NaNs as the
/// column's vectors have coordinates, for a null vector).
///
/// Spark reads the size of a vector column from its metadata or, lacking it, from the first row.
/// Flint has no column metadata: `transform` takes each vector column's size from its first
/// non-null vector (one small job per vector column), and the assembly fails when a vector of
/// another size comes, rather than shifting the coordinates after it.
public final class VectorAssembler: Transformer, HasInputCols, HasOutputCol, HasHandleInvalid, @unchecked Sendable {
    /// `inputCols`: the columns to assemble, in order.
    public let inputCols: Param<[String]>
    /// `outputCol` (default `<uid>__output`).
    public let outputCol: Param<String>
    /// `handleInvalid`: error (default), skip or keep.
    public let handleInvalid: Param<String>

    /// An assembler with Spark's defaults.
    public override init(uid: String = Params.randomUID("vecAssembler")) {
        inputCols = SharedParams.inputCols(uid)
        outputCol = SharedParams.outputCol(uid)
        handleInvalid = InvalidHandling.param(uid, doc: "Param for how to handle invalid data (NULL and NaN values). Options are 'skip' (filter out rows with invalid data), 'error' (throw an error), or 'keep' (return relevant number of NaN in the output). Column lengths are taken from the first non-null vector of each vector column.")
        super.init(uid: uid)
        setDefault(outputCol, "\(uid)__output")
        setDefault(handleInvalid, InvalidHandling.error.rawValue)
    }

    /// The input schema with the vector column `outputCol` added.
    /// - Throws: `MLError.invalidColumn` for a missing input column, one of another type than
    ///   numeric, boolean or vector (every such column named, as Spark), or an existing output.
    public override func transformSchema(_ schema: StructType) throws -> StructType {
        let unsupported = try getOrDefault(inputCols).compactMap { name -> String? in
            let type = try DatasetColumns.field(schema, name, role: "input").dataType
            return type.isNumeric || type == .boolean || type == .vector ? nil : "Data type \(type.simpleString) of column \(name) is not supported."
        }
        guard unsupported.isEmpty else { throw MLError.invalidColumn(unsupported.joined(separator: "\n")) }
        return try DatasetColumns.adding([value(outputCol)], of: .vector, to: schema)
    }

    /// `dataset` with `outputCol` added. Lazy but for the small jobs that read each vector
    /// column's first vector.
    /// - Throws: what `transformSchema` throws; when the frame runs, `MLError.invalidData` for an
    ///   invalid entry in "error" mode or a vector of another size than its column's first.
    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let names = try getOrDefault(inputCols), mode = invalidHandling
        let widths = try widths(dataset, names), totalWidth = widths.reduce(0) { $0 + ($1 ?? 0) }
        // Spark drops the rows with a null or NaN input before assembling, so the row function
        // then only sees valid values in skip mode.
        let input = mode == .skip ? try dataset.na.drop(subset: names) : dataset
        let assemble = RowFunction.column(input, name: "\(uid)_assemble", returnType: .vector, inputs: names.map(col)) { values in
            var entries: [Double] = []
            entries.reserveCapacity(totalWidth)
            for (position, value) in values.enumerated() {
                try VectorAssembler.append(value, of: names[position], width: widths[position], keepInvalid: mode == .keep, to: &entries)
            }
            // Dense first (one append per coordinate), then Spark's compressed form.
            return .vector(Vector.dense(DenseVector(entries)).compressed)
        }
        return try input.withColumn(value(outputCol), assemble)
    }

    /// Per input column, how many coordinates it contributes: 1 for a scalar column, the size of
    /// its first non-null vector for a vector column, nil for a vector column without a vector.
    private func widths(_ dataset: DataFrame, _ names: [String]) throws -> [Int?] {
        try names.map { name in
            guard try DatasetColumns.field(dataset.schema, name, role: "input").dataType == .vector else { return 1 }
            guard case let .vector(first)? = try dataset.select(name).filter(col(name).isNotNull()).first()?[0] else { return nil }
            return first.size
        }
    }

    /// Appends the coordinates `value` of column `name` (of `width` coordinates) contributes.
    /// - Throws: `MLError.invalidData` for a null or NaN that is not kept (Spark's messages), a
    ///   vector of another size than `width`, or a null vector to keep in a column of no width.
    private static func append(_ value: Value, of name: String, width: Int?, keepInvalid: Bool, to entries: inout [Double]) throws {
        switch value {
        case let .vector(vector):
            guard vector.size == width else {
                throw MLError.invalidData("VectorAssembler: column \(name) holds vectors of sizes \(width.map(String.init) ?? "unknown") and \(vector.size); every vector of an input column must have the same size.")
            }
            let start = entries.count
            entries.append(contentsOf: repeatElement(0, count: vector.size))
            vector.forEachActive { index, x in entries[start + index] = x }
        case let .boolean(flag):
            entries.append(flag ? 1 : 0)
        case .null:
            guard keepInvalid else {
                throw MLError.invalidData("Encountered null while assembling a row with handleInvalid = \"error\". Consider removing nulls from dataset or using handleInvalid = \"keep\" or \"skip\". (column \(name))")
            }
            guard let count = width else {
                throw MLError.invalidData("VectorAssembler cannot keep a null in vector column \(name): the column has no vector to take its size from.")
            }
            entries.append(contentsOf: repeatElement(.nan, count: count))
        default:
            let number = value.doubleValue ?? .nan
            guard !number.isNaN || keepInvalid else {
                throw MLError.invalidData("Encountered NaN while assembling a row with handleInvalid = \"error\". Consider removing NaNs from dataset or using handleInvalid = \"keep\" or \"skip\". (column \(name))")
            }
            entries.append(number)
        }
    }

    /// A copy with this stage's uid and values, `extra`'s values for it applied.
    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: VectorAssembler(uid: uid), extra: extra) }
}
