/// The deployment model: what a DPO writes by hand, one YAML file per deployment
/// (`apiVersion: silhouette/v1`). Swift property names are camelCase; YAML keys are the
/// snake_case spelling of the same name (`legalBasis` ↔ `legal_basis`), which is also what
/// rule expressions see. Every list element is addressed by a subject path such as
/// `cameras[12]`, which `SourceMap` turns back into file:line:col.
public struct DeploymentDocument: Codable, Sendable, Equatable {
    public var apiVersion: String
    public var deployment: Deployment
    public var purposes: [Purpose]
    public var features: [Feature]
    /// Inline cameras, plus those loaded from `camerasFile` (appended in file order).
    public var cameras: [Camera]
    /// A CSV inventory, relative to the deployment file, for deployments with hundreds of cameras.
    public var camerasFile: String?
    /// Places where data lives or is processed: edge boxes, the VMS, a cloud bucket. Data
    /// flows connect cameras, systems and recipients by id.
    public var systems: [System]
    public var retention: [RetentionRule]
    public var dataFlows: [DataFlow]
    public var recipients: [Recipient]
    public var security: [SecurityMeasure]
    public var rights: Rights
    public var engine: Engine?
    public var dpia: DPIARecord?
    public var authorisations: [Authorisation]
    public var statistics: StatisticsPolicy?
    /// Author judgements that override computed risk scores, each with a justification.
    public var risks: [RiskOverride]
    /// Accepted deviations from a rule, until they expire.
    public var waivers: [Waiver]
    /// Free-text justifications that rules may require (`long_retention`, `audio`, …).
    public var justifications: [String: String]
    /// v2: how people are informed (signs, letters, contract clauses, consent forms…).
    public var informationChannels: [InformationChannel] = []
    /// v2: the controller's staff, their individual information and their representatives.
    public var workforce: Workforce?
    /// Free texts given per language (`{fr: …, en: …}`): every variant, by path. The string
    /// fields above hold each such text in the model's text language (`FreeText.textLanguage`).
    public var translations: Translations?
}

public struct Deployment: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String?
    /// `EU`, `FR`, `CA`, `CA-QC`, …: selects the rule packs.
    public var jurisdictions: [String]
    public var sector: Sector
    public var publiclyAccessible: Bool
    /// Rough number of people seen per day; feeds the "large scale" criterion.
    public var estimatedDailySubjects: Int?
    public var controller: Controller
    public var processors: [Processor]
    public var startDate: String?
    /// Set when the deployment relies on an experimental legal regime (e.g. `fr-jo-2024`).
    public var legalExperiment: String?
    /// v2: pilot or production, and since when.
    public var lifecycle: Lifecycle?
    /// v2: the language the model's free text is written in (`en`, `fr`): the text rules read
    /// when a free text is given per language.
    public var language: String?
}

public enum Sector: String, Codable, Sendable, CaseIterable {
    case publicAuthority = "public-authority", retail, transport, construction, workplace
    case healthcare, education, hospitality, residential, events, other
}

public struct Controller: Codable, Sendable, Equatable {
    public var name: String
    public var country: String
    public var address: String?
    public var contact: String
    public var dpo: Contact?
    /// PIPEDA 4.1: the person accountable for compliance (may be the DPO).
    public var accountablePerson: Contact?
    public var ethicsCommittee: Bool?
    /// v2: a public authority or body governed by public law; absent: `sector == public-authority`.
    public var publicBody: Bool?
    /// v2: the law that entrusts a (private) body with public authority for offences or a public task.
    public var entrustedByLaw: LegalText?
    /// v2 (Canada): a federal work, undertaking or business (PIPEDA s. 4(1)(b)).
    public var federallyRegulated: Bool = false
    /// v2 (Canada): the province or territory where it operates.
    public var province: Province?
}

public struct Contact: Codable, Sendable, Equatable {
    public var name: String
    public var email: String?
    public var phone: String?
}

