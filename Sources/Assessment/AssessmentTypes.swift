import Foundation
@_exported import Rules
import DeploymentModel

// The values an assessment produces (CONTRACTS §4). `Severity`, `Language`, `LocalizedText`
// and `LegalReference` come from `Rules` and are re-exported, so `import Assessment` is enough.

/// One breach of one rule by one subject of the model.
public struct Finding: Codable, Sendable {
    public var ruleId: String
    public var pack: String
    /// Law or the vendor's charter: they make two separate verdicts.
    public var kind: RuleKind = .law
    public var severity: Severity
    public var title: LocalizedText
    public var message: LocalizedText
    public var remediation: LocalizedText
    public var refs: [LegalReference]
    /// YAML path of the subject: `cameras[12]`, `features[3]`, `deployment`.
    public var subjectPath: String
    /// The subject's `id` (or `name`) when it has one: `cam-012`.
    public var subjectId: String?
    /// Where the subject is written in the deployment file, when known.
    public var position: SourcePosition?
    public var waiver: WaiverState

    /// True unless a waiver in force suppresses it.
    public var isOpen: Bool {
        if case .waived = waiver { return false }
        return true
    }
}

/// Whether a waiver covers a finding.
public enum WaiverState: Codable, Sendable, Equatable {
    case none
    case waived(approver: String, expires: String, justification: String)
    /// The waiver ran out: the finding is open again.
    case expired(approver: String, expired: String)
}

public enum Verdict: String, Codable, Sendable {
    case compliant
    case compliantWithReservations = "compliant-with-reservations"
    case nonCompliant = "non-compliant"
    case vetoed
}

/// One WP248 criterion or Art. 35(3) case, met or not, with the facts of the model that decide it.
public struct CriterionResult: Codable, Sendable {
    public var id: String
    public var title: LocalizedText
    public var met: Bool
    public var reason: LocalizedText
}

/// Is a DPIA required (GDPR Art. 35, WP248 rev.01)?
public struct ThresholdAnalysis: Codable, Sendable {
    public var criteria: [CriterionResult]
    public var article35_3: [CriterionResult]
    public var dpiaRequired: Bool
    public var reason: LocalizedText
    /// The assessment the law in play calls for (GDPR DPIA, Directive 2016/680 Art. 27
    /// DPIA, Québec EFVP, PIPEDA PIA as good practice); nil when packs were forced.
    public var assessmentName: LocalizedText? = nil
    /// The regime's own answer to "prior consultation of the authority?" (`regimes.yaml`,
    /// `impact_assessment.prior_consultation`); nil under the GDPR (Art. 36 applies).
    public var priorConsultation: LocalizedText? = nil

    /// Ids of the WP248 criteria met, as rules see them in `derived.wp248_criteria`.
    public var metCriteria: [String] { criteria.filter(\.met).map(\.id) }
}

/// A feared event scored on the CNIL 4-level scales, before and after the measures in place.
public struct RiskAssessment: Codable, Sendable {
    public var id: String
    public var title: LocalizedText
    public var inherentSeverity: Int
    public var inherentLikelihood: Int
    public var residualSeverity: Int
    public var residualLikelihood: Int
    /// Measures of the model that lower this risk.
    public var measures: [String]
    /// The author's justification when the model's `risks:` overrides the computed scores.
    public var overridden: String?

    /// CNIL risk map: both residual scores at 3 or more ("important" or "maximal").
    public var isHighResidual: Bool { residualSeverity >= 3 && residualLikelihood >= 3 }
}

/// One row of the action plan.
public struct ActionItem: Codable, Sendable {
    public var ruleId: String?
    public var action: LocalizedText
    public var owner: String
    /// `YYYY-MM-DD`.
    public var due: String
    /// `open`, `waived`, `waiver-expired`.
    public var status: String
    public var severity: Severity
}

public struct AssessmentResult: Codable, Sendable {
    public var deploymentId: String
    public var deploymentName: String
    public var modelHash: String
    public var rulesVersion: String
    public var assessedAt: Date
    public var packs: [String]
    /// Sorted: severity descending, then rule id, then subject path.
    public var findings: [Finding]
    public var threshold: ThresholdAnalysis
    public var risks: [RiskAssessment]
    /// The legal verdict, from law findings only (never `vetoed`).
    public var legalVerdict: Verdict
    /// The vendor charter's verdict, from charter findings and the ethics register.
    public var charterVerdict: Verdict
    public var actionPlan: [ActionItem]
    /// Rules left out because their obligation was not in force on the assessed day
    /// (`applies_from` / `applies_until`); nil in results recorded before rules had dates.
    public var rulesNotInForce: [RuleNotInForce]?
    /// The law each purpose is judged under, with its one-line reason (empty under `--packs`
    /// when the deployment could not be routed).
    public var routes: [PurposeRoute] = []
    /// Pack → law or charter.
    public var packKinds: [String: RuleKind] = [:]

    /// The legal verdict (what history records and `diff` compares); the charter's is apart.
    public var verdict: Verdict { legalVerdict }

    /// Open findings (not suppressed by a waiver in force).
    public var openFindings: [Finding] { findings.filter(\.isOpen) }
}

/// An ethics-committee opinion on a feature (by id) or on a kind of feature.
public struct CommitteeOpinion: Codable, Sendable {
    public var id: String
    public var feature: String?
    public var featureKind: String?
    /// `favourable`, `favourable-with-reservations` or `unfavourable`.
    public var decision: String
    public var reservations: [String]
    public var reviewBy: String?

    public init(id: String, feature: String? = nil, featureKind: String? = nil, decision: String,
                reservations: [String] = [], reviewBy: String? = nil) {
        self.id = id
        self.feature = feature
        self.featureKind = featureKind
        self.decision = decision
        self.reservations = reservations
        self.reviewBy = reviewBy
    }
}

/// The latest engine verification for the deployment, from the store.
public struct VerificationSummary: Codable, Sendable {
    public var engine: String
    public var engineVersion: String
    public var passed: Bool
    public var date: Date
    public var attestationId: String
    /// The attestation's recorded identity is the engine the deployment declares (see
    /// `EngineIdentity.matches`); false when unknown.
    public var identityMatches = false

    public init(engine: String, engineVersion: String, passed: Bool, date: Date, attestationId: String, identityMatches: Bool = false) {
        self.identityMatches = identityMatches
        self.engine = engine
        self.engineVersion = engineVersion
        self.passed = passed
        self.date = date
        self.attestationId = attestationId
    }
}

/// What an assessment knows beyond the model: the clock, the ethics register, the last
/// verification and the last signed model hash. The CLI fills it from the store.
public struct AssessmentContext: Sendable {
    public var now: Date
    public var committee: [CommitteeOpinion]
    public var verification: VerificationSummary?
    public var signedModelHash: String?

    public init(now: Date = Date(), committee: [CommitteeOpinion] = [], verification: VerificationSummary? = nil,
                signedModelHash: String? = nil) {
        self.now = now
        self.committee = committee
        self.verification = verification
        self.signedModelHash = signedModelHash
    }
}
