import FlintLinalg
import FlintSQL

/// Numeric columns gathered into a dense `features` vector next to a double `label`, for
/// command lines that train on CSV files (a null or non-numeric cell makes a null vector,
/// which training reports). One UDF call per row.
enum FeatureAssembly {
    static func assemble(_ frame: DataFrame, label: String, columns: [String]) throws -> DataFrame {
        guard !columns.isEmpty else { throw MLError.invalidColumn("no numeric feature columns besides the label \(label)") }
        frame.session.udf.register("flint_assemble_\(columns.count)", arity: columns.count, returnType: .vector) { values in
            var features: [Double] = []
            features.reserveCapacity(values.count)
            for value in values {
                guard let number = value.doubleValue else { return .null }
                features.append(number)
            }
            return .vector(.dense(DenseVector(features)))
        }
        return try frame.select(col(label).cast("double").alias("label"),
                                Column(.function(name: "flint_assemble_\(columns.count)", arguments: columns.map { col($0).expression },
                                                 isDistinct: false)).alias("features"))
    }
}
