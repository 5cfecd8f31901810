import Foundation
import Yams

/// The ethics register as YAML, so a committee can keep its decisions in git and review them
/// as diffs. `export` writes every submission with its opinions; `import` reads such a file
/// back: records already present with the same content are skipped (import is idempotent),
/// records with the same id but different content are conflicts and nothing is written.
///
/// ```yaml
/// api_version: silhouette/ethics-v1
/// submissions:
///   - id: ETH-1
///     feature_kind: face-detection
///     rationale: Vendor proposes face blurring based on face detection
///     deployments: [massy-urban]
///     submitted_at: "2026-11-23T10:00:00.000Z"
///     submitted_by: dpo
///     opinions:
///       - {id: OP-1, decision: unfavourable, members: [A. Martin, B. Okafor], rationale: …,
///          reservations: [], issued_at: "2026-11-24T09:00:00.000Z"}
/// ```
public enum EthicsRegisterYAML {
    public static let apiVersion = "silhouette/ethics-v1"
    /// Larger files are refused before parsing (YAML aliases can expand without bound).
    static let maxBytes = 4 << 20

    /// The whole register as YAML text.
    public static func export(_ store: SilhouetteStore) throws(StoreError) -> String {
        let opinions = try store.ethicsOpinions()
        var deliberations: [String: [DeliberationShape]] = [:]
        for d in try store.deliberations() {
            deliberations[d.opinionId, default: []].append(DeliberationShape(
                id: d.id, meetingDate: d.meetingDate, present: d.present, quorum: d.quorum, votesFor: d.votesFor,
                votesAgainst: d.votesAgainst, abstentions: d.abstentions, dissent: d.dissent, conflicts: d.conflicts,
                documents: d.documents, chair: d.chair, recordedAt: StoreDates.string(d.recordedAt)))
        }
        let file = FileShape(apiVersion: apiVersion, submissions: try store.ethicsSubmissions().map { s in
            SubmissionShape(id: s.id, feature: s.feature, featureKind: s.featureKind, rationale: s.rationale,
                            deployments: s.deployments, submittedAt: StoreDates.string(s.submittedAt), submittedBy: s.submittedBy,
                            opinions: (opinions[s.id] ?? []).map { o in
                                OpinionShape(id: o.id, decision: o.decision.rawValue, members: o.members, rationale: o.rationale,
                                             reservations: o.reservations, reviewBy: o.reviewBy, issuedAt: StoreDates.string(o.issuedAt),
                                             deliberations: deliberations[o.id])
                            })
        })
        do { return try YAMLEncoder().encode(file) } catch {
            throw .invalid(message: "cannot encode the ethics register: \(error)", hint: nil)
        }
    }

    /// What `import` did.
    public struct ImportResult: Sendable, Hashable {
        /// `ethics-submission/ETH-1`, `ethics-opinion/OP-2`… written by this import.
        public var added: [String]
        /// Records already present with identical content.
        public var unchanged: Int
        /// One line per record whose id exists with different content. When not empty,
        /// nothing was written.
        public var conflicts: [String]
    }

    /// Validates `text` completely (errors carry `file:line:col`), then imports it in one
    /// transaction.
    public static func importRegister(_ text: String, file: String, into store: SilhouetteStore,
                                      actor: String) throws(StoreError) -> ImportResult {
        let records = try EthicsRegisterParser.parse(text, file: file, maxBytes: maxBytes)
        return try store.sqlWrite { db in
            var result = ImportResult(added: [], unchanged: 0, conflicts: [])
            var pending: [(any AuditedRecord, String)] = []
            func consider(_ record: some AuditedRecord, position: String) throws {
                let existing = try db.row("SELECT * FROM \(type(of: record).table) WHERE id = ?", [record.id])
                if let existing {
                    let stored = type(of: record).init(row: existing)
                    if stored.auditContent == record.auditContent { result.unchanged += 1 }
                    else { result.conflicts.append("\(position): \(record.entity) already exists with different content") }
                } else {
                    pending.append((record, position))
                }
            }
            for parsed in records {   // imported records join the importing organisation
                var submission = parsed.submission
                submission.org = store.organisation
                try consider(submission, position: parsed.position)
                for (parsedOpinion, position) in parsed.opinions {
                    var opinion = parsedOpinion
                    opinion.org = store.organisation
                    try consider(opinion, position: position)
                }
                for (parsedDeliberation, position) in parsed.deliberations {
                    var deliberation = parsedDeliberation
                    deliberation.org = store.organisation
                    try consider(deliberation, position: position)
                }
            }
            guard result.conflicts.isEmpty else { return result }
            let now = Date()
            for (record, _) in pending {
                try AuditLog.appendInserting(db, record, actor: actor, action: "import", at: now)
                result.added.append(record.entity)
            }
            return result
        }
    }

    struct FileShape: Codable {
        var apiVersion: String
        var submissions: [SubmissionShape]
        enum CodingKeys: String, CodingKey { case apiVersion = "api_version", submissions }
    }

    struct SubmissionShape: Codable {
        var id: String, feature: String?, featureKind: String?, rationale: String, deployments: [String]
        var submittedAt: String, submittedBy: String, opinions: [OpinionShape]
        enum CodingKeys: String, CodingKey {
            case id, feature, featureKind = "feature_kind", rationale, deployments, submittedAt = "submitted_at"
            case submittedBy = "submitted_by", opinions
        }
    }

    struct OpinionShape: Codable {
        var id: String, decision: String, members: [String], rationale: String, reservations: [String]
        var reviewBy: String?, issuedAt: String
        /// The record of each deliberation (`ethics deliberation`); absent when none.
        var deliberations: [DeliberationShape]?
        enum CodingKeys: String, CodingKey {
            case id, decision, members, rationale, reservations, reviewBy = "review_by", issuedAt = "issued_at", deliberations
        }
    }

    struct DeliberationShape: Codable {
        var id: String, meetingDate: String, present: [String], quorum: Int, votesFor: Int, votesAgainst: Int, abstentions: Int
        var dissent: String?, conflicts: [String], documents: [String], chair: String, recordedAt: String
        enum CodingKeys: String, CodingKey {
            case id, meetingDate = "meeting_date", present, quorum, votesFor = "votes_for", votesAgainst = "votes_against"
            case abstentions, dissent, conflicts, documents, chair, recordedAt = "recorded_at"
        }
    }
}

import GRDB

extension AuditLog {
    /// Inserts an already-identified record and audits it (import keeps the committee's ids).
    static func appendInserting(_ db: any StoreSQL, _ record: any AuditedRecord, actor: String, action: String, at date: Date) throws {
        try appendAny(db, actor: actor, action: action, record: record, at: date)
    }

    private static func appendAny(_ db: any StoreSQL, actor: String, action: String, record: some AuditedRecord, at date: Date) throws {
        try db.insertRow(of: record)
        try append(db, actor: actor, action: action, record: record, at: date)
    }
}
