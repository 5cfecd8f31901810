import Foundation

/// Where the store lives and who is writing, resolved the same way by every command.
public enum StoreLocation {
    /// Directory name of the default store.
    public static let directoryName = ".silhouette"
    public static let fileName = "store.sqlite"

    /// `--store PATH` when given; else `.silhouette/store.sqlite` beside the deployment file;
    /// else in the current directory. `isDefault` tells the caller it may create `.silhouette/`.
    /// `SILHOUETTE_STORE` (a path or a `postgres://` URL) stands in for an absent `--store`.
    public static func resolve(store: String?, deploymentFile: String?,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> (path: String, isDefault: Bool) {
        if let store { return (store, false) }
        if let store = environment["SILHOUETTE_STORE"], !store.isEmpty { return (store, false) }
        if let deploymentFile, deploymentFile != "-" {
            let dir = (deploymentFile as NSString).deletingLastPathComponent
            return (((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent("\(directoryName)/\(fileName)"), true)
        }
        return ("\(directoryName)/\(fileName)", true)
    }

    /// Whether a store is there to read: a file that exists, or any PostgreSQL URL (the server
    /// says whether it holds a store when it is opened).
    public static func exists(_ path: String) -> Bool {
        SilhouetteStore.isPostgres(path) || FileManager.default.fileExists(atPath: path)
    }

    /// The actor written in audit entries: `SILHOUETTE_ACTOR`, else the login name, else `uid:<n>`.
    public static func currentActor(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for key in ["SILHOUETTE_ACTOR", "USER", "LOGNAME"] {
            if let value = environment[key], !value.isEmpty { return value }
        }
        return "uid:\(getuid())"
    }
}
