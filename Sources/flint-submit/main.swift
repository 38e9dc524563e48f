import FlintCLI
import Foundation

// flint-submit: runs a Flint application with a master and configuration (see FlintSubmit).
exit(FlintSubmit.main(arguments: Array(CommandLine.arguments.dropFirst())))
