/// The options of the CSV source, parsed and checked once from a `DataSourceOptions`, with
/// Spark's names and defaults (`DataFrameReader.csv` / `DataFrameWriter.csv`). Building one
/// costs a few dictionary lookups and the compilation of the date patterns; afterwards every
/// option is a plain stored property, cheap to read on hot paths.
///
/// Reading and writing share the object; where Spark's defaults differ by direction
/// (`ignoreLeadingWhiteSpace`, `ignoreTrailingWhiteSpace`, `emptyValue`, `timestampFormat`)
/// there is one property per direction.
public struct CSVOptions: Sendable, Hashable {
    /// The options this was parsed from.
    public let source: DataSourceOptions
    /// `header` (false): the first line of each file names the columns (read) / write one.
    public let header: Bool
    /// `inferSchema` (false): infer column types from the data; otherwise every column is a string.
    public let inferSchema: Bool
    /// `enforceSchema` (true): with a header and a given schema, ignore the header's names;
    /// when false, a header that does not match the schema's names is an error.
    public let enforceSchema: Bool
    /// `sep` or `delimiter` (","), as UTF-8 bytes; one or more characters, `\t` allowed.
    public let separator: [UInt8]
    /// `quote` ("\""); nil when set to the empty string (no quoting).
    public let quote: UInt8?
    /// `escape` ("\\"): inside a quoted field, this character followed by the quote (or by
    /// itself) stands for that character. Doubled quotes are read as one quote as well.
    public let escape: UInt8?
    /// `comment` (unset): lines starting with this character are skipped.
    public let comment: UInt8?
    /// `nullValue` (""): the text of a null value.
    public let nullValue: String
    /// `emptyValue` as read (""): what a quoted empty field `""` reads as (then compared with
    /// `nullValue`, so by default it is null, as in Spark).
    public let emptyValueInRead: String
    /// `emptyValue` as written (`""`, two quote characters): how an empty string is written.
    public let emptyValueInWrite: String
    /// `nanValue` ("NaN"), `positiveInf` ("Inf"), `negativeInf` ("-Inf"): extra spellings of
    /// the special floating-point values.
    public let nanValue: String, positiveInf: String, negativeInf: String
    /// `dateFormat`: the pattern of date columns. When unset, reading accepts Spark's lenient
    /// forms (`yyyy-[m]m-[d]d`, with an optional time part) and inference and writing use
    /// `yyyy-MM-dd`.
    public let dateFormat: DateTimePattern?
    /// The pattern dates are inferred and written with: `dateFormat`, or `yyyy-MM-dd`.
    public let dateFormatInWrite: DateTimePattern
    /// `timestampFormat`: the pattern of timestamp columns. When unset, reading and inference
    /// accept Spark's lenient ISO forms (`yyyy-MM-dd[( |T)HH:mm[:ss[.SSSSSS]]][zone]`).
    public let timestampFormat: DateTimePattern?
    /// The pattern timestamps are written with: `timestampFormat`, or
    /// `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` (Spark's default).
    public let timestampFormatInWrite: DateTimePattern
    /// `mode` (PERMISSIVE): what to do with malformed records.
    public let mode: ParseMode
    /// `columnNameOfCorruptRecord` ("_corrupt_record"): the string column that receives the raw
    /// text of malformed records in PERMISSIVE mode, if the schema has it.
    public let columnNameOfCorruptRecord: String
    /// `ignoreLeadingWhiteSpace` for reading (false): trim leading whitespace of unquoted fields.
    public let ignoreLeadingWhiteSpaceInRead: Bool
    /// `ignoreTrailingWhiteSpace` for reading (false).
    public let ignoreTrailingWhiteSpaceInRead: Bool
    /// `ignoreLeadingWhiteSpace` for writing (true, as Spark): trim values before writing.
    public let ignoreLeadingWhiteSpaceInWrite: Bool
    /// `ignoreTrailingWhiteSpace` for writing (true).
    public let ignoreTrailingWhiteSpaceInWrite: Bool
    /// `lineSep`: the line separator. Reading: unset means `\n` with an optional `\r` before
    /// it; otherwise one character (or `\r\n`). Writing: unset means `\n`.
    public let lineSeparator: String?
    /// `samplingRatio` (1.0): the fraction of lines schema inference looks at, in (0, 1].
    public let samplingRatio: Double
    /// `quoteAll` (false, write): quote every value.
    public let quoteAll: Bool
    /// `escapeQuotes` (true, write): quote values that contain the quote character.
    public let escapeQuotes: Bool

