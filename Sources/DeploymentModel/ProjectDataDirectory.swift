import Foundation

/// Finds a folder of data that ships beside the package rather than inside the binary — the
/// report templates, the label tables, the sign texts: `$ENVIRONMENT_KEY` when set, else a folder
/// of that name beside the package holding the running executable, searched upwards from it
/// (`.build/debug/silhouette`, and the resolved `.build/<triple>/debug` path too). A folder
/// counts only when it holds its marker file, so a same-named folder elsewhere is not taken.
public enum ProjectDataDirectory {
    public enum Outcome: Equatable {
        case found(String)
        /// The first places looked at, for the error message.
        case notFound(searched: [String])
    }

    public static func locate(_ name: String, marker: String, environmentKey: String, levels: Int = 6,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> Outcome {
        if let explicit = environment[environmentKey], !explicit.isEmpty {
            if FileManager.default.fileExists(atPath: explicit + "/" + marker) { return .found(explicit) }
            return .notFound(searched: [explicit + " (\(environmentKey))"])
        }
        var searched: [String] = []
        var executables: [String] = []
        if let path = Bundle.main.executablePath { executables.append(path) }
        executables.append(CommandLine.arguments.first ?? "")
        for executable in executables where !executable.isEmpty {
            var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
            for _ in 0..<levels {
                let candidate = directory.appendingPathComponent(name).path
                searched.append(candidate)
                if FileManager.default.fileExists(atPath: candidate + "/" + marker) { return .found(candidate) }
                directory = directory.deletingLastPathComponent()
            }
        }
        return .notFound(searched: Array(searched.prefix(4)))
    }
}
