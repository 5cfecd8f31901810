import Crypto
import Foundation

/// The parts of a first-layer sign (EDPB Guidelines 3/2019 §§ 111–116 and their Québec,
/// PIPEDA, French video-protection and AI Act counterparts).
public enum SignElementKind: String, Codable, Sendable, CaseIterable {
    case pictogram, controller, purposes
    case algorithmicAnalysis = "algorithmic_analysis", mostImpactful = "most_impactful"
    case retention, rights, contact
    case secondLayer = "second_layer", csiPanonceau = "csi_panonceau"
    case aiActNotice = "ai_act_notice", qcTechnology = "qc_technology"
}

/// The law a sign answers to (today from the jurisdictions; the routing per purpose of the
/// applicable-law work will refine it).
public enum SignRegime: String, Codable, Sendable, CaseIterable {
    case gdpr, qc, pipeda
}

/// One statement on a sign. `fact` is the language-independent content ("purpose:wrong-way",
/// "retention:clips:2592000"): the transparency check compares facts, never wording, so a
/// French and an English sign of the same model carry the same facts.
public struct SignItem: Codable, Sendable, Hashable {
    public var fact: String
    public var text: String
}

public struct SignElement: Codable, Sendable, Hashable {
    public var kind: SignElementKind
    public var heading: String
    public var items: [SignItem]
}

/// What one sign says, for a group of cameras whose sign would say the same thing.
public struct FirstLayerSign: Codable, Sendable, Hashable {
    /// `sign-01-<purposes>`: stable for a given model, used as the file name.
    public var name: String
    public var deploymentId: String
    public var language: String
    public var regime: SignRegime
    public var title: String
    public var cameras: [String]
    public var sites: [String]
    public var purposes: [String]
    public var elements: [SignElement]
    /// The URL encoded in the QR code, when the second layer is online.
    public var secondLayerURL: String?

    public func element(_ kind: SignElementKind) -> SignElement? { elements.first { $0.kind == kind } }

    /// Every fact on the sign, per element.
    public var facts: Set<String> { Set(elements.flatMap { $0.items.map(\.fact) }) }

    /// Canonical JSON of the content (sorted keys): what the store records and hashes.
    public var canonicalJSON: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// `sha256:<hex>` of `canonicalJSON`.
    public var contentHash: String {
        "sha256:" + SHA256.hash(data: canonicalJSON).map { String(format: "%02x", $0) }.joined()
    }
}