    /// Parses and checks the CSV options among `options` (other keys are ignored, as Spark does).
    /// - Throws: `DataSourceError.invalidOption` naming the option, what it must be and the
    ///   value given: a boolean that is not true/false, a `mode` other than PERMISSIVE,
    ///   DROPMALFORMED, FAILFAST, an empty or multi-character `quote`/`escape`/`comment`, an
    ///   empty `sep`, an `encoding` other than UTF-8, `multiLine=true`, an unsupported letter in
    ///   a date pattern, a `samplingRatio` outside (0, 1].
    public init(_ options: DataSourceOptions = DataSourceOptions()) throws {
        source = options
        header = try options.bool("header", default: false)
        inferSchema = try options.bool("inferSchema", default: false)
        enforceSchema = try options.bool("enforceSchema", default: true)
        if let (key, value) = options.first(of: "sep", "delimiter") {
            separator = try CSVOptions.separator(value, option: key)
        } else {
            separator = [UInt8(ascii: ",")]
        }
        quote = try CSVOptions.character(options, "quote", default: UInt8(ascii: "\""))
        escape = try CSVOptions.character(options, "escape", default: UInt8(ascii: "\\"))
        comment = try CSVOptions.character(options, "comment", default: nil)
        nullValue = options.string("nullValue", default: "")
        emptyValueInRead = options.string("emptyValue", default: "")
        let quoteText = quote.map { String(decoding: [$0], as: UTF8.self) } ?? ""
        emptyValueInWrite = options.string("emptyValue", default: quoteText + quoteText)
        nanValue = options.string("nanValue", default: "NaN")
        positiveInf = options.string("positiveInf", default: "Inf")
        negativeInf = options.string("negativeInf", default: "-Inf")
        dateFormat = try options["dateFormat"].map { try DateTimePattern($0, option: "dateFormat") }
        dateFormatInWrite = try dateFormat ?? DateTimePattern("yyyy-MM-dd")
        timestampFormat = try options["timestampFormat"].map { try DateTimePattern($0, option: "timestampFormat") }
        timestampFormatInWrite = try timestampFormat ?? DateTimePattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
        mode = try options["mode"].map { try ParseMode.parse($0) } ?? .permissive
        columnNameOfCorruptRecord = options.string("columnNameOfCorruptRecord", default: "_corrupt_record")
        ignoreLeadingWhiteSpaceInRead = try options.bool("ignoreLeadingWhiteSpace", default: false)
        ignoreTrailingWhiteSpaceInRead = try options.bool("ignoreTrailingWhiteSpace", default: false)
        ignoreLeadingWhiteSpaceInWrite = try options.bool("ignoreLeadingWhiteSpace", default: true)
        ignoreTrailingWhiteSpaceInWrite = try options.bool("ignoreTrailingWhiteSpace", default: true)
        quoteAll = try options.bool("quoteAll", default: false)
        escapeQuotes = try options.bool("escapeQuotes", default: true)
        samplingRatio = try options.double("samplingRatio", default: 1.0)
        guard samplingRatio > 0, samplingRatio <= 1 else {
            throw DataSourceError.invalidOption(
                name: "samplingRatio", message: "option 'samplingRatio' must be in (0, 1], got '\(options["samplingRatio"] ?? "")'")
        }
        if let (key, value) = options.first(of: "encoding", "charset") {
            let normalized = value.lowercased().replacingOccurrences(of: "_", with: "-")
            guard ["utf-8", "utf8", "us-ascii", "ascii"].contains(normalized) else {
                throw DataSourceError.invalidOption(
                    name: key, message: "option '\(key)' must be UTF-8 (the only encoding Flint's CSV source reads and writes), got '\(value)'")
            }
        }
        if try options.bool("multiLine", default: false) {
            throw DataSourceError.invalidOption(
                name: "multiLine", message: "option 'multiLine' = true is not supported yet: "
                    + "Flint's CSV source reads one record per line (quoted fields cannot contain line breaks)")
        }
        if let value = options["lineSep"] {
            guard value == "\r\n" || (value.utf8.count == 1) else {
                throw DataSourceError.invalidOption(
                    name: "lineSep", message: "option 'lineSep' must be one character (or \\r\\n), got '\(value)'")
            }
            lineSeparator = value
        } else {
            lineSeparator = nil
        }
        if let compression = options.first(of: "compression", "codec"),
           !["none", "uncompressed"].contains(compression.value.lowercased()) {
            throw DataSourceError.invalidOption(
                name: compression.key, message: "option '\(compression.key)' must be none or uncompressed "
                    + "(compressed CSV is not supported yet), got '\(compression.value)'")
        }
    }

