import Foundation
import Synchronization

/// Draws the running stages on stderr as Spark does: `[Stage 3:====>      (12 + 2) / 40]`.
///
/// Registered by the context when stderr is a terminal and `flint.ui.showConsoleProgress` is
/// true. A stage appears once it has run for 500 ms; the line is redrawn at most every 200 ms
/// by a timer thread, and erased when no stage is running.
final class ConsoleProgressBar: FlintListener, @unchecked Sendable {
    private struct State {
        var stages: [Int: (info: StageInfo, started: UInt64)] = [:]
        var lastLine = ""
        var finished = false
    }
    private let state = Mutex(State())
    private let width = 80
    private let firstDelayNanos: UInt64 = 500_000_000

    init() {
        let thread = Thread { [weak self] in
            while let self, self.tick() { Thread.sleep(forTimeInterval: 0.2) }
        }
        thread.name = "flint-progress"
        thread.start()
    }

    func onStageSubmitted(_ stage: StageInfo) {
        state.withLock { $0.stages[stage.stageId] = (stage, DispatchTime.now().uptimeNanoseconds) }
    }

    func onTaskStart(_ stage: StageInfo) { update(stage) }

    func onTaskEnd(_ stage: StageInfo, metrics: TaskMetrics, error: String?) { update(stage) }

    func onStageCompleted(_ stage: StageInfo) {
        state.withLock { _ = $0.stages.removeValue(forKey: stage.stageId) }
    }

    private func update(_ stage: StageInfo) {
        state.withLock { state in
            if let entry = state.stages[stage.stageId] { state.stages[stage.stageId] = (stage, entry.started) }
        }
    }

    /// Stops the timer and erases the bar.
    func finish() {
        state.withLock { $0.finished = true }
        draw("")
    }

    /// Redraws; returns false once finished.
    private func tick() -> Bool {
        let now = DispatchTime.now().uptimeNanoseconds
        let (line, alive) = state.withLock { state -> (String, Bool) in
            let visible = state.stages.values.filter { now - $0.started >= firstDelayNanos }
                .sorted { $0.info.stageId < $1.info.stageId }.prefix(3)
            let line = Self.render(visible.map(\.info), width: width)
            return (line, !state.finished)
        }
        if alive { draw(line) }
        return alive
    }

    private func draw(_ line: String) {
        let previous = state.withLock { state -> String in
            defer { state.lastLine = line }
            return state.lastLine
        }
        guard line != previous else { return }
        let text = line.isEmpty ? "\r" + String(repeating: " ", count: previous.count) + "\r" : "\r" + line
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Renders one bar per stage within `width` columns, as Spark's ConsoleProgressBar.
    static func render(_ stages: [StageInfo], width: Int) -> String {
        guard !stages.isEmpty else { return "" }
        let barWidth = width / stages.count
        return stages.map { info in
            let header = "[Stage \(info.stageId):"
            let tailer = "(\(info.completedTasks) + \(info.runningTasks)) / \(info.numTasks)]"
            let w = barWidth - header.count - tailer.count
            guard w > 0 else { return header + tailer }
            let percent = info.numTasks == 0 ? 0 : w * info.completedTasks / info.numTasks
            let bar = (0..<w).map { $0 < percent ? "=" : ($0 == percent ? ">" : " ") }.joined()
            return header + bar + tailer
        }.joined()
    }
}
