import Foundation
import Store

/// The deployment id and model hash a store record is filed under.
///
/// INTERIM until `DeploymentLoader` lands (foundation milestone 1): the hash is SHA-256 over
/// the file bytes rather than over the canonical model JSON, and the id is read from the
/// `deployment:` section's `id:` line. Switch to `DeploymentLoader.load(path:)` (`modelHash`,
/// `document.deployment.id`) when it is available.
struct DeploymentIdentity {
    var id: String
    var modelHash: String

    static func load(path: String) throws -> DeploymentIdentity {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DeploymentIdentityError.unreadable(path: path)
        }
        let text = String(decoding: data, as: UTF8.self)
        var inDeployment = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !line.hasPrefix(" ") && !line.hasPrefix("\t") && !trimmed.isEmpty && !trimmed.hasPrefix("#") {
                inDeployment = trimmed.hasPrefix("deployment:")
                continue
            }
            if inDeployment, trimmed.hasPrefix("id:") {
                let value = trimmed.dropFirst(3).split(separator: "#").first?.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) ?? ""
                guard !value.isEmpty else { throw DeploymentIdentityError.noID(path: path, line: index + 1) }
                return DeploymentIdentity(id: value, modelHash: StoreHashing.prefixedSHA256(data))
            }
        }
        throw DeploymentIdentityError.noID(path: path, line: nil)
    }
}

enum DeploymentIdentityError: Error, CustomStringConvertible {
    case unreadable(path: String)
    case noID(path: String, line: Int?)

    var description: String {
        switch self {
        case .unreadable(let path): return "\(path): cannot read the deployment file; hint: check the path"
        case let .noID(path, line): return "\(path)\(line.map { ":\($0):1" } ?? ""): no deployment.id found; hint: a deployment file starts with `deployment: {id: …}`"
        }
    }
}
