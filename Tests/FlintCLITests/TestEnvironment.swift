import FlintCLI

/// An in-memory world for flint-submit: flint-submit lives in /opt/flint/.build/release, the user
/// works in /home/user, and only the listed files, directories and executables exist.
struct FakeWorld {
    var variables: [String: String] = ["PATH": "/usr/local/bin:/usr/bin"]
    var files: [String: String] = [:]
    var directories: Set<String> = []
    var executables: Set<String> = ["/opt/flint/.build/release/WordCount", "/usr/bin/env"]

    static let submitDirectory = "/opt/flint/.build/release"

    var environment: SubmitEnvironment {
        let files = files, directories = directories, executables = executables
        return SubmitEnvironment(
            variables: variables,
            executablePath: Self.submitDirectory + "/flint-submit",
            currentDirectory: "/home/user",
            readFile: { files[$0] },
            isDirectory: { directories.contains($0) },
            isExecutableFile: { executables.contains($0) })
    }
}
