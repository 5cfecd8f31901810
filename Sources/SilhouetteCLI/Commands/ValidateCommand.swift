import ArgumentParser
import DeploymentModel
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check deployment models for every error, each with file:line:col.",
        discussion: """
        Reads each FILE (`-` for standard input) as a deployment model and reports every \
        problem, not just the first: YAML syntax, tabs, duplicate keys, unknown keys (with a \
        "did you mean"), wrong types, values outside the allowed list, bad durations and dates, \
        duplicate ids, and references to purposes, features, systems or flow endpoints that do \
        not exist. Cameras listed in a `cameras_file:` CSV are checked too, at their CSV line.

        Text output: one line per problem, `file:line:col: error: message (hint: …)`, then one \
        summary line per file. JSON output: one object with a `files` array.

        Exit codes: 0 every file is valid, 2 at least one is not (or cannot be read).

        Examples:
          silhouette validate examples/massy-city/deployment.yaml
          silhouette validate examples/*/deployment.yaml --format json
          cat deployment.yaml | silhouette validate -
          silhouette validate site.yaml --explain 'cameras[cam-3].retention'
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Deployment model files (YAML); `-` reads standard input.")
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Print the file:line:col each value under PATH came from (e.g. cameras[cam-3].retention, or all); models built with extends: merge several files.")
    var explain: String?

    func run() throws {
        if let explain { return try ExplainPrinter.run(files: files, path: explain, json: format == .json) }
        var reports: [FileReport] = []
        for file in files {
            do {
                let loaded = try DeploymentLoader.load(path: file)
                reports.append(FileReport(loaded: loaded))
            } catch {
                reports.append(FileReport(file: file == "-" ? "<stdin>" : file, error: error))
            }
        }
        switch format {
        case .text:
            var output = ""
            for report in reports { output += report.text() }
            print(output, terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(ValidationOutput(valid: reports.allSatisfy(\.valid), files: reports))
            print(String(decoding: data, as: UTF8.self))
        }
        let invalid = reports.filter { !$0.valid }.count
        if invalid > 0 { throw ValidateError.invalidFiles(invalid: invalid, total: reports.count) }
    }
}

enum ValidateError: Error, CustomStringConvertible {
    case invalidFiles(invalid: Int, total: Int)

    var description: String {
        switch self {
        case .invalidFiles(let invalid, let total):
            return total == 1 ? "the deployment model is invalid" : "\(invalid) of \(total) deployment models are invalid"
        }
    }
}

struct ValidationOutput: Encodable {
    let valid: Bool
    let files: [FileReport]
}

/// What `validate` reports for one file.
struct FileReport: Encodable {
    struct Summary: Encodable { let deploymentId: String; let cameras: Int; let purposes: Int; let features: Int }

    let file: String
    let valid: Bool
    let modelHash: String?
    let summary: Summary?
    let diagnostics: [Diagnostic]

    init(loaded: LoadedDeployment) {
        file = loaded.file
        valid = true
        modelHash = loaded.modelHash
        let document = loaded.document
        summary = Summary(deploymentId: document.deployment.id, cameras: document.cameras.count,
                          purposes: document.purposes.count, features: document.features.count)
        diagnostics = []
    }

    init(file: String, error: ModelError) {
        self.file = file
        valid = false
        modelHash = nil
        summary = nil
        diagnostics = error.diagnostics
    }

    func text() -> String {
        var output = ""
        for diagnostic in diagnostics {
            output += diagnostic.position == nil ? "\(file): \(diagnostic)\n" : "\(diagnostic)\n"
        }
        if let summary {
            output += "\(file): valid — \(summary.deploymentId): \(count(summary.cameras, "camera")), "
                + "\(count(summary.purposes, "purpose")), \(count(summary.features, "feature"))\n"
        } else {
            output += "\(file): invalid — \(count(diagnostics.count, "error"))\n"
        }
        return output
    }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
