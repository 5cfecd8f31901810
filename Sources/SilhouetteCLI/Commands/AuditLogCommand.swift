import ArgumentParser
import Store

struct AuditLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print the audit log, oldest first.",
        discussion: """
        Text: one line per entry (seq, time, actor, action, entity, hash prefix). JSON: every \
        field, including the canonical payload and both hashes, for independent checking.

        Examples:
          silhouette audit log
          silhouette audit log --format json > audit.json
        """)

    @Option(help: "text or json.") var format: ListingFormat = .text
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openForReading()
        let entries = try store.auditEntriesOfOrganisation()
        switch format {
        case .json: print(try StoreJSON.encode(entries))
        case .text:
            if entries.isEmpty { print("audit log is empty (\(store.path))") }
            for e in entries { print("#\(e.seq)  \(e.timestamp)  \(e.actor)  \(e.action)  \(e.entity)  \(e.hash.prefix(16))") }
        }
    }
}
