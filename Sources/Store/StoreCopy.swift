import Foundation
import GRDB

/// `silhouette store copy FROM TO`: every record and the audit chain, verbatim (same ids, same
/// entries, same hashes), from one store into an empty one — SQLite into PostgreSQL or back.
/// The source must verify first; the target is verified after the copy and must end on the
/// same head hash, or the copy is reported as failed.
public enum StoreCopy {
    public struct Report: Sendable, Hashable {
        public var records: Int
        public var entries: Int
        public var headHash: String
    }

    public static func copy(from source: SilhouetteStore, to target: SilhouetteStore) throws(StoreError) -> Report {
        let check = try source.verifyAudit()
        guard check.isValid else {
            throw .invalid(message: "\(source.path): the audit log does not verify (\(check.problems[0])), nothing copied",
                           hint: "run silhouette audit verify on the source")
        }
        let (records, entries) = try source.sqlRead { db -> ([any AuditedRecord], [AuditEntry]) in
            var records: [any AuditedRecord] = []
            for type in AuditedTables.all {
                records += try db.rows("SELECT * FROM \(type.table) ORDER BY rowid").map { type.init(row: $0) }
            }
            return (records, try AuditLog.entries(db))
        }
        let targetPath = target.path
        try target.sqlWrite { db in
            if try db.row("SELECT seq FROM audit_log LIMIT 1") != nil {
                throw StoreError.conflict(message: "\(targetPath): the target store is not empty; hint: copy into a new store")
            }
            for record in records { try insertRow(db, record) }
            for entry in entries { try AuditLog.insert(db, entry) }
        }
        let after = try target.verifyAudit()
        guard after.isValid, after.headHash == check.headHash, after.entryCount == check.entryCount else {
            throw .invalid(message: "\(targetPath): the copied audit log does not verify"
                               + (after.problems.first.map { " (\($0))" } ?? " (head \(after.headHash) ≠ \(check.headHash))"),
                           hint: "the target was written inside one transaction; inspect it before using it")
        }
        return Report(records: records.count, entries: entries.count, headHash: after.headHash)
    }

    private static func insertRow(_ db: any StoreSQL, _ record: some AuditedRecord) throws { try db.insertRow(of: record) }
}
