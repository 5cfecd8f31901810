import ArgumentParser
import Foundation
import Store

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List recorded assessments, oldest first.",
        discussion: """
        Every `silhouette assess` (unless --no-record) is stored with the model hash, the rules \
        version, the verdict and the findings. DEPLOYMENT is a deployment file (its store and its \
        id are used) or a deployment id; without it, every deployment in the store is listed. \
        Compare two entries with `silhouette diff A B`.

        Examples:
          silhouette history examples/massy/deployment.yaml
          silhouette history massy-urban --store /srv/pia/store.sqlite --format json
        """)

    @Argument(help: "A deployment file or deployment id.") var deployment: String?
    @Option(help: "text or json.") var format: ListingFormat = .text
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        var deploymentId = deployment
        var file: String?
        if let deployment, FileManager.default.fileExists(atPath: deployment) {
            file = deployment
            deploymentId = try DeploymentIdentity.load(path: deployment).id
        }
        let store = try storeOptions.openForReading(deploymentFile: file)
        let list = try store.assessments(deploymentId: deploymentId)
        switch format {
        case .json: print(try StoreJSON.encode(list.map(AssessmentSummary.init)))
        case .text:
            if list.isEmpty { print("no assessments recorded\(deploymentId.map { " for \($0)" } ?? "") in \(store.path)"); return }
            for a in list {
                let c = a.counts
                print("\(a.id)  \(StoreJSON.date(a.assessedAt))  \(a.deploymentId)  \(a.verdict)  "
                      + "findings \(c.total) (critical \(c.critical), high \(c.high), medium \(c.medium), low \(c.low), info \(c.info))  "
                      + "model \(a.modelHash.prefix(19))  rules \(a.rulesVersion.prefix(19))")
            }
        }
    }
}

/// The JSON shape of one `history` line (the findings themselves stay in the store).
struct AssessmentSummary: Encodable {
    var id, deploymentId, deploymentName, modelHash, rulesVersion, verdict, assessedAt: String
    var counts: FindingCounts

    init(_ a: StoredAssessment) {
        (id, deploymentId, deploymentName, modelHash, rulesVersion, verdict) =
            (a.id, a.deploymentId, a.deploymentName, a.modelHash, a.rulesVersion, a.verdict)
        assessedAt = StoreJSON.date(a.assessedAt)
        counts = a.counts
    }
}
