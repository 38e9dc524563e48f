/// Infers the schema of CSV lines as Spark's `CSVInferSchema` does.
///
/// Names: with `header`, the first non-blank, non-comment line names the columns (an empty
/// name or one equal to `nullValue` becomes `_c<i>`; names that repeat, ignoring case, get their
/// index appended: `a,b,A` → `a0,b,A2`); without it, columns are `_c0`, `_c1`, ... as many as
/// the first line has fields.
///
/// Types (only with `inferSchema`; otherwise every column is a string): each field takes the
/// first of int → bigint → double → date (matches `dateFormat`, default `yyyy-MM-dd`) →
/// timestamp (matches `timestampFormat`, or Spark's lenient ISO forms) → boolean → string
/// that parses it, starting from the column's type so far; nulls (`nullValue`, empty fields)
/// are ignored; types merge across rows (int + bigint → bigint, int + double → double,
/// date + timestamp → timestamp, anything else that differs → string); a column that is only
/// nulls is a string. Integers too large for a bigint are doubles (Flint has no decimal type).
/// Extra fields beyond the first line's count are ignored; with DROPMALFORMED, lines with the
/// wrong number of fields are left out. `samplingRatio` < 1 looks at a deterministic Bernoulli
/// sample of the lines (seed 1).
///
/// Cost: one tokenizing pass and at most a few byte-level parses per field; no String per
/// field except the header's.
public enum CSVSchemaInference {
    /// `infer` of an array (specialised here, as callers in other modules cannot specialise
    /// the generic version).
    public static func infer(lines: [String], options: CSVOptions) throws -> StructType {
        try infer(lines: lines[...], options: options)
    }

    /// The schema of `lines` (the first lines of a dataset, or all of them).
    /// - Throws: nothing today besides what the options could not check; kept `throws` for
    ///   sources that read the sample themselves.
    public static func infer<Lines: Sequence>(lines: Lines, options: CSVOptions) throws -> StructType
    where Lines.Element == String {
        var iterator = lines.makeIterator()
        let parser = CSVParser(options: options)
        var firstLine: String?
        while let line = iterator.next() {
            if !isBlankOrComment(line, options) { firstLine = line; break }
        }
        guard let firstLine else { return StructType() }
        let names = columnNames(firstLine: parser.fields(of: firstLine), options: options)
        guard options.inferSchema else { return schema(names: names, types: names.map { _ in .string }) }
        var types = [DataType](repeating: .null, count: names.count)
        let inferrer = Inferrer(options: options)
        var sampler = Sampler(ratio: options.samplingRatio)
        if !options.header, sampler.take() { inferrer.add(firstLine, to: &types) }
        while let line = iterator.next() {
            if isBlankOrComment(line, options) || (options.header && line == firstLine) { continue }
            if sampler.take() { inferrer.add(line, to: &types) }
        }
        return schema(names: names, types: types)
    }

    /// Column names from the fields of the first line, as Spark's `makeSafeHeader`.
    public static func columnNames(firstLine fields: [String], options: CSVOptions) -> [String] {
        guard options.header else { return fields.indices.map { "_c\($0)" } }
        var seen: [String: Int] = [:]
        for name in fields where !name.isEmpty && name != options.nullValue { seen[name.lowercased(), default: 0] += 1 }
        return fields.enumerated().map { index, name in
            if name.isEmpty || name == options.nullValue { return "_c\(index)" }
            return seen[name.lowercased(), default: 0] > 1 ? "\(name)\(index)" : name
        }
    }

    /// Folds the types of the fields of `lines` (data lines only: no header) into `types`, as
    /// one partition of a distributed inference does; combine partitions with `merge`.
    /// `types` starts as `[DataType](repeating: .null, count: columns)`.
    public static func inferTypes<Lines: Sequence>(lines: Lines, options: CSVOptions, into types: inout [DataType])
    where Lines.Element == String {
        let inferrer = Inferrer(options: options)
        for line in lines where !isBlankOrComment(line, options) { inferrer.add(line, to: &types) }
    }

    /// `inferTypes` of an array (specialised here).
    public static func inferTypes(lines: [String], options: CSVOptions, into types: inout [DataType]) {
        inferTypes(lines: lines[...], options: options, into: &types)
    }

    /// The column-wise merge of two partial inferences (`mergeType` per column).
    public static func merge(_ left: [DataType], _ right: [DataType]) -> [DataType] {
        zip(left, right).map { mergeType($0, $1) }
    }

    /// The type two inferred types of one column merge to (Spark's `compatibleType`).
    public static func mergeType(_ left: DataType, _ right: DataType) -> DataType {
        if left == right { return left }
        if left == .null { return right }
        if right == .null { return left }
        if let widened = left.widened(with: right), widened != .float { return widened }
        return .string
    }

