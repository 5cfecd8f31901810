import Foundation
import ArgumentParser
import Store

/// `--store PATH`, shared by every command that touches the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store: a SQLite file or a postgres:// URL (default: $SILHOUETTE_STORE, else .silhouette/store.sqlite beside the deployment file, or in the current directory).",
        valueName: "path"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp(
        "The organisation whose records this command reads and writes (default: $SILHOUETTE_ORG, else the default organisation). Other organisations' records stay invisible.",
        valueName: "name"))
    var org: String?

    /// Opens the store for reading: never creates, migrates or writes it.
    func openForReading(deploymentFile: String? = nil) throws -> SilhouetteStore {
        let location = StoreLocation.resolve(store: store, deploymentFile: deploymentFile)
        // No `.silhouette/` yet just means nothing was recorded here: say that, not "missing directory".
        if location.isDefault && !StoreLocation.exists(location.path) {
            throw StoreError.missingStore(path: location.path)
        }
        return try SilhouetteStore.open(at: location.path, access: .readOnly, organisation: org)
    }

    /// Opens (creating when needed) the store for writing. Only the default `.silhouette/`
    /// directory is created; an explicit `--store` in a missing directory is an error.
    func openForWriting(deploymentFile: String? = nil) throws -> SilhouetteStore {
        let location = StoreLocation.resolve(store: store, deploymentFile: deploymentFile)
        return try SilhouetteStore.open(at: location.path, access: .readWrite(createDirectory: location.isDefault), organisation: org)
    }
}

/// `--format text|json` for listings.
enum ListingFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}


/// Stable JSON for command output: sorted keys, ISO 8601 dates, pretty-printed.
enum StoreJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func date(_ date: Date) -> String {
        StoreDates.string(date)
    }
}
