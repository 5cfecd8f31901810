import Foundation

/// Paths of the package and its test fixtures, found from this file.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rules = packageRoot.appendingPathComponent("Tests/Fixtures/rules").path
    /// The project's own rule packs and routing table.
    static let builtinRules = packageRoot.appendingPathComponent("rules").path
    static let badShop = packageRoot.appendingPathComponent("Tests/Fixtures/deployments/bad-shop.yaml").path

    /// A fresh directory holding `files` (relative path → content).
    static func directory(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        for (path, content) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        return root.path
    }

    static func rule(id: String = "TEST-CAM-001", scope: String = "camera", assert: String,
                     pass: String = "{item: {audio: false}}", fail: String = "{item: {audio: true}}") -> String {
        """
        id: \(id)
        pack: test
        title: {en: Audio is off, fr: Le son est coupé}
        severity: medium
        refs: [{law: GDPR, article: "Art. 5(1)(c)"}]
        scope: \(scope)
        assert: \(assert)
        message: {en: "Camera {{ item.id }} records audio", fr: "La caméra {{ item.id }} enregistre le son"}
        remediation: {en: Turn audio off, fr: Couper le son}
        examples:
          pass: [\(pass)]
          fail: [\(fail)]
        """
    }
}
