import ArgumentParser
import DeploymentModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starting deployment model that validates.",
        discussion: """
        Templates: city (public-authority video analytics on public roads), retail (anonymous \
        visitor counting in a shop), construction (site time-lapse with blurring), workplace \
        (occupancy of a warehouse without filming workstations). Each is a complete model: \
        every section a DPO fills, with comments saying what to change. It validates as \
        written; replace the example values with yours, then run `silhouette validate`.

        Without -o the model is printed. With -o it is written atomically; an existing file \
        is never overwritten unless --force is given.

        Examples:
          silhouette init --template city -o deployment.yaml
          silhouette init --template retail | less
        """
    )

    @Option(help: "Template: \(DeploymentTemplate.allCases.map(\.rawValue).joined(separator: ", ")).")
    var template: DeploymentTemplate

    @Option(name: [.short, .customLong("output")], help: "File to write (default: standard output).")
    var output: String?

    @Flag(help: "Overwrite the output file if it exists.")
    var force = false

    func run() throws {
        let text = template.yaml
        guard let output else {
            print(text, terminator: "")
            return
        }
        if FileManager.default.fileExists(atPath: output), !force {
            throw InitError.exists(output)
        }
        do { try AtomicFile.write(Data(text.utf8), to: output) } catch { throw InitError.cannotWrite(output, error.reason) }
        FileHandle.standardError.write(Data("wrote \(output) (template \(template.rawValue)); next: silhouette validate \(output)\n".utf8))
    }
}

extension DeploymentTemplate: ExpressibleByArgument {}

enum InitError: Error, CustomStringConvertible {
    case exists(String)
    case cannotWrite(String, String)

    var description: String {
        switch self {
        case .exists(let path): return "\(path) already exists (hint: use --force to overwrite it, or -o another file)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}
