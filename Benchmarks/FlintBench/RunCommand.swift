import Flint
import Foundation

/// The settings of `flint-bench run`.
struct RunOptions {
    /// The data directory.
    var directory: String
    /// The workloads to run, in order (`--only`).
    var workloads: [Workload]
    /// `flint.master` (`--master`, default local[2]).
    var master: String
    /// `flint.executor.memory` (`--executor-memory`, default 1g).
    var executorMemory: String
    /// Runs of each workload (`--repeat`).
    var repeatCount: Int
    /// Written in every result line (`--tag`).
    var tag: String
    /// A file the JSON lines are appended to (`--json-out`).
    var jsonOut: String?
    /// Extra `--conf key=value` settings, in order.
    var settings: [(String, String)]
}

/// `flint-bench run <dir> ...`: runs each workload `--repeat` times, each run in a fresh
/// FlintContext (so the wall time includes its start-up, and the job history holds that run's
/// jobs only), prints one JSON line per run, then a table.
enum RunCommand {
    /// The command's help.
    static let usage = """
        usage: flint-bench run <dir> [--only wordcount,sort,reducebykey] [--master local[2]]
                                     [--executor-memory 1g] [--repeat N] [--tag TEXT]
                                     [--conf key=value]... [--json-out FILE]
        """

    /// Runs the command; returns false when a run failed or a check did not pass.
    /// - Throws: `BenchError` for bad arguments or a missing data directory or file.
    static func run(_ argv: ArraySlice<String>) throws -> Bool {
        let options = try parse(argv)
        let manifest = try Manifest.load(directory: options.directory)
        let rssResettable = ProcessStats.resetPeakRSS()
        var lines = [sessionLine(options, manifest: manifest, rssResettable: rssResettable).rendered]
        print(lines[0])
        var records: [RunRecord] = []
        for rep in 0..<options.repeatCount {
            for workload in options.workloads {
                let record = measure(workload, rep: rep, options: options, manifest: manifest)
                let line = record.jsonLine(options: options, manifest: manifest, rssResettable: rssResettable).rendered
                print(line)
                fflush(stdout)
                lines.append(line)
                records.append(record)
            }
        }
        if let jsonOut = options.jsonOut { try appendLines(lines, toFile: jsonOut) }
        print("")
        print(RunRecord.table(records, manifest: manifest, master: options.master))
        return records.allSatisfy { $0.error == nil && $0.outcome?.ok != false }
    }

    /// Parses and validates the arguments.
    /// - Throws: `BenchError.usage` or `BenchError.missingData`.
    private static func parse(_ argv: ArraySlice<String>) throws -> RunOptions {
        let arguments = try Arguments(argv, valueOptions: ["only", "master", "executor-memory", "repeat", "tag",
                                                           "json-out", "conf"])
        let directory = try arguments.singlePositional("data directory")
        var workloads = Workload.allCases
        if let only = arguments.value("only") {
            workloads = try only.split(separator: ",").map { name in
                guard let workload = Workload(rawValue: String(name)) else {
                    throw BenchError.usage("unknown workload '\(name)' in --only (known: "
                                           + Workload.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                }
                return workload
            }
        }
        let settings = try arguments.allValues("conf").map { pair -> (String, String) in
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw BenchError.usage("--conf needs key=value, got '\(pair)'")
            }
            return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BenchError.missingData("data directory \(directory) does not exist: create it with "
                                         + "`flint-bench generate \(directory) --scale small|medium`, or with the anchor "
                                         + "kit: `python3 /work/shared/bench/gen_data.py \(directory) --scale medium`")
        }
        for workload in workloads {
            let path = (directory as NSString).appendingPathComponent(workload.inputFile)
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw BenchError.missingData("\(workload.rawValue) needs \(path), which is missing: regenerate the data "
                                             + "(`flint-bench generate \(directory)`) or leave it out with --only")
            }
        }
        return RunOptions(directory: directory, workloads: workloads, master: arguments.value("master") ?? "local[2]",
                          executorMemory: arguments.value("executor-memory") ?? "1g",
                          repeatCount: try arguments.int("repeat", default: 1, in: 1...1000),
                          tag: arguments.value("tag") ?? "", jsonOut: arguments.value("json-out"), settings: settings)
    }

    /// The configuration of each run's context.
    private static func configuration(_ options: RunOptions) -> FlintConf {
        let conf = FlintConf()
            .setMaster(options.master)
            .setAppName("flint-bench")
            .set(ConfigEntry.executorMemory.key, options.executorMemory)
            .set(ConfigEntry.consoleProgress.key, "false")
        for (key, value) in options.settings { conf.set(key, value) }
        return conf
    }

    /// Runs `workload` once in a new context and gathers its timings and metrics.
    private static func measure(_ workload: Workload, rep: Int, options: RunOptions, manifest: Manifest?) -> RunRecord {
        let path = (options.directory as NSString).appendingPathComponent(workload.inputFile)
        var record = RunRecord(workload: workload, rep: rep)
        record.inputBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        _ = ProcessStats.resetPeakRSS()
        record.loadBefore = ProcessStats.loadAverage1()
        let cpuStart = ProcessStats.cpuSeconds()
        let start = ProcessStats.now()
        do {
            let context = try FlintContext(conf: configuration(options))
            defer { context.stop() }
            record.startupSeconds = ProcessStats.now() - start
            record.outcome = try workload.run(context: context, path: path, manifest: manifest)
            record.wallSeconds = ProcessStats.now() - start
            record.collect(jobs: context.jobHistory)
        } catch {
            record.wallSeconds = ProcessStats.now() - start
            record.error = "\(error)"
        }
        record.cpuSeconds = ProcessStats.cpuSeconds() - cpuStart
        record.peakRSSMiB = ProcessStats.peakRSSMiB()
        record.loadAfter = ProcessStats.loadAverage1()
        printError("[run] \(workload.rawValue) rep \(rep): \(decimal(record.wallSeconds, 2)) s"
                   + (record.error.map { " FAILED: \($0)" } ?? ""))
        return record
    }

    /// The first line: how the runs are set up.
    private static func sessionLine(_ options: RunOptions, manifest: Manifest?, rssResettable: Bool) -> JSONValue {
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        return .object([
            ("engine", .string("flint")), ("workload", .string("_session")), ("tag", .string(options.tag)),
            ("master", .string(options.master)), ("executor_memory", .string(options.executorMemory)),
            ("conf", .object(options.settings.map { ($0.0, .string($0.1)) })),
            ("data_dir", .string(options.directory)), ("manifest", manifest.map { .string($0.source) } ?? .null),
            ("scale", manifest?.scale.map { .string($0) } ?? .null), ("build", .string(build)),
            ("cpus", .int(ProcessInfo.processInfo.activeProcessorCount)),
            ("peak_rss_per_workload", .bool(rssResettable)),
            ("time_utc", .string(ISO8601DateFormatter().string(from: Date()))),
        ])
    }
}

/// Formats `value` with `digits` decimals ("-" when it is not finite).
func decimal(_ value: Double, _ digits: Int) -> String {
    value.isFinite ? String(format: "%.\(digits)f", value) : "-"
}
