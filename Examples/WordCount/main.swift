// WordCount: counts the words (split on whitespace) of text files.
//
//   sbin/run-example WordCount <input> [--output <dir>]
//
// Prints `word: count` lines, most frequent first, or writes them to <dir> as part files.
import Flint
import Foundation

var arguments = Array(CommandLine.arguments.dropFirst())
var output: String?
if let flag = arguments.firstIndex(of: "--output") {
    guard flag + 1 < arguments.count else {
        FileHandle.standardError.write(Data("WordCount: --output needs a directory\n".utf8))
        exit(2)
    }
    output = arguments[flag + 1]
    arguments.removeSubrange(flag...flag + 1)
}
guard arguments.count == 1 else {
    FileHandle.standardError.write(Data("Usage: WordCount <input> [--output <dir>]\n".utf8))
    exit(2)
}

do {
    let sc = try FlintContext(conf: FlintConf().setAppName("WordCount"))
    defer { sc.stop() }
    let counts = try sc.textFile(arguments[0])
        // Splitting the UTF-8 bytes on ASCII whitespace is ~10x faster than splitting
        // Characters with `isWhitespace`, which consults Unicode tables per character.
        .flatMap { $0.fieldSequenceSeparatedByWhitespace() }
        .map { ($0, 1) }
        .reduceByKey(+)
    if let output {
        try counts.map { "\($0.0): \($0.1)" }.saveAsTextFile(output)
    } else {
        for (word, count) in try counts.collect().sorted(by: { ($1.1, $0.0) < ($0.1, $1.0) }) {
            print("\(word): \(count)")
        }
    }
} catch {
    FileHandle.standardError.write(Data("WordCount failed: \(error)\n".utf8))
    exit(1)
}
