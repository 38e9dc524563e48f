import Foundation

/// Expands input paths as Hadoop's FileInputFormat does: a comma-separated list of files,
/// directories (their files, not recursively; names starting with `_` or `.` are skipped) and
/// glob patterns (`*`, `?`, `[...]`).
enum InputPaths {
    /// A file to read and its size.
    struct File: Equatable {
        let path: String
        let size: Int
    }

    /// The files `spec` names, sorted by path within each comma-separated item.
    /// - Throws: `FlintError.inputNotFound` naming the first item that matches nothing.
    static func expand(_ spec: String) throws -> [File] {
        var files: [File] = []
        for item in spec.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) {
            let path = item.hasPrefix("file://") ? String(item.dropFirst("file://".count))
                : item.hasPrefix("file:") ? String(item.dropFirst("file:".count)) : item
            let matches = isGlob(path) ? glob(path) : [path]
            var found: [File] = []
            for match in matches {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: match, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: match)) ?? []
                    for name in names.sorted() where !name.hasPrefix("_") && !name.hasPrefix(".") {
                        let child = (match as NSString).appendingPathComponent(name)
                        var childIsDirectory: ObjCBool = false
                        if FileManager.default.fileExists(atPath: child, isDirectory: &childIsDirectory),
                           !childIsDirectory.boolValue {
                            found.append(File(path: child, size: fileSize(child)))
                        }
                    }
                } else {
                    found.append(File(path: match, size: fileSize(match)))
                }
            }
            if matches.isEmpty || (found.isEmpty && !matches.contains(where: isDirectory)) {
                throw FlintError.inputNotFound(path: item)
            }
            files += found
        }
        return files
    }

    private static func isGlob(_ path: String) -> Bool { path.contains { "*?[".contains($0) } }

    private static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    /// The size of the file `path` names, following symbolic links (as Hadoop's and Spark's
    /// readers do; `attributesOfItem` would give the link's own size).
    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }.sorted()
    }
}
