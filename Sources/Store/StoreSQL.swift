import Foundation
import GRDB

/// The SQL both backends speak, inside one transaction: statements with `?` placeholders and
/// values as GRDB `DatabaseValue`s, rows back as GRDB `Row`s (so each record type decodes the
/// same `init(row:)` from either backend). The SQL used through it is the common subset of
/// SQLite's and PostgreSQL's dialects (every table has a `rowid`: SQLite's own, a `BIGSERIAL`
/// column on PostgreSQL); what differs lives in the per-backend schema.
protocol StoreSQL {
    func rows(_ sql: String, _ arguments: [DatabaseValue]) throws -> [Row]
    func execute(_ sql: String, _ arguments: [DatabaseValue]) throws
    /// Inserts a record's row (on SQLite through its own `insert`, see `RowEncoding`).
    func insertRow(of record: some AuditedRecord) throws
}

extension StoreSQL {
    func rows(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) throws -> [Row] {
        try rows(sql, arguments.map(\.databaseValue))
    }

    func row(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) throws -> Row? {
        try rows(sql, arguments.map(\.databaseValue)).first
    }

    func execute(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) throws {
        try execute(sql, arguments.map(\.databaseValue))
    }
}

extension Database: StoreSQL {
    func rows(_ sql: String, _ arguments: [DatabaseValue]) throws -> [Row] {
        try Row.fetchAll(self, sql: sql, arguments: StatementArguments(arguments.map { $0 as (any DatabaseValueConvertible)? }))
    }

    func execute(_ sql: String, _ arguments: [DatabaseValue]) throws {
        try execute(sql: sql, arguments: StatementArguments(arguments.map { $0 as (any DatabaseValueConvertible)? }))
    }

    func insertRow(of record: some AuditedRecord) throws { try record.insert(self) }
}

/// A record's row as SQLite stores it: the record's own `insert` run in a private in-memory
/// database with the store's schema, read back and removed. The PostgreSQL backend writes
/// exactly these columns, so the two backends can never disagree on what a record stores
/// (which `audit verify` and `store copy` depend on).
enum RowEncoding {
    private static let scratch: Result<DatabaseQueue, any Error> = Result {
        // No foreign keys here: an opinion's row is encoded without its submission's.
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(configuration: configuration)
        try StoreSchema.migrator.migrate(queue)
        return queue
    }

    static func row(of record: some AuditedRecord) throws -> Row {
        let queue = try scratch.get()
        return try queue.write { db in
            try record.insert(db)
            defer { try? db.execute(sql: "DELETE FROM \(type(of: record).table)") }
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(type(of: record).table) WHERE id = ?", arguments: [record.id]) else {
                throw StoreError.sqlite(path: "<memory>", message: "row encoding of \(record.entity) failed")
            }
            return row
        }
    }
}
