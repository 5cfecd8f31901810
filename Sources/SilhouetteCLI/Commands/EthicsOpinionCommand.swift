import ArgumentParser
import Foundation
import Store

extension EthicsDecision: ExpressibleByArgument {}

struct EthicsOpinionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opinion",
        abstract: "Record the committee's opinion on a submission.",
        discussion: """
        ID is the submission id. An unfavourable opinion is a veto. Reservations (repeat \
        --reservation) go only with favourable-with-reservations, which needs at least one. \
        --review-by sets when the committee must look at it again. A later opinion on the same \
        submission replaces this one.

        Examples:
          silhouette ethics opinion ETH-1 --decision unfavourable --members "A. Martin, B. Okafor" --rationale "Biometric"
          silhouette ethics opinion ETH-2 --decision favourable-with-reservations --members "A. Martin" \\
            --rationale "Counting only" --reservation "No snapshot leaves the edge box" --review-by 2027-06-30
        """)

    @Argument(help: "The submission id.") var id: String
    @Option(help: "favourable | favourable-with-reservations | unfavourable") var decision: EthicsDecision
    @Option(help: "Comma-separated names of the members who decided.") var members: String
    @Option(help: "The committee's reasons.") var rationale: String
    @Option(help: "A condition of a favourable-with-reservations opinion (repeatable).") var reservation: [String] = []
    @Option(help: "Review date, YYYY-MM-DD.") var reviewBy: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openForWriting()
        let names = members.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let opinion = try store.record(
            EthicsOpinion(submissionId: id, decision: decision, members: names, rationale: rationale,
                          reservations: reservation, reviewBy: reviewBy, issuedAt: Date()),
            actor: StoreLocation.currentActor())
        print("\(opinion.id) \(opinion.decision.rawValue) on \(id)\(opinion.decision == .unfavourable ? " (veto)" : "")")
    }
}
