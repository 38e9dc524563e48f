import Foundation
import Synchronization

/// The write end of the pipe the signal handler writes to (-1 until installed). A global with a
/// constant initialiser, so the handler reads it without lazy initialisation.
nonisolated(unsafe) private var shutdownPipeWriteEnd: Int32 = -1

/// Deletes the local directories of contexts that were not stopped when the process ends, as
/// Spark's shutdown hooks do: at a normal exit (`atexit`), and on SIGINT or SIGTERM when the
/// application has not installed its own handler for them. The signal handler only writes the
/// signal number to a pipe (the one async-signal-safe step); a dedicated thread reads it, deletes
/// the directories and re-raises the signal with its default action, so the process still ends
/// with the usual status 128 + signal.
enum ShutdownCleaner {
    private static let directories = Mutex<Set<String>>([])

    /// Installs the hooks once per process, on first use.
    private static let installed: Void = {
        atexit { ShutdownCleaner.removeAll() }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        shutdownPipeWriteEnd = fds[1]
        let reader = Thread {
            var signalNumber: UInt8 = 0
            while read(fds[0], &signalNumber, 1) != 1 {}
            ShutdownCleaner.removeAll()
            signal(Int32(signalNumber), SIG_DFL)
            raise(Int32(signalNumber))
        }
        reader.name = "flint-shutdown"
        reader.start()
        for signalNumber in [SIGINT, SIGTERM] {
            var current = sigaction()
            sigaction(signalNumber, nil, &current)
            guard current.__sigaction_handler.sa_handler == nil else { continue }  // nil is SIG_DFL
            signal(signalNumber) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(shutdownPipeWriteEnd, &byte, 1)
            }
        }
    }()

    /// Deletes `directory` at process end unless `unregister` is called first.
    static func register(_ directory: URL) {
        installed
        _ = directories.withLock { $0.insert(directory.path) }
    }

    /// Forgets `directory` (its owner deleted it).
    static func unregister(_ directory: URL) {
        _ = directories.withLock { $0.remove(directory.path) }
    }

    private static func removeAll() {
        for path in directories.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
    }
}
