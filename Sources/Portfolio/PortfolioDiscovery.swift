import DeploymentModel
import Foundation

/// The deployments of a folder: every YAML model under it (hidden folders such as
/// `.silhouette/` skipped) that no other model of the folder `extends:` — those are bases,
/// never assessed alone.
public struct PortfolioDiscovery: Sendable {
    public struct Site: Sendable, Hashable {
        /// Path as found under the folder (the folder's spelling + relative path).
        public var file: String
        /// Canonical path of the base it extends, if any.
        public var base: String?
    }

    public var sites: [Site]
    /// Canonical paths of the bases named by the sites (inside the folder or not).
    public var bases: [String]

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case notADirectory(String)
        case noDeployments(String)
        public var description: String {
            switch self {
            case .notADirectory(let path):
                return "\(path): not a directory (hint: --portfolio assesses every deployment under a folder; pass the folder)"
            case .noDeployments(let path):
                return "\(path): no deployment model found (hint: models are .yaml/.yml files with apiVersion, deployment or extends)"
            }
        }
    }

    /// At most this many files are looked at (a portfolio of a few thousand sites fits).
    public static let maximumFiles = 20_000

    public static func scan(_ directory: String) throws(Failure) -> PortfolioDiscovery {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notADirectory(directory)
        }
        let root = URL(fileURLWithPath: directory)
        var files: [String] = []
        if let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                           options: [.skipsHiddenFiles]) {
            for case let url as URL in enumerator where ["yaml", "yml"].contains(url.pathExtension.lowercased()) {
                let relative = url.path.hasPrefix(root.path + "/") ? String(url.path.dropFirst(root.path.count + 1)) : url.lastPathComponent
                files.append((directory as NSString).appendingPathComponent(relative))
                if files.count >= maximumFiles { break }
            }
        }
        files.sort()
        var probes: [(String, ModelFileProbe)] = []
        for file in files { probes.append((file, ModelFileProbe.probe(path: file))) }
        let bases = Set(probes.compactMap(\.1.base))
        let sites = probes.filter { file, probe in
            probe.isModel && !bases.contains(URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path)
        }.map { Site(file: $0.0, base: $0.1.base) }
        guard !sites.isEmpty else { throw .noDeployments(directory) }
        return PortfolioDiscovery(sites: sites, bases: bases.sorted())
    }
}
