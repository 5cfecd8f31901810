import Foundation

/// The audit chain's head, written to a file kept outside the database (the DPO signs it or
/// files it). An owner who rewrites a record and rehashes the whole chain after it produces a
/// chain that verifies on its own, but no longer passes through this head: `audit verify
/// --head FILE` catches it.
public struct AuditHead: Sendable, Hashable, Codable {
    public var format = "silhouette/audit-head/v1"
    /// The store, password redacted.
    public var store: String
    public var seq: Int
    public var hash: String
    public var exportedAt: String

    enum CodingKeys: String, CodingKey { case format, store, seq, hash, exportedAt = "exported_at" }

    public init(store: String, seq: Int, hash: String, exportedAt: Date) {
        self.store = store; self.seq = seq; self.hash = hash; self.exportedAt = StoreDates.string(exportedAt)
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// Reads a head file (at most 64 KiB).
    public static func read(path: String) throws(StoreError) -> AuditHead {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .invalid(message: "\(path): cannot read the head file", hint: "write one with silhouette audit export-head FILE")
        }
        defer { try? handle.close() }
        let data = handle.readData(ofLength: 65_537)
        guard data.count <= 65_536, let head = try? JSONDecoder().decode(AuditHead.self, from: data),
              head.format == "silhouette/audit-head/v1", head.seq >= 0, head.hash.count == 64 else {
            throw .invalid(message: "\(path): not a silhouette audit head file", hint: "write one with silhouette audit export-head FILE")
        }
        return head
    }
}

extension SilhouetteStore {
    /// The current head (seq 0 and the genesis hash for an empty log).
    public func auditHead(now: Date = Date()) throws(StoreError) -> AuditHead {
        let entries = try auditEntries()
        return AuditHead(store: path, seq: entries.last?.seq ?? 0, hash: entries.last?.hash ?? AuditLog.genesis, exportedAt: now)
    }

    /// Whether the chain still passes through `head`: nil when it does, else why not.
    public func checkExtends(_ head: AuditHead) throws(StoreError) -> String? {
        if head.seq == 0 { return head.hash == AuditLog.genesis ? nil : "the head file's hash does not belong to an empty log" }
        let entries = try auditEntries()
        guard let entry = entries.first(where: { $0.seq == head.seq }) else {
            return "entry #\(head.seq) of the exported head is gone: the log holds \(entries.count) entries (history deleted)"
        }
        guard entry.hash == head.hash else {
            return "entry #\(head.seq) no longer has the exported hash: history up to it was rewritten and rehashed"
        }
        return nil
    }
}

extension SilhouetteStore {
    /// The audit entries of this handle's organisation's records (`audit log`): the chain is
    /// one for the whole store (`audit verify` checks all of it), but an organisation sees
    /// only its own entries' payloads.
    public func auditEntriesOfOrganisation() throws(StoreError) -> [AuditEntry] {
        try auditEntries().filter { entry in
            let payload = (try? JSONSerialization.jsonObject(with: Data(entry.payload.utf8))) as? [String: Any]
            return (payload?["org"] as? String ?? "") == organisation
        }
    }
}
