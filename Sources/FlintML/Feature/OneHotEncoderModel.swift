import FlintLinalg
import FlintSQL

/// A fitted `OneHotEncoder`: the number of categories of each input column. An index i of a
/// column of n categories encodes as a sparse vector with a 1 at i, of size n − 1 with
/// `dropLast` (index n − 1 then encodes as all zeros) or n without. With `handleInvalid` "keep",
/// an index outside [0, n) is an extra category n (whose slot `dropLast` drops); with "error"
/// (default) it fails with Spark's message. A fractional index in range is truncated, as Spark's;
/// a null encodes as null.
public final class OneHotEncoderModel: Model, OneHotEncoderParams, @unchecked Sendable {
    /// The number of categories of each input column.
    public let categorySizes: [Int]
    /// `inputCol` → `outputCol` (default `<uid>__output`), or `inputCols` → `outputCols`.
    public let inputCol: Param<String>, outputCol: Param<String>, inputCols: Param<[String]>, outputCols: Param<[String]>
    /// `dropLast` (default true).
    public let dropLast: Param<Bool>
    /// `handleInvalid`: error (default) or keep.
    public let handleInvalid: Param<String>

    /// A model of these category counts, one per input column.
    public init(uid: String, categorySizes: [Int]) {
        self.categorySizes = categorySizes
        (inputCol, outputCol, inputCols, outputCols, dropLast, handleInvalid) = Self.oneHotEncoderParams(uid)
        super.init(uid: uid)
        setOneHotEncoderDefaults()
    }

    /// The input schema with a vector column per output column.
    /// - Throws: what the estimator's `transformSchema` throws; `MLError.invalidParam` when the
    ///   model has not as many category sizes as input columns.
    public override func transformSchema(_ schema: StructType) throws -> StructType {
        let count = try columnPairs().count
        guard count == categorySizes.count else {
            throw MLError.invalidParam("The number of input columns \(count) must be the same as the number of features \(categorySizes.count) during fitting.")
        }
        return try validateAndTransformSchema(schema)
    }

    /// `dataset` with each index encoded. Lazy.
    /// - Throws: what `transformSchema` throws; when the frame runs, `MLError.invalidData` for an
    ///   index outside the fitted categories in "error" mode.
    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let keepInvalid = invalidHandling == .keep, drop = value(dropLast)
        var output = dataset
        for ((input, name), categories) in zip(try columnPairs(), categorySizes) {
            // Spark's configured size: one slot per category, plus the invalid one when kept,
            // minus the last one when dropped.
            let size = categories + (keepInvalid ? 1 : 0) - (drop ? 1 : 0)
            let encode = RowFunction.column(output, name: "\(uid)_encode", returnType: .vector, inputs: [col(input).cast("double")]) { values in
                guard let x = values[0].doubleValue else { return .null }
                let index: Int
                if x >= 0 && x < Double(categories) {
                    index = Int(x)
                } else if keepInvalid {
                    index = categories
                } else if x < 0 {
                    throw MLError.invalidData("Negative value: \(Value.double(x)). Input can't be negative. To handle invalid values, set Param handleInvalid to keep")
                } else {
                    throw MLError.invalidData("Unseen value: \(Value.double(x)). To handle unseen values, set Param handleInvalid to keep.")
                }
                let slots = index < size ? [index] : []
                return .vector(.sparse(try SparseVector(size: size, indices: slots, values: slots.map { _ in 1 })))
            }
            output = try output.withColumn(name, encode)
        }
        return output
    }

    /// A copy with this stage's uid and values, `extra`'s values for it applied.
    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: OneHotEncoderModel(uid: uid, categorySizes: categorySizes), extra: extra)
        copy.parent = parent
        return copy
    }
}
