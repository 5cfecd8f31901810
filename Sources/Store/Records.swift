import Foundation

/// Finding counts kept beside an assessment so `history` can show a summary without decoding
/// the findings JSON.
public struct FindingCounts: Sendable, Hashable, Codable {
    public var critical: Int, high: Int, medium: Int, low: Int, info: Int
    /// Findings covered by a valid waiver (counted in their severity too).
    public var waived: Int

    public init(critical: Int = 0, high: Int = 0, medium: Int = 0, low: Int = 0, info: Int = 0, waived: Int = 0) {
        (self.critical, self.high, self.medium, self.low, self.info, self.waived) = (critical, high, medium, low, info, waived)
    }

    public var total: Int { critical + high + medium + low + info }
}

/// One recorded `assess` run. The store does not know the Assessment module's types (the module
/// graph stays acyclic): the CLI encodes findings and the model as JSON and the verdict as its
/// raw value (`compliant`, `compliant-with-reservations`, `non-compliant`, `vetoed`).
public struct StoredAssessment: Sendable, Hashable {
    /// `A-<n>`, assigned by the store when recorded.
    public var id: String
    public var deploymentId: String
    public var deploymentName: String
    /// `"sha256:<hex>"` of the canonical model JSON.
    public var modelHash: String
    public var rulesVersion: String
    public var verdict: String
    public var assessedAt: Date
    /// JSON array of findings (`ruleId`, `subjectPath`, `severity`, … as the Assessment module encodes them).
    public var findingsJSON: Data
    /// Canonical JSON of the deployment model that was assessed (for `diff`).
    public var modelJSON: Data
    public var counts: FindingCounts
    /// The organisation the record belongs to (`--org`; empty: the store's default one).
    public var org: String = ""

    public init(id: String = "", deploymentId: String, deploymentName: String, modelHash: String, rulesVersion: String,
                verdict: String, assessedAt: Date, findingsJSON: Data, modelJSON: Data, counts: FindingCounts) {
        self.id = id; self.deploymentId = deploymentId; self.deploymentName = deploymentName
        self.modelHash = modelHash; self.rulesVersion = rulesVersion; self.verdict = verdict
        self.assessedAt = assessedAt; self.findingsJSON = findingsJSON; self.modelJSON = modelJSON; self.counts = counts
    }
}

/// One run of `silhouette verify`: the engine checked for biometric leakage, and the attestation
/// (engine, clip hashes, checks, verdict) as the Verification module encodes it.
public struct StoredVerification: Sendable, Hashable {
    /// `V-<n>`, assigned by the store when recorded.
    public var id: String
    public var deploymentId: String
    public var engine: String
    public var engineVersion: String
    public var passed: Bool
    public var date: Date
    public var attestationJSON: Data
    /// The organisation the record belongs to (`--org`; empty: the store's default one).
    public var org: String = ""

    public init(id: String = "", deploymentId: String, engine: String, engineVersion: String, passed: Bool,
                date: Date, attestationJSON: Data) {
        self.id = id; self.deploymentId = deploymentId; self.engine = engine; self.engineVersion = engineVersion
        self.passed = passed; self.date = date; self.attestationJSON = attestationJSON
    }
}

/// A question put to the ethics committee: may this feature (one feature id of a deployment)
/// or this kind of feature (e.g. `face-detection`, anywhere) be used?
public struct EthicsSubmission: Sendable, Hashable {
    /// `ETH-<n>` unless the committee chose its own id (`--id`, or an imported file).
    public var id: String
    /// A feature id (`features[].id` of a deployment); exactly one of `feature` / `featureKind` is set.
    public var feature: String?
    /// A feature kind (`features[].kind`), covering every feature of that kind.
    public var featureKind: String?
    public var rationale: String
    /// Deployments concerned; empty means every deployment.
    public var deployments: [String]
    public var submittedAt: Date
    public var submittedBy: String
    /// The organisation the record belongs to (`--org`; empty: the store's default one).
    public var org: String = ""

