import ArgumentParser
import DeploymentModel
import Foundation
import Store

/// `silhouette store init`: creates the store (tables, schema versions) and prints where.
struct StoreInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the store (or bring its schema up to date) and print its backend.",
        discussion: "On PostgreSQL, run it as the owner role (see `store init-roles`).")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openForWriting()
        defer { store.close() }
        let report = try store.verifyAudit()
        print("\(store.path): \(store.backendName) store ready, \(report.entryCount) audit entries")
    }
}

/// `silhouette store copy FROM TO`.
struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy every record and the audit chain from one store into an empty one (SQLite ⇄ PostgreSQL).",
        discussion: """
        FROM must verify; TO must be empty (it is created when needed). Records keep their ids \
        and the chain its entries and hashes; TO is verified after the copy and must end on the \
        same head, else the command fails (exit 2). Prints the counts and the head hash.
        """)

    @Argument(help: "The source store (SQLite file or postgres:// URL).") var from: String
    @Argument(help: "The target store (SQLite file or postgres:// URL).") var to: String

    func run() throws {
        let source = try SilhouetteStore.open(at: from, access: .readOnly)
        defer { source.close() }
        let target = try SilhouetteStore.open(at: to, access: .readWrite(createDirectory: false))
        defer { target.close() }
        let report = try StoreCopy.copy(from: source, to: target)
        print("copied \(report.records) records and \(report.entries) audit entries from \(source.path) to \(target.path); "
              + "chain verified, head \(report.headHash)")
    }
}

/// `silhouette store init-roles`: the SQL for an owner and an application role.
struct StoreInitRolesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init-roles",
        abstract: "Print the SQL that creates a PostgreSQL owner role and an append-only application role.",
        discussion: """
        Run the output once as a database superuser (psql -f roles.sql). The application role \
        may read and append records, never update or delete them (grants; the audit log's \
        trigger refuses UPDATE and DELETE besides).
        """)

    @Option(help: "The database name.") var database: String = "silhouette"
    @Option(help: "The owner role (creates the tables).") var owner: String = "silhouette_owner"
    @Option(help: "The application role (what silhouette commands connect as).") var app: String = "silhouette_app"

    func run() throws {
        for name in [database, owner, app] where name.isEmpty || name.count > 63 || name.contains("\0") {
            throw ValidationError("role and database names are 1 to 63 characters")
        }
        print(SilhouetteStore.postgresRolesSQL(database: database, owner: owner, app: app), terminator: "")
    }
}

/// `silhouette audit export-head FILE`.
struct AuditExportHeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-head",
        abstract: "Write the audit chain's head (last entry and hash) to a file kept outside the database.",
        discussion: """
        Sign or file it away from the store; later, `silhouette audit verify --head FILE` proves \
        the chain still passes through that entry, so history rewritten and rehashed by someone \
        with write access to the database is caught.
        """)

    @Argument(help: "The file to write (atomically).") var file: String
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openForReading()
        defer { store.close() }
        let report = try store.verifyAudit()
        guard report.isValid else {
            print("audit log TAMPERED: first bad \(report.problems[0]); no head written")
            throw ExitCode(1)
        }
        let head = try store.auditHead()
        do { try AtomicFile.write(Data(head.json().utf8), to: file) } catch {
            throw AssessCommandError.cannotWrite(path: file, reason: error.reason)
        }
        print("head #\(head.seq) \(head.hash) written to \(file)")
    }
}
