import DeploymentModel

/// An analytics module or rule found in an ONVIF response, enabled or not.
public struct ONVIFAnalytic: Sendable, Equatable {
    public var name: String
    public var type: String          // e.g. "tt:FaceDetectorEngine"
    public var enabled: Bool
    public var isRule: Bool
    /// The feature kind it amounts to, nil for device-health analytics (tamper, focus, motion).
    public var kind: FeatureKind?
}

/// What ONVIF responses of one device say about privacy.
public struct ONVIFFacts: Sendable, Equatable {
    public var responses: [String] = []          // e.g. "GetProfilesResponse"
    public var profiles: [String] = []
    public var videoSources: [String] = []
    public var resolutions: [String] = []
    public var audioEncoders = 0
    public var audioInProfiles = false
    public var ptz = false
    public var analytics: [ONVIFAnalytic] = []
    public var recordings: [String] = []          // recording tokens
    public var recordingsWithAudio = 0
    public var maximumRetentionSeconds: Int64? = nil
    /// Recordings whose `MaximumRetentionTime` is zero (`PT0S`): the ONVIF Recording Control
    /// specification reads zero as "no limit set by the device", not as "kept zero days".
    public var recordingsWithoutLimit = 0
}

/// Imports the SOAP responses of one ONVIF device (profiles, analytics, audio, recordings).
public enum ONVIFImporter {
    public struct Result: Sendable {
        public let facts: ONVIFFacts
        public let draft: DraftDeployment
    }

    static let onvifPrefix = "http://www.onvif.org/"
    static let soapNamespaces: Set<String> = ["http://www.w3.org/2003/05/soap-envelope", "http://schemas.xmlsoap.org/soap/envelope/"]

    public static func importFiles(_ paths: [String]) throws(ImportError) -> Result {
        var facts = ONVIFFacts()
        for path in paths {
            let text = try ImportInput.read(path, limit: SafeXML.maximumBytes)
            let file = ImportInput.displayName(path)
            let root = try SafeXML.parse(text, file: file)
            for response in try responses(in: root, file: file) {
                read(response, into: &facts)
            }
        }
        let base = paths.count == 1 && paths[0] != "-" ? ((paths[0] as NSString).lastPathComponent as NSString).deletingPathExtension : "onvif-device"
        return Result(facts: facts, draft: ONVIFDraftBuilder(facts: facts, baseName: base, files: paths).build())
    }

    /// The ONVIF response elements of a document: the children of a SOAP Body, or the root
    /// itself when a bare response was saved. Anything else is refused by namespace.
    static func responses(in root: XMLElement, file: String) throws(ImportError) -> [XMLElement] {
        var candidates: [XMLElement]
        if root.name == "Envelope", let namespace = root.namespace, soapNamespaces.contains(namespace) {
            guard let body = root.child("Body") else {
                throw .notRecognised(file: file, found: "a SOAP envelope without a Body", expected: "an ONVIF response")
            }
            if let fault = body.child("Fault") {
                let reason = fault.descendants("Text").first?.text ?? fault.descendants("faultstring").first?.text ?? "no reason given"
                throw .notRecognised(file: file, found: "a SOAP Fault (\(reason))", expected: "a successful ONVIF response")
            }
            candidates = body.children
        } else {
            candidates = [root]
        }
        let onvif = candidates.filter { $0.namespace?.hasPrefix(onvifPrefix) == true }
        guard !onvif.isEmpty else {
            let found = candidates.first.map { "element <\($0.name)> in namespace \($0.namespace ?? "(none)")" } ?? "an empty SOAP Body"
            throw .notRecognised(file: file, found: found, expected: "an ONVIF response (namespace \(onvifPrefix)…)")
        }
        return onvif
    }

