import DeploymentModel
import Yams

/// What a Frigate configuration says about privacy, camera by camera. Tests assert on these
/// facts; `draft` turns them into a deployment model.
public struct FrigateFacts: Sendable, Equatable {
    public var targetVersion: String
    public var cameras: [String] = []
    public var detectionCameras: [String] = []
    public var faceRecognitionCameras: [String] = []
    public var licencePlateCameras: [String] = []
    public var faceDetectionCameras: [String] = []
    public var audioDetectionCameras: [String] = []
    public var listenedSounds: [String] = []
    public var audioRecordedCameras: [String] = []
    public var transcriptionCameras: [String] = []
    public var recordingCameras: [String] = []
    public var snapshotCameras: [String] = []
    public var autotrackingCameras: [String] = []
    public var maskedCameras: [String] = []
    public var semanticSearch = false
    public var generativeAI: String? = nil          // provider name when enabled
    public var generativeAIExternal = false
    public var rawVideoDays: Double = 0             // max of continuous and motion retention
    public var continuousDays: Double = 0
    public var eventFootageDays: Double = 0
    public var snapshotDays: Double = 0
    public var mqtt = false
    public var mqttSnapshots = false
    public var mqttEncrypted = false
    public var birdseye = false
    public var authentication = false
}

/// Imports a Frigate NVR configuration (any release from 0.8 to 0.18) into a draft model.
public enum FrigateImporter {
    public struct Result: Sendable {
        public let facts: FrigateFacts
        public let draft: DraftDeployment
    }

    public static func importFile(_ path: String) throws(ImportError) -> Result {
        let text = try ImportInput.read(path)
        let file = ImportInput.displayName(path)
        let base = path == "-" ? "frigate" : ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try importText(text, file: file, baseName: base)
    }

    public static func importText(_ text: String, file: String, baseName: String) throws(ImportError) -> Result {
        var warnings: [String] = []
        let root = try parse(text, file: file, warnings: &warnings)
        guard let cameraSection = root["cameras"], cameraSection.isMapping, !cameraSection.keys.isEmpty else {
            throw .nothingToImport(file: file, reason: "no `cameras:` section (hint: is this a Frigate config.yml?)")
        }
        let written = root["version"]?.text.flatMap(FrigateVersion.init(parsing:))
        let version = written ?? FrigateVersion.inferred(from: root) ?? .v0_14
        if written == nil {
            warnings.append("no `version:` key: read with Frigate \(version) defaults (the release its keys need); detection assumed on where not written (Frigate's migration enables it)")
        }
        let cameras = cameraSection.keys.compactMap { name in
            cameraSection[name].map { FrigateCamera(name: name, node: $0, root: root, version: version, unversioned: written == nil) }
        }.filter(\.enabled)
        var facts = collectFacts(root: root, cameras: cameras, version: version)
        facts.targetVersion = version.description
        let draft = FrigateDraftBuilder(root: root, cameras: cameras, facts: facts, file: file, baseName: baseName,
                                        version: version, warnings: warnings).build()
        return Result(facts: facts, draft: draft)
    }

    /// Composes the YAML, unwrapping a config embedded as a string (Helm `config: |`,
    /// Kubernetes `data: {config.yml: |}`) and repairing the Python-style `"""…"""` string that
    /// Frigate's own published reference contains.
    static func parse(_ text: String, file: String, warnings: inout [String]) throws(ImportError) -> ConfigNode {
        var source = text
        var node: Node?
        do {
            node = try Yams.compose(yaml: source)
        } catch {
            let repaired = repairTripleQuotedStrings(source)
            guard repaired != source, let retried = try? Yams.compose(yaml: repaired) else {
                throw syntaxError(error, file: file)
            }
            warnings.append("repaired a Python-style \"\"\"…\"\"\" string that is not valid YAML")
            source = repaired
            node = retried
        }
        guard let node else { throw .nothingToImport(file: file, reason: "the file is empty") }
        let root = ConfigNode(node: node)
        guard root.isMapping else {
            throw .notRecognised(file: file, found: "the document is not a mapping", expected: "a Frigate configuration (keys such as mqtt, cameras)")
        }
        if root["cameras"] == nil {
            for embedded in [root["config"], root.at("data", "config.yml"), root.at("data", "config.yaml")] {
                if let inner = embedded?.text, inner.contains("cameras") {
                    warnings.append("read the Frigate configuration embedded as a string")
                    return try parse(inner, file: file, warnings: &warnings)
                }
            }
        }
        return root
    }

