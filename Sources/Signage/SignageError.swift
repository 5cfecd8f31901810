import DeploymentModel

/// Why signs or notices could not be produced. Each case is one line for the user, with the
/// position in the model where there is one and a hint; the command exits 2 and writes nothing.
public enum SignageError: Error, Sendable, CustomStringConvertible {
    case tablesNotFound(searched: [String])
    case tableUnreadable(path: String, reason: String)
    case labelMissing(language: String, key: String)
    case unknownCamera(String, known: [String])
    case unknownSite(String, known: [String])
    case noCameras
    case noSecondLayer(cameras: [String], position: SourcePosition?)
    case noRetention(position: SourcePosition?)
    case prohibited(rule: String, feature: String, article: String, position: SourcePosition?)
    case notInLanguage(field: String, value: String, language: String, position: SourcePosition?)
    case renderFailed(tool: String, reason: String)
    case postedSignUnknownRecord(record: String, position: SourcePosition?)
    case postedSignUnknownCamera(camera: String, position: SourcePosition?)

    public var description: String {
        switch self {
        case .tablesNotFound(let searched):
            return "signage tables not found (looked in \(searched.joined(separator: ", "))); hint: set SILHOUETTE_SIGNAGE_DIR to the signage/ directory of silhouette"
        case .tableUnreadable(let path, let reason):
            return "\(path): signage table unreadable: \(reason)"
        case .labelMissing(let language, let key):
            return "signage table \(language).yaml has no text for '\(key)'; hint: add it (every language table must have every key)"
        case .unknownCamera(let id, let known):
            return "no camera '\(id)' in the deployment; hint: known cameras start with \(known.prefix(5).joined(separator: ", "))"
        case .unknownSite(let site, let known):
            return "no site '\(site)' in the deployment; hint: sites are \(known.prefix(8).joined(separator: ", "))"
        case .noCameras:
            return "the deployment has no camera, so there is nothing to sign"
        case .noSecondLayer(let cameras, let position):
            return "\(prefix(position))cameras \(cameras.prefix(5).joined(separator: ", "))\(cameras.count > 5 ? "…" : "") give no second layer (neither signage.second_layer_url nor signage.second_layer_place); hint: a first-layer sign must say where the full information is"
        case .noRetention(let position):
            return "\(prefix(position))the model declares no retention period, and a sign must state one; hint: add a `retention` entry for the images (or the data kept)"
        case .prohibited(let rule, let feature, let article, let position):
            return "\(prefix(position))no sign is produced for feature '\(feature)': its use is prohibited (\(article)); see finding \(rule) in `silhouette assess`; hint: remove the feature"
        case .notInLanguage(let field, let value, let language, let position):
            return "\(prefix(position))\(field) '\(value)' is not written in the sign's language (\(language)); hint: write it in \(language), or print the sign with --lang en"
        case .renderFailed(let tool, let reason):
            return "\(tool) failed: \(reason)"
        case .postedSignUnknownRecord(let record, let position):
            return "\(prefix(position))posted sign refers to \(record), which the store does not hold; hint: `silhouette signage` prints the id of each recorded sign"
        case .postedSignUnknownCamera(let camera, let position):
            return "\(prefix(position))posted sign names camera '\(camera)', which the deployment does not have"
        }
    }

    private func prefix(_ position: SourcePosition?) -> String { position.map { "\($0): " } ?? "" }
}
