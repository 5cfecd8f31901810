import ArgumentParser
import Foundation
import Store

struct EthicsSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Put a feature or a kind of feature to the ethics committee.",
        discussion: """
        Give exactly one of --feature (a feature id of a deployment) or --feature-kind (every \
        feature of that kind, e.g. face-detection, lpr, reid). --deployment names the deployments \
        concerned (repeat it); without it the submission concerns every deployment. Prints the \
        new submission id (ETH-<n>, or --id).

        Examples:
          silhouette ethics submit --feature-kind lpr --rationale "Car park barrier" --deployment mall-north
          silhouette ethics submit --feature wrong-way-detection --rationale "New alerting" --id ETH-2026-04
        """)

    @Option(help: "A feature id.") var feature: String?
    @Option(help: "A feature kind (face-detection, lpr, reid, …).") var featureKind: String?
    @Option(help: "Why the feature is put to the committee.") var rationale: String
    @Option(help: "A deployment concerned (repeatable).") var deployment: [String] = []
    @Option(help: "The committee's own id for it (default ETH-<n>).") var id: String?
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if (feature == nil) == (featureKind == nil) {
            throw ValidationError("give exactly one of --feature or --feature-kind")
        }
    }

    func run() throws {
        let store = try storeOptions.openForWriting()
        let submission = try store.submit(
            EthicsSubmission(id: id ?? "", feature: feature, featureKind: featureKind, rationale: rationale,
                             deployments: deployment, submittedAt: Date(), submittedBy: StoreLocation.currentActor()),
            actor: StoreLocation.currentActor())
        print(submission.id)
    }
}