    static func repairTripleQuotedStrings(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "\"\"\"") {
            result += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "\"\"\"") else { result += rest[open.lowerBound...]; return result }
            result += DraftWriter.quote(String(after[..<close.lowerBound]))
            rest = after[close.upperBound...]
        }
        return result + rest
    }

    static func syntaxError(_ error: any Error, file: String) -> ImportError {
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return .syntax(file: file, line: mark.line, column: mark.column, problem: "YAML syntax error: \(problem)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                let keys = duplicates.joined(separator: ", ")
                return .syntax(file: file, line: context.mark.line, column: context.mark.column,
                               problem: "duplicate key \(keys) (hint: Frigate rejects duplicate keys too)")
            default:
                return .syntax(file: file, line: nil, column: nil, problem: "YAML error: \(yaml)")
            }
        }
        return .syntax(file: file, line: nil, column: nil, problem: "\(error)")
    }

    static func collectFacts(root: ConfigNode, cameras: [FrigateCamera], version: FrigateVersion) -> FrigateFacts {
        var facts = FrigateFacts(targetVersion: version.description)
        for camera in cameras {
            let name = camera.name
            facts.cameras.append(name)
            if camera.detects { facts.detectionCameras.append(name) }
            if camera.faceRecognition { facts.faceRecognitionCameras.append(name) }
            if camera.licencePlates { facts.licencePlateCameras.append(name) }
            if camera.detects && camera.tracked.contains("face") { facts.faceDetectionCameras.append(name) }
            if camera.audioDetection {
                facts.audioDetectionCameras.append(name)
                for sound in camera.listenedSounds where !facts.listenedSounds.contains(sound) { facts.listenedSounds.append(sound) }
            }
            if camera.transcription { facts.transcriptionCameras.append(name) }
            if camera.recordsAudio { facts.audioRecordedCameras.append(name) }
            if camera.autotracking { facts.autotrackingCameras.append(name) }
            if camera.hasDetectionMasks { facts.maskedCameras.append(name) }
            if camera.records {
                facts.recordingCameras.append(name)
                let days = camera.continuousAndMotionDays
                facts.continuousDays = max(facts.continuousDays, days.continuous)
                facts.rawVideoDays = max(facts.rawVideoDays, days.continuous, days.motion)
                if camera.detects { facts.eventFootageDays = max(facts.eventFootageDays, camera.eventFootageDays) }
            }
            if camera.snapshots {
                facts.snapshotCameras.append(name)
                facts.snapshotDays = max(facts.snapshotDays, camera.snapshotDays)
            }
        }
        facts.semanticSearch = root.at("semantic_search", "enabled")?.bool ?? false
        (facts.generativeAI, facts.generativeAIExternal) = generativeAI(root: root, cameras: cameras, version: version)
        let mqtt = root["mqtt"]
        facts.mqtt = mqtt != nil && (mqtt?["enabled"]?.bool ?? true)
        facts.mqttSnapshots = facts.mqtt && cameras.contains(where: \.publishesSnapshots)
        facts.mqttEncrypted = mqtt?["tls_ca_certs"] != nil || mqtt?["port"]?.number == 8883
        facts.birdseye = root.at("birdseye", "enabled")?.bool ?? true
        facts.authentication = version >= .v0_14 && (root.at("auth", "enabled")?.bool ?? true)
        return facts
    }

    /// §2.4: which provider receives images, and whether it is outside the premises.
    static func generativeAI(root: ConfigNode, cameras: [FrigateCamera], version: FrigateVersion) -> (String?, Bool) {
        guard let genai = root["genai"] else { return (nil, false) }
        var providers: [ConfigNode] = []
        if genai["provider"] != nil { providers = [genai] } else { providers = genai.keys.compactMap { genai[$0] }.filter { $0["provider"] != nil } }
        let active = providers.filter { ($0["provider"]?.text ?? "none") != "none" }
        guard let provider = active.first, let name = provider["provider"]?.text else { return (nil, false) }
        let used: Bool
        if version < .v0_17 {
            used = genai["enabled"]?.bool ?? false || cameras.contains { $0.node.at("genai", "enabled")?.bool == true }
        } else {
            used = cameras.contains { $0.effective("objects", "genai", "enabled")?.bool == true || $0.effective("review", "genai", "enabled")?.bool == true }
        }
        guard used else { return (nil, false) }
        let baseURL = provider["base_url"]?.text?.lowercased() ?? ""
        let local = ["ollama", "llamacpp"].contains(name) || baseURL.contains("localhost") || baseURL.contains("127.0.0.1")
        return (name, !local)
    }
}

import Foundation
