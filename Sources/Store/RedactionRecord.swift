import Foundation
import GRDB

/// One recorded `silhouette redact` run: the clip, the redacted file handed over, and the
/// per-frame redaction log, each identified by its SHA-256.
public struct StoredRedaction: Sendable, Hashable {
    /// `R-<n>`, assigned by the store.
    public var id: String
    public var clip: String
    public var clipSHA256: String
    public var output: String
    public var outputSHA256: String
    public var method: String
    public var frames: Int
    public var boxesRedacted: Int
    public var keptTrack: String?
    public var date: Date
    /// The redaction log (JSON), as written beside the output.
    public var logJSON: Data
    /// The organisation the record belongs to (`--org`; empty: the store's default one).
    public var org: String = ""

    public init(id: String = "", clip: String, clipSHA256: String, output: String, outputSHA256: String, method: String,
                frames: Int, boxesRedacted: Int, keptTrack: String?, date: Date, logJSON: Data) {
        self.id = id; self.clip = clip; self.clipSHA256 = clipSHA256; self.output = output; self.outputSHA256 = outputSHA256
        self.method = method; self.frames = frames; self.boxesRedacted = boxesRedacted; self.keptTrack = keptTrack
        self.date = date; self.logJSON = logJSON
    }
}

extension StoredRedaction: AuditedRecord {
    static let entityKind = "redaction"
    static let table = "redactions"

    var auditContent: JSONValue {
        withOrganisation(org, .object([
            "id": .string(id), "clip": .string(clip), "clip_sha256": .string(clipSHA256), "output": .string(output),
            "output_sha256": .string(outputSHA256), "method": .string(method), "frames": .int(frames),
            "boxes_redacted": .int(boxesRedacted), "kept_track": keptTrack.map(JSONValue.string) ?? .null,
            "date": .string(StoreDates.string(date)), "log_sha256": .string(StoreHashing.sha256Hex(logJSON)),
        ]))
    }

    init(row: Row) {
        self.init(id: row["id"], clip: row["clip"], clipSHA256: row["clip_sha256"], output: row["output"],
                  outputSHA256: row["output_sha256"], method: row["method"], frames: row["frames"],
                  boxesRedacted: row["boxes_redacted"], keptTrack: row["kept_track"], date: StoreDates.date(row["date"]),
                  logJSON: row["log_json"] ?? Data())
        self.org = row["org"] ?? ""
    }

    func insert(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO redactions (id, clip, clip_sha256, output, output_sha256, method, frames, boxes_redacted, kept_track, date, log_json, org)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, clip, clipSHA256, output, outputSHA256, method, frames, boxesRedacted, keptTrack,
                             StoreDates.string(date), logJSON, org])
    }
}

extension SilhouetteStore {
    /// Records a redaction. `redaction.id` is ignored; the store assigns `R-<n>`.
    @discardableResult
    public func record(_ redaction: StoredRedaction, actor: String) throws(StoreError) -> StoredRedaction {
        var record = redaction
        record.date = StoreDates.normalize(redaction.date)
        record.org = organisation
        return try sqlWrite { db in try Self.insert(db, record, prefix: "R-", actor: actor, action: "redact") }
    }

    /// Every recorded redaction, oldest first.
    public func redactions() throws(StoreError) -> [StoredRedaction] {
        try sqlRead { db in try db.rows("SELECT * FROM redactions WHERE \(orgCondition) ORDER BY date, id", orgArguments).map(StoredRedaction.init(row:)) }
    }
}
