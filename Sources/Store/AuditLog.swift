import Foundation
import GRDB

/// The hash-chained audit log. Every write of the store appends its entry inside the same
/// IMMEDIATE transaction as the change itself, so there is never a change without its entry
/// (or an entry without its change), even when a process is killed half-way: SQLite rolls the
/// whole transaction back. Taking the write lock at BEGIN also serialises writers across
/// processes, so two writers can never both read the same head and fork the chain.
enum AuditLog {
    /// `prev_hash` of the first entry.
    static let genesis = String(repeating: "0", count: 64)

    /// The hashed content of an entry: a canonical JSON array, so no field can bleed into the next.
    static func content(seq: Int, timestamp: String, actor: String, action: String, entity: String, payload: String) -> String {
        JSONValue.array([.int(seq), .string(timestamp), .string(actor), .string(action), .string(entity), .string(payload)]).canonical
    }

    static func hash(prevHash: String, content: String) -> String {
        StoreHashing.sha256Hex(Data((prevHash + content).utf8))
    }

    /// Appends one entry for `record` (must run inside the write transaction that changes it).
    @discardableResult
    static func append(_ db: any StoreSQL, actor: String, action: String, record: some AuditedRecord, at date: Date) throws -> AuditEntry {
        let head = try db.row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        let seq = (head?["seq"] as Int? ?? 0) + 1
        let prevHash = head?["hash"] as String? ?? genesis
        let timestamp = StoreDates.string(date)
        let payload = record.auditContent.canonical
        let text = content(seq: seq, timestamp: timestamp, actor: actor, action: action, entity: record.entity, payload: payload)
        let entry = AuditEntry(seq: seq, timestamp: timestamp, actor: actor, action: action, entity: record.entity,
                               payload: payload, prevHash: prevHash, hash: hash(prevHash: prevHash, content: text))
        try insert(db, entry)
        return entry
    }

    /// Writes one entry as it is (appending, or copying a chain from another store).
    static func insert(_ db: any StoreSQL, _ entry: AuditEntry) throws {
        try db.execute("""
            INSERT INTO audit_log (seq, timestamp, actor, action, entity, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [entry.seq, entry.timestamp, entry.actor, entry.action, entry.entity, entry.payload, entry.prevHash, entry.hash])
    }

    static func entries(_ db: any StoreSQL) throws -> [AuditEntry] {
        try db.rows("SELECT * FROM audit_log ORDER BY seq").map {
            AuditEntry(seq: $0["seq"], timestamp: $0["timestamp"], actor: $0["actor"], action: $0["action"],
                       entity: $0["entity"], payload: $0["payload"], prevHash: $0["prev_hash"], hash: $0["hash"])
        }
    }

    /// Checks the chain, then that every audited table holds exactly what the chain says.
    static func verify(_ db: any StoreSQL) throws -> AuditReport {
        let entries = try entries(db)
        var problems: [AuditProblem] = []
        var previous = genesis
        for (index, entry) in entries.enumerated() {
            let expected = index + 1
            let text = content(seq: entry.seq, timestamp: entry.timestamp, actor: entry.actor, action: entry.action,
                               entity: entry.entity, payload: entry.payload)
            if entry.seq != expected {
                problems.append(AuditProblem(seq: expected, entity: nil, kind: .sequenceGap,
                    message: "missing: the log jumps from #\(expected - 1) to #\(entry.seq), an entry was deleted"))
            } else if entry.prevHash != previous {
                problems.append(AuditProblem(seq: entry.seq, entity: entry.entity, kind: .brokenLink,
                    message: "prev_hash does not match the hash of entry #\(entry.seq - 1): an entry was removed, inserted or reordered"))
            } else if hash(prevHash: entry.prevHash, content: text) != entry.hash {
                problems.append(AuditProblem(seq: entry.seq, entity: entry.entity, kind: .hashMismatch,
                    message: "hash does not match its content: the entry was edited"))
            }
            if !problems.isEmpty { break }   // everything after a break in the chain is unanchored
            previous = entry.hash
        }
        if problems.isEmpty { problems = try checkTables(db, entries: entries) }
        return AuditReport(entryCount: entries.count, headHash: entries.last?.hash ?? genesis, problems: problems)
    }

    /// Rebuilds each row's audited content and compares it with the last entry for that entity.
    private static func checkTables(_ db: any StoreSQL, entries: [AuditEntry]) throws -> [AuditProblem] {
        var latest: [String: AuditEntry] = [:]
        for entry in entries { latest[entry.entity] = entry }
        var problems: [AuditProblem] = []
        var seen = Set<String>()
        for type in AuditedTables.all {
            for row in try db.rows("SELECT * FROM \(type.table) ORDER BY rowid") {
                let record = type.init(row: row)
                seen.insert(record.entity)
                guard let entry = latest[record.entity] else {
                    problems.append(AuditProblem(seq: nil, entity: record.entity, kind: .unauditedRow,
                        message: "\(type.table) row '\(record.id)' has no audit entry: inserted outside silhouette"))
                    continue
                }
                if entry.payload != record.auditContent.canonical {
                    problems.append(AuditProblem(seq: entry.seq, entity: record.entity, kind: .rowEdited,
                        message: "the \(type.table) row differs from the audited content: edited outside silhouette"))
                }
            }
        }
        for (entity, entry) in latest where !seen.contains(entity) {
            problems.append(AuditProblem(seq: entry.seq, entity: entity, kind: .rowMissing,
                message: "the audited row is missing from its table: deleted outside silhouette"))
        }
        return problems.sorted { ($0.seq ?? Int.max, $0.entity ?? "") < ($1.seq ?? Int.max, $1.entity ?? "") }
    }
}

/// What `audit verify` found.
public struct AuditReport: Sendable, Hashable {
    public var entryCount: Int
    /// Hash of the last entry: write it down (e.g. in the committee's git repository) to be
    /// able to prove later that no entry was appended or rewritten since.
    public var headHash: String
    /// Empty when the store is intact; sorted so the first one is the first bad entry.
    public var problems: [AuditProblem]

    public var isValid: Bool { problems.isEmpty }
}

/// One inconsistency, naming the audit entry (`seq`) and/or the entity it concerns.
public struct AuditProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case sequenceGap = "sequence-gap", brokenLink = "broken-link", hashMismatch = "hash-mismatch"
        case rowEdited = "row-edited", rowMissing = "row-missing", unauditedRow = "unaudited-row"
    }

    public var seq: Int?
    public var entity: String?
    public var kind: Kind
    public var message: String

    public var description: String {
        let entry = seq.map { "entry #\($0)" } ?? "no entry"
        return entity.map { "\(entry) (\($0)): \(message)" } ?? "\(entry): \(message)"
    }
}
