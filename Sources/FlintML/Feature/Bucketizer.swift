import FlintSQL

/// Maps a numeric column to bucket indices by `splits`, as spark.ml's `Bucketizer`: bucket i
/// holds [splits[i], splits[i+1]), the last one includes its upper bound; use ±infinity as the
/// outer splits to cover every value. `handleInvalid`: "error" (default) fails on NaN, "skip"
/// drops those rows, "keep" puts them in an extra bucket (index = number of buckets). A value
/// outside the splits is an error.
public final class Bucketizer: Transformer, @unchecked Sendable {
    /// `splits`: at least three, strictly increasing.
    public let splits: Param<[Double]>
    /// `inputCol`.
    public let inputCol: Param<String>
    /// `outputCol`.
    public let outputCol: Param<String>
    /// `handleInvalid`: error, skip or keep.
    public let handleInvalid: Param<String>

    /// A bucketizer with Spark's defaults.
    public override init(uid: String = Params.randomUID("bucketizer")) {
        splits = Param(parent: uid, name: "splits", doc: "Split points for mapping continuous features into buckets. With n+1 splits, there are n buckets. A bucket defined by splits x,y holds values in the range [x,y) except the last bucket, which also includes y. The splits should be of length >= 3 and strictly increasing.")
        inputCol = SharedParams.inputCol(uid)
        outputCol = SharedParams.outputCol(uid)
        handleInvalid = InvalidHandling.param(uid, doc: "how to handle invalid entries containing NaN values. Values outside the splits will always be treated as errors. Options are skip (filter out rows with invalid values), error (throw an error), or keep (keep invalid values in a special additional bucket).")
        super.init(uid: uid)
        setDefault(outputCol, "\(uid)__output")
        setDefault(handleInvalid, "error")
    }

    /// Sets `splits`.
    /// - Throws: `MLError.invalidParam` for fewer than 3 splits or splits not strictly increasing.
    @discardableResult public func setSplits(_ value: [Double]) throws -> Self {
        guard value.count >= 3 else { throw MLError.invalidParam("Bucketizer splits should have at least 3 values, got \(value.count)") }
        guard zip(value, value.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw MLError.invalidParam("Bucketizer splits should be strictly increasing, got \(ParamValue.doubles(value))")
        }
        try set(splits, value)
        return self
    }
    /// Sets `inputCol`.
    @discardableResult public func setInputCol(_ value: String) throws -> Self { try set(inputCol, value); return self }
    /// Sets `outputCol`.
    @discardableResult public func setOutputCol(_ value: String) throws -> Self { try set(outputCol, value); return self }
    /// Sets `handleInvalid`.
    @discardableResult public func setHandleInvalid(_ value: String) throws -> Self { try set(handleInvalid, value); return self }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        _ = try getOrDefault(splits)
        try DatasetColumns.requireNumeric(schema, try getOrDefault(inputCol), role: "input")
        try DatasetColumns.requireAbsent(schema, value(outputCol))
        return schema.adding(value(outputCol), .double)
    }

    /// The bucket of `x`, nil for NaN. - Throws: `MLError.invalidData` outside the splits.
    static func bucket(_ x: Double, splits: [Double]) throws -> Int? {
        guard !x.isNaN else { return nil }
        if x == splits.last! { return splits.count - 2 }
        guard x >= splits.first!, x < splits.last! else {
            throw MLError.invalidData("Feature value \(Value.double(x)) out of Bucketizer bounds [\(Value.double(splits.first!)), \(Value.double(splits.last!))]. "
                                      + "Check your features, or loosen the lower/upper bound constraints.")
        }
        var low = 0, high = splits.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if x < splits[middle] { high = middle } else { low = middle }
        }
        return low
    }

    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let bounds = try getOrDefault(splits)
        let mode = InvalidHandling(rawValue: value(handleInvalid).lowercased()) ?? .error
        let bucketed = RowFunction.column(dataset, name: "\(uid)_bucket", returnType: .double, inputs: [col(try getOrDefault(inputCol)).cast("double")]) { values in
            guard let x = values[0].doubleValue else { return .null }
            if let bucket = try Bucketizer.bucket(x, splits: bounds) { return .double(Double(bucket)) }
            switch mode {
            case .error:
                throw MLError.invalidData("Bucketizer encountered NaN value. To handle or skip NaNs, try setting Bucketizer.handleInvalid.")
            case .skip: return .null
            case .keep: return .double(Double(bounds.count - 1))
            }
        }
        let output = try dataset.withColumn(value(outputCol), bucketed)
        return mode == .skip ? try output.filter(col(value(outputCol)).isNotNull()) : output
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: Bucketizer(uid: uid), extra: extra) }
}
