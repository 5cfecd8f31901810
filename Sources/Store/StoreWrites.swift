import Foundation
import GRDB

/// Writes. Each one validates, assigns the id, inserts the row and appends its audit entry in
/// one transaction, and returns the record exactly as a later read will return it.
extension SilhouetteStore {
    /// Records an `assess` run. `assessment.id` is ignored; the store assigns `A-<n>`.
    @discardableResult
    public func record(_ assessment: StoredAssessment, actor: String) throws(StoreError) -> StoredAssessment {
        var record = assessment
        record.assessedAt = StoreDates.normalize(assessment.assessedAt)
        record.org = organisation
        return try insert(record, prefix: "A-", actor: actor, action: "record")
    }

    /// Records a `verify` run. `verification.id` is ignored; the store assigns `V-<n>`.
    @discardableResult
    public func record(_ verification: StoredVerification, actor: String) throws(StoreError) -> StoredVerification {
        var record = verification
        record.date = StoreDates.normalize(verification.date)
        record.org = organisation
        return try insert(record, prefix: "V-", actor: actor, action: "record")
    }

    /// Puts a feature or feature kind to the committee. An empty `submission.id` gets `ETH-<n>`;
    /// a given id must be new.
    ///
    /// `beforeCommit` is a TEST AID: it runs inside the transaction once the row and its audit
    /// entry are written, before COMMIT (the crash test kills the process there).
    @discardableResult
    public func submit(_ submission: EthicsSubmission, actor: String,
                       beforeCommit: (() -> Void)? = nil) throws(StoreError) -> EthicsSubmission {
        try EthicsValidation.validate(submission)
        var record = submission
        record.submittedAt = StoreDates.normalize(submission.submittedAt)
        record.org = organisation
        return try sqlWrite { db in
            let stored = try Self.insert(db, record, prefix: "ETH-", actor: actor, action: "submit")
            beforeCommit?()
            return stored
        }
    }

    /// Records the committee's opinion on submission `opinion.submissionId` (it becomes the
    /// opinion in force). An empty `opinion.id` gets `OP-<n>`.
    @discardableResult
    public func record(_ opinion: EthicsOpinion, actor: String) throws(StoreError) -> EthicsOpinion {
        try EthicsValidation.validate(opinion)
        var record = opinion
        record.issuedAt = StoreDates.normalize(opinion.issuedAt)
        record.org = organisation
        let path = self.path
        let (condition, scope) = (orgCondition, orgArguments)
        return try sqlWrite { db in
            // A submission of another organisation does not exist for this one.
            guard try db.row("SELECT 1 AS found FROM ethics_submissions WHERE \(condition) AND id = ?", scope + [record.submissionId]) != nil
            else { throw StoreError.notFound(kind: "ethics submission", id: record.submissionId, path: path) }
            return try Self.insert(db, record, prefix: "OP-", actor: actor, action: "opinion")
        }
    }

    /// Records a DPO or controller signature on the model with hash `signOff.modelHash`.
    @discardableResult
    public func record(_ signOff: SignOff, actor: String) throws(StoreError) -> SignOff {
        for (field, value) in [("name", signOff.name), ("opinion", signOff.opinion), ("deployment id", signOff.deploymentId)]
        where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .invalid(message: "sign-off \(field) is empty", hint: "every signature names its signatory and states an opinion")
        }
        var record = signOff
        record.date = StoreDates.normalize(signOff.date)
        record.org = organisation
        return try insert(record, prefix: "S-", actor: actor, action: "sign")
    }

    private func insert<R: AuditedRecord & Sendable>(_ record: R, prefix: String, actor: String, action: String) throws(StoreError) -> R {
        try sqlWrite { db in try Self.insert(db, record, prefix: prefix, actor: actor, action: action) }
    }

    /// Inside a write transaction: assigns an id when empty, refuses a duplicate, inserts, audits.
    static func insert<R: AuditedRecord>(_ db: any StoreSQL, _ record: R, prefix: String, actor: String, action: String,
                                         at date: Date = Date()) throws -> R {
        var record = record
        if record.id.isEmpty {
            record.id = try nextID(db, table: R.table, prefix: prefix)
        } else if try db.row("SELECT 1 AS found FROM \(R.table) WHERE id = ?", [record.id]) != nil {
            throw StoreError.conflict(message: "\(R.entityKind) '\(record.id)' already exists; hint: choose another id")
        }
        try db.insertRow(of: record)
        try AuditLog.append(db, actor: actor, action: action, record: record, at: date)
        return record
    }

    /// `<prefix><n>` with n one more than the highest number used with that prefix. Runs in the
    /// write transaction, which holds the write lock, so two processes never get the same n.
    private static func nextID(_ db: any StoreSQL, table: String, prefix: String) throws -> String {
        let ids: [String] = try db.rows("SELECT id FROM \(table) WHERE id LIKE ? ESCAPE '\\'",
                                        [prefix.replacingOccurrences(of: "_", with: "\\_") + "%"]).map { $0["id"] }
        let highest = ids.compactMap { Int($0.dropFirst(prefix.count)) }.max() ?? 0
        return prefix + String(highest + 1)
    }
}
