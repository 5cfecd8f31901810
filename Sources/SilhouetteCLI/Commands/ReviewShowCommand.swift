import ArgumentParser
import DeploymentModel
import Foundation
import Store

struct ReviewShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "List the reviews recorded for a deployment, and whether each covers the current model.",
        discussion: """
        A review made on another model hash is `stale`: the PIA no longer relies on it.

        Example:
          silhouette review show deployment.yaml
        """)

    @Argument(help: "The deployment file.") var deployment: String
    @Option(help: "text or json.") var format: ListingFormat = .text
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let loaded = try DeploymentLoader.load(path: deployment)
        let store = try storeOptions.openForReading(deploymentFile: deployment)
        let reviews = try store.piaReviews(deploymentId: loaded.document.deployment.id)
        switch format {
        case .json:
            let items: [[String: Any]] = reviews.map { record in
                ["id": record.id, "model_hash": record.modelHash, "current": record.modelHash == loaded.modelHash,
                 "reviewer": record.reviewer, "review_date": record.reviewDate, "parts": record.parts,
                 "recorded_at": StoreDates.string(record.recordedAt)]
            }
            let data = try JSONSerialization.data(withJSONObject: ["deployment": loaded.document.deployment.id,
                                                                   "model_hash": loaded.modelHash, "reviews": items],
                                                  options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        case .text:
            if reviews.isEmpty { print("no review recorded for \(loaded.document.deployment.id)") }
            for record in reviews {
                let state = record.modelHash == loaded.modelHash ? "current" : "stale (model \(record.modelHash.prefix(19))…)"
                print("\(record.id)  \(record.reviewDate)  \(record.reviewer)  \(record.parts.joined(separator: ", "))  \(state)")
            }
        }
    }
}
