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
        let position = SourcePosition(file: path, line: 1, column: 1)
        let allowed: Set<String> = ["kind", "title"]
        if let keys = (try? Yams.load(yaml: text)) as? [String: Any],
           let unknown = keys.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw .invalid([RuleDiagnostic(position: position, message: "unknown key '\(unknown)' in pack manifest",
                                           hint: "a pack.yaml has kind (law or charter) and title {en, fr}")])
        }
        do {
            var manifest = try YAMLDecoder().decode(PackManifest.self, from: text)
            manifest.source = text
            return manifest
        } catch {
            throw .invalid([RuleDiagnostic(position: position, message: "invalid pack manifest: \(error)",
                                           hint: "write `kind: law` or `kind: charter`, and `title: {en: …, fr: …}`")])
        }
    }
}
