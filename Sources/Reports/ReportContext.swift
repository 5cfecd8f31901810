import Assessment
import DeploymentModel
import Foundation

/// Everything a PIA report is made of. The CLI builds it from the deployment, the assessment
/// and the store's records (the Reports module does not import the Store); tests build it
/// directly.
public struct ReportContext: Sendable {
    public var loaded: LoadedDeployment
    public var assessment: AssessmentResult
    /// The latest verification attestation of the deployment's engine, if any.
    public var verification: ReportVerification?
    /// Every ethics-committee opinion in the register; the report keeps those that concern the
    /// deployment's features (by feature id or feature kind).
    public var ethicsOpinions: [ReportOpinion]
    /// Sign-offs recorded for this deployment (any model version).
    public var signOffs: [ReportSignOff]
    /// The previous stored assessment, to say what changed and whether the report is stale.
    public var previousAssessment: PreviousAssessment?
    /// When the report is produced.
    public var generatedAt: Date
    /// What changed since the previous recorded assessment; nil when there is none.
    public var changes: ReportChanges?
    /// The DPO reviews recorded for this deployment (any model version), oldest first.
    public var reviews: [ReportReview] = []

    public init(loaded: LoadedDeployment, assessment: AssessmentResult, verification: ReportVerification? = nil,
                ethicsOpinions: [ReportOpinion] = [], signOffs: [ReportSignOff] = [], previousAssessment: PreviousAssessment? = nil,
                generatedAt: Date, changes: ReportChanges? = nil) {
        self.changes = changes
        self.loaded = loaded
        self.assessment = assessment
        self.verification = verification
        self.ethicsOpinions = ethicsOpinions
        self.signOffs = signOffs
        self.previousAssessment = previousAssessment
        self.generatedAt = generatedAt
    }
}

/// A verification attestation of the detection engine (`silhouette verify`), as stored.
public struct ReportVerification: Sendable {
    public struct Check: Sendable {
        public var name: String
        public var passed: Bool
        public var detail: String
        /// The check's id (`signature-vectors`…), named from the label tables in French documents.
        public var id: String?
        /// Skipped: nothing to examine (not a failure, not a pass either).
        public var skipped: Bool
        public init(name: String, passed: Bool, detail: String, id: String? = nil, skipped: Bool = false) {
            self.name = name; self.passed = passed; self.detail = detail; self.id = id; self.skipped = skipped
        }
    }

    /// What the verification exercised and what it did not, from the attestation (nil for an
    /// attestation recorded before verification v2, which does not say).
    public struct Scope: Sendable {
        public struct Clip: Sendable {
            public var name: String
            /// "sha256:<hex>" as attested.
            public var sha256: String
            public var seconds: Double?
            /// From the clip's manifest (nil without one).
            public var faces: Int?
            public var people: Int?
            /// People silhouette's own detector confirmed moving.
            public var confirmed: Int?
            public init(name: String, sha256: String, seconds: Double? = nil, faces: Int? = nil, people: Int? = nil, confirmed: Int? = nil) {
                self.name = name; self.sha256 = sha256; self.seconds = seconds; self.faces = faces; self.people = people; self.confirmed = confirmed
            }
        }
        public var clips: [Clip]
        public var events: Int
        public var tracks: Int?
        public var writesTraced: Bool
        /// `option`, `not-installed`, `not-permitted`, `not-started` when writes were not traced.
        public var untracedBecause: String?
        public var timeLimitHit: Bool
        /// Runs that crashed or flooded (what they wrote was audited).
        public var otherEngineFailures: Int
        /// `builtin` or `command`.
        public var engineKind: String
        /// "sha256:<hex>" over the program and the files its command names, as recorded.
        public var recordedDigest: String?
        public var engineManifestExamined: Bool
        public var coverageJudged: Bool
        /// Ids of the checks that were skipped (nothing to examine).
        public var skippedChecks: [String]

        public init(clips: [Clip], events: Int, tracks: Int? = nil, writesTraced: Bool, untracedBecause: String? = nil,
                    timeLimitHit: Bool = false, otherEngineFailures: Int = 0, engineKind: String = "command",
                    recordedDigest: String? = nil, engineManifestExamined: Bool = false, coverageJudged: Bool = true,
                    skippedChecks: [String] = []) {
            self.clips = clips; self.events = events; self.tracks = tracks; self.writesTraced = writesTraced
            self.untracedBecause = untracedBecause; self.timeLimitHit = timeLimitHit; self.otherEngineFailures = otherEngineFailures
            self.engineKind = engineKind; self.recordedDigest = recordedDigest; self.engineManifestExamined = engineManifestExamined
            self.coverageJudged = coverageJudged; self.skippedChecks = skippedChecks
        }
    }

    public var attestationId: String
    public var engine: String
    public var engineVersion: String
    public var passed: Bool
    public var date: Date
    /// Clip names with their SHA-256, as attested.
    public var clips: [String]
    public var checks: [Check]
    public var scope: Scope?
    /// Whether the identity recorded (what ran) is the engine the model declares, by BIO-007's
    /// rule (built-in by name and version, a vendor engine by digest); nil when the attestation
    /// records no identity, and the report then compares name and version.
    public var coversDeclaredEngine: Bool?

