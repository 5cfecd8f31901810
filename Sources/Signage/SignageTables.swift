import Foundation
import DeploymentModel
import Rules
import Yams

/// The signage tables beside the rules (`signage/requirements.yaml`, `signage/<lang>.yaml`):
/// which elements each regime requires and what triggers them, and every text of a sign in
/// each language. Law and wording are data; the Swift code only composes them.
public struct SignageTables: Sendable {
    public var requirements: SignageRequirements
    public var labels: [Language: SignageLabels]
    /// Where the tables were read from (the notice stylesheet is there too).
    public var directory: String

    public func labels(_ language: Language) -> SignageLabels {
        labels[language] ?? labels[.en]!
    }

    /// Biggest table file read (the tables are a few kilobytes; anything larger is not ours).
    static let maximumFileSize = 512 * 1024

    /// Loads every table from `directory` (the `signage/` root).
    public static func load(directory: String) throws(SignageError) -> SignageTables {
        let requirements: SignageRequirements = try decode(directory + "/requirements.yaml")
        var labels: [Language: SignageLabels] = [:]
        for language in Language.allCases {
            labels[language] = try decode(directory + "/\(language.rawValue).yaml")
        }
        return SignageTables(requirements: requirements, labels: labels, directory: directory)
    }

    /// Finds the tables: `$SILHOUETTE_SIGNAGE_DIR`, else a `signage/` directory beside the
    /// package that holds the running executable (as the report templates are found).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SignageError) -> String {
        switch ProjectDataDirectory.locate("signage", marker: "requirements.yaml", environmentKey: "SILHOUETTE_SIGNAGE_DIR", environment: environment) {
        case .found(let directory): return directory
        case .notFound(let searched): throw .tablesNotFound(searched: searched)
        }
    }

    static func decode<T: Decodable>(_ path: String) throws(SignageError) -> T {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let data = FileManager.default.contents(atPath: path) else {
            throw .tableUnreadable(path: path, reason: "cannot read the file")
        }
        if let size = attributes[.size] as? Int, size > maximumFileSize {
            throw .tableUnreadable(path: path, reason: "larger than \(maximumFileSize) bytes")
        }
        do {
            return try YAMLDecoder().decode(T.self, from: String(decoding: data, as: UTF8.self))
        } catch {
            throw .tableUnreadable(path: path, reason: "\(error)")
        }
    }
}

public struct TableReference: Codable, Sendable, Hashable {
    public var law: String
    public var article: String
    public var note: String?
    public var uncertain: Bool?
}

public struct SignageRequirements: Codable, Sendable {
    public struct Regime: Codable, Sendable {
        public var when: String
        public var elements: [SignElementKind]
        public var refs: [TableReference]
    }
    public struct AnalysesPeople: Codable, Sendable {
        public var kinds: [String]
        public var subjects: [String]
    }
    public struct AIActTransparency: Codable, Sendable {
        public var appliesFrom: String
        public var emotionKinds: [String]
        public var categorisationKinds: [String]
        public var categorisationSubjects: [String]
        public var refs: [TableReference]
        enum CodingKeys: String, CodingKey {
            case refs, appliesFrom = "applies_from", emotionKinds = "emotion_kinds"
            case categorisationKinds = "categorisation_kinds", categorisationSubjects = "categorisation_subjects"
        }
    }
    public struct Prohibition: Codable, Sendable {
        public var rule: String
        public var kinds: [String]
        public var sectors: [String]
        public var zones: [String]
        public var filmsWorkstations: Bool
        public var appliesFrom: String
        public var exemptionJustification: String?
        public var refs: [TableReference]
        enum CodingKeys: String, CodingKey {
            case rule, kinds, sectors, zones, refs, filmsWorkstations = "films_workstations", appliesFrom = "applies_from"
            case exemptionJustification = "exemption_justification"
        }
    }
    public struct CSI: Codable, Sendable {
        public var jurisdiction: String
        public var publicZones: [String]
        public var openToPublicZones: [String]
        public var refs: [TableReference]
        enum CodingKeys: String, CodingKey {
            case jurisdiction, refs, publicZones = "public_zones", openToPublicZones = "open_to_public_zones"
        }
    }
    public struct QCTechnology: Codable, Sendable {
        public var identify: [String]
        public var locate: [String]
        public var profile: [String]
        public var locatingOutputs: [String]
        enum CodingKeys: String, CodingKey { case identify, locate, profile, locatingOutputs = "locating_outputs" }
    }
    public struct Workplace: Codable, Sendable {
        public var zones: [String]
        public var sectors: [String]
    }
    public struct Authorities: Codable, Sendable {
        public var gdpr: [String: String]
        public var qc: String
        public var pipeda: String
    }

    public struct NoticeItem: Codable, Sendable {
        public var id: String
        /// The article, written as each language cites it.
        public var ref: [String: String]
        public var uncertain: Bool?
        public var note: String?
    }

    public var regimes: [String: Regime]
    public var noticeItems: [String: [NoticeItem]]
    public var analysesPeople: AnalysesPeople
    public var aiActArt503: AIActTransparency
    public var prohibited: [Prohibition]
    public var csi: CSI
    public var qcTechnology: QCTechnology
    public var impactOrder: [String]
    public var impactOutputs: [String]
    public var imageCategories: [String]
    public var outputCategories: [String: [String]]
    public var workplace: Workplace
    public var authorities: Authorities

    enum CodingKeys: String, CodingKey {
        case regimes, prohibited, csi, workplace, authorities
        case analysesPeople = "analyses_people", aiActArt503 = "ai_act_art50_3", qcTechnology = "qc_technology"
        case noticeItems = "notice_items"
        case impactOrder = "impact_order", impactOutputs = "impact_outputs", imageCategories = "image_categories", outputCategories = "output_categories"
    }
}
