import Foundation

/// flint-submit as a function: parse, merge, launch, report errors.
public enum FlintSubmit {
    /// The version of Flint that `flint-submit --version` reports.
    public static let version = "0.1.0-dev"

    /// Runs flint-submit on `arguments` (without the program name) and returns the exit status:
    /// the application's, 0 after `--help`/`--version`, or `SubmitError.exitStatus` on an error.
    ///
    /// Warnings, the `--verbose` report and errors go to `standardError`; help goes to
    /// `standardOutput`. Cost: that of `SubmitPlan` plus running the application to its end.
    public static func main(
        arguments: [String],
        environment: SubmitEnvironment = .current(),
        standardOutput: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
        standardError: (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) -> Int32 {
        do {
            let submission: SubmitArguments
            switch try SubmitArguments.parse(arguments) {
            case let .printMessage(text):
                standardOutput(text.hasSuffix("\n") ? text : text + "\n")
                return 0
            case let .submit(parsed):
                submission = parsed
            }
            let plan = try SubmitPlan(arguments: submission, environment: environment)
            for warning in plan.warnings { standardError("Warning: \(warning)\n") }
            if submission.verbose { standardError(SubmitHelp.verboseReport(for: plan)) }
            return try ApplicationLauncher.run(
                path: plan.applicationPath,
                arguments: submission.applicationArguments,
                environment: plan.applicationEnvironment(base: environment.variables))
        } catch let error as SubmitError {
            standardError("flint-submit: error: \(error)\n")
            return error.exitStatus
        } catch {
            standardError("flint-submit: error: \(error)\n")
            return 1
        }
    }
}

extension SubmitError {
    /// The exit status flint-submit ends with for this error: 127 for an application not found and
    /// 126 for one that cannot be executed (as shells do), 2 for a bad command line, else 1.
    public var exitStatus: Int32 {
        switch self {
        case .applicationNotFound: return 127
        case .applicationNotExecutable, .launchFailed: return 126
        case .invalidArguments, .unknownOption, .missingApplication, .malformedConf: return 2
        default: return 1
        }
    }
}
