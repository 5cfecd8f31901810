import Foundation

/// Where the store lives and who is writing, resolved the same way by every command.
public enum StoreLocation {
    /// Directory name of the default store.
    public static let directoryName = ".silhouette"
    public static let fileName = "store.sqlite"

    /// `--store PATH` when given; else `.silhouette/store.sqlite` beside the deployment file;
    /// else in the current directory. `isDefault` tells the caller it may create `.silhouette/`.
    public static func resolve(store: String?, deploymentFile: String?) -> (path: String, isDefault: Bool) {
        if let store { return (store, false) }
        if let deploymentFile, deploymentFile != "-" {
            let dir = (deploymentFile as NSString).deletingLastPathComponent
            return (((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent("\(directoryName)/\(fileName)"), true)
        }
        return ("\(directoryName)/\(fileName)", true)
    }

    /// The actor written in audit entries: `SILHOUETTE_ACTOR`, else the login name, else `uid:<n>`.
    public static func currentActor(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for key in ["SILHOUETTE_ACTOR", "USER", "LOGNAME"] {
            if let value = environment[key], !value.isEmpty { return value }
        }
        return "uid:\(getuid())"
    }
}