public struct Processor: Codable, Sendable, Equatable {
    public var id: String?
    public var name: String
    public var role: ProcessorRole
    public var country: String
    public var contract: ContractState
    public var services: [String]
    public var subprocessors: [String]?
    /// Chapter V mechanism when the processor is outside the EEA.
    public var transferMechanism: String?
    /// v2: the processor reuses the data for its own purposes (GDPR Art. 28(10)).
    public var reusesData: Bool = false
    public var reusePurposes: String?
    /// v2: the Art. 26 arrangement, for a joint controller.
    public var arrangement: JointArrangement?
}

public enum ProcessorRole: String, Codable, Sendable, CaseIterable {
    case processor, subprocessor = "sub-processor", jointController = "joint-controller"
}

public enum ContractState: String, Codable, Sendable, CaseIterable {
    case art28Signed = "art28-signed", pending, none
    /// v2: a written contract outside the GDPR (Québec P-39.1 s. 18.3, PIPEDA Sch. 1 4.1.3).
    case signed
}

public struct Purpose: Codable, Sendable, Equatable {
    public var id: String
    public var description: String
    public var legalBasis: LegalBasis
    public var legalBasisRef: String?
    public var necessity: String
    public var alternativesConsidered: [String]
    public var dataSubjects: [String]
    public var dataCategories: [String]
    public var features: [String]
    public var humanReview: Bool
    public var automatedDecisions: AutomatedDecisions
    /// Statistics only, no operational use (CNIL: output anonymised at once, no image kept).
    public var statisticsOnly: Bool
    public var objection: Objection?
    /// v2: further Art. 6(1) bases relied on for the same purpose.
    public var additionalLegalBases: [LegalBasis] = []
    /// v2: the texts the purpose relies on, structured (instrument, article, in force from/until).
    public var legalTexts: [LegalText] = []
    /// v2: the Art. 9(2) exception relied on for special categories (biometrics).
    public var specialCategoryCondition: SpecialCategoryCondition?
    /// v2: prevention, investigation, detection or prosecution of criminal offences (Directive 2016/680 Art. 1(1)).
    public var lawEnforcement: Bool = false
    /// v2: the purpose monitors the controller's own employees.
    public var employeeMonitoring: Bool = false
}

public enum LegalBasis: String, Codable, Sendable, CaseIterable {
    // GDPR Art. 6(1)(a)–(f)
    case consent, contract, legalObligation = "legal-obligation", vitalInterests = "vital-interests"
    case publicTask = "public-task", legitimateInterests = "legitimate-interests"
    // PIPEDA consent forms (Schedule 1, 4.3)
    case expressConsent = "express-consent", impliedConsent = "implied-consent"
    // v2: Directive (EU) 2016/680 Art. 8(1): a task of a competent authority, based on law.
    case lawEnforcementTask = "law-enforcement-task"
    // v2: Québec, CQLR c P-39.1 s. 4: a serious and legitimate reason to collect.
    case seriousLegitimateReason = "serious-legitimate-reason"
    case none
}

public enum AutomatedDecisions: String, Codable, Sendable, CaseIterable {
    case none, withHumanReview = "with-human-review", solelyAutomated = "solely-automated"
}

/// How the right to object (GDPR Art. 21) is offered, or why it is not.
public struct Objection: Codable, Sendable, Equatable {
    public var offered: Bool
    public var how: String?
    public var reasonNot: String?
    /// v2: the legislative measure restricting the right (GDPR Art. 23), when it is not offered.
    public var restrictedBy: LegalText?
}

public struct Feature: Codable, Sendable, Equatable {
    public var id: String
    public var kind: FeatureKind
    public var description: String?
    public var subjects: [SubjectClass]
    public var outputs: [FeatureOutput]
    public var onDevice: Bool
    /// Follows one chosen individual across the scene (ethics charter: never).
    public var followsIndividual: Bool
    /// v2: the biometric characteristic processed, if any.
    public var biometricModality: BiometricModality?
    /// v2: 1:1 verification, 1:N identification or categorisation.
    public var biometricComparison: BiometricComparison?
}

