import Flint

/// The measurements of one run of one workload, and how they are printed: a JSON line in the
/// anchor kit's shape (`engine`, `tool`, `workload`, `wall_s`, `result`, `ok`, ...) and a row of
/// the summary table.
struct RunRecord {
    /// The workload run.
    let workload: Workload
    /// The repetition, from 0.
    let rep: Int
    /// Wall seconds from before the FlintContext is created to the answer on the driver.
    var wallSeconds = 0.0
    /// Seconds to create the FlintContext (included in `wallSeconds`).
    var startupSeconds = 0.0
    /// User + system CPU seconds of the process during the run.
    var cpuSeconds = 0.0
    /// Size of the input file.
    var inputBytes = 0
    /// Input records (lines) of the job that read the most: the sort's sampling job and its
    /// sort job each read the whole file, so a sum would count it twice.
    var records = 0
    /// Input bytes read by all jobs (the sort reads its file twice: sampling, then sorting).
    var inputBytesReadAllJobs = 0
    /// Task metrics summed over the run's jobs.
    var metrics = TaskMetrics()
    /// Jobs the run ran, and stages that ran (skipped ones not counted).
    var jobs = 0
    var stages = 0
    /// One entry per stage that ran: where the time and the bytes went.
    var stageDetails: [JSONValue] = []
    /// Peak RSS of the run (see `ProcessStats.resetPeakRSS`).
    var peakRSSMiB: Double?
    /// 1-minute load averages before and after the run.
    var loadBefore: Double?
    var loadAfter: Double?
    /// The answer, nil when the run failed.
    var outcome: WorkloadOutcome?
    /// The error text when the run failed.
    var error: String?

    init(workload: Workload, rep: Int) {
        self.workload = workload
        self.rep = rep
    }

    /// Sums the metrics of the context's jobs (a fresh context per run, so all of them).
    mutating func collect(jobs history: [JobInfo]) {
        for job in history {
            metrics.accumulate(job.metrics)
            records = Swift.max(records, job.metrics.inputRecords)
            for stage in job.stages where stage.status != .skipped {
                stages += 1
                stageDetails.append(.object([
                    ("job", .int(job.jobId)), ("stage", .int(stage.stageId)), ("name", .string(stage.name)),
                    ("tasks", .int(stage.numTasks)), ("status", .string(stage.status.rawValue)),
                    ("task_s", .fixed(Double(stage.metrics.runTimeNanos) / 1e9, digits: 3)),
                    ("input_records", .int(stage.metrics.inputRecords)),
                    ("shuffle_write_bytes", .int(stage.metrics.shuffleBytesWritten)),
                    ("shuffle_read_bytes", .int(stage.metrics.shuffleBytesRead)),
                    ("disk_spilled_bytes", .int(stage.metrics.diskBytesSpilled)),
                ]))
            }
        }
        inputBytesReadAllJobs = metrics.inputBytes
        jobs = history.count
    }

