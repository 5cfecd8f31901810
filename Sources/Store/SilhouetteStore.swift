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

    /// The path as given (for messages).
    public let path: String
    let reader: any DatabaseReader
    let writer: (any DatabaseWriter)?

    /// How long a writer waits for another process's write lock before failing.
    static let busyTimeout: TimeInterval = 60

    private init(path: String, reader: any DatabaseReader, writer: (any DatabaseWriter)?) {
        self.path = path; self.reader = reader; self.writer = writer
    }

    /// Opens (or, for `.readWrite`, creates) the store at `path`.
    ///
    /// SQLite answers "database is locked" at once, without waiting out the busy timeout, when
    /// waiting could deadlock: several processes creating the same new store each hold a read
    /// lock on the still-empty file while asking for the lock that switches it to WAL. The one
    /// refused must let go and start again, so the whole opening sequence is retried for a few
    /// seconds before `.busy` is reported. Every step of it is atomic (the WAL switch, each
    /// migration), so a refused attempt leaves nothing half-done.
    public static func open(at path: String, access: Access) throws(StoreError) -> SilhouetteStore {
        var attempt = 0
        while true {
            do {
                return try openOnce(at: path, access: access)
            } catch {
                guard case .busy = error, attempt < 40 else { throw error }
                attempt += 1
                usleep(UInt32(5_000 * min(attempt, 20) + Int.random(in: 0..<5_000)))
            }
        }
    }

    private static func openOnce(at path: String, access: Access) throws(StoreError) -> SilhouetteStore {
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
                return SilhouetteStore(path: path, reader: queue, writer: nil)
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
                return SilhouetteStore(path: path, reader: pool, writer: pool)
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

    /// Runs `body` in one IMMEDIATE write transaction.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        guard let writer else { throw .readOnly(path: path, reason: "opened for reading") }
        do { return try writer.write(body) } catch let error as StoreError { throw error } catch {
            throw StoreError.from(error, path: path)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try reader.read(body) } catch let error as StoreError { throw error } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// `PRAGMA integrity_check`: `["ok"]` when SQLite finds no damage.
    public func integrityCheck() throws(StoreError) -> [String] {
        try read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
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