    public init(attestationId: String, engine: String, engineVersion: String, passed: Bool, date: Date,
                clips: [String] = [], checks: [Check] = [], scope: Scope? = nil) {
        self.scope = scope
        self.attestationId = attestationId
        self.engine = engine
        self.engineVersion = engineVersion
        self.passed = passed
        self.date = date
        self.clips = clips
        self.checks = checks
    }
}

/// An ethics-committee opinion from the register.
public struct ReportOpinion: Sendable {
    public var id: String
    /// The feature id the opinion is about, or nil when it covers a feature kind.
    public var feature: String?
    /// The feature kind (`face-recognition`, `dwell`…) the opinion covers, or nil.
    public var featureKind: String?
    /// `favourable`, `favourable-with-reservations` or `unfavourable`.
    public var decision: String
    public var reservations: [String]
    /// True when the committee vetoes the feature (it must not be enabled).
    public var veto: Bool
    public var vetoScope: String?
    public var rationale: String?
    public var members: [String]
    /// `YYYY-MM-DD`.
    public var date: String?
    public var reviewBy: String?
    /// The submission: the deployments it names (empty: every deployment), who put it and when
    /// (`YYYY-MM-DD`), and why. Only the committee's register and the named deployments see them.
    public var submissionDeployments: [String] = []
    public var submittedBy: String?
    public var submittedOn: String?
    public var submissionRationale: String?
    /// The record of the committee's deliberation behind the opinion, when recorded.
    public var deliberation: ReportDeliberation?

    public init(id: String, feature: String? = nil, featureKind: String? = nil, decision: String, reservations: [String] = [],
                veto: Bool = false, vetoScope: String? = nil, rationale: String? = nil, members: [String] = [],
                date: String? = nil, reviewBy: String? = nil, submissionDeployments: [String] = [],
                submittedBy: String? = nil, submittedOn: String? = nil, submissionRationale: String? = nil) {
        self.submissionDeployments = submissionDeployments
        self.submittedBy = submittedBy
        self.submittedOn = submittedOn
        self.submissionRationale = submissionRationale
        self.id = id
        self.feature = feature
        self.featureKind = featureKind
        self.decision = decision
        self.reservations = reservations
        self.veto = veto
        self.vetoScope = vetoScope
        self.rationale = rationale
        self.members = members
        self.date = date
        self.reviewBy = reviewBy
    }

    /// True when the opinion binds `feature` of the deployment `deploymentId`: an opinion on a
    /// feature id binds the deployments its submission names (all when it names none); an
    /// opinion on a feature kind binds every deployment using that kind.
    public func binds(_ feature: Feature, in deploymentId: String) -> Bool {
        if let id = self.feature, !id.isEmpty {
            return id == feature.id && (submissionDeployments.isEmpty || submissionDeployments.contains(deploymentId))
        }
        return concerns(feature)
    }

    /// True when the submission names `deploymentId` itself (or names none): its submitter,
    /// rationale and scope may then be shown to that deployment's controller.
    public func isOwn(_ deploymentId: String) -> Bool {
        submissionDeployments.isEmpty || submissionDeployments.contains(deploymentId)
    }

    /// True when the opinion concerns `feature`.
    public func concerns(_ feature: Feature) -> Bool {
        if let id = self.feature, !id.isEmpty { return id == feature.id }
        if let kind = featureKind, !kind.isEmpty { return kind == feature.kind.rawValue }
        return false
    }
}

/// A recorded sign-off of a PIA (DPO opinion, controller's approval).
public struct ReportSignOff: Sendable {
    public var role: String
    public var name: String
    public var opinion: String
    /// `YYYY-MM-DD`.
    public var date: String
    /// The model the signer saw; a sign-off of another hash is stale.
    public var modelHash: String

    public init(role: String, name: String, opinion: String, date: String, modelHash: String) {
        self.role = role
        self.name = name
        self.opinion = opinion
        self.date = date
        self.modelHash = modelHash
    }
}

/// The assessment stored before this one.
public struct PreviousAssessment: Sendable {
    public var modelHash: String
    public var rulesVersion: String
    public var verdict: String
    public var assessedAt: Date

    public init(modelHash: String, rulesVersion: String, verdict: String, assessedAt: Date) {
        self.modelHash = modelHash
        self.rulesVersion = rulesVersion
        self.verdict = verdict
        self.assessedAt = assessedAt
    }
}

/// What changed since the previous recorded assessment of the deployment (from the store's
/// history): the parts of the model that changed, the findings that appeared or were resolved.
public struct ReportChanges: Sendable {
    /// `YYYY-MM-DD` of the previous assessment.
    public var since: String
    /// Top-level parts of the model (`cameras`, `retention`…) with the number of values changed.
    public var modelSections: [(section: String, count: Int)]
    public var findingsAdded: [String]
    public var findingsResolved: [String]

    public init(since: String, modelSections: [(section: String, count: Int)], findingsAdded: [String], findingsResolved: [String]) {
        self.since = since
        self.modelSections = modelSections
        self.findingsAdded = findingsAdded
        self.findingsResolved = findingsResolved
    }
}

/// A recorded DPO review of the PIA (`silhouette review import`), with the model it was made on.
public struct ReportReview: Sendable {
    /// `REV-<n>`.
    public var id: String
    public var modelHash: String
    public var recordedAt: Date
    public var review: PIAReview

    public init(id: String, modelHash: String, recordedAt: Date, review: PIAReview) {
        self.id = id
        self.modelHash = modelHash
        self.recordedAt = recordedAt
        self.review = review
    }
}
