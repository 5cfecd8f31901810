import ArgumentParser
import Assessment
import DeploymentModel
import Foundation
import Reports

struct ReviewTemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Print a review file to fill in: every principle and risk of the PIA, each part explained.",
        discussion: """
        The placeholders TODO are not valid values: the file imports only once filled in. Remove \
        the parts that were not decided.

        Example:
          silhouette review template deployment.yaml > review.yaml
        """)

    @Argument(help: "The deployment file.") var deployment: String

    func run() throws {
        let loaded = try DeploymentLoader.load(path: deployment)
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        print(PIAReviewFile.template(deploymentId: loaded.document.deployment.id, principles: PIAMethod.principleIds,
                                     risks: RiskAnalyzer.riskIds, date: today), terminator: "")
    }
}
