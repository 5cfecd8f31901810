import Foundation
import Yams

/// What a sample clip shows, declared by whoever made it — never judged from the output of
/// the engine under test. Read from `CLIP.manifest.yaml` beside the clip:
///
///     clip: faces.mp4
///     sha256: "sha256:c66b…"
///     people: 1
///     faces: 1
///     licence: "Public domain: …"
///     source: "Debian package python3-skimage 0.19.3-8, …"
public struct ClipManifest: Sendable, Equatable, Codable {
    public var file: String
    public var sha256: String
    public var people: Int
    public var faces: Int
    public var licence: String
    public var source: String?

    public static func path(for clip: String) -> String { clip + ".manifest.yaml" }

    static let maxBytes = 64 << 10

    /// The manifest beside `clip`, nil when there is none; throws for one that cannot be read.
    public static func load(for clip: String) throws(VerificationError) -> ClipManifest? {
        let path = Self.path(for: clip)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), data.count <= maxBytes else {
            throw .clipManifestInvalid(path: path, reason: "unreadable or larger than \(maxBytes) bytes")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) } catch {
            throw .clipManifestInvalid(path: path, reason: "not YAML (\(error))")
        }
        guard let mapping = node?.mapping else { throw .clipManifestInvalid(path: path, reason: "expected a mapping with sha256, people, faces, licence") }
        func text(_ key: String) -> String? { mapping[key]?.string }
        func count(_ key: String) throws(VerificationError) -> Int {
            guard let value = mapping[key] else { throw .clipManifestInvalid(path: path, reason: "missing `\(key)` (how many are shown; 0 if none)") }
            guard let number = value.int, number >= 0 else {
                throw .clipManifestInvalid(path: path, reason: "`\(key)` must be a whole number ≥ 0 (line \(value.mark?.line ?? 0))")
            }
            return number
        }
        guard let sha = text("sha256"), sha.hasPrefix("sha256:"), sha.count == 71 else {
            throw .clipManifestInvalid(path: path, reason: "`sha256` must be \"sha256:<64 hex digits>\" of the clip")
        }
        guard let licence = text("licence") ?? text("license"), !licence.isEmpty else {
            throw .clipManifestInvalid(path: path, reason: "missing `licence` (who may use the footage, and on what terms)")
        }
        return ClipManifest(file: text("clip") ?? (clip as NSString).lastPathComponent, sha256: sha.lowercased(),
                            people: try count("people"), faces: try count("faces"), licence: licence, source: text("source"))
    }
}
