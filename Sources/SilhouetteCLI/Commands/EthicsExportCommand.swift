import ArgumentParser
import Foundation
import Store

struct EthicsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the ethics register as YAML (for git).",
        discussion: """
        Writes every submission with its opinions (format silhouette/ethics-v1) to standard \
        output or to -o FILE (written to a temporary file, then renamed). Import it into another \
        store with `silhouette ethics import FILE`.

        Examples:
          silhouette ethics export -o committee/ethics.yaml
          silhouette ethics export --store /srv/pia/store.sqlite > ethics.yaml
        """)

    @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openForReading()
        let yaml = try EthicsRegisterYAML.export(store)
        guard let output else { print(yaml, terminator: ""); return }
        do { try Data(yaml.utf8).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
            throw StoreError.invalid(message: "\(output): cannot write: \(error.localizedDescription)", hint: "check the directory exists and is writable")
        }
    }
}
