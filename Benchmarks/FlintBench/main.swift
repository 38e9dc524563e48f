// flint-bench: the benchmark harness of Flint. It generates seeded datasets of the same kinds
// as the anchor kit (/work/shared/bench) and runs the kit's RDD workloads on Flint, printing
// JSON result lines comparable with the Apache Spark / DuckDB / Polars anchors.
//
//   flint-bench generate <dir> [--scale small|medium] [--seed N] [--only text,kv,sort]
//   flint-bench run <dir> [--only wordcount,sort,reducebykey] [--master local[2]] [--repeat N] ...
//   flint-bench summarize <results.jsonl> [--tag-prefix run]
//   flint-bench decode-csv <file.csv> --schema "key BIGINT, ..." [--repeat N]
//
// See Benchmarks/README.md.
import Foundation

let overview = """
    flint-bench: Flint's benchmark harness

    \(GenerateCommand.usage)
    \(RunCommand.usage)
    \(SummarizeCommand.usage)
    \(DecodeCommand.usage)

    Workloads (the anchor kit's RDD programs): \(Workload.allCases.map(\.rawValue).joined(separator: ", ")).
    See Benchmarks/README.md.
    """

let argv = CommandLine.arguments
do {
    switch argv.dropFirst().first {
    case "generate":
        try GenerateCommand.run(argv.dropFirst(2))
    case "run":
        exit(try RunCommand.run(argv.dropFirst(2)) ? 0 : 1)
    case "summarize":
        try SummarizeCommand.run(argv.dropFirst(2))
    case "decode-csv":
        try DecodeCommand.run(argv.dropFirst(2))
    case "help", "--help", "-h":
        print(overview)
    case let other:
        printError((other.map { "unknown command '\($0)'\n\n" } ?? "") + overview)
        exit(2)
    }
} catch let error as BenchError {
    printError("flint-bench: \(error)")
    if case .usage = error { printError("\n" + overview) }
    exit(2)
} catch {
    printError("flint-bench: \(error)")
    exit(1)
}
