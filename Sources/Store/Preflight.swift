import Foundation
import GRDB

/// Checks made on an existing file BEFORE it is opened for writing (or read), through checks
/// that cannot modify it: file permissions, the 16-byte SQLite header, then a read-only
/// connection for the application id, the migrations and `PRAGMA quick_check`. Opening a
/// `DatabasePool` on a file first would already write to it (WAL mode, migrations).
enum Preflight {
    static let sqliteHeader = Array("SQLite format 3\0".utf8)

    /// Root ignores permission bits, so `access(2)` alone would let root write into a file a
    /// user deliberately made read-only (`chmod a-w`): the mode bits are checked as well.
    static func checkWritable(path: String, directory: String, exists: Bool) throws(StoreError) {
        if exists {
            if access(path, W_OK) != 0 || !hasWriteBit(path) { throw .readOnly(path: path, reason: "file is not writable") }
        }
        if access(directory, W_OK) != 0 || !hasWriteBit(directory) {
            throw .readOnly(path: path, reason: "directory \(directory) is not writable (SQLite needs it for the WAL files)")
        }
    }

    private static func hasWriteBit(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_mode & 0o222 != 0
    }

    static func check(path: String, requireInitialised: Bool) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .readOnly(path: path, reason: "file is not readable") }
        let head = (try? handle.read(upToCount: 100)) ?? Data()
        try? handle.close()
        if head.isEmpty {
            if requireInitialised { throw .missingStore(path: path) }
            return   // an empty file is a valid empty SQLite database: safe to initialise
        }
        guard head.count >= 100, Array(head.prefix(16)) == sqliteHeader else {
            throw .corrupt(path: path, reason: "not an SQLite database file")
        }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(SilhouetteStore.busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.read { db in try inspect(db, path: path, requireInitialised: requireInitialised) }
            try queue.close()
        } catch let error as StoreError { throw error } catch { throw StoreError.from(error, path: path) }
    }

    private static func inspect(_ db: Database, path: String, requireInitialised: Bool) throws {
        let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
        if check != ["ok"] { throw StoreError.corrupt(path: path, reason: check.prefix(1).joined()) }
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        // GRDB creates `grdb_migrations` on its own before the first migration's transaction, so
        // a store being created by another process right now can show that table alone.
        if applicationID == 0 && Set(tables).isSubset(of: ["grdb_migrations"]) {
            if requireInitialised { throw StoreError.missingStore(path: path) }
            return
        }
        guard applicationID == StoreSchema.applicationID else { throw StoreError.notAStore(path: path) }
        let migrator = StoreSchema.migrator
        let applied: Set<String> = tables.contains("grdb_migrations") ? try migrator.appliedIdentifiers(db) : []
        let unknown = applied.subtracting(migrator.migrations)
        if !unknown.isEmpty || userVersion > StoreSchema.knownUserVersion {
            let what = unknown.isEmpty ? "user_version \(userVersion) > \(StoreSchema.knownUserVersion)"
                : "unknown migrations \(unknown.sorted().joined(separator: ", "))"
            throw StoreError.newerSchema(path: path, found: what)
        }
        let complete = try migrator.hasCompletedMigrations(db)
        if requireInitialised && !complete {
            // An older store: reading it would need a migration, i.e. a write.
            throw StoreError.invalid(message: "\(path): store schema is older than this silhouette",
                                     hint: "upgrade it with `silhouette store init --store \(path)` (it keeps every record; any writing command does the same)")
        }
    }
}
