import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Resource readings of this process, from `/proc` and `getrusage` (Linux; elsewhere the
/// `/proc` readings are nil).
enum ProcessStats {
    /// Peak resident set size in MiB since the process started or since the last successful
    /// `resetPeakRSS()` (`VmHWM` of /proc/self/status).
    static func peakRSSMiB() -> Double? {
        statusField("VmHWM:").map { Double($0) / 1024 }
    }

    /// Current resident set size in MiB (`VmRSS`).
    static func currentRSSMiB() -> Double? {
        statusField("VmRSS:").map { Double($0) / 1024 }
    }

    /// Resets the peak RSS to the current RSS (writes "5" to /proc/self/clear_refs, Linux
    /// 4.0+), so that each workload reports its own peak. Returns false when that is not
    /// possible; the peak is then cumulative over the process.
    static func resetPeakRSS() -> Bool {
        let descriptor = open("/proc/self/clear_refs", O_WRONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return write(descriptor, "5", 1) == 1
    }

    /// User + system CPU seconds of all threads of this process so far.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// The 1-minute load average (the machine may be shared: the anchors record it too).
    static func loadAverage1() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
              let first = text.split(separator: " ").first else { return nil }
        return Double(first)
    }

    /// A monotonic clock in seconds.
    static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    /// The value in kB of a `Name:   123 kB` line of /proc/self/status.
    private static func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            return line.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Int($0) }
        }
        return nil
    }
}
