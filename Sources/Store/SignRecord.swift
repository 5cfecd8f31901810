import Foundation
import GRDB

/// One generated information sign (`silhouette signage`): its content as canonical JSON (what
/// the sign says, element by element, with language-independent facts), the SHA-256 of that
/// content, the cameras it covers and the model it was derived from. A deployment model names
/// the recorded version each posted sign is (`information_channels[].sign_version`), so the transparency
/// check can compare what is on the wall with what the model requires now.
public struct StoredSign: Sendable, Hashable {
    /// `SIGN-<n>`, assigned by the store.
    public var id: String
    public var deploymentId: String
    public var modelHash: String
    /// `sign-01-<purposes>`, the file name the sign was written under.
    public var name: String
    public var language: String
    public var cameras: [String]
    /// `sha256:<hex>` of `contentJSON`.
    public var contentHash: String
    public var contentJSON: Data
    public var date: Date
    /// The organisation the record belongs to (`--org`; empty: the store's default one).
    public var org: String = ""

    public init(id: String = "", deploymentId: String, modelHash: String, name: String, language: String,
                cameras: [String], contentHash: String, contentJSON: Data, date: Date) {
        self.id = id; self.deploymentId = deploymentId; self.modelHash = modelHash; self.name = name
        self.language = language; self.cameras = cameras; self.contentHash = contentHash
        self.contentJSON = contentJSON; self.date = date
    }
}

extension StoredSign: AuditedRecord {
    static let entityKind = "sign"
    static let table = "signs"

    var auditContent: JSONValue {
        withOrganisation(org, .object([
            "id": .string(id), "deployment_id": .string(deploymentId), "model_hash": .string(modelHash),
            "name": .string(name), "language": .string(language), "cameras": .array(cameras.map(JSONValue.string)),
            "content_hash": .string(contentHash), "content_sha256": .string(StoreHashing.sha256Hex(contentJSON)),
            "date": .string(StoreDates.string(date)),
        ]))
    }

    init(row: Row) {
        let cameras = (try? JSONDecoder().decode([String].self, from: Data((row["cameras"] as String? ?? "[]").utf8))) ?? []
        self.init(id: row["id"], deploymentId: row["deployment_id"], modelHash: row["model_hash"], name: row["name"],
                  language: row["language"], cameras: cameras, contentHash: row["content_hash"],
                  contentJSON: row["content_json"] ?? Data(), date: StoreDates.date(row["date"]))
        self.org = row["org"] ?? ""
    }

    func insert(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO signs (id, deployment_id, model_hash, name, language, cameras, content_hash, content_json, date, org)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, deploymentId, modelHash, name, language, JSONValue.array(cameras.map(JSONValue.string)).canonical,
                             contentHash, contentJSON, StoreDates.string(date), org])
    }
}

extension SilhouetteStore {
    /// Records generated signs in one transaction; each gets `SIGN-<n>`.
    @discardableResult
    public func record(signs: [StoredSign], actor: String) throws(StoreError) -> [StoredSign] {
        let organisation = self.organisation
        return try sqlWrite { db in
            try signs.map { sign in
                var record = sign
                record.date = StoreDates.normalize(sign.date)
                record.org = organisation
                return try Self.insert(db, record, prefix: "SIGN-", actor: actor, action: "generate-sign")
            }
        }
    }

    /// One recorded sign, or nil.
    public func sign(id: String) throws(StoreError) -> StoredSign? {
        try sqlRead { db in try db.row("SELECT * FROM signs WHERE \(orgCondition) AND id = ?", orgArguments + [id]).map(StoredSign.init(row:)) }
    }

    /// The signs recorded for a deployment, oldest first.
    public func signs(deploymentId: String) throws(StoreError) -> [StoredSign] {
        try sqlRead { db in
            try db.rows("SELECT * FROM signs WHERE \(orgCondition) AND deployment_id = ? ORDER BY date, id", orgArguments + [deploymentId])
                .map(StoredSign.init(row:))
        }
    }
}
