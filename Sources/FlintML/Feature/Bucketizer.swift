import FlintSQL

/// Maps numeric columns to bucket indices, as spark.ml's `Bucketizer`: with n + 1 `splits` there
/// are n buckets, bucket i holding [splits[i], splits[i+1]) and the last one also its upper
/// bound. Use ±infinity as the outer splits to cover every value: a value outside the splits is
/// an error. `handleInvalid` decides what NaN does: "error" (default) fails, "skip" drops the
/// row, "keep" puts it in an extra bucket (index n). A null stays null (and is dropped by "skip").
///
/// One column (`inputCol`, `outputCol`, `splits`) or several (`inputCols`, `outputCols`,
/// `splitsArray`), never both.
public final class Bucketizer: Model, HasSingleOrMultipleColumns, HasHandleInvalid, @unchecked Sendable {
    /// `splits`: at least three strictly increasing split points, no NaN (single column).
    public let splits: Param<[Double]>
    /// `splitsArray`: the splits of each input column (multi-column).
    public let splitsArray: Param<[[Double]]>
    /// `inputCol` → `outputCol` (default `<uid>__output`), or `inputCols` → `outputCols`.
    public let inputCol: Param<String>, outputCol: Param<String>, inputCols: Param<[String]>, outputCols: Param<[String]>
    /// `handleInvalid`: error (default), skip or keep.
    public let handleInvalid: Param<String>

    /// A bucketizer with Spark's defaults.
    public override init(uid: String = Params.randomUID("bucketizer")) {
        let splitsDoc = "Split points for mapping continuous features into buckets. With n+1 splits, there are n buckets. A bucket defined by splits x,y holds values in the range [x,y) except the last bucket, which also includes y. The splits should be of length >= 3 and strictly increasing. Values at -inf, inf must be explicitly provided to cover all Double values; otherwise, values outside the splits specified will be treated as errors."
        splits = Param(parent: uid, name: "splits", doc: splitsDoc, validator: Bucketizer.splitsValidator)
        splitsArray = Param(parent: uid, name: "splitsArray", doc: "The array of split points for mapping continuous features into buckets for multiple columns. " + splitsDoc,
                            validator: ParamValidator("arrays of at least 3 strictly increasing splits") { value in
                                guard case let .doubleArrays(arrays) = value else { return false }
                                return arrays.allSatisfy { Bucketizer.splitsValidator.accepts(.doubles($0)) }
                            })
        (inputCol, outputCol, inputCols, outputCols) = SharedParams.singleOrMultipleColumns(uid)
        handleInvalid = InvalidHandling.param(uid, doc: "how to handle invalid entries containing NaN values. Values outside the splits will always be treated as errors. Options are skip (filter out rows with invalid values), error (throw an error), or keep (keep invalid values in a special additional bucket).")
        super.init(uid: uid)
        setDefault(outputCol, "\(uid)__output")
        setDefault(handleInvalid, InvalidHandling.error.rawValue)
    }

    /// Spark's `checkSplits`: at least 3 splits, strictly increasing, none NaN.
    private static let splitsValidator = ParamValidator("at least 3 strictly increasing splits") { value in
        guard case let .doubles(splits) = value, splits.count >= 3, !splits.contains(where: \.isNaN) else { return false }
        return zip(splits, splits.dropFirst()).allSatisfy { $0 < $1 }
    }

    /// Sets `splits`.
    /// - Throws: `MLError.invalidParam` for fewer than 3 splits, splits not strictly increasing
    ///   or a NaN split.
    @discardableResult public func setSplits(_ value: [Double]) throws -> Self { try setting(splits, value) }

    /// Sets `splitsArray`.
    /// - Throws: `MLError.invalidParam` when one of the arrays is not valid `splits`.
    @discardableResult public func setSplitsArray(_ value: [[Double]]) throws -> Self { try setting(splitsArray, value) }

    /// The (input, output, splits) of each column to bucketize.
    /// - Throws: `MLError.invalidParam` for a mix of single- and multi-column params, a missing
    ///   one, or lists of different lengths.
    private func columns() throws -> [(input: String, output: String, splits: [Double])] {
        let pairs = try columnPairs(singleColumnParams: [splits], multiColumnParams: [splitsArray])
        let allSplits = isMultiColumn ? try getOrDefault(splitsArray) : [try getOrDefault(splits)]
        guard allSplits.count == pairs.count else {
            throw MLError.invalidParam("Bucketizer \(uid) has mismatched Params for multi-column transform. Params (inputCols, outputCols, splitsArray) should have equal lengths, but they have different lengths: (\(pairs.count), \(pairs.count), \(allSplits.count)).")
        }
        return zip(pairs, allSplits).map { (input: $0.input, output: $0.output, splits: $1) }
    }

    /// The input schema with a double column per output column.
    /// - Throws: `MLError.invalidParam` for inconsistent params; `MLError.invalidColumn` for a
    ///   missing or non-numeric input, an output that exists.
    public override func transformSchema(_ schema: StructType) throws -> StructType {
        let columns = try columns()
        for column in columns {
            try DatasetColumns.require(schema, column.input, expected: "numeric", accepts: \.isNumeric)
        }
        return try DatasetColumns.adding(columns.map(\.output), of: .double, to: schema)
    }

    /// `dataset` with the bucket index of each input value. Lazy.
    /// - Throws: what `transformSchema` throws; when the frame runs, `MLError.invalidData` for a
    ///   value outside the splits or a NaN in "error" mode.
    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let columns = try columns(), keepInvalid = invalidHandling == .keep
        var output = invalidHandling == .skip ? try dataset.na.drop(subset: columns.map(\.input)) : dataset
        for column in columns {
            let bounds = column.splits
            let bucketed = RowFunction.column(output, name: "\(uid)_bucket", returnType: .double, inputs: [col(column.input).cast("double")]) { values in
                guard let x = values[0].doubleValue else { return .null }
                return .double(Double(try Bucketizer.bucket(of: x, splits: bounds, keepInvalid: keepInvalid)))
            }
            output = try output.withColumn(column.output, bucketed)
        }
        return output
    }

    /// The bucket of `x` (Spark's `binarySearchForBuckets`) for valid `splits` (at least 3); NaN
    /// goes to the extra bucket `splits.count - 1` when `keepInvalid`.
    /// - Throws: `MLError.invalidData` for NaN when not `keepInvalid`, or a value outside the
    ///   splits, with Spark's messages.
    static func bucket(of x: Double, splits: [Double], keepInvalid: Bool) throws -> Int {
        guard !x.isNaN else {
            guard keepInvalid else {
                throw MLError.invalidData("Bucketizer encountered NaN value. To handle or skip NaNs, try setting Bucketizer.handleInvalid.")
            }
            return splits.count - 1
        }
        let first = splits[0], last = splits[splits.count - 1]
        guard x >= first && x <= last else {
            throw MLError.invalidData("Feature value \(Value.double(x)) out of Bucketizer bounds [\(Value.double(first)), \(Value.double(last))].  Check your features, or loosen the lower/upper bound constraints.")
        }
        guard x != last else { return splits.count - 2 }
        // The last split point not above x: splits[low] <= x < splits[high].
        var low = 0, high = splits.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if x < splits[middle] { high = middle } else { low = middle }
        }
        return low
    }

    /// A copy with this stage's uid and values, `extra`'s values for it applied.
    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: Bucketizer(uid: uid), extra: extra)
        copy.parent = parent
        return copy
    }
}
