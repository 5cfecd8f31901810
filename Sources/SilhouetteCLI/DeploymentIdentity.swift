import DeploymentModel

/// The deployment id and model hash a store record is filed under: the loaded model's
/// `deployment.id` and `modelHash` (SHA-256 of its canonical JSON, so reformatting the YAML
/// does not make a sign-off stale, while any change to the model does). Loading validates the
/// file; an invalid deployment cannot be signed.
struct DeploymentIdentity {
    var id: String
    var modelHash: String

    static func load(path: String) throws -> DeploymentIdentity {
        let loaded = try DeploymentLoader.load(path: path)
        return DeploymentIdentity(id: loaded.document.deployment.id, modelHash: loaded.modelHash)
    }
}