    /// The byte that ends a line when reading: `lineSep`, or `\n` (a `\r` before it is dropped).
    public var lineTerminator: UInt8 {
        guard let lineSeparator, lineSeparator != "\r\n" else { return UInt8(ascii: "\n") }
        return lineSeparator.utf8.first!
    }

    /// Spark's `CSVExprUtils.toChar` escapes: `\t`, `\r`, `\b`, `\f`, `\"`, `\'`, `\\`, `\u0000`
    /// (written with a real backslash), and a lone `\` is an error.
    static func unescape(_ value: String, option: String) throws -> String {
        let bad = { (why: String) in
            DataSourceError.invalidOption(name: option, message: "option '\(option)' \(why), got '\(value)'")
        }
        var result = ""
        var characters = value.makeIterator()
        while let character = characters.next() {
            guard character == "\\" else { result.append(character); continue }
            guard let next = characters.next() else { throw bad("cannot end with a single backslash (write \\\\ for a backslash)") }
            switch next {
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "n": result.append("\n")
            case "b": result.append("\u{8}")
            case "f": result.append("\u{C}")
            case "\"", "'", "\\": result.append(next)
            case "u":
                var digits = ""
                for _ in 0..<4 { if let d = characters.next() { digits.append(d) } }
                guard digits.count == 4, let code = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(code) else {
                    throw bad("has a malformed \\u escape")
                }
                result.unicodeScalars.append(scalar)
            default: throw bad("has an unsupported escape '\\\(next)'")
            }
        }
        return result
    }

    private static func separator(_ value: String, option: String) throws -> [UInt8] {
        let text = try unescape(value, option: option)
        guard !text.isEmpty else {
            throw DataSourceError.invalidOption(name: option, message: "option '\(option)' cannot be an empty string")
        }
        guard !text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            throw DataSourceError.invalidOption(name: option, message: "option '\(option)' cannot contain a line break, got '\(value)'")
        }
        return Array(text.utf8)
    }

    private static func character(_ options: DataSourceOptions, _ key: String, default defaultValue: UInt8?) throws -> UInt8? {
        guard let value = options[key] else { return defaultValue }
        let text = try unescape(value, option: key)
        if text.isEmpty || text == "\u{0}" { return nil }
        guard text.utf8.count == 1, let byte = text.utf8.first, byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
            throw DataSourceError.invalidOption(
                name: key, message: "option '\(key)' must be a single ASCII character (or empty to disable it), got '\(value)'")
        }
        return byte
    }
}
