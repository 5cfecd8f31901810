import ArgumentParser
import Assessment
import DeploymentModel
import Foundation
import Reports
import Store

struct ReviewImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Check a review file and record it against the deployment's current model hash.",
        discussion: """
        The file is validated whole first; every problem is printed at its file:line:col with a \
        hint (unknown keys, values outside the allowed ones, a score outside 1–4, a score without \
        its justification, a review of another deployment…) and nothing is recorded (exit 2). \
        A valid review gets an id REV-<n> and an audit-log entry.

        Example:
          silhouette review import deployment.yaml review-2026-12.yaml
        """)

    @Argument(help: "The deployment file the review is about.") var deployment: String
    @Argument(help: "The review file (YAML; start from `silhouette review template`).") var file: String
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let loaded = try DeploymentLoader.load(path: deployment)
        let review = try PIAReviewFile.load(path: file, deploymentId: loaded.document.deployment.id,
                                            principles: PIAMethod.principleIds, risks: RiskAnalyzer.riskIds)
        let store = try storeOptions.openForWriting(deploymentFile: deployment)
        let record = try store.record(review: StoredPIAReview(review: review, modelHash: loaded.modelHash, recordedAt: Date()),
                                      actor: StoreLocation.currentActor())
        print("\(record.id) review of \(record.deploymentId) by \(record.reviewer) (\(record.parts.joined(separator: ", "))) at model \(record.modelHash)")
    }
}
