import Foundation
import GRDB

/// Dates are stored as ISO 8601 UTC text with milliseconds: readable in `sqlite3`, sortable as
/// text, and hashed as text (so the audit content never depends on float formatting).
public enum StoreDates {
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    /// Dates are whole milliseconds. The formatter truncates, and a parsed `.345` may come back
    /// as `.34499…`; formatting the middle of the millisecond makes text → date → text exact,
    /// which the audit content (rebuilt from rows by `audit verify`) depends on.
    public static func string(_ date: Date) -> String {
        let ms = (date.timeIntervalSince1970 * 1000).rounded()
        return Date(timeIntervalSince1970: (ms + 0.5) / 1000).formatted(style)
    }

    public static func date(_ text: String) -> Date {
        guard let parsed = try? Date(text, strategy: style) else { return Date(timeIntervalSince1970: 0) }
        return Date(timeIntervalSince1970: (parsed.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    /// The date as it will read back from the store (millisecond precision), so a record
    /// returned by a write equals the record a later read returns.
    static func normalize(_ date: Date) -> Date { self.date(string(date)) }
}

/// A row type the audit log covers. `auditContent` is built from exactly what the row stores,
/// so `audit verify` can rebuild it from the table and compare it with the audited payload:
/// an `UPDATE` made with `sqlite3` behind silhouette's back shows up even though the chain
/// itself is intact. Large blobs are represented by their SHA-256.
protocol AuditedRecord {
    /// Entity kind in `audit_log.entity` (`assessment`, `ethics-opinion`, …).
    static var entityKind: String { get }
    static var table: String { get }
    var id: String { get set }
    var auditContent: JSONValue { get }
    init(row: Row)
    func insert(_ db: Database) throws
}

extension AuditedRecord {
    var entity: String { "\(Self.entityKind)/\(id)" }
}

private func jsonArray(_ strings: [String]) -> String { JSONValue.array(strings.map(JSONValue.string)).canonical }

private func decodeArray(_ text: String) -> [String] {
    (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
}

private func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

/// A record's organisation is part of its audited content, so moving a record to another
/// organisation behind silhouette's back is caught. The default organisation (empty) adds
/// nothing: records written before organisations existed keep their audited content.
func withOrganisation(_ org: String, _ content: JSONValue) -> JSONValue {
    guard !org.isEmpty, case .object(var fields) = content else { return content }
    fields["org"] = .string(org)
    return .object(fields)
}

extension StoredAssessment: AuditedRecord {
    static let entityKind = "assessment"
    static let table = "assessments"

    var auditContent: JSONValue {
        withOrganisation(org, .object([
            "id": .string(id), "deployment_id": .string(deploymentId), "deployment_name": .string(deploymentName),
            "model_hash": .string(modelHash), "rules_version": .string(rulesVersion), "verdict": .string(verdict),
            "assessed_at": .string(StoreDates.string(assessedAt)),
            "findings_sha256": .string(StoreHashing.sha256Hex(findingsJSON)),
            "model_sha256": .string(StoreHashing.sha256Hex(modelJSON)),
            "counts": .object(["critical": .int(counts.critical), "high": .int(counts.high), "medium": .int(counts.medium),
                               "low": .int(counts.low), "info": .int(counts.info), "waived": .int(counts.waived)]),
        ]))
    }

    init(row: Row) {
        self.init(id: row["id"], deploymentId: row["deployment_id"], deploymentName: row["deployment_name"],
                  modelHash: row["model_hash"], rulesVersion: row["rules_version"], verdict: row["verdict"],
                  assessedAt: StoreDates.date(row["assessed_at"]), findingsJSON: row["findings_json"] ?? Data(),
                  modelJSON: row["model_json"] ?? Data(),
                  counts: FindingCounts(critical: row["count_critical"], high: row["count_high"], medium: row["count_medium"],
                                        low: row["count_low"], info: row["count_info"], waived: row["count_waived"]))
        self.org = row["org"] ?? ""
    }

    func insert(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO assessments (id, deployment_id, deployment_name, model_hash, rules_version, verdict, assessed_at,
              findings_json, model_json, count_critical, count_high, count_medium, count_low, count_info, count_waived, org)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, deploymentId, deploymentName, modelHash, rulesVersion, verdict, StoreDates.string(assessedAt),
                             findingsJSON, modelJSON, counts.critical, counts.high, counts.medium, counts.low, counts.info,
                             counts.waived, org])
    }
}

extension StoredVerification: AuditedRecord {
    static let entityKind = "verification"
    static let table = "verifications"

    var auditContent: JSONValue {
        withOrganisation(org, .object([
            "id": .string(id), "deployment_id": .string(deploymentId), "engine": .string(engine),
            "engine_version": .string(engineVersion), "passed": .bool(passed), "date": .string(StoreDates.string(date)),
            "attestation_sha256": .string(StoreHashing.sha256Hex(attestationJSON)),
        ]))
    }

    init(row: Row) {
        self.init(id: row["id"], deploymentId: row["deployment_id"], engine: row["engine"], engineVersion: row["engine_version"],
                  passed: row["passed"], date: StoreDates.date(row["date"]), attestationJSON: row["attestation_json"] ?? Data())
        self.org = row["org"] ?? ""
    }

    func insert(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO verifications (id, deployment_id, engine, engine_version, passed, date, attestation_json, org)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, deploymentId, engine, engineVersion, passed, StoreDates.string(date), attestationJSON, org])
    }
}

