import FlintSQL
import Foundation

/// The command line of an ML example or job, as Spark's examples take it: `--input PATH`, an
/// optional `--format libsvm|csv` (default from the extension: `.csv` is CSV, anything else
/// LIBSVM), `--label COL` for CSV, and every other `--name value` pair a param of the estimator,
/// named as Spark names it (`--regParam 0.1`, `--standardization false`).
public struct MLCommandLine: Sendable {
    /// The `--name value` pairs in order, names without the dashes.
    public let options: [(name: String, value: String)]
    /// The names the command line itself uses (not params).
    public static let reserved: Set<String> = ["input", "format", "label", "testInput", "testFraction"]

    /// Parses `arguments` (without the program name).
    /// - Throws: `MLError.invalidParam` for a word that is not `--name` or a name without value.
    public init(_ arguments: [String]) throws {
        var options: [(String, String)] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let word = arguments[index]
            guard word.hasPrefix("--"), word.count > 2 else {
                throw MLError.invalidParam("expected --name value, got '\(word)'")
            }
            let name = String(word.dropFirst(2))
            if let equals = name.firstIndex(of: "=") {
                options.append((String(name[..<equals]), String(name[name.index(after: equals)...])))
                index += 1
                continue
            }
            guard index + 1 < arguments.endIndex else { throw MLError.invalidParam("--\(name) needs a value") }
            options.append((name, arguments[index + 1]))
            index += 2
        }
        self.options = options
    }

    /// The last value given for `name`.
    public subscript(name: String) -> String? { options.last { $0.name == name }?.value }

    /// Sets every non-reserved option on `stage` as a param.
    /// - Throws: `MLError.invalidParam` for an unknown param (listing the stage's) or a bad value.
    public func apply(to stage: Params, excluding: Set<String> = []) throws {
        for (name, value) in options where !Self.reserved.contains(name) && !excluding.contains(name) {
            try stage.set(paramNamed: name, parsing: value)
        }
    }

    /// The data of `--input` (or of `path`): LIBSVM as (label, features); CSV with a header and
    /// inferred types, `--label` as `label` and the other numeric columns assembled into
    /// `features`.
    /// - Throws: `MLError.invalidParam` without `--input` or `--label` for CSV; what reading throws.
    public func loadTrainingData(_ session: FlintSession, path: String? = nil) throws -> DataFrame {
        guard let input = path ?? self["input"] else { throw MLError.invalidParam("--input PATH is required") }
        let format = (self["format"] ?? (input.lowercased().hasSuffix(".csv") ? "csv" : "libsvm")).lowercased()
        switch format {
        case "libsvm":
            return try session.read.format("libsvm").load(input)
        case "csv":
            guard let label = self["label"] else { throw MLError.invalidParam("CSV input needs --label COL") }
            let raw = try session.read.option("header", true).option("inferSchema", true).csv(input)
            guard raw.schema.fields.contains(where: { $0.name == label }) else {
                throw MLError.invalidColumn("--label \(label) is not a column of \(input); columns: " + raw.columns.joined(separator: ", "))
            }
            let numeric = raw.schema.fields.filter { $0.name != label && $0.dataType.isNumeric }.map(\.name)
            guard !numeric.isEmpty else { throw MLError.invalidColumn("\(input) has no numeric feature columns besides the label \(label)") }
            let assembled = try VectorAssembler().setInputCols(numeric).setOutputCol("features")
                .transform(try raw.withColumnRenamed(label, "label").withColumn("label", col("label").cast("double")))
            return try assembled.select("label", "features")
        default:
            throw MLError.invalidParam("--format must be libsvm or csv, got '\(format)'")
        }
    }

    /// The data of `--input` for unsupervised algorithms: LIBSVM as is (its `features`), or CSV
    /// (header, inferred types) with every numeric column assembled into `features`.
    /// - Throws: as `loadTrainingData`.
    public func loadFeatures(_ session: FlintSession) throws -> DataFrame {
        guard let input = self["input"] else { throw MLError.invalidParam("--input PATH is required") }
        let format = (self["format"] ?? (input.lowercased().hasSuffix(".csv") ? "csv" : "libsvm")).lowercased()
        guard format == "csv" else { return try loadTrainingData(session) }
        let raw = try session.read.option("header", true).option("inferSchema", true).csv(input)
        let numeric = raw.schema.fields.filter { $0.dataType.isNumeric }.map(\.name)
        guard !numeric.isEmpty else { throw MLError.invalidColumn("\(input) has no numeric column") }
        return try VectorAssembler().setInputCols(numeric).setOutputCol("features").transform(raw).select("features")
    }

    /// The ratings of `--input` (or of `path`) for ALS: `user::item::rating[::timestamp]` lines
    /// (MovieLens' format, as Spark's sample_movielens_ratings.txt), or CSV, with a header when
    /// its first field is not a number (the columns are then found by the estimator's
    /// userCol/itemCol/ratingCol), else as `user,item,rating[,timestamp]` named by `columns`.
    /// Headerless files are read in FAILFAST mode: a malformed line fails the job naming the
    /// file and the line.
    /// - Throws: `MLError.invalidParam` without a path; what reading throws.
    public func loadRatings(_ session: FlintSession, path: String? = nil,
                            columns: [String] = ["user", "item", "rating"]) throws -> DataFrame {
        precondition(columns.count == 3, "columns names the user, item and rating columns")
        guard let input = path ?? self["input"] else { throw MLError.invalidParam("--input PATH is required") }
        let firstLine = (FileHandle(forReadingAtPath: input)?.readData(ofLength: 4096)).map { String(decoding: $0, as: UTF8.self) }?
            .split(separator: "\n").first.map(String.init) ?? ""
        let separator = firstLine.contains("::") ? "::" : ","
        let fields = firstLine.components(separatedBy: separator)
        let reader = session.read.option("sep", separator)
        if separator == ",", let first = fields.first, Double(first.trimmingCharacters(in: .whitespaces)) == nil {
            return try reader.option("header", true).option("inferSchema", true).csv(input)
        }
        let names = ["\(columns[0]) INT", "\(columns[1]) INT", "\(columns[2]) DOUBLE", "timestamp LONG"].prefix(max(3, min(4, fields.count)))
        return try reader.option("mode", "FAILFAST").schema(names.joined(separator: ", ")).csv(input)
    }
}
