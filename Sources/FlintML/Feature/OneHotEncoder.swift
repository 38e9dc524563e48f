import FlintLinalg
import FlintSQL

/// Encodes category indices (0, 1, ..., as `StringIndexer` produces) as sparse one-hot vectors,
/// as spark.ml's `OneHotEncoder`, for each of `inputCols` into `outputCols`. The number of
/// categories of a column is its largest index + 1 (one aggregation when fitting). `dropLast`
/// (default true) drops the last category's slot. `handleInvalid`: "error" (default) fails on
/// an index outside the fitted categories (or not a whole number), "keep" maps it to an extra
/// slot.
public final class OneHotEncoder: Estimator, @unchecked Sendable {
    /// `inputCols`.
    public let inputCols: Param<[String]>
    /// `outputCols`.
    public let outputCols: Param<[String]>
    /// `dropLast` (default true).
    public let dropLast: Param<Bool>
    /// `handleInvalid`: error or keep.
    public let handleInvalid: Param<String>

    /// An encoder with Spark's defaults.
    public override init(uid: String = Params.randomUID("oneHotEncoder")) {
        (inputCols, outputCols, dropLast, handleInvalid) = OneHotEncoder.params(uid)
        super.init(uid: uid)
        setDefault(dropLast, true)
        setDefault(handleInvalid, "error")
    }

    static func params(_ uid: String) -> (Param<[String]>, Param<[String]>, Param<Bool>, Param<String>) {
        (Param(parent: uid, name: "inputCols", doc: "input column names"),
         Param(parent: uid, name: "outputCols", doc: "output column names"),
         Param(parent: uid, name: "dropLast", doc: "whether to drop the last category"),
         InvalidHandling.param(uid, allowed: ["error", "keep"],
                               doc: "How to handle invalid data during transform(). Options are 'keep' (invalid data presented as an extra categorical feature) or error (throw an error). Note that this Param is only used during transform; during fitting, invalid data will result in an error."))
    }

    /// Sets `inputCols`.
    @discardableResult public func setInputCols(_ value: [String]) throws -> Self { try set(inputCols, value); return self }
    /// Sets `outputCols`.
    @discardableResult public func setOutputCols(_ value: [String]) throws -> Self { try set(outputCols, value); return self }
    /// Sets `dropLast`.
    @discardableResult public func setDropLast(_ value: Bool) throws -> Self { try set(dropLast, value); return self }
    /// Sets `handleInvalid`.
    @discardableResult public func setHandleInvalid(_ value: String) throws -> Self { try set(handleInvalid, value); return self }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try OneHotEncoder.checkColumns(schema, inputs: try getOrDefault(inputCols), outputs: try getOrDefault(outputCols))
    }

    static func checkColumns(_ schema: StructType, inputs: [String], outputs: [String]) throws -> StructType {
        guard inputs.count == outputs.count, !inputs.isEmpty else {
            throw MLError.invalidParam("The number of input columns \(inputs.count) must be the same as the number of output columns \(outputs.count).")
        }
        var result = schema
        for (input, output) in zip(inputs, outputs) {
            try DatasetColumns.requireNumeric(schema, input, role: "input")
            try DatasetColumns.requireAbsent(result, output)
            result = result.adding(output, .vector)
        }
        return result
    }

    public override func fit(_ dataset: DataFrame) throws -> OneHotEncoderModel {
        _ = try transformSchema(dataset.schema)
        let inputs = try getOrDefault(inputCols)
        let maxima = try dataset.agg(inputs.map { max(col($0).cast("double")) }).collect()[0].values
        let sizes = try zip(inputs, maxima).map { name, value -> Int in
            guard let largest = value.doubleValue else { return 0 }
            guard largest >= 0, largest == largest.rounded() else {
                throw MLError.invalidData("OneHotEncoder's input column \(name) must hold category indices (0, 1, ...), found \(value)")
            }
            return Int(largest) + 1
        }
        let model = copyValues(to: OneHotEncoderModel(uid: uid, categorySizes: sizes))
        model.parent = self
        return model
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: OneHotEncoder(uid: uid), extra: extra) }
}

/// A fitted `OneHotEncoder`: the number of categories of each input column.
public final class OneHotEncoderModel: Model, @unchecked Sendable {
    /// Categories per input column.
    public let categorySizes: [Int]
    /// `inputCols`.
    public let inputCols: Param<[String]>
    /// `outputCols`.
    public let outputCols: Param<[String]>
    /// `dropLast`.
    public let dropLast: Param<Bool>
    /// `handleInvalid`: error or keep.
    public let handleInvalid: Param<String>

    /// A model of these category counts.
    public init(uid: String, categorySizes: [Int]) {
        self.categorySizes = categorySizes
        (inputCols, outputCols, dropLast, handleInvalid) = OneHotEncoder.params(uid)
        super.init(uid: uid)
        setDefault(dropLast, true)
        setDefault(handleInvalid, "error")
    }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try OneHotEncoder.checkColumns(schema, inputs: try getOrDefault(inputCols), outputs: try getOrDefault(outputCols))
    }

    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let keep = value(handleInvalid).lowercased() == "keep", drop = value(dropLast)
        var output = dataset
        for (position, (input, name)) in zip(try getOrDefault(inputCols), try getOrDefault(outputCols)).enumerated() {
            let categories = categorySizes[position]
            let size = categories + (keep ? 1 : 0) - (drop ? 1 : 0)
            let encode = RowFunction.column(dataset, name: "\(uid)_encode\(position)", returnType: .vector, inputs: [col(input).cast("double")]) { values in
                guard let x = values[0].doubleValue else {
                    throw MLError.invalidData("OneHotEncoder encountered a NULL value in column \(input)")
                }
                var index = Int(exactly: x) ?? -1
                if index < 0 || index >= categories {
                    guard keep else {
                        throw MLError.invalidData("Unseen value: \(Value.double(x)). To handle unseen values, set Param handleInvalid to keep.")
                    }
                    index = categories
                }
                let slots = index < size ? [index] : []
                return .vector(.sparse(try SparseVector(size: size, indices: slots, values: slots.map { _ in 1 })))
            }
            output = try output.withColumn(name, encode)
        }
        return output
    }

    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: OneHotEncoderModel(uid: uid, categorySizes: categorySizes), extra: extra)
        copy.parent = parent
        return copy
    }
}
