import ArgumentParser
import Foundation
import Store

extension SignOffRole: ExpressibleByArgument {}

struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Record the DPO's opinion or the controller's sign-off on a deployment model.",
        discussion: """
        The signature is bound to the model hash of DEPLOYMENT as it is now: once the file \
        changes, reports show the sign-off as stale. The PIA report's sign-off block shows the \
        latest signature of each role.

        Examples:
          silhouette sign examples/massy/deployment.yaml --role dpo --name "C. Durand" --opinion "Favourable; review in 12 months"
          silhouette sign deployment.yaml --role controller --name "Ville de Massy, DGS" --opinion "Accepted"
        """)

    @Argument(help: "The deployment file.") var deployment: String
    @Option(help: "dpo or controller.") var role: SignOffRole
    @Option(help: "Name of the signatory.") var name: String
    @Option(help: "The signatory's opinion.") var opinion: String
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let identity = try DeploymentIdentity.load(path: deployment)
        let store = try storeOptions.openForWriting(deploymentFile: deployment)
        let signOff = try store.record(
            SignOff(deploymentId: identity.id, modelHash: identity.modelHash, role: role, name: name, opinion: opinion, date: Date()),
            actor: StoreLocation.currentActor())
        print("\(signOff.id) \(role.rawValue) sign-off of \(identity.id) at model \(identity.modelHash)")
    }
}
