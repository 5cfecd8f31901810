import ArgumentParser
import Foundation
import Store

struct EthicsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one submission and every opinion given on it.",
        discussion: """
        The last opinion listed is the one in force.

        Examples:
          silhouette ethics show ETH-1
          silhouette ethics show ETH-1 --format json
        """)

    @Argument(help: "The submission id.") var id: String
    @Option(help: "text or json.") var format: ListingFormat = .text
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openForReading()
        let (s, opinions) = try store.ethicsSubmission(id: id)
        if format == .json { print(try StoreJSON.encode(EthicsSubmissionJSON(s, opinions: opinions))); return }
        print("\(s.id): \(EthicsText.subject(s))")
        print("deployments: \(EthicsText.deployments(s))")
        print("submitted: \(StoreJSON.date(s.submittedAt)) by \(s.submittedBy)")
        print("rationale: \(s.rationale)")
        if opinions.isEmpty { print("opinion: pending"); return }
        for (i, o) in opinions.enumerated() {
            let inForce = i == opinions.count - 1 ? " (in force)" : " (superseded)"
            print("opinion \(o.id)\(inForce): \(o.decision.rawValue)\(o.decision == .unfavourable ? " — VETO" : "")")
            print("  issued: \(StoreJSON.date(o.issuedAt)); members: \(o.members.joined(separator: ", "))")
            print("  rationale: \(o.rationale)")
            for r in o.reservations { print("  reservation: \(r)") }
            if let date = o.reviewBy { print("  review by: \(date)") }
        }
    }
}