    public init(id: String = "", feature: String? = nil, featureKind: String? = nil, rationale: String,
                deployments: [String] = [], submittedAt: Date, submittedBy: String) {
        self.id = id; self.feature = feature; self.featureKind = featureKind; self.rationale = rationale
        self.deployments = deployments; self.submittedAt = submittedAt; self.submittedBy = submittedBy
    }

    /// Whether the submission concerns `deploymentId` (an empty list concerns every deployment).
    public func concerns(_ deploymentId: String) -> Bool { deployments.isEmpty || deployments.contains(deploymentId) }
}

/// The committee's decision on a submission. The latest opinion on a submission is the one in
/// force; an `unfavourable` one is a veto.
public struct EthicsOpinion: Sendable, Hashable {
    /// `OP-<n>` unless imported with the committee's own id.
    public var id: String
    public var submissionId: String
    public var decision: EthicsDecision
    public var members: [String]
    public var rationale: String
    /// Conditions attached to a favourable-with-reservations opinion; `assess` checks them.
    public var reservations: [String]
    /// `YYYY-MM-DD`: when the committee must look at it again.
    public var reviewBy: String?
    public var issuedAt: Date
    /// The organisation the record belongs to (`--org`; empty: the store's default one).
    public var org: String = ""

    public init(id: String = "", submissionId: String, decision: EthicsDecision, members: [String], rationale: String,
                reservations: [String] = [], reviewBy: String? = nil, issuedAt: Date) {
        self.id = id; self.submissionId = submissionId; self.decision = decision; self.members = members
        self.rationale = rationale; self.reservations = reservations; self.reviewBy = reviewBy; self.issuedAt = issuedAt
    }
}

/// The three decisions a committee can give (raw values are what users type and YAML holds).
public enum EthicsDecision: String, Sendable, Hashable, CaseIterable, Codable {
    case favourable
    case favourableWithReservations = "favourable-with-reservations"
    case unfavourable
}

/// A submission with the opinion currently in force, as `assess` needs it: the CLI maps this
/// to the Assessment module's `CommitteeOpinion` (id = submission id).
public struct ActiveOpinion: Sendable, Hashable {
    public var submission: EthicsSubmission
    public var opinion: EthicsOpinion
    /// An unfavourable opinion binds: any deployment enabling the feature is vetoed.
    public var isVeto: Bool { opinion.decision == .unfavourable }
}

/// The roles that sign a PIA.
public enum SignOffRole: String, Sendable, Hashable, CaseIterable, Codable {
    case dpo, controller
}

/// A signature on a deployment model: the DPO's opinion or the controller's acceptance. It is
/// bound to the model hash, so a report can say the model changed since it was signed (stale).
public struct SignOff: Sendable, Hashable {
    /// `S-<n>`, assigned by the store.
    public var id: String
    public var deploymentId: String
    public var modelHash: String
    public var role: SignOffRole
    public var name: String
    public var opinion: String
    public var date: Date
    /// The organisation the record belongs to (`--org`; empty: the store's default one).
    public var org: String = ""

    public init(id: String = "", deploymentId: String, modelHash: String, role: SignOffRole, name: String,
                opinion: String, date: Date) {
        self.id = id; self.deploymentId = deploymentId; self.modelHash = modelHash; self.role = role
        self.name = name; self.opinion = opinion; self.date = date
    }

    /// Whether the model changed since this signature (reports flag the sign-off as stale).
    public func isStale(currentModelHash: String) -> Bool { modelHash != currentModelHash }
}

/// One line of the audit log. `hash` = SHA-256(prev_hash ‖ canonical content), where the
/// content is the canonical JSON array `[seq, timestamp, actor, action, entity, payload]`.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var seq: Int
    public var timestamp: String
    public var actor: String
    public var action: String
    /// `<kind>/<id>`, e.g. `ethics-opinion/OP-3`.
    public var entity: String
    /// Canonical JSON of the entity's content at that moment.
    public var payload: String
    public var prevHash: String
    public var hash: String
}