    /// The type of `field` given the column's type so far (Spark's `inferField`).
    public static func inferField(_ typeSoFar: DataType, _ field: String, options: CSVOptions) -> DataType {
        var field = field
        let inferrer = Inferrer(options: options)
        return field.withUTF8 { inferrer.inferField(typeSoFar, $0, quoted: false) }
    }

    /// The schema of `names` and `types` (null types become strings), every field nullable.
    public static func schema(names: [String], types: [DataType]) -> StructType {
        StructType(zip(names, types).map { StructField($0, $1 == .null ? .string : $1) })
    }

    static func isBlankOrComment(_ line: String, _ options: CSVOptions) -> Bool {
        guard let first = line.utf8.first else { return true }
        if first == options.comment { return true }
        return first <= 0x20 && line.utf8.allSatisfy { $0 <= 0x20 }
    }

    /// The inference state of a pass: a tokenizer and the type tests.
    struct Inferrer {
        let parser: CSVParser
        let rules: Rules

        init(options: CSVOptions) {
            parser = CSVParser(options: options)
            rules = Rules(options: options)
        }

        func add(_ line: String, to types: inout [DataType]) {
            var line = line
            line.withUTF8 { bytes in
                let count = parser.tokenize(bytes)
                if rules.options.mode == .dropMalformed, count != types.count { return }
                let fields = parser.fields(of: bytes)
                for index in 0..<Swift.min(fields.count, types.count) {
                    types[index] = rules.inferField(types[index], fields[index], quoted: fields.isQuoted(index))
                }
            }
        }

        func inferField(_ typeSoFar: DataType, _ bytes: UnsafeBufferPointer<UInt8>, quoted: Bool) -> DataType {
            rules.inferField(typeSoFar, bytes, quoted: quoted)
        }
    }

    /// The type tests of inference (a class: shared by reference in the per-line loop).
    final class Rules {
        let options: CSVOptions
        let nullValue: [UInt8]
        let emptyValue: [UInt8]
        let specials: [[UInt8]]
        let datePattern: DateTimePattern

        init(options: CSVOptions) {
            self.options = options
            nullValue = Array(options.nullValue.utf8)
            emptyValue = Array(options.emptyValueInRead.utf8)
            specials = [options.nanValue, options.positiveInf, options.negativeInf].map { Array($0.utf8) }
            datePattern = options.dateFormatInWrite
        }

        func inferField(_ typeSoFar: DataType, _ bytes: UnsafeBufferPointer<UInt8>, quoted: Bool) -> DataType {
            if bytes.isEmpty {
                // Unquoted empty is null; quoted empty reads as `emptyValue`.
                if !quoted || emptyValue.isEmpty || emptyValue == nullValue { return typeSoFar }
                return emptyValue.withUnsafeBufferPointer { inferField(typeSoFar, $0, quoted: false) }
            }
            if ByteParsing.equal(bytes, nullValue) { return typeSoFar }
            let start: Int = switch typeSoFar {
            case .null, .integer: 0
            case .long: 1
            case .double, .float: 2
            case .date: 3
            case .timestamp: 4
            case .boolean: 5
            default: 6
            }
            return CSVSchemaInference.mergeType(typeSoFar, firstType(bytes, from: start))
        }

        /// The first type of the chain, from `level` on, that parses `bytes`.
        private func firstType(_ bytes: UnsafeBufferPointer<UInt8>, from level: Int) -> DataType {
            if level <= 0, ByteParsing.int32(bytes) != nil { return .integer }
            if level <= 1, ByteParsing.int64(bytes) != nil { return .long }
            if level <= 2, ByteParsing.double(bytes) != nil || specials.contains(where: { ByteParsing.equal(bytes, $0) }) {
                return .double
            }
            if level <= 3, datePattern.parseDate(bytes) != nil { return .date }
            if level <= 4 {
                let timestamp = if let pattern = options.timestampFormat { pattern.parseTimestamp(bytes) }
                    else { DateTimeText.lenientTimestamp(bytes) }
                if timestamp != nil { return .timestamp }
            }
            if level <= 5, ByteParsing.boolean(bytes) != nil { return .boolean }
            return .string
        }
    }

    /// Bernoulli sampling with a fixed seed (SplitMix64), so inference is reproducible.
    struct Sampler {
        let ratio: Double
        var state: UInt64 = 1

        init(ratio: Double) { self.ratio = ratio }

        mutating func take() -> Bool {
            if ratio > 0.99 { return true }
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) * 0x1.0p-53 < ratio
        }
    }
}
