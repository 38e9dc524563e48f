import Foundation

/// Where a context runs its tasks, parsed from a master URL as Spark does.
public enum Master: Equatable, Sendable, CustomStringConvertible {
    /// Threads in this process: `local` (1), `local[N]`, `local[*]` (all cores), `local[N,F]`
    /// (F = task max failures).
    case local(threads: Int, maxFailures: Int?)
    /// `local-cluster[W,C,M]`: W worker processes with C cores and M MiB each on this machine.
    case localCluster(workers: Int, coresPerWorker: Int, memoryMiB: Int)
    /// `flint://host:port`: a standalone cluster's master.
    case standalone(host: String, port: Int)

    /// Parses a master URL.
    /// - Throws: `FlintConfError.invalidMaster` naming the URL and the accepted forms.
    public static func parse(_ url: String) throws -> Master {
        let text = url.trimmingCharacters(in: .whitespaces)
        if text == "local" { return .local(threads: 1, maxFailures: nil) }
        if let inner = bracketed(text, prefix: "local[") {
            let parts = inner.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 1 || parts.count == 2 else { throw FlintConfError.invalidMaster(url) }
            let threads: Int
            if parts[0] == "*" {
                threads = ProcessInfo.processInfo.activeProcessorCount
            } else if let n = Int(parts[0]), n > 0 {
                threads = n
            } else {
                throw FlintConfError.invalidMaster(url)
            }
            var maxFailures: Int?
            if parts.count == 2 {
                guard let f = Int(parts[1]), f > 0 else { throw FlintConfError.invalidMaster(url) }
                maxFailures = f
            }
            return .local(threads: threads, maxFailures: maxFailures)
        }
        if let inner = bracketed(text, prefix: "local-cluster[") {
            let numbers = inner.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard numbers.count == 3, numbers.allSatisfy({ $0 > 0 }) else { throw FlintConfError.invalidMaster(url) }
            return .localCluster(workers: numbers[0], coresPerWorker: numbers[1], memoryMiB: numbers[2])
        }
        if text.hasPrefix("flint://") {
            let address = text.dropFirst("flint://".count)
            guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
                  port > 0, port < 65536, colon > address.startIndex else {
                throw FlintConfError.invalidMaster(url)
            }
            return .standalone(host: String(address[..<colon]), port: port)
        }
        throw FlintConfError.invalidMaster(url)
    }

    private static func bracketed(_ text: String, prefix: String) -> String? {
        guard text.hasPrefix(prefix), text.hasSuffix("]") else { return nil }
        return String(text.dropFirst(prefix.count).dropLast())
    }

    public var description: String {
        switch self {
        case let .local(threads, nil): return "local[\(threads)]"
        case let .local(threads, failures?): return "local[\(threads),\(failures)]"
        case let .localCluster(w, c, m): return "local-cluster[\(w),\(c),\(m)]"
        case let .standalone(host, port): return "flint://\(host):\(port)"
        }
    }
}
