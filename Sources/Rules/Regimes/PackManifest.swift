import DeploymentModel
import Foundation
import Yams

/// Whether a rule states the law or the vendor's charter. A legal verdict comes from law
/// findings only; the charter is reported apart.
public enum RuleKind: String, Sendable, Codable, CaseIterable {
    case law, charter
}

/// `rules/<pack>/pack.yaml`: what a pack is, declared as data so that no rule file has to
/// say it (a rule may still override it with its own `kind:`).
public struct PackManifest: Sendable, Decodable {
    public var kind: RuleKind
    public var title: LocalizedText?
    /// The file's text, hashed into the rules version.
    public internal(set) var source = ""

    enum CodingKeys: String, CodingKey { case kind, title }

    public static let fileName = "pack.yaml"

    static func load(path: String) throws(RuleError) -> PackManifest {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "cannot read the file") }
        guard data.count <= 100_000 else { throw .unreadable(path: path, reason: "larger than 100 KB") }
        let text = String(decoding: data, as: UTF8.self)
        let reader = YAMLReader(file: path)
        let root = try reader.compose(text)
        let map = try reader.mapping(root, what: "pack manifest", allowed: ["kind", "title"])
        let kindNode = try reader.required(map, "kind", in: "pack manifest", at: root)
        let kindText = try reader.string(kindNode, what: "kind")
        guard let kind = RuleKind(rawValue: kindText) else {
            throw reader.fail(kindNode, "unknown kind '\(kindText)' in pack manifest", hint: "law or charter")
        }
        let title = try map["title"].map { node throws(RuleError) in try reader.localized(node, what: "title") }
        var manifest = PackManifest(kind: kind, title: title)
        manifest.source = text
        return manifest
    }

    init(kind: RuleKind, title: LocalizedText?) {
        self.kind = kind
        self.title = title
    }
}