extension EthicsSubmission: AuditedRecord {
    static let entityKind = "ethics-submission"
    static let table = "ethics_submissions"

    var auditContent: JSONValue {
        withOrganisation(org, .object([
            "id": .string(id), "feature": optional(feature), "feature_kind": optional(featureKind),
            "rationale": .string(rationale), "deployments": .array(deployments.map(JSONValue.string)),
            "submitted_at": .string(StoreDates.string(submittedAt)), "submitted_by": .string(submittedBy),
        ]))
    }

    init(row: Row) {
        self.init(id: row["id"], feature: row["feature"], featureKind: row["feature_kind"], rationale: row["rationale"],
                  deployments: decodeArray(row["deployments"]), submittedAt: StoreDates.date(row["submitted_at"]),
                  submittedBy: row["submitted_by"])
        self.org = row["org"] ?? ""
    }

    func insert(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO ethics_submissions (id, feature, feature_kind, rationale, deployments, submitted_at, submitted_by, org)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, feature, featureKind, rationale, jsonArray(deployments), StoreDates.string(submittedAt), submittedBy, org])
    }
}

extension EthicsOpinion: AuditedRecord {
    static let entityKind = "ethics-opinion"
    static let table = "ethics_opinions"

    var auditContent: JSONValue {
        withOrganisation(org, .object([
            "id": .string(id), "submission_id": .string(submissionId), "decision": .string(decision.rawValue),
            "members": .array(members.map(JSONValue.string)), "rationale": .string(rationale),
            "reservations": .array(reservations.map(JSONValue.string)), "review_by": optional(reviewBy),
            "issued_at": .string(StoreDates.string(issuedAt)),
        ]))
    }

    init(row: Row) {
        // An unknown decision can only come from a hand-edited row; `audit verify` reports it
        // (the rebuilt content no longer matches), and it must not silently become a veto.
        let raw: String = row["decision"]
        self.init(id: row["id"], submissionId: row["submission_id"],
                  decision: EthicsDecision(rawValue: raw) ?? .favourableWithReservations,
                  members: decodeArray(row["members"]), rationale: row["rationale"],
                  reservations: decodeArray(row["reservations"]), reviewBy: row["review_by"],
                  issuedAt: StoreDates.date(row["issued_at"]))
        if EthicsDecision(rawValue: raw) == nil { self.reservations.append("invalid stored decision '\(raw)'") }
        self.org = row["org"] ?? ""
    }

    func insert(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO ethics_opinions (id, submission_id, decision, members, rationale, reservations, review_by, issued_at, org)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, submissionId, decision.rawValue, jsonArray(members), rationale, jsonArray(reservations),
                             reviewBy, StoreDates.string(issuedAt), org])
    }
}

extension SignOff: AuditedRecord {
    static let entityKind = "sign-off"
    static let table = "sign_offs"

    var auditContent: JSONValue {
        withOrganisation(org, .object([
            "id": .string(id), "deployment_id": .string(deploymentId), "model_hash": .string(modelHash),
            "role": .string(role.rawValue), "name": .string(name), "opinion": .string(opinion),
            "date": .string(StoreDates.string(date)),
        ]))
    }

    init(row: Row) {
        let raw: String = row["role"]
        self.init(id: row["id"], deploymentId: row["deployment_id"], modelHash: row["model_hash"],
                  role: SignOffRole(rawValue: raw) ?? .controller, name: row["name"], opinion: row["opinion"],
                  date: StoreDates.date(row["date"]))
        if SignOffRole(rawValue: raw) == nil { self.opinion += " [invalid stored role '\(raw)']" }
        self.org = row["org"] ?? ""
    }

    func insert(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO sign_offs (id, deployment_id, model_hash, role, name, opinion, date, org) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, deploymentId, modelHash, role.rawValue, name, opinion, StoreDates.string(date), org])
    }
}

/// Every audited table, for `audit verify`.
enum AuditedTables {
    static var all: [any AuditedRecord.Type] { [
        StoredAssessment.self, StoredVerification.self, EthicsSubmission.self, EthicsOpinion.self, SignOff.self,
        StoredRedaction.self, StoredSign.self,
        StoredPIAReview.self, EthicsDeliberation.self,
        StoredCameraBackground.self,
    ] }
}
