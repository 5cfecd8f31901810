import Foundation

/// What a YAML file is, read without validating it: a deployment model (or a site that
/// `extends:` one), and which base it names. A portfolio uses it to tell sites from the bases
/// they are built on (a base is never assessed alone: it need not be valid).
public struct ModelFileProbe: Sendable, Hashable {
    /// The file has `apiVersion`, `deployment` or `extends` at its top level.
    public var isModel: Bool
    /// The canonical path of the base its `extends:` names, if any.
    public var base: String?

    /// Unreadable or unparsable files are models (so that the portfolio reports their error)
    /// when their name says YAML; the probe itself never fails.
    public static func probe(path: String) -> ModelFileProbe {
        guard let data = try? DeploymentLoader.readLimited(path: path, label: path),
              let text = try? DeploymentLoader.decodeText(data, file: path),
              let raw = try? DeploymentLoader.compose(text, file: path) else {
            return ModelFileProbe(isModel: true, base: nil)
        }
        guard case .mapping(let pairs, _) = raw else { return ModelFileProbe(isModel: false, base: nil) }
        let keys = Set(pairs.map(\.key))
        var base: String?
        if let pair = pairs.first(where: { $0.key == "extends" }), case .scalar(let name, _, _) = pair.value {
            let directory = (path as NSString).deletingLastPathComponent
            base = ModelInheritance.canonicalPath(DeploymentLoader.resolve(name, against: directory), relativeTo: nil)
        }
        return ModelFileProbe(isModel: !keys.isDisjoint(with: ["apiVersion", "deployment", "extends"]), base: base)
    }
}