    static func read(_ response: XMLElement, into facts: inout ONVIFFacts) {
        facts.responses.append(response.name)
        for profile in response.descendants("Profiles") + response.descendants("Profile") where profile.attributes["token"] != nil {
            facts.profiles.append(profile.attributes["token"] ?? "")
            if let source = profile.path("VideoSourceConfiguration", "SourceToken")?.text, !facts.videoSources.contains(source) {
                facts.videoSources.append(source)
            }
            if let resolution = profile.path("VideoEncoderConfiguration", "Resolution"),
               let width = resolution.child("Width")?.text, let height = resolution.child("Height")?.text {
                facts.resolutions.append("\(width)x\(height)")
            }
            if profile.child("AudioEncoderConfiguration") != nil || profile.child("AudioSourceConfiguration") != nil {
                facts.audioInProfiles = true
            }
            if profile.child("PTZConfiguration") != nil { facts.ptz = true }
        }
        for configuration in response.descendants("Configurations") where response.name.contains("AudioEncoder") {
            let uses = Int(configuration.child("UseCount")?.text ?? "") ?? 1
            if uses > 0 { facts.audioEncoders += 1 }
        }
        // A rule only runs when its engine module does (tt:FaceDetector needs tt:FaceDetectorEngine).
        let modules = response.descendants("AnalyticsModule")
        var engineEnabled: [String: Bool] = [:]
        for module in modules {
            let type = module.attributes["Type"] ?? ""
            engineEnabled[type] = (engineEnabled[type] ?? false) || isEnabled(module)
        }
        var seen = Set(facts.analytics.map { "\($0.isRule)|\($0.name)|\($0.type)" })
        for (element, isRule) in modules.map({ ($0, false) }) + response.descendants("Rule").map({ ($0, true) }) {
            let name = element.attributes["Name"] ?? "unnamed"
            let type = element.attributes["Type"] ?? "unknown"
            guard seen.insert("\(isRule)|\(name)|\(type)").inserted else { continue }
            var enabled = isEnabled(element)
            if isRule, let engine = engineEnabled[type + "Engine"] { enabled = enabled && engine }
            if !isRule { enabled = engineEnabled[type] ?? enabled }
            facts.analytics.append(ONVIFAnalytic(name: name, type: type, enabled: enabled, isRule: isRule, kind: kind(of: type)))
        }
        for item in response.descendants("RecordingItem") {
            facts.recordings.append(item.child("RecordingToken")?.text ?? "recording-\(facts.recordings.count + 1)")
            if item.descendants("TrackType").contains(where: { $0.text == "Audio" }) { facts.recordingsWithAudio += 1 }
            if let retention = item.descendants("MaximumRetentionTime").first?.text,
               let seconds = RetentionDuration(parsing: retention)?.totalSeconds {
                if seconds == 0 {
                    facts.recordingsWithoutLimit += 1
                } else {
                    facts.maximumRetentionSeconds = max(facts.maximumRetentionSeconds ?? 0, seconds)
                }
            }
        }
    }

    /// A module or rule is off when any of its `…Enable` items says false (`Enable`,
    /// `FieldEnable`, `LineEnable`); `DynamicModeEnable` and the like are options, not switches.
    static func isEnabled(_ element: XMLElement) -> Bool {
        let switches = element.descendants("SimpleItem").filter {
            guard let name = $0.attributes["Name"] else { return false }
            return name == "Enable" || name == "Enabled" || name == "FieldEnable" || name == "LineEnable" || name == "RuleEnable"
        }
        return !switches.contains { ($0.attributes["Value"] ?? "").lowercased() == "false" }
    }

    static func kind(of type: String) -> FeatureKind? {
        let t = type.lowercased()
        if t.contains("face") { return t.contains("recogn") || t.contains("match") ? .faceRecognition : .faceDetection }
        if t.contains("plate") || t.contains("anpr") || t.contains("lpr") { return .lpr }
        if t.contains("line") || t.contains("tripwire") || t.contains("crossing") { return .lineCrossing }
        if t.contains("field") || t.contains("intrusion") || t.contains("region") { return .intrusion }
        if t.contains("count") { return .counting }
        if t.contains("loiter") || t.contains("dwell") { return .dwell }
        if t.contains("crowd") || t.contains("density") { return .density }
        if t.contains("audio") || t.contains("sound") { return .audio }
        return nil   // motion, tamper, focus, scene change: device health, not analytics on people
    }
}

import Foundation