    /// The result line.
    func jsonLine(options: RunOptions, manifest: Manifest?, rssResettable: Bool) -> JSONValue {
        let megabytes = Double(inputBytes) / 1e6
        var fields: [(String, JSONValue)] = [
            ("engine", .string("flint")), ("tool", .string("flint-bench \(options.master) RDD")),
            ("workload", .string(workload.rawValue)), ("tag", .string(options.tag)), ("rep", .int(rep)),
            ("scale", manifest?.scale.map { .string($0) } ?? .null),
            ("wall_s", .fixed(wallSeconds, digits: 3)), ("startup_s", .fixed(startupSeconds, digits: 4)),
            ("compute_s", .fixed(wallSeconds - startupSeconds, digits: 3)), ("cpu_s", .fixed(cpuSeconds, digits: 3)),
            ("records", .int(records)), ("records_per_s", .fixed(Double(records) / wallSeconds, digits: 0)),
            ("input_mb", .fixed(megabytes, digits: 1)), ("input_mb_per_s", .fixed(megabytes / wallSeconds, digits: 1)),
            ("input_bytes_read_all_jobs", .int(inputBytesReadAllJobs)),
            ("peak_rss_mib", peakRSSMiB.map { .fixed($0, digits: 1) } ?? .null),
            // The kit's summarize.py reads this name; Flint's "tree" is this one process.
            ("peak_rss_tree_mib", peakRSSMiB.map { .fixed($0, digits: 1) } ?? .null),
            ("peak_rss_scope", .string(rssResettable ? "workload" : "process")),
            ("shuffle_records_written", .int(metrics.shuffleRecordsWritten)),
            ("shuffle_bytes_written_uncompressed", .int(metrics.shuffleBytesWrittenUncompressed)),
            ("shuffle_bytes_written", .int(metrics.shuffleBytesWritten)),
            ("shuffle_bytes_read", .int(metrics.shuffleBytesRead)),
            ("memory_bytes_spilled", .int(metrics.memoryBytesSpilled)),
            ("disk_bytes_spilled", .int(metrics.diskBytesSpilled)),
            ("peak_execution_memory", .int(metrics.peakExecutionMemory)),
            ("jobs", .int(jobs)), ("stages", .int(stages)), ("stage_details", .array(stageDetails)),
        ]
        if let outcome {
            fields += [("input_partitions", .int(outcome.inputPartitions)),
                       ("output_partitions", .int(outcome.outputPartitions)),
                       ("result", .object(outcome.result)), ("ok", outcome.ok.map { .bool($0) } ?? .null),
                       ("checked_against", manifest.map { .string($0.source) } ?? .null),
                       ("notes", .array(outcome.notes.map { .string($0) }))]
        } else {
            fields += [("ok", .bool(false)), ("error", .string(error ?? "unknown error"))]
        }
        fields.append(("loadavg1_before_after", .array([loadBefore.map { .double($0) } ?? .null,
                                                        loadAfter.map { .double($0) } ?? .null])))
        return .object(fields)
    }

    /// The check column: "ok", "FAIL", "n/a" (nothing to check against) or "ERROR".
    var checkText: String {
        guard let outcome else { return "ERROR" }
        switch outcome.ok {
        case true?: return "ok"
        case false?: return "FAIL"
        case nil: return "n/a"
        }
    }

    /// A fixed-width table of `records`, one row per run.
    static func table(_ records: [RunRecord], manifest: Manifest?, master: String) -> String {
        let header = ["workload", "rep", "wall s", "startup s", "cpu s", "records", "records/s", "input MB/s",
                      "peak RSS MiB", "shuffle raw MB", "shuffle compr. MB", "spilled MB", "check"]
        let rows = records.map { record -> [String] in
            let mb = { (bytes: Int) in decimal(Double(bytes) / 1e6, 1) }
            return [record.workload.rawValue, String(record.rep), decimal(record.wallSeconds, 2),
                    decimal(record.startupSeconds, 3), decimal(record.cpuSeconds, 2), String(record.records),
                    decimal(Double(record.records) / record.wallSeconds, 0),
                    decimal(Double(record.inputBytes) / 1e6 / record.wallSeconds, 1),
                    record.peakRSSMiB.map { decimal($0, 0) } ?? "-", mb(record.metrics.shuffleBytesWrittenUncompressed),
                    mb(record.metrics.shuffleBytesWritten), mb(record.metrics.diskBytesSpilled), record.checkText]
        }
        let widths = header.indices.map { column in rows.reduce(header[column].count) { Swift.max($0, $1[column].count) } }
        func format(_ cells: [String]) -> String {
            cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return column == 0 ? cells[column] + padding : padding + cells[column]
            }.joined(separator: "  ")
        }
        var lines = ["flint-bench, master \(master), data checked against: \(manifest?.source ?? "no manifest")",
                     format(header), format(widths.map { String(repeating: "-", count: $0) })]
        lines += rows.map(format)
        for record in records {
            if let error = record.error { lines.append("\(record.workload.rawValue) rep \(record.rep): \(error)") }
        }
        return lines.joined(separator: "\n")
    }
}
