import Foundation

extension RDD {
    /// Pipes each partition through an external command, as Spark's `pipe`: the command runs
    /// once per partition through `/bin/sh -c`, receives the elements on stdin as lines
    /// (`String(describing:)`), and its stdout lines are the new elements. `environment` adds
    /// variables to the command's environment.
    ///
    /// Costs one process per partition; input is written on a separate thread while output is
    /// read, so the command may stream.
    /// - Throws (when the job runs): `FlintError.invalidArgument` naming the command, its exit
    ///   status and the end of its stderr when it exits with a non-zero status.
    public func pipe(_ command: String, environment: [String: String] = [:], file: String = #fileID,
                     line: Int = #line) -> RDD<String> {
        MapPartitionsRDD(parent: self, callSite: CallSite("pipe", file: file, line: line)) { _, partition, items in
            try PipedProcess(command: command, environment: environment, partition: partition).run(items)
        }
    }
}

/// One partition's run of a `pipe` command.
private struct PipedProcess {
    /// A command that exits without reading all its input would kill the process with SIGPIPE
    /// when the feeder writes: ignore SIGPIPE (once, and only if it has its default action), so
    /// that the write fails instead and the command's exit status decides.
    private static let sigpipeIgnored: Void = {
        var current = sigaction()
        sigaction(SIGPIPE, nil, &current)
        if current.__sigaction_handler.sa_handler == nil { signal(SIGPIPE, SIG_IGN) }
    }()

    let command: String
    let environment: [String: String]
    let partition: Int

    func run<T>(_ items: BatchIterator<T>) throws -> BatchIterator<String> {
        Self.sigpipeIgnored
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw FlintError.invalidArgument("pipe: cannot start '\(command)': \(error)")
        }
        // Feed stdin from another thread, so that a command that writes as it reads cannot block.
        let feeder = Thread {
            let handle = input.fileHandleForWriting
            do {
                while let batch = try items.nextBatch() {
                    var text = ""
                    for element in batch {
                        text += String(describing: element)
                        text += "\n"
                    }
                    try handle.write(contentsOf: Data(text.utf8))
                }
            } catch {
                // The command closed its stdin early (or the input failed); its exit status tells.
            }
            try? handle.close()
        }
        feeder.start()
        var errorTail = Data()
        let errorsRead = DispatchSemaphore(value: 0)
        Thread {
            errorTail = errors.fileHandleForReading.readDataToEndOfFile().suffix(2000)
            errorsRead.signal()
        }.start()
        var pending = Data()
        var finished = false
        let reader = output.fileHandleForReading
        return BatchIterator {
            while !finished {
                let chunk = reader.availableData
                if chunk.isEmpty {
                    finished = true
                    process.waitUntilExit()
                    errorsRead.wait()
                    guard process.terminationStatus == 0 else {
                        throw FlintError.invalidArgument(
                            "pipe: '\(command)' exited with status \(process.terminationStatus) on partition "
                                + "\(partition): \(String(decoding: errorTail, as: UTF8.self))")
                    }
                    if !pending.isEmpty {
                        defer { pending.removeAll() }
                        return [String(decoding: pending, as: UTF8.self)]
                    }
                    return nil
                }
                pending.append(chunk)
                guard let last = pending.lastIndex(of: 0x0A) else { continue }
                let lines = pending[pending.startIndex..<last].split(separator: 0x0A, omittingEmptySubsequences: false)
                    .map { String(decoding: $0, as: UTF8.self) }
                pending = Data(pending[(last + 1)...])
                return lines
            }
            return nil
        }
    }
}
