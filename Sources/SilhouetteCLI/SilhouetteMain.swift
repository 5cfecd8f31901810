import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Entry point shared by the executable and the end-to-end tests. ArgumentParser exits with
/// 64 on usage errors; silhouette's contract is 2 for every usage or input error, with one
/// line on stderr, so errors are mapped here rather than in each command.
public enum SilhouetteMain {
    public static func run(_ arguments: [String]? = nil) async -> Never {
        do {
            var command = try SilhouetteCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch {
            exit(handle(error))
        }
    }

    /// Prints what the user needs to see for `error` and returns the exit code.
    static func handle(_ error: any Error) -> Int32 {
        if let exitCode = error as? ExitCode { return exitCode.rawValue }
        let code = SilhouetteCommand.exitCode(for: error)
        if code == .success {
            // --help, --version: ArgumentParser renders them as "errors" with a success code.
            print(SilhouetteCommand.fullMessage(for: error))
            return 0
        }
        if code == .validationFailure {
            let message = SilhouetteCommand.fullMessage(for: error)
            FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
            return 2
        }
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        return 2
    }
}
