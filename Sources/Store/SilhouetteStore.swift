import Foundation
import GRDB

/// A silhouette store: one SQLite file (WAL mode) holding assessments, verifications, the
/// ethics register, sign-offs and the audit log.
///
/// Open it with `open(at:access:)`. A read-only command opens with `.readOnly`, which never
/// creates, migrates or writes the file. A write first inspects the existing file through a
/// read-only connection (header, application id, migrations) and only then opens it for
/// writing, so a corrupt, foreign or newer-schema file is refused without being touched.
///
/// Concurrency: several processes may write at once. Writes are IMMEDIATE transactions
/// (GRDB's default for `DatabasePool.write`), which take SQLite's write lock at BEGIN; waiting
/// for it is bounded by a busy timeout. Each record and its audit entry commit together.
public final class SilhouetteStore: Sendable {
    /// How a command intends to use the store.
    public enum Access: Sendable {
        /// Reads only. The store must exist.
        case readOnly
        /// Reads and writes. Creates the file (and, if `createDirectory`, its directory).
        case readWrite(createDirectory: Bool)
    }

    /// The path as given (for messages); for PostgreSQL the URL with any password redacted.
    public let path: String
    let reader: (any DatabaseReader)?
    let writer: (any DatabaseWriter)?
    /// Set when the store is a PostgreSQL database (`postgres://…`); `reader`/`writer` are then nil.
    let postgres: PostgresBackend?
    /// The organisation this handle reads and writes (`--org`, else `SILHOUETTE_ORG`, else the
    /// default organisation, the empty text). Other organisations' records are invisible to it.
    public let organisation: String
    /// Whether the store's schema has organisations (an older store opened read-only has not:
    /// all its records belong to the default organisation).
    let scoped: Bool

    /// How long a writer waits for another process's write lock before failing.
    static let busyTimeout: TimeInterval = 60

    private init(path: String, reader: any DatabaseReader, writer: (any DatabaseWriter)?, organisation: String, scoped: Bool) {
        self.path = path; self.reader = reader; self.writer = writer; self.postgres = nil
        self.organisation = organisation; self.scoped = scoped
    }

    init(postgres: PostgresBackend, organisation: String) {
        self.path = postgres.location.redacted; self.reader = nil; self.writer = nil; self.postgres = postgres
        self.organisation = organisation; self.scoped = postgres.appliedVersions.contains("v4-organisations")
    }

    /// The condition that keeps a query to this handle's organisation, with `orgArguments`
    /// (bound first).
    var orgCondition: String { scoped ? "org = ?" : "1 = 1" }
    var orgArguments: [any DatabaseValueConvertible] { scoped ? [organisation] : [] }

    /// `--org` when given, else `SILHOUETTE_ORG`, else the default organisation.
    public static func organisation(_ given: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        given ?? environment["SILHOUETTE_ORG"] ?? ""
    }

    /// `sqlite` or `postgres`.
    public var backendName: String { postgres == nil ? "sqlite" : "postgres" }

    /// Whether `location` names a PostgreSQL store rather than a file.
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Opens (or, for `.readWrite`, creates) the store at `path`.
    ///
    /// SQLite answers "database is locked" at once, without waiting out the busy timeout, when
    /// waiting could deadlock: several processes creating the same new store each hold a read
    /// lock on the still-empty file while asking for the lock that switches it to WAL. The one
    /// refused must let go and start again, so the whole opening sequence is retried for a few
    /// seconds before `.busy` is reported. Every step of it is atomic (the WAL switch, each
    /// migration), so a refused attempt leaves nothing half-done.
    public static func open(at path: String, access: Access, organisation: String? = nil) throws(StoreError) -> SilhouetteStore {
        let organisation = Self.organisation(organisation)
        if organisation.count > 200 || organisation.contains(where: { $0.isNewline || $0 == "\0" }) {
            throw .invalid(message: "organisation name is not a one-line name of at most 200 characters", hint: "pass --org NAME")
        }
        if isPostgres(path) {
            let location = try PostgresLocation.parse(path)
            var writable = true
            if case .readOnly = access { writable = false }
            return SilhouetteStore(postgres: try PostgresBackend.open(location, writable: writable), organisation: organisation)
        }
        var attempt = 0
        while true {
            do {
                return try openOnce(at: path, access: access, organisation: organisation)
            } catch {
                guard case .busy = error, attempt < 40 else { throw error }
                attempt += 1
                usleep(UInt32(5_000 * min(attempt, 20) + Int.random(in: 0..<5_000)))
            }
        }
    }

    private static func openOnce(at path: String, access: Access, organisation: String) throws(StoreError) -> SilhouetteStore {
        let fm = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !fm.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard case .readWrite(true) = access else { throw .missingDirectory(path: path, directory: directory) }
            do { try fm.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw .readOnly(path: path, reason: "cannot create \(directory): \(error.localizedDescription)")
            }
        } else if !isDirectory.boolValue {
            throw .missingDirectory(path: path, directory: directory)
        }
        let exists = fm.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue { throw .corrupt(path: path, reason: "it is a directory") }

