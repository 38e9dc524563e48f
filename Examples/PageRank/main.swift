// PageRank: the algorithm and output of Spark's SparkPageRank example.
//
//   sbin/run-example PageRank <edges-file> <iterations>
//
// The input has one `src dst` edge per line. Each page starts with rank 1.0; every iteration a
// page sends rank/outDegree to each neighbour and its new rank is 0.15 + 0.85 × received.
// The links are cached, as in Spark's example, so iterations do not re-read and re-group them.
import Flint
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("Usage: PageRank <edges-file> <iterations>\n".utf8))
    exit(2)
}
let iterations = arguments.count > 1 ? Int(arguments[arguments.startIndex + 1]) ?? -1 : 10
guard iterations > 0 else {
    FileHandle.standardError.write(Data("PageRank: iterations must be a positive integer\n".utf8))
    exit(2)
}

do {
    let sc = try FlintContext(conf: FlintConf().setAppName("PageRank"))
    defer { sc.stop() }
    let links = try sc.textFile(path)
        .flatMap { line -> [(String, String)] in
            // Spark's example splits on the regex \s+ (ASCII whitespace).
            let parts = line.fieldsSeparatedByWhitespace()
            return parts.count >= 2 ? [(parts[0], parts[1])] : []
        }
        .distinct()
        .groupByKey()
        .cache()  // read by every iteration: computed once, then served from memory
    var ranks = links.mapValues { _ in 1.0 }
    for _ in 0..<iterations {
        let contributions = links.join(ranks).values().flatMap { urls, rank in
            urls.map { ($0, rank / Double(urls.count)) }
        }
        ranks = contributions.reduceByKey(+).mapValues { 0.15 + 0.85 * $0 }
    }
    for (page, rank) in try ranks.collect() {
        print("\(page) has rank: \(rank).")
    }
} catch {
    FileHandle.standardError.write(Data("PageRank failed: \(error)\n".utf8))
    exit(1)
}