public enum FeatureKind: String, Codable, Sendable, CaseIterable {
    case counting, lineCrossing = "line-crossing", direction, intrusion, dwell, density
    case abandonedObject = "abandoned-object", fire, smoke, lightsOn = "lights-on"
    case vehicleClass = "vehicle-class", personOnGround = "person-on-ground", weapon
    case crowdMovement = "crowd-movement", illegalDumping = "illegal-dumping", timelapse
    case blur, faceDetection = "face-detection", faceRecognition = "face-recognition"
    case lpr, reid, emotion, attributeEstimation = "attribute-estimation", audio
    case audioTranscription = "audio-transcription", semanticSearch = "semantic-search"
    case generativeDescription = "generative-description", other
}

public enum SubjectClass: String, Codable, Sendable, CaseIterable {
    case person, vehicle, bicycle, object, animal, fire, smoke, licencePlate = "licence-plate", face
}

public enum FeatureOutput: String, Codable, Sendable, CaseIterable {
    case event, count, statistic, snapshot, clip, track, template, alert, image, text
}

public struct Camera: Codable, Sendable, Equatable {
    public var id: String
    public var site: String
    public var zone: CameraZone
    public var location: String?
    public var purposes: [String]
    public var audio: Bool
    public var resolution: String?
    public var ptz: Bool
    /// True when private places (windows, neighbouring properties) are in the field of view.
    public var overlooksPrivateSpace: Bool
    /// True when employees at their workstation are in the field of view.
    public var filmsWorkstations: Bool
    public var privacyMasks: [PrivacyMask]
    public var signage: Signage
    public var analytics: CameraAnalytics?
    /// v2: a covert camera, concealed from the people filmed.
    public var hidden: Bool = false
}

public enum CameraZone: String, Codable, Sendable, CaseIterable {
    case publicRoad = "public-road", publicBuilding = "public-building", publicSpace = "public-space"
    case shopFloor = "shop-floor", entrance, parking, workplace, constructionSite = "construction-site"
    case closedSite = "closed-site", privateHome = "private-home", transport, other
    // v2: sensitive places (CNIL: never filmed, or only with a particular justification).
    case classroom, playground, restArea = "rest-area", toilets, changingRoom = "changing-room"
    case staffRepresentativePremises = "staff-representative-premises", placeOfWorship = "place-of-worship"
    case careArea = "care-area"
}

/// A static region blanked before any analysis; `polygon` in normalised [0,1] image coordinates.
public struct PrivacyMask: Codable, Sendable, Equatable {
    public var id: String
    public var polygon: [Point]?
}

public struct Signage: Codable, Sendable, Equatable {
    public var firstLayer: Bool
    public var placedBeforeEntry: Bool?
    public var secondLayerUrl: String?
    public var secondLayerPlace: String?
}

/// Zones and lines used by the detection engine, in normalised [0,1] image coordinates.
public struct CameraAnalytics: Codable, Sendable, Equatable {
    public var zones: [AnalyticsZone]
    public var lines: [CountingLine]
}

public struct Point: Codable, Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

public struct AnalyticsZone: Codable, Sendable, Equatable {
    public var id: String
    public var polygon: [Point]
}

/// A line crossed "in" when moving to the left of the direction `from → to`.
public struct CountingLine: Codable, Sendable, Equatable {
    public var id: String
    public var from: Point
    public var to: Point
    /// The direction that is wrong-way, if any (`in` or `out`).
    public var wrongWay: String?
}

public struct System: Codable, Sendable, Equatable {
    public var id: String
    public var kind: SystemKind
    /// `controller` or the name/id of a processor.
    public var operatedBy: String
    public var country: String?
    public var holds: [DataCategory]
    public var accessControl: Bool
    public var accessLogging: Bool
    public var encryptedAtRest: Bool
}

public enum SystemKind: String, Codable, Sendable, CaseIterable {
    case edgeDevice = "edge-device", vms, server, cloud, workstation, nvr, storage
}

public enum DataCategory: String, Codable, Sendable, CaseIterable {
    case rawVideo = "raw-video", events, snapshots, clips, statistics, tracks, audio
    case licencePlates = "licence-plates", templates, logs, blurredVideo = "blurred-video", timelapse
}

