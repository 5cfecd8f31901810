import Foundation
import GRDB

/// Reads used by the CLI (`history`, `diff`, `ethics list/show`, `audit log/verify`) and by
/// `assess` (vetoes, reservations, latest verification, latest sign-offs).
extension SilhouetteStore {
    /// Assessments, oldest first; only those of `deploymentId` when given.
    public func assessments(deploymentId: String? = nil) throws(StoreError) -> [StoredAssessment] {
        try sqlRead { db in
            let rows = deploymentId == nil
                ? try db.rows("SELECT * FROM assessments WHERE \(orgCondition) ORDER BY assessed_at, rowid", orgArguments)
                : try db.rows("SELECT * FROM assessments WHERE \(orgCondition) AND deployment_id = ? ORDER BY assessed_at, rowid",
                              orgArguments + [deploymentId])
            return rows.map(StoredAssessment.init(row:))
        }
    }

    /// One assessment by id (`A-3`).
    public func assessment(id: String) throws(StoreError) -> StoredAssessment {
        let path = self.path
        return try sqlRead { db in
            guard let row = try db.row("SELECT * FROM assessments WHERE \(orgCondition) AND id = ?", orgArguments + [id]) else {
                throw StoreError.notFound(kind: "assessment", id: id, path: path)
            }
            return StoredAssessment(row: row)
        }
    }

    /// The most recent assessment of a deployment, if any.
    public func latestAssessment(deploymentId: String) throws(StoreError) -> StoredAssessment? {
        try assessments(deploymentId: deploymentId).last
    }

    /// The most recent verification of a deployment, if any.
    public func latestVerification(deploymentId: String) throws(StoreError) -> StoredVerification? {
        try sqlRead { db in
            try db.row("SELECT * FROM verifications WHERE \(orgCondition) AND deployment_id = ? ORDER BY date DESC, rowid DESC LIMIT 1",
                   orgArguments + [deploymentId]).map(StoredVerification.init(row:))
        }
    }

    /// Every verification, oldest first.
    public func verifications(deploymentId: String? = nil) throws(StoreError) -> [StoredVerification] {
        try sqlRead { db in
            try db.rows("SELECT * FROM verifications WHERE \(orgCondition) ORDER BY date, rowid", orgArguments).map(StoredVerification.init(row:))
                .filter { deploymentId == nil || $0.deploymentId == deploymentId }
        }
    }

    /// Every submission, in submission order.
    public func ethicsSubmissions() throws(StoreError) -> [EthicsSubmission] {
        try sqlRead { db in try db.rows("SELECT * FROM ethics_submissions WHERE \(orgCondition) ORDER BY submitted_at, rowid", orgArguments)
            .map(EthicsSubmission.init(row:)) }
    }

    /// One submission and all its opinions (oldest first; the last one is in force).
    public func ethicsSubmission(id: String) throws(StoreError) -> (submission: EthicsSubmission, opinions: [EthicsOpinion]) {
        let path = self.path
        return try sqlRead { db in
            guard let row = try db.row("SELECT * FROM ethics_submissions WHERE \(orgCondition) AND id = ?", orgArguments + [id]) else {
                throw StoreError.notFound(kind: "ethics submission", id: id, path: path)
            }
            return (EthicsSubmission(row: row), try opinions(db, submissionId: id))
        }
    }

    /// All opinions, grouped by submission id, oldest first within each.
    public func ethicsOpinions() throws(StoreError) -> [String: [EthicsOpinion]] {
        try sqlRead { db in
            Dictionary(grouping: try db.rows("SELECT * FROM ethics_opinions WHERE \(orgCondition) ORDER BY issued_at, rowid", orgArguments)
                .map(EthicsOpinion.init(row:)), by: \.submissionId)
        }
    }

    /// The opinion in force for each submission that has one; only those concerning
    /// `deploymentId` when given (a submission with no deployments concerns all of them).
    /// Vetoes are the entries with `isVeto`; reservations are in `opinion.reservations`.
    public func activeOpinions(deploymentId: String? = nil) throws(StoreError) -> [ActiveOpinion] {
        try sqlRead { db in   // one read transaction: a consistent snapshot of both tables
            let opinions = Dictionary(grouping: try db.rows("SELECT * FROM ethics_opinions WHERE \(orgCondition) ORDER BY issued_at, rowid", orgArguments)
                .map(EthicsOpinion.init(row:)), by: \.submissionId)
            return try db.rows("SELECT * FROM ethics_submissions WHERE \(orgCondition) ORDER BY submitted_at, rowid", orgArguments)
                .map(EthicsSubmission.init(row:)).compactMap { submission in
                    guard let current = opinions[submission.id]?.last else { return nil }
                    if let deploymentId, !submission.concerns(deploymentId) { return nil }
                    return ActiveOpinion(submission: submission, opinion: current)
                }
        }
    }

    /// Active unfavourable opinions: the features the committee vetoed.
    public func activeVetoes(deploymentId: String? = nil) throws(StoreError) -> [ActiveOpinion] {
        try activeOpinions(deploymentId: deploymentId).filter(\.isVeto)
    }

    /// The latest signature of each role on a deployment (whatever model hash it signed: compare
    /// `modelHash` with the current one to tell whether it is stale).
    public func latestSignOffs(deploymentId: String) throws(StoreError) -> [SignOffRole: SignOff] {
        try sqlRead { db in
            var latest: [SignOffRole: SignOff] = [:]
            for row in try db.rows("SELECT * FROM sign_offs WHERE \(orgCondition) AND deployment_id = ? ORDER BY date, rowid", orgArguments + [deploymentId]) {
                let s = SignOff(row: row)
                latest[s.role] = s
            }
            return latest
        }
    }

    /// Every sign-off, oldest first.
    public func signOffs(deploymentId: String? = nil) throws(StoreError) -> [SignOff] {
        try sqlRead { db in
            try db.rows("SELECT * FROM sign_offs WHERE \(orgCondition) ORDER BY date, rowid", orgArguments).map(SignOff.init(row:))
                .filter { deploymentId == nil || $0.deploymentId == deploymentId }
        }
    }

    /// The audit log, oldest first.
    public func auditEntries() throws(StoreError) -> [AuditEntry] {
        try sqlRead { try AuditLog.entries($0) }
    }

    /// Verifies the chain and every audited table (see `AuditLog.verify`).
    public func verifyAudit() throws(StoreError) -> AuditReport {
        try sqlRead { try AuditLog.verify($0) }
    }

    private func opinions(_ db: any StoreSQL, submissionId: String) throws -> [EthicsOpinion] {
        try db.rows("SELECT * FROM ethics_opinions WHERE \(orgCondition) AND submission_id = ? ORDER BY issued_at, rowid",
                orgArguments + [submissionId]).map(EthicsOpinion.init(row:))
    }
}
