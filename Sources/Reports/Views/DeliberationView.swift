import DeploymentModel
import Foundation

/// The record of an ethics deliberation (`silhouette ethics deliberation`), as a report shows it.
public struct ReportDeliberation: Sendable {
    public var id: String
    /// `YYYY-MM-DD`.
    public var meetingDate: String
    public var present: [String]
    /// The quorum rule: at least this many members able to vote.
    public var quorum: Int
    public var votesFor: Int
    public var votesAgainst: Int
    public var abstentions: Int
    public var dissent: String?
    public var conflicts: [String]
    public var documents: [String]
    public var chair: String

    public init(id: String, meetingDate: String, present: [String], quorum: Int, votesFor: Int, votesAgainst: Int,
                abstentions: Int, dissent: String?, conflicts: [String], documents: [String], chair: String) {
        self.id = id; self.meetingDate = meetingDate; self.present = present; self.quorum = quorum
        self.votesFor = votesFor; self.votesAgainst = votesAgainst; self.abstentions = abstentions
        self.dissent = dissent; self.conflicts = conflicts; self.documents = documents; self.chair = chair
    }
}

enum DeliberationView {
    /// The rows of a deliberation record. `visible` is false for an opinion given on another
    /// controller's submission: its dissent and documents (which may name that controller) are
    /// withheld; the meeting, quorum and votes are the committee's own facts and stay.
    static func view(_ deliberation: ReportDeliberation?, visible: Bool, labels: LabelTable) -> [String: Any] {
        guard let d = deliberation else {
            return ["recorded": false, "text": labels.label("deliberation.not-recorded")]
        }
        let voting = d.present.filter { !d.conflicts.contains($0) }.count
        let separator = labels.label("format.list-separator")
        var view: [String: Any] = [
            "recorded": true,
            "meeting": labels.date(d.meetingDate),
            "present": d.present.joined(separator: ", "),
            "quorum": labels.label("deliberation.quorum", ["voting": String(voting), "quorum": String(d.quorum)]),
            "votes": labels.label("deliberation.votes", ["for": String(d.votesFor), "against": String(d.votesAgainst),
                                                          "abstain": String(d.abstentions)]),
            "chair": d.chair,
            "signature": labels.label("deliberation.signature", ["chair": d.chair, "date": labels.date(d.meetingDate), "id": d.id]),
        ]
        if !d.conflicts.isEmpty { view["conflicts"] = d.conflicts.joined(separator: ", ") }
        if visible {
            view["dissent"] = d.dissent.map { $0 } ?? labels.label(d.votesAgainst == 0 ? "deliberation.no-dissent" : "ethics.not-recorded")
            view["documents"] = d.documents.joined(separator: separator)
        } else {
            view["dissent"] = labels.label("deliberation.withheld")
            view["documents"] = labels.label("deliberation.withheld")
        }
        return view
    }
}
