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
        try AtomicFile.write(Data(text.utf8), to: output)
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

/// Writes to a temporary file beside the target, then renames: never a half-written file.
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            // rename(2) replaces atomically; FileManager.replaceItemAt loses the target on Linux.
            guard rename(temporary.path, url.path) == 0 else {
                throw InitError.cannotWrite(path, String(cString: strerror(errno)))
            }
        } catch let error as InitError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InitError.cannotWrite(path, error.localizedDescription)
        }
    }
}
