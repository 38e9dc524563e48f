import Dispatch
import Flint
import Foundation
import Synchronization

/// Dataset sizes of one `--scale`. Medium matches the anchor kit's medium scale except the sort
/// table (10 M rows instead of the kit's 5 M); small is about 1/100 of medium.
struct GeneratorScale {
    /// "small" or "medium".
    let name: String
    /// Lines of corpus.txt and the size of its vocabulary.
    let textLines: Int
    let vocabularySize: Int
    /// Rows of kv.csv and its keys' range.
    let kvRows: Int
    let kvKeySpace: Int
    /// Rows of sort.csv.
    let sortRows: Int

    static let small = GeneratorScale(name: "small", textLines: 30_000, vocabularySize: 10_000,
                                      kvRows: 100_000, kvKeySpace: 10_000, sortRows: 100_000)
    static let medium = GeneratorScale(name: "medium", textLines: 3_000_000, vocabularySize: 1_000_000,
                                       kvRows: 10_000_000, kvKeySpace: 1_000_000, sortRows: 10_000_000)

    /// The scale called `name`.
    /// - Throws: `BenchError.usage` for an unknown name.
    static func named(_ name: String) throws -> GeneratorScale {
        switch name {
        case "small": return .small
        case "medium": return .medium
        default: throw BenchError.usage("--scale must be small or medium, got '\(name)'")
        }
    }
}

/// `flint-bench generate <dir> [--scale small|medium] [--seed N] [--only text,kv,sort]`: writes
/// the datasets in parallel (one thread each) and `manifest.json` with their expected answers.
enum GenerateCommand {
    /// One line of help.
    static let usage = "usage: flint-bench generate <dir> [--scale small|medium] [--seed N] [--only text,kv,sort]"

    /// The datasets, by manifest name, with the offset added to the seed for each (so that
    /// `--only` regenerates the same bytes as a full run).
    private static let datasets: [(name: String, seedOffset: UInt64)] = [("text", 1001), ("kv", 1002), ("sort", 1003)]

    /// Runs the command.
    /// - Throws: `BenchError` for bad arguments or write errors.
    static func run(_ argv: ArraySlice<String>) throws {
        let arguments = try Arguments(argv, valueOptions: ["scale", "seed", "only"])
        let directory = try arguments.singlePositional("output directory")
        let scale = try GeneratorScale.named(arguments.value("scale") ?? "medium")
        guard let seed = UInt64(arguments.value("seed") ?? "42") else {
            throw BenchError.usage("--seed must be a non-negative integer, got '\(arguments.value("seed")!)'")
        }
        let wanted = arguments.value("only").map { $0.split(separator: ",").map(String.init) }
            ?? datasets.map(\.name)
        for name in wanted where !datasets.contains(where: { $0.name == name }) {
            throw BenchError.usage("unknown dataset '\(name)' in --only (known: text, kv, sort)")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BenchError.io(path: directory, reason: "cannot create the directory: \(error)")
        }
        // Keep the entries of datasets not regenerated now, when the manifest is ours.
        var manifest = (try? Manifest.load(directory: directory)).flatMap { $0 }
        if manifest?.generator != "flint-bench" || manifest?.scale != scale.name || manifest?.seed != seed {
            manifest = Manifest(generator: "flint-bench", genVersion: 1, scale: scale.name, seed: seed,
                                datasets: .init())
        }
        let started = Date()
        let jobs = datasets.filter { wanted.contains($0.name) }
        let outcome = Mutex<(datasets: Manifest.Datasets, errors: [String])>((manifest!.datasets, []))
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let job = jobs[index]
            let jobStart = Date()
            do {
                let jobSeed = seed &+ job.seedOffset
                var result = Manifest.Datasets()
                switch job.name {
                case "text":
                    result.text = try CorpusGenerator(lines: scale.textLines, vocabularySize: scale.vocabularySize,
                                                      zipfExponent: 1.1).generate(directory: directory, seed: jobSeed)
                case "kv":
                    result.kv = try KVGenerator(rows: scale.kvRows, keySpace: scale.kvKeySpace, categories: 100)
                        .generate(directory: directory, seed: jobSeed)
                default:
                    result.sort = try SortGenerator(rows: scale.sortRows).generate(directory: directory, seed: jobSeed)
                }
                outcome.withLock { state in
                    state.datasets.text = result.text ?? state.datasets.text
                    state.datasets.kv = result.kv ?? state.datasets.kv
                    state.datasets.sort = result.sort ?? state.datasets.sort
                }
                printError("[generate] \(job.name) done in \(decimal(Date().timeIntervalSince(jobStart), 1)) s")
            } catch {
                outcome.withLock { $0.errors.append("\(job.name): \(error)") }
            }
        }
        let (generated, errors) = outcome.withLock { ($0.datasets, $0.errors) }
        guard errors.isEmpty else { throw BenchError.io(path: directory, reason: errors.joined(separator: "; ")) }
        manifest!.datasets = generated
        try manifest!.save(directory: directory)
        printError("[generate] \(scale.name) scale, seed \(seed): \(jobs.map(\.name).joined(separator: ", ")) "
                   + "into \(directory) in \(decimal(Date().timeIntervalSince(started), 1)) s")
    }
}
