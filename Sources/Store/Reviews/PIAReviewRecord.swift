import DeploymentModel
import Foundation
import GRDB

/// A DPO review of a PIA (`silhouette review import`): the review file's content as canonical
/// JSON (principle statuses, risk judgements, reservations, opinions, Art. 36 and controller
/// decisions — `DeploymentModel.PIAReview`), recorded against the model hash it was made on.
/// A report compares that hash with the model's: a review of another version is stale.
public struct StoredPIAReview: Sendable, Hashable {
    /// `REV-<n>`, assigned by the store.
    public var id: String
    public var deploymentId: String
    public var modelHash: String
    public var reviewer: String
    /// `YYYY-MM-DD`, the day the review file gives.
    public var reviewDate: String
    /// The parts the review holds (`principles`, `risks`, `reservations`, `dpo-opinion`,
    /// `data-subjects-opinion`, `prior-consultation`, `controller-decision`).
    public var parts: [String]
    public var contentJSON: Data
    /// When it was recorded.
    public var recordedAt: Date
    /// The organisation the record belongs to (`--org`; empty: the store's default one).
    public var org: String = ""

    public init(id: String = "", deploymentId: String, modelHash: String, reviewer: String, reviewDate: String,
                parts: [String], contentJSON: Data, recordedAt: Date) {
        self.id = id; self.deploymentId = deploymentId; self.modelHash = modelHash; self.reviewer = reviewer
        self.reviewDate = reviewDate; self.parts = parts; self.contentJSON = contentJSON; self.recordedAt = recordedAt
    }
}

extension StoredPIAReview {
    /// The record of `review` made on the model with hash `modelHash`.
    public init(review: PIAReview, modelHash: String, recordedAt: Date) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var parts: [String] = []
        if !review.principles.isEmpty { parts.append("principles") }
        if !review.risks.isEmpty { parts.append("risks") }
        if !review.reservations.isEmpty { parts.append("reservations") }
        if review.dpoOpinion != nil { parts.append("dpo-opinion") }
        if review.dataSubjectsOpinion != nil { parts.append("data-subjects-opinion") }
        if review.priorConsultation != nil { parts.append("prior-consultation") }
        if review.controllerDecision != nil { parts.append("controller-decision") }
        self.init(deploymentId: review.deployment, modelHash: modelHash, reviewer: review.reviewer, reviewDate: review.date,
                  parts: parts, contentJSON: (try? encoder.encode(review)) ?? Data(), recordedAt: recordedAt)
    }

    /// The review as recorded (nil if the stored content cannot be read: shown as not reviewed).
    public var review: PIAReview? { try? JSONDecoder().decode(PIAReview.self, from: contentJSON) }
}

extension StoredPIAReview: AuditedRecord {
    static let entityKind = "pia-review"
    static let table = "pia_reviews"

    var auditContent: JSONValue {
        withOrganisation(org, .object([
            "id": .string(id), "deployment_id": .string(deploymentId), "model_hash": .string(modelHash),
            "reviewer": .string(reviewer), "review_date": .string(reviewDate), "parts": .array(parts.map(JSONValue.string)),
            "content_sha256": .string(StoreHashing.sha256Hex(contentJSON)), "recorded_at": .string(StoreDates.string(recordedAt)),
        ]))
    }

    init(row: Row) {
        let parts = (try? JSONDecoder().decode([String].self, from: Data((row["parts"] as String? ?? "[]").utf8))) ?? []
        self.init(id: row["id"], deploymentId: row["deployment_id"], modelHash: row["model_hash"], reviewer: row["reviewer"],
                  reviewDate: row["review_date"], parts: parts, contentJSON: row["content_json"] ?? Data(),
                  recordedAt: StoreDates.date(row["recorded_at"]))
        self.org = row["org"] ?? ""
    }

    func insert(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO pia_reviews (id, deployment_id, model_hash, reviewer, review_date, parts, content_json, recorded_at, org)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, deploymentId, modelHash, reviewer, reviewDate, JSONValue.array(parts.map(JSONValue.string)).canonical,
                             contentJSON, StoreDates.string(recordedAt), org])
    }
}

extension SilhouetteStore {
    /// Records a PIA review; it gets `REV-<n>` and one audit entry.
    @discardableResult
    public func record(review: StoredPIAReview, actor: String) throws(StoreError) -> StoredPIAReview {
        for (field, value) in [("deployment id", review.deploymentId), ("model hash", review.modelHash), ("reviewer", review.reviewer)]
        where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .invalid(message: "review \(field) is empty", hint: "a review names its deployment, model and reviewer")
        }
        var record = review
        record.recordedAt = StoreDates.normalize(review.recordedAt)
        record.org = organisation
        return try sqlWrite { db in try Self.insert(db, record, prefix: "REV-", actor: actor, action: "record-pia-review") }
    }

    /// The reviews recorded for a deployment (every model version), oldest first.
    public func piaReviews(deploymentId: String) throws(StoreError) -> [StoredPIAReview] {
        try sqlRead { db in
            try db.rows("SELECT * FROM pia_reviews WHERE \(orgCondition) AND deployment_id = ? ORDER BY recorded_at, rowid",
                        orgArguments + [deploymentId]).map(StoredPIAReview.init(row:))
        }
    }
}