        switch access {
        case .readOnly:
            guard exists else { throw .missingStore(path: path) }
            try Preflight.check(path: path, requireInitialised: true)
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(busyTimeout)
            do {
                let queue = try DatabaseQueue(path: path, configuration: config)
                let version = try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
                return SilhouetteStore(path: path, reader: queue, writer: nil, organisation: organisation, scoped: version >= 4)
            } catch { throw StoreError.from(error, path: path) }
        case .readWrite:
            try Preflight.checkWritable(path: path, directory: directory, exists: exists)
            if exists { try Preflight.check(path: path, requireInitialised: false) }
            var config = Configuration()
            config.busyMode = .timeout(busyTimeout)
            do {
                let pool = try DatabasePool(path: path, configuration: config)
                // FULL: an entry reported written survives a power cut too (NORMAL in WAL mode may
                // lose the last commits). Set here, on the single writer connection, because GRDB
                // sets NORMAL when it enables WAL, after `prepareDatabase` has run.
                try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
                try migrate(pool)
                return SilhouetteStore(path: path, reader: pool, writer: pool, organisation: organisation, scoped: true)
            } catch let error as StoreError { throw error } catch { throw StoreError.from(error, path: path) }
        }
    }

    /// Runs the migrator. GRDB reads the applied migrations before taking the write lock, so
    /// when several processes create the same new store at once, all but one find the
    /// migration already applied when their turn comes and fail; they then see a complete
    /// schema and carry on (each migration is one transaction, so nothing is half-applied).
    private static func migrate(_ pool: DatabasePool) throws {
        let migrator = StoreSchema.migrator
        for attempt in 1...5 {
            do {
                try migrator.migrate(pool)
                return
            } catch {
                if try pool.read({ try migrator.hasCompletedMigrations($0) && !migrator.hasBeenSuperseded($0) }) { return }
                if attempt == 5 { throw error }
            }
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction (SQLite only: portable code uses `sqlWrite`).
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        if postgres != nil { throw .unsupported(path: path, what: "this command") }
        guard let writer else { throw .readOnly(path: path, reason: "opened for reading") }
        do { return try writer.write(body) } catch let error as StoreError { throw error } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// SQLite only: portable code uses `sqlRead`.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        if postgres != nil { throw .unsupported(path: path, what: "this command") }
        guard let reader else { throw .readOnly(path: path, reason: "closed") }
        do { return try reader.read(body) } catch let error as StoreError { throw error } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs `body` in one write transaction on either backend. SQLite: IMMEDIATE (the write
    /// lock is taken at BEGIN). PostgreSQL: a transaction that first takes the store's
    /// advisory lock, so writers from every machine queue one after another and the audit
    /// chain can neither fork nor lose an entry.
    func sqlWrite<T>(_ body: (any StoreSQL) throws -> T) throws(StoreError) -> T {
        if let postgres { return try postgres.transaction(writing: true, body) }
        return try write { db in try body(db) }
    }

    /// Runs `body` on one consistent snapshot, on either backend.
    func sqlRead<T>(_ body: (any StoreSQL) throws -> T) throws(StoreError) -> T {
        if let postgres { return try postgres.transaction(writing: false, body) }
        return try read { db in try body(db) }
    }

    /// Opens a store for reading, or returns nil when there is none yet (a PostgreSQL database
    /// without silhouette's tables; a missing file is the caller's to check).
    public static func openIfPresent(at path: String, organisation: String? = nil) throws(StoreError) -> SilhouetteStore? {
        do { return try open(at: path, access: .readOnly, organisation: organisation) } catch {
            if case .missingStore = error { return nil }
            throw error
        }
    }

    /// Closes the connection (PostgreSQL); SQLite files need nothing.
    public func close() { postgres?.close() }

    /// `PRAGMA integrity_check`: `["ok"]` when SQLite finds no damage.
    public func integrityCheck() throws(StoreError) -> [String] {
        if postgres != nil { return ["ok"] }   // PostgreSQL checks its pages itself
        return try read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
    }
}

extension StoreError {
    /// Maps an SQLite/GRDB error to the typed error users see.
    static func from(_ error: any Error, path: String) -> StoreError {
        guard let db = error as? DatabaseError else { return .sqlite(path: path, message: "\(error)") }
        switch db.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .corrupt(path: path, reason: db.message ?? "\(db.resultCode)")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
            return .readOnly(path: path, reason: db.message ?? "\(db.resultCode)")
        case .SQLITE_BUSY:
            return .busy(path: path)
        default: return .sqlite(path: path, message: db.message ?? "\(db.resultCode)")
        }
    }
}
