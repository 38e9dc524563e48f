import Foundation

/// The seconds of a workload's phases (load, fit, eval), each from the end of the one before:
/// `mark` closes a phase; `fields` are the result fields, named as the anchors name them.
struct PhaseClock {
    private var last = Date()
    private(set) var fields: [(String, JSONValue)] = []

    /// Ends the phase `name` (e.g. "load_s") now.
    mutating func mark(_ name: String) {
        let now = Date()
        fields.append((name, .double(now.timeIntervalSince(last))))
        last = now
    }
}
