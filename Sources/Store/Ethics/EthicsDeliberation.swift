import Foundation
import GRDB

/// The record of the committee's deliberation behind an opinion: when it met, who was present
/// against the quorum rule it declared, the documents it reviewed, the votes and the dissent,
/// any member who withdrew for a conflict of interest, and who chaired and signs. An opinion
/// records the decision; its deliberation proves how the decision was reached.
public struct EthicsDeliberation: Sendable, Hashable {
    /// `DEL-<n>`, assigned by the store.
    public var id: String
    /// The opinion (`OP-<n>`) deliberated.
    public var opinionId: String
    /// `YYYY-MM-DD`: the day of the meeting.
    public var meetingDate: String
    public var present: [String]
    /// The quorum rule declared: at least this many members present.
    public var quorum: Int
    public var votesFor: Int
    public var votesAgainst: Int
    public var abstentions: Int
    /// The dissenting members' reasons (empty: none expressed).
    public var dissent: String?
    /// Members who withdrew for a conflict of interest (they neither count nor vote).
    public var conflicts: [String]
    /// What the committee had before it (the PIA and its model hash, the vendor's notes…).
    public var documents: [String]
    /// The member who chaired and signs the record.
    public var chair: String
    public var recordedAt: Date
    /// The organisation the record belongs to (`--org`; empty: the store's default one).
    public var org: String = ""

    public init(id: String = "", opinionId: String, meetingDate: String, present: [String], quorum: Int,
                votesFor: Int, votesAgainst: Int, abstentions: Int, dissent: String? = nil, conflicts: [String] = [],
                documents: [String], chair: String, recordedAt: Date) {
        self.id = id; self.opinionId = opinionId; self.meetingDate = meetingDate; self.present = present; self.quorum = quorum
        self.votesFor = votesFor; self.votesAgainst = votesAgainst; self.abstentions = abstentions; self.dissent = dissent
        self.conflicts = conflicts; self.documents = documents; self.chair = chair; self.recordedAt = recordedAt
    }

    /// Members present who could vote (those with a conflict of interest withdrew).
    public var voting: Int { present.filter { !conflicts.contains($0) }.count }

    /// The rules a deliberation must follow: a real meeting date, the quorum reached by the
    /// members who could vote, one vote (or abstention) per voting member, a chair who was present,
    /// the documents reviewed named, and written dissent whenever someone voted against.
    func validate() throws(StoreError) {
        guard EthicsValidation.isValidDate(meetingDate) else {
            throw .invalid(message: "meeting date '\(meetingDate)' is not a valid YYYY-MM-DD date", hint: "e.g. --meeting-date 2026-11-20")
        }
        if present.isEmpty || present.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw .invalid(message: "the deliberation lists no members present (or an empty name)", hint: "--present \"A. Martin, B. Okafor, C. Diallo\"")
        }
        guard quorum >= 1 else { throw .invalid(message: "the quorum must be at least 1 member", hint: "declare the committee's rule, e.g. --quorum 3") }
        for member in conflicts where !present.contains(member) {
            throw .invalid(message: "'\(member)' withdrew for a conflict of interest but is not listed as present",
                           hint: "name in --conflict only members listed in --present")
        }
        guard voting >= quorum else {
            throw .invalid(message: "quorum not reached: \(voting) member(s) could vote, the rule requires \(quorum)",
                           hint: "an opinion given without quorum is not an opinion of the committee; record the deliberation of a quorate meeting")
        }
        for (name, count) in [("for", votesFor), ("against", votesAgainst), ("abstentions", abstentions)] where count < 0 {
            throw .invalid(message: "votes \(name) cannot be negative (\(count))", hint: nil)
        }
        guard votesFor + votesAgainst + abstentions == voting else {
            throw .invalid(message: "\(votesFor + votesAgainst + abstentions) vote(s) and abstention(s) for \(voting) voting member(s)",
                           hint: "every member present without a conflict of interest votes for, against or abstains (--votes FOR:AGAINST:ABSTAIN)")
        }
        if votesAgainst > 0, (dissent ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .invalid(message: "\(votesAgainst) member(s) voted against but no dissent is recorded",
                           hint: "write the dissenting reasons with --dissent TEXT")
        }
        guard present.contains(chair) else {
            throw .invalid(message: "the chair '\(chair)' is not listed as present", hint: "the member who chaired signs the record: name one of --present")
        }
        if documents.isEmpty || documents.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw .invalid(message: "no document reviewed is named", hint: "--document \"PIA massy-urban, model sha256:…\" (repeatable)")
        }
    }
}

