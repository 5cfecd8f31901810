import ArgumentParser
import Foundation
import Store

struct EthicsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an ethics register YAML file (idempotent).",
        discussion: """
        The whole file is validated first (errors give file:line:col). Records already in the \
        store with the same content are skipped, so importing twice changes nothing. A record \
        whose id exists with different content is a conflict: all conflicts are listed and \
        nothing is imported (exit 2). Imported records keep their ids and are audited as `import`.

        Examples:
          silhouette ethics import committee/ethics.yaml
        """)

    @Argument(help: "A file written by `silhouette ethics export`.") var file: String
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw StoreError.invalid(message: "\(file): cannot read the file", hint: "check the path")
        }
        let store = try storeOptions.openForWriting()
        let result = try EthicsRegisterYAML.importRegister(String(decoding: data, as: UTF8.self), file: file, into: store,
                                                           actor: StoreLocation.currentActor())
        if !result.conflicts.isEmpty {
            for line in result.conflicts { print("conflict: \(line)") }
            throw StoreError.conflict(message: "\(file): \(result.conflicts.count) conflict(s) with \(store.path); nothing imported; hint: "
                                      + "give the new records other ids, or compare with `silhouette ethics export`")
        }
        print("imported \(result.added.count) record(s), \(result.unchanged) already present")
    }
}
