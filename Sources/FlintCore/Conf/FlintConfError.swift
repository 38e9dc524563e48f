/// An invalid configuration value or source.
public enum FlintConfError: Error, CustomStringConvertible, Equatable {
    /// `key` holds `value`, which is not of the expected form.
    case invalidValue(key: String, value: String, expected: String)
    /// A properties file that does not exist or cannot be read.
    case unreadableFile(path: String)
    /// A master URL that Flint does not understand.
    case invalidMaster(String)

    public var description: String {
        switch self {
        case let .invalidValue(key, value, expected):
            return "invalid value '\(value)' for \(key): expected \(expected)"
        case let .unreadableFile(path):
            return "cannot read properties file '\(path)'"
        case let .invalidMaster(master):
            return "invalid master URL '\(master)': expected local, local[N], local[*], "
                + "local[N,maxFailures], local-cluster[workers,cores,memoryMB] or flint://host:port"
        }
    }
}
