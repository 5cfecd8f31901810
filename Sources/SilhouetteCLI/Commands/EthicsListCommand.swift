import ArgumentParser
import Foundation
import Store

struct EthicsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List submissions with the opinion in force.",
        discussion: """
        One line per submission: id, subject (feature or kind), deployments concerned, and the \
        decision in force (or "pending"). VETO marks an unfavourable opinion.

        Examples:
          silhouette ethics list
          silhouette ethics list --format json
        """)

    @Option(help: "text or json.") var format: ListingFormat = .text
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openForReading()
        let opinions = try store.ethicsOpinions()
        let submissions = try store.ethicsSubmissions()
        if format == .json {
            print(try StoreJSON.encode(submissions.map { EthicsSubmissionJSON($0, opinions: opinions[$0.id] ?? []) }))
            return
        }
        if submissions.isEmpty { print("no ethics submissions in \(store.path)"); return }
        for s in submissions {
            let current = opinions[s.id]?.last
            let state = current.map { $0.decision == .unfavourable ? "VETO (unfavourable)" : $0.decision.rawValue } ?? "pending"
            let review = current?.reviewBy.map { ", review by \($0)" } ?? ""
            print("\(s.id)  \(EthicsText.subject(s))  deployments: \(EthicsText.deployments(s))  \(state)\(review)")
        }
    }
}

/// Shared wording for ethics listings.
enum EthicsText {
    static func subject(_ s: EthicsSubmission) -> String {
        if let f = s.feature { return "feature \(f)" }
        return "kind \(s.featureKind ?? "?")"
    }

    static func deployments(_ s: EthicsSubmission) -> String {
        s.deployments.isEmpty ? "all" : s.deployments.joined(separator: ", ")
    }
}

/// JSON shape of a submission and its opinions.
struct EthicsSubmissionJSON: Encodable {
    struct Opinion: Encodable {
        var id, decision, rationale, issuedAt: String
        var members, reservations: [String]
        var reviewBy: String?
    }
    var id, rationale, submittedAt, submittedBy: String
    var feature, featureKind: String?
    var deployments: [String]
    var opinions: [Opinion]
    var decisionInForce: String?

    init(_ s: EthicsSubmission, opinions: [EthicsOpinion]) {
        (id, rationale, submittedAt, submittedBy) = (s.id, s.rationale, StoreJSON.date(s.submittedAt), s.submittedBy)
        (feature, featureKind, deployments) = (s.feature, s.featureKind, s.deployments)
        self.opinions = opinions.map {
            Opinion(id: $0.id, decision: $0.decision.rawValue, rationale: $0.rationale, issuedAt: StoreJSON.date($0.issuedAt),
                    members: $0.members, reservations: $0.reservations, reviewBy: $0.reviewBy)
        }
        decisionInForce = opinions.last?.decision.rawValue
    }
}
