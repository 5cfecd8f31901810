import Foundation
import Yams

/// The engine manifest a vendor ships with its engine (`engine.manifest` in the deployment):
///
///     name: acme-vision
///     version: "2.1"
///     models:
///       - {name: yolov8n, task: person-detection}
///       - {name: arcface-r100, task: face-recognition}
///
/// A model whose `task` (or `name`) is about faces or re-identification fails the check,
/// with the manifest's line and column.
enum ManifestAudit {
    /// Task words that mean a biometric model.
    static let biometricTasks = ["face", "facial", "reid", "re-id", "reidentification", "re-identification", "person-reid",
                                 "gait", "biometric", "iris", "fingerprint", "embedding", "landmark"]
    static let maxBytes = 1 << 20

    static func audit(path: String, into book: inout EvidenceBook) throws(VerificationError) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .manifestUnreadable(path: path, reason: "no such file or not readable")
        }
        guard data.count <= maxBytes else { throw .manifestUnreadable(path: path, reason: "larger than \(maxBytes) bytes") }
        let node: Node?
        do { node = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) } catch {
            throw .manifestUnreadable(path: path, reason: "\(error)".split(separator: "\n").first.map(String.init) ?? "invalid YAML")
        }
        guard let mapping = node?.mapping else {
            throw .manifestUnreadable(path: path, reason: "expected a mapping with a `models` list")
        }
        guard let models = mapping["models"] else { return 0 }
        guard let list = models.sequence else {
            throw .manifestUnreadable(path: path, reason: "`models` must be a list (line \(models.mark?.line ?? 0))")
        }
        for (index, model) in list.enumerated() {
            guard let fields = model.mapping else { continue }
            let name = fields["name"]?.string ?? "model \(index + 1)"
            for key in ["task", "tasks", "kind", "name"] {
                guard let value = fields[key] else { continue }
                let texts = value.sequence.map { $0.compactMap(\.string) } ?? [value.string].compactMap { $0 }
                for text in texts where isBiometricTask(text) {
                    let mark = value.mark
                    book.add(.manifestModels,
                             EvidenceLocation(source: "manifest", line: mark?.line, jsonPath: "models[\(index)].\(key)", file: path),
                             "model \"\(name)\" declares \(key) \"\(text)\"\(mark.map { " (column \($0.column))" } ?? "")")
                }
            }
        }
        return list.count
    }

    static func isBiometricTask(_ text: String) -> Bool {
        let lowered = text.lowercased()
        let tokens = BiometricVocabulary.tokenize(text)
        return biometricTasks.contains { word in
            word.contains("-") ? lowered.contains(word) : tokens.contains { $0.hasPrefix(word) }
        }
    }
}
