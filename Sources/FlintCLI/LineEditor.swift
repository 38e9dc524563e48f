import CEditline
import Foundation

/// Reads the lines typed at an interactive prompt. On a terminal it uses libedit (line editing,
/// arrow-key history, the history kept in a file across sessions, as spark-sql keeps
/// `~/.hivehistory`); otherwise (a pipe, a test) it prints the prompt and reads plain lines.
/// Cost: one C call per line.
public final class LineEditor {
    /// The file the history is read from and appended to, if any.
    public let historyFile: String?
    private let isTerminal: Bool

    /// An editor keeping at most `historySize` lines of history in `historyFile` (nil: none).
    public init(historyFile: String?, historySize: Int = 1000) {
        self.historyFile = historyFile
        isTerminal = isatty(STDIN_FILENO) != 0
        guard isTerminal else { return }
        using_history()
        stifle_history(Int32(historySize))
        if let historyFile { _ = read_history(historyFile) }
    }

    /// The next line without its terminator, after showing `prompt`; nil at end of input.
    public func readLine(prompt: String) -> String? {
        guard isTerminal else {
            print(prompt, terminator: "")
            fflush(stdout)
            return Swift.readLine()
        }
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.trimmingCharacters(in: .whitespaces).isEmpty {
            add_history(raw)
            // A failure to write the history file must not stop the shell; it only loses history.
            if let historyFile { _ = write_history(historyFile) }
        }
        return line
    }

    /// `~/<name>`, where interactive tools keep their history.
    public static func homeFile(_ name: String) -> String? {
        ProcessInfo.processInfo.environment["HOME"].map { ($0 as NSString).appendingPathComponent(name) }
    }
}