public struct RetentionRule: Codable, Sendable, Equatable {
    public var data: DataCategory
    public var duration: RetentionDuration
    public var `where`: String?
    public var anonymised: Bool
    public var justification: String?
    /// Who may see it (e.g. `authenticated-users`), for non-anonymised images.
    public var access: String?
    /// v2: the purposes this retention entry serves (empty: all).
    public var purposes: [String] = []
    /// v2: kept while an event lasts (a legal hold), not for a fixed period only.
    public var untilEvent: RetentionEvent?
}

public struct DataFlow: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    public var data: DataCategory
    public var encrypted: Bool
    public var country: String?
    public var transferMechanism: String?
    /// v2: the purposes this flow serves (empty: all).
    public var purposes: [String] = []
}

public struct Recipient: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: RecipientKind
    public var data: [DataCategory]
    public var country: String?
    /// v2: the purposes for which it receives data (empty: all).
    public var purposes: [String] = []
}

public enum RecipientKind: String, Codable, Sendable, CaseIterable {
    case internalStaff = "internal", processor, authority, thirdParty = "third-party", publicAudience = "public"
}

public enum SecurityMeasure: String, Codable, Sendable, CaseIterable {
    case accessControl = "access-control", encryptionInTransit = "encryption-in-transit"
    case encryptionAtRest = "encryption-at-rest", auditLogging = "audit-logging"
    case pseudonymisation, anonymisation, privacyMasks = "privacy-masks", onDeviceProcessing = "on-device-processing"
    case dataMinimisationByDefault = "data-minimisation-by-default", staffTraining = "staff-training"
    case physicalSecurity = "physical-security", backup, incidentResponse = "incident-response"
    case penetrationTesting = "penetration-testing", networkSegmentation = "network-segmentation"
}

public struct Rights: Codable, Sendable, Equatable {
    public var information: String?
    public var access: String?
    /// Third parties in footage are redacted before access is given.
    public var accessRedaction: Bool
    public var objection: String?
    public var erasure: String?
    public var rectification: String?
    public var complaint: String?
}

/// The analytics engine: the built-in one or a vendor command following the engine contract.
public struct Engine: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var command: String?
    public var manifest: String?
    /// The vendor engine's identity, `sha256:<hex>` as `silhouette verify` reports it (over the
    /// program and the script/model files its command names); BIO-007 matches it.
    public var digest: String?

    public init(name: String, version: String, command: String? = nil, manifest: String? = nil, digest: String? = nil) {
        self.name = name; self.version = version; self.command = command; self.manifest = manifest; self.digest = digest
    }
}

public struct DPIARecord: Codable, Sendable, Equatable {
    public var reference: String?
    public var date: String?
    public var lastReview: String?
    public var dpoAdvice: DPOAdvice?
    public var dataSubjectViews: DataSubjectViews?
    /// Art. 36 prior consultation of the supervisory authority, when done.
    public var priorConsultation: String?
    /// v2: GDPR DPIA, police-directive DPIA, Québec EFVP or a PIPEDA PIA (good practice).
    public var kind: DPIAKind?
    /// v2: the Art. 35(7)(a)–(d) parts the document contains.
    public var parts: [DPIAPart] = []
    /// v2: date of the next planned review.
    public var nextReview: String?
}

public struct DPOAdvice: Codable, Sendable, Equatable {
    public var date: String
    public var summary: String
}

public struct DataSubjectViews: Codable, Sendable, Equatable {
    public var sought: Bool
    public var how: String?
    public var reasonNot: String?
}

public struct Authorisation: Codable, Sendable, Equatable {
    /// `prefectoral`, `cai-disclosure`, `cnil`, …
    public var kind: String
    public var reference: String
    public var date: String?
    public var expires: String?
}

/// How statistics that leave the system are aggregated.
public struct StatisticsPolicy: Codable, Sendable, Equatable {
    public var published: Bool
    public var minGroupSize: Int?
}

public struct RiskOverride: Codable, Sendable, Equatable {
    public var risk: String
    public var severity: Int?
    public var likelihood: Int?
    public var residualSeverity: Int?
    public var residualLikelihood: Int?
    public var justification: String
}

public struct Waiver: Codable, Sendable, Equatable {
    public var rule: String
    /// A subject path (`cameras[3]`, `features[face-blur]`); absent means the whole deployment.
    public var subject: String?
    public var justification: String
    public var approver: String
    public var expires: String
}
