import Foundation

/// Everything a rule sees besides the model itself (CONTRACTS §3: `now`, `derived`,
/// `ethics`, `verification`). The Assessment module computes it; rule examples write it.
public struct RuleFacts: Sendable {
    public var now: Date
    public var derived: DerivedFacts
    public var ethics: [EthicsOpinionFact]
    public var verification: VerificationFact
    /// Law pack → the purposes routed to it: a pack in this map judges only the subjects
    /// that serve one of them (a camera, retention entry, flow or recipient linked to no
    /// purpose serves them all). nil, or a pack absent from the map: every subject.
    public var purposesByPack: [String: Set<String>]? = nil

    public init(now: Date, derived: DerivedFacts, ethics: [EthicsOpinionFact] = [], verification: VerificationFact = .none) {
        self.now = now
        self.derived = derived
        self.ethics = ethics
        self.verification = verification
    }
}

/// Facts computed from the model before rules run (`derived.*`).
public struct DerivedFacts: Sendable {
    public var cameraCount: Int
    public var largeScale: Bool
    public var systematicMonitoring: Bool
    public var specialCategories: Bool
    /// Ids of the WP248 criteria met.
    public var wp248Criteria: [String]
    public var modelHash: String
    public var highResidualRisk: Bool
    /// "" when the model was never signed.
    public var signedModelHash: String
    /// Ids of the GDPR Art. 35(3) cases met (`art35-3-a`, `art35-3-b`, `art35-3-c`), as the
    /// threshold analysis decides them (public zones count, not only `publicly_accessible`).
    public var art35_3Cases: [String]
    /// Regimes in play (`gdpr`, `led`, `qc`, `pipeda`), from the routing table.
    public var regimes: [String] = []
    /// Purpose id → its regimes.
    public var purposeRegimes: [String: [String]] = [:]
    /// The controller is a public authority (`controller.public_body`, else the sector).
    public var publicBody: Bool = false
    /// A public body or a body entrusted by law (Directive 2016/680 Art. 3(7)).
    public var competentAuthority: Bool = false
    /// Canadian province of the controller, or "".
    public var province: String = ""

    public init(cameraCount: Int = 0, largeScale: Bool = false, systematicMonitoring: Bool = false,
                specialCategories: Bool = false, wp248Criteria: [String] = [], modelHash: String = "",
                highResidualRisk: Bool = false, signedModelHash: String = "", art35_3Cases: [String] = []) {
        self.cameraCount = cameraCount
        self.largeScale = largeScale
        self.systematicMonitoring = systematicMonitoring
        self.specialCategories = specialCategories
        self.wp248Criteria = wp248Criteria
        self.modelHash = modelHash
        self.highResidualRisk = highResidualRisk
        self.signedModelHash = signedModelHash
        self.art35_3Cases = art35_3Cases
    }
}

/// One ethics-committee opinion as rules see it (`ethics.opinions[i]`).
public struct EthicsOpinionFact: Sendable {
    public var id: String
    /// "" when the opinion is on a kind of feature.
    public var feature: String
    /// "" when the opinion is on one feature.
    public var featureKind: String
    public var decision: String
    public var reservations: [String]
    /// `YYYY-MM-DD` or "".
    public var reviewBy: String

    public init(id: String, feature: String, featureKind: String, decision: String, reservations: [String], reviewBy: String) {
        self.id = id
        self.feature = feature
        self.featureKind = featureKind
        self.decision = decision
        self.reservations = reservations
        self.reviewBy = reviewBy
    }
}

/// The latest verification of the engine (`verification.*`).
public struct VerificationFact: Sendable {
    public var exists: Bool
    public var passed: Bool
    public var engine: String
    public var engineVersion: String
    public var ageDays: Int
    /// The identity recorded in the attestation (command, digests) is the declared engine's.
    public var identityMatches: Bool

    public init(exists: Bool, passed: Bool, engine: String, engineVersion: String, ageDays: Int, identityMatches: Bool = false) {
        self.exists = exists
        self.passed = passed
        self.engine = engine
        self.engineVersion = engineVersion
        self.ageDays = ageDays
        self.identityMatches = identityMatches
    }

    public static let none = VerificationFact(exists: false, passed: false, engine: "", engineVersion: "", ageDays: 0)
}

/// One subject that breaks one rule.
public struct RuleViolation: Sendable {
    public var rule: Rule
    /// `cameras[12]`, `deployment.processors[0]`, `deployment`.
    public var subjectPath: String
    /// The subject's `id` (or `name`), when it has one.
    public var subjectId: String?
    /// The rule's message with its placeholders filled in.
    public var message: LocalizedText
}
