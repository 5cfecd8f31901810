import DeploymentModel
import Foundation

/// `validate --explain PATH|all`: one line per value, `path<TAB>file:line:col` (or `default`
/// for a value no file writes), so a site built on a base shows which file to edit.
enum ExplainPrinter {
    static func run(files: [String], path: String, json: Bool) throws {
        var output = ""
        var objects: [[String: String]] = []
        for file in files {
            let loaded: LoadedDeployment
            do { loaded = try DeploymentLoader.load(path: file) } catch {
                // Invalid models are explained by their errors, each at the file that holds the value.
                print(error.diagnostics.map { d in d.position == nil ? "\(file): \(d)" : "\(d)" }.joined(separator: "\n"))
                throw ValidateError.invalidFiles(invalid: 1, total: 1)
            }
            let lines: [ModelExplain.Line]
            do { lines = try ModelExplain.explain(loaded, path: path) } catch { throw ExplainError.failure(error.description) }
            for line in lines {
                let origin = line.position?.description ?? "default (written in no file)"
                if json {
                    objects.append(["file": loaded.file, "path": line.path, "origin": origin])
                } else {
                    output += files.count > 1 ? "\(loaded.file): \(line.path)\t\(origin)\n" : "\(line.path)\t\(origin)\n"
                }
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(objects), as: UTF8.self))
        } else {
            print(output, terminator: "")
        }
    }
}

enum ExplainError: Error, CustomStringConvertible {
    case failure(String)
    var description: String { if case .failure(let text) = self { return text }; return "" }
}
