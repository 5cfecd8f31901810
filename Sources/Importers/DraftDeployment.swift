import DeploymentModel

/// What an importer found in a configuration, before it is written as a deployment model.
/// It holds only facts a configuration can know; everything else (purposes, legal basis,
/// signage, the controller) is written as a `TODO` by `DraftWriter`.
public struct DraftDeployment: Sendable, Equatable {
    public var id: String
    public var name: String
    /// "Frigate configuration config.yml (targets 0.17)", shown in the draft's header.
    public var source: String
    public var cameras: [DraftCamera] = []
    public var features: [DraftFeature] = []
    public var retention: [DraftRetention] = []
    public var systems: [DraftSystem] = []
    public var flows: [DraftFlow] = []
    public var security: [SecurityMeasure] = []
    /// The analytics engine the configuration runs (`frigate`, `onvif-device-analytics`).
    public var engineName: String
    public var engineVersion: String
    /// Human-readable facts for the import summary (stderr), one per line.
    public var facts: [String] = []
    /// Things the importer had to interpret or repair, also printed in the summary.
    public var warnings: [String] = []

    public init(id: String, name: String, source: String, engineName: String, engineVersion: String) {
        self.id = id
        self.name = name
        self.source = source
        self.engineName = engineName
        self.engineVersion = engineVersion
    }
}

public struct DraftCamera: Sendable, Equatable {
    public var id: String
    public var audio: Bool
    public var resolution: String?
    public var ptz: Bool
    /// Feature ids enabled on this camera, for the comment next to it.
    public var features: [String]
    public var comment: String?

    public init(id: String, audio: Bool = false, resolution: String? = nil, ptz: Bool = false,
                features: [String] = [], comment: String? = nil) {
        self.id = id
        self.audio = audio
        self.resolution = resolution
        self.ptz = ptz
        self.features = features
        self.comment = comment
    }
}

public struct DraftFeature: Sendable, Equatable {
    public var id: String
    public var kind: FeatureKind
    public var description: String
    public var subjects: [SubjectClass]
    public var outputs: [FeatureOutput]
    public var onDevice: Bool
    public var followsIndividual: Bool = false
    /// Model v2: the biometric characteristic and comparison, when the configuration says.
    public var biometricModality: BiometricModality? = nil
    public var biometricComparison: BiometricComparison? = nil
}

public struct DraftRetention: Sendable, Equatable {
    public var data: DataCategory
    public var duration: RetentionDuration
    public var location: String
    public var note: String
}

public struct DraftSystem: Sendable, Equatable {
    public var id: String
    public var kind: SystemKind
    public var holds: [DataCategory]
    public var accessControl: Bool
    public var note: String
    public var country: String? = nil
}

public struct DraftFlow: Sendable, Equatable {
    public var from: String
    public var to: String
    public var data: DataCategory
    public var encrypted: Bool
}

extension DraftDeployment {
    /// Adds a feature unless one with the same id exists; returns its id.
    @discardableResult
    mutating func addFeature(_ feature: DraftFeature) -> String {
        if !features.contains(where: { $0.id == feature.id }) { features.append(feature) }
        return feature.id
    }

    /// Turns any configuration name into a model id: lower case, `[a-z0-9._-]`, unique.
    static func identifier(_ raw: String, avoiding taken: Set<String>) -> String {
        var id = String(raw.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "-" })
        while id.hasPrefix("-") || id.hasPrefix(".") { id.removeFirst() }
        if id.isEmpty { id = "camera" }
        var candidate = id
        var counter = 2
        while taken.contains(candidate) { candidate = "\(id)-\(counter)"; counter += 1 }
        return candidate
    }
}