extension EthicsDeliberation: AuditedRecord {
    static let entityKind = "ethics-deliberation"
    static let table = "ethics_deliberations"

    var auditContent: JSONValue {
        withOrganisation(org, .object([
            "id": .string(id), "opinion_id": .string(opinionId), "meeting_date": .string(meetingDate),
            "present": .array(present.map(JSONValue.string)), "quorum": .int(quorum),
            "votes_for": .int(votesFor), "votes_against": .int(votesAgainst),
            "abstentions": .int(abstentions), "dissent": dissent.map(JSONValue.string) ?? .null,
            "conflicts": .array(conflicts.map(JSONValue.string)), "documents": .array(documents.map(JSONValue.string)),
            "chair": .string(chair), "recorded_at": .string(StoreDates.string(recordedAt)),
        ]))
    }

    init(row: Row) {
        func list(_ column: String) -> [String] {
            (try? JSONDecoder().decode([String].self, from: Data((row[column] as String? ?? "[]").utf8))) ?? []
        }
        self.init(id: row["id"], opinionId: row["opinion_id"], meetingDate: row["meeting_date"], present: list("present"),
                  quorum: row["quorum"], votesFor: row["votes_for"], votesAgainst: row["votes_against"], abstentions: row["abstentions"],
                  dissent: row["dissent"], conflicts: list("conflicts"), documents: list("documents"), chair: row["chair"],
                  recordedAt: StoreDates.date(row["recorded_at"]))
        self.org = row["org"] ?? ""
    }

    func insert(_ db: Database) throws {
        func json(_ items: [String]) -> String { JSONValue.array(items.map(JSONValue.string)).canonical }
        try db.execute(sql: """
            INSERT INTO ethics_deliberations (id, opinion_id, meeting_date, present, quorum, votes_for, votes_against, abstentions,
                                              dissent, conflicts, documents, chair, recorded_at, org)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, opinionId, meetingDate, json(present), quorum, votesFor, votesAgainst, abstentions,
                             dissent, json(conflicts), json(documents), chair, StoreDates.string(recordedAt), org])
    }
}

extension SilhouetteStore {
    /// Records the deliberation of opinion `deliberation.opinionId` (which must exist in this
    /// organisation); it gets `DEL-<n>` and an audit entry. Checked first: see `validate()`.
    @discardableResult
    public func record(_ deliberation: EthicsDeliberation, actor: String) throws(StoreError) -> EthicsDeliberation {
        try deliberation.validate()
        var record = deliberation
        record.recordedAt = StoreDates.normalize(deliberation.recordedAt)
        record.org = organisation
        let path = self.path
        return try sqlWrite { db in
            guard try db.row("SELECT 1 AS found FROM ethics_opinions WHERE \(orgCondition) AND id = ?", orgArguments + [record.opinionId]) != nil else {
                throw StoreError.notFound(kind: "ethics opinion", id: record.opinionId, path: path)
            }
            return try Self.insert(db, record, prefix: "DEL-", actor: actor, action: "record-deliberation")
        }
    }

    /// Every deliberation, oldest first (the latest of an opinion is its record).
    public func deliberations() throws(StoreError) -> [EthicsDeliberation] {
        try sqlRead { db in
            try db.rows("SELECT * FROM ethics_deliberations WHERE \(orgCondition) ORDER BY recorded_at, rowid", orgArguments)
                .map(EthicsDeliberation.init(row:))
        }
    }
}
