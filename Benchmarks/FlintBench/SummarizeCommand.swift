import Foundation

/// `flint-bench summarize <results.jsonl> [--tag-prefix P]`: a markdown table of medians over
/// the Flint result lines of a results file (the kit's summarize.py knows only its own workload
/// names, so it skips reducebykey). Lines of other engines and `_session` lines are skipped.
enum SummarizeCommand {
    /// One line of help.
    static let usage = "usage: flint-bench summarize <results.jsonl> [--tag-prefix PREFIX]"

    /// Runs the command.
    /// - Throws: `BenchError` for bad arguments or an unreadable file.
    static func run(_ argv: ArraySlice<String>) throws {
        let arguments = try Arguments(argv, valueOptions: ["tag-prefix"])
        let path = try arguments.singlePositional("results file")
        let prefix = arguments.value("tag-prefix") ?? ""
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BenchError.missingData("cannot read the results file \(path)")
        }
        var groups: [String: [[String: Any]]] = [:]
        var order: [String] = []
        for line in text.split(separator: "\n") where line.hasPrefix("{") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["engine"] as? String == "flint", let workload = object["workload"] as? String,
                  workload != "_session", (object["tag"] as? String ?? "").hasPrefix(prefix) else { continue }
            let key = "\(workload)|\(object["tool"] as? String ?? "")"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(object)
        }
        print("| workload | tool | runs | wall s (median) | min | CPU s (median) | records/s | input MB/s "
              + "| shuffle MB raw → compressed | spilled MB | peak RSS MiB | ok |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for key in order {
            let runs = groups[key]!
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            let walls = numbers("wall_s", runs)
            let oks = Set(runs.map { ($0["ok"] as? Bool).map { $0 ? "yes" : "NO" } ?? "n/a" })
            let cells = [
                parts[0], parts.count > 1 ? parts[1] : "", String(runs.count), decimal(median(walls), 2),
                decimal(walls.min() ?? .nan, 2), decimal(median(numbers("cpu_s", runs)), 2),
                decimal(median(numbers("records_per_s", runs)), 0), decimal(median(numbers("input_mb_per_s", runs)), 1),
                decimal(median(numbers("shuffle_bytes_written_uncompressed", runs)) / 1e6, 1) + " → "
                    + decimal(median(numbers("shuffle_bytes_written", runs)) / 1e6, 1),
                decimal(median(numbers("disk_bytes_spilled", runs)) / 1e6, 1),
                decimal(numbers("peak_rss_mib", runs).max() ?? .nan, 0),
                oks.count == 1 ? oks.first! : "NO",
            ]
            print("| " + cells.joined(separator: " | ") + " |")
        }
    }

    /// The numeric values of `field` in `runs` (missing or null ones skipped).
    private static func numbers(_ field: String, _ runs: [[String: Any]]) -> [Double] {
        runs.compactMap { ($0[field] as? NSNumber)?.doubleValue }
    }

    /// The median, NaN for no values.
    private static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
