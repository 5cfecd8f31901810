/// Model language v2: the facts regulators rule on that model v1 could not state. Every
/// field here is optional, or defaults to empty/false without entering the canonical form
/// (`SchemaField.v2`), so a v1 model loads unchanged and keeps its `modelHash`.

/// A structured legal reference: which text, which article, in force when.
public struct LegalText: Codable, Sendable, Equatable {
    /// `GDPR`, `Directive (EU) 2016/680`, `loi n° 2023-380`, `CQLR c P-39.1`, `CSI`…
    public var instrument: String
    public var article: String?
    public var title: String?
    public var inForceFrom: String?
    public var inForceUntil: String?
    public var url: String?
}

/// Canadian provinces and territories (ISO 3166-2:CA without the `CA-` prefix).
public enum Province: String, Codable, Sendable, CaseIterable {
    case ab = "AB", bc = "BC", mb = "MB", nb = "NB", nl = "NL", ns = "NS", nt = "NT", nu = "NU"
    case on = "ON", pe = "PE", qc = "QC", sk = "SK", yt = "YT"
}

/// Where the deployment stands in its life: a pilot is judged like production.
public struct Lifecycle: Codable, Sendable, Equatable {
    public var phase: LifecyclePhase
    public var since: String?
    public var until: String?
}

public enum LifecyclePhase: String, Codable, Sendable, CaseIterable {
    case planned, pilot, production, suspended, decommissioned
}

/// GDPR Art. 9(2) exceptions to the ban on processing special categories.
public enum SpecialCategoryException: String, Codable, Sendable, CaseIterable {
    case a = "9(2)(a)", b = "9(2)(b)", c = "9(2)(c)", d = "9(2)(d)", e = "9(2)(e)"
    case f = "9(2)(f)", g = "9(2)(g)", h = "9(2)(h)", i = "9(2)(i)", j = "9(2)(j)"
}

/// The Art. 9(2) exception a purpose relies on, with its condition and the law it needs.
public struct SpecialCategoryCondition: Codable, Sendable, Equatable {
    public var exception: SpecialCategoryException
    /// How the condition is met (e.g. "explicit consent collected on the enrolment form").
    public var condition: String
    /// The Union or member-state law required by (b), (g), (h), (i), (j).
    public var law: LegalText?
}

public enum BiometricModality: String, Codable, Sendable, CaseIterable {
    case face, fingerprint, iris, gait, voice, palmVein = "palm-vein", handGeometry = "hand-geometry"
    case keystroke, other
}

/// 1:1 verification (is this the claimed person?) versus 1:N identification (who is this?).
public enum BiometricComparison: String, Codable, Sendable, CaseIterable {
    case verification = "one-to-one", identification = "one-to-many", categorisation
}

/// Retention tied to an event rather than a fixed period (a legal hold).
public struct RetentionEvent: Codable, Sendable, Equatable {
    /// "while the court order is in force", "until the insurance claim is settled".
    public var event: String
    public var reference: LegalText?
}

/// The Art. 26 arrangement between joint controllers.
public struct JointArrangement: Codable, Sendable, Equatable {
    public var reference: String
    public var date: String?
    /// Its essence is made available to data subjects (Art. 26(2)).
    public var essenceAvailable: Bool
}

public enum DPIAKind: String, Codable, Sendable, CaseIterable {
    /// GDPR Art. 35.
    case gdpr = "gdpr-dpia"
    /// Directive (EU) 2016/680 Art. 27 (loi 78-17 art. 90 in France).
    case led = "led-dpia"
    /// Québec: évaluation des facteurs relatifs à la vie privée, CQLR c P-39.1 s. 3.3.
    case efvp = "qc-efvp"
    /// PIPEDA: no statutory PIA; OPC good practice.
    case pia = "pia"
}

/// The four parts of GDPR Art. 35(7).
public enum DPIAPart: String, Codable, Sendable, CaseIterable {
    case description, necessity, risks, measures
}

/// How people are told about the processing: a sign, a letter, a contract clause…
public struct InformationChannel: Codable, Sendable, Equatable {
    public var id: String
    public var kind: ChannelKind
    /// What the channel actually says.
    public var states: [InformationItem]
    public var cameras: [String]
    public var purposes: [String]
    public var audience: [String]
    public var date: String?
    public var url: String?
    /// A sign version recorded in the store (`silhouette signage`), e.g. `SIGN-3`.
    public var signVersion: String?
}

public enum ChannelKind: String, Codable, Sendable, CaseIterable {
    case sign, letter, contractClause = "contract-clause", consentForm = "consent-form", intranet, website
    case noticeBoard = "notice-board", email, meeting, handbook, other
}

/// Items of information a channel states (GDPR Art. 13, EDPB 3/2019 §114–117, P-39.1 s. 8).
public enum InformationItem: String, Codable, Sendable, CaseIterable {
    case controllerIdentity = "controller-identity", purposes, legalBasis = "legal-basis"
    case legitimateInterests = "legitimate-interests", retention, recipients, transfers, rights
    case dpoContact = "dpo-contact", complaintAuthority = "complaint-authority"
    case secondLayer = "second-layer", algorithmicAnalysis = "algorithmic-analysis"
    case automatedDecisions = "automated-decisions", biometricProcessing = "biometric-processing"
    case identificationFunctions = "identification-functions", outsideJurisdiction = "outside-jurisdiction"
}

/// The controller's staff: individual information and consultation of their representatives.
public struct Workforce: Codable, Sendable, Equatable {
    public var headcount: Int?
    /// Employees were individually informed before the cameras were used (C. trav. L1222-4).
    public var individuallyInformedOn: String?
    /// Ids of the information channels used to inform them.
    public var informationChannels: [String]
    public var staffCouncil: StaffCouncil?
}

/// A staff-representative body (CSE in France) and its consultation (C. trav. L2312-38).
public struct StaffCouncil: Codable, Sendable, Equatable {
    public var name: String
    public var informedOn: String?
    public var consultedOn: String?
    public var opinion: String?
}
