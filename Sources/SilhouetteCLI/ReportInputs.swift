import Assessment
import DeploymentModel
import Foundation
import Reports
import Store

/// Maps the store's records to what reports and assessments take: the latest verification,
/// the active ethics opinions, the sign-offs and the previous assessment of a deployment.
/// A store that does not exist yet simply has no records.
struct ReportInputs {
    var verification: ReportVerification?
    /// Whether the latest attestation's recorded identity is the declared engine (BIO-007).
    var verificationIdentityMatches = false
    var opinions: [ReportOpinion] = []
    var signOffs: [ReportSignOff] = []
    var previous: PreviousAssessment?
    /// The latest recorded assessment itself, to say what changed since.
    var latestStored: StoredAssessment?
    /// The models of every deployment assessed in the store (for the ethics report).
    var storedModels: [DeploymentDocument] = []
    /// The DPO's recorded reviews of this deployment's PIA (every model version).
    var reviews: [ReportReview] = []

    static func load(store options: StoreOptions, deploymentFile: String, deploymentId: String, declaredEngine: Engine? = nil) throws -> ReportInputs {
        let location = StoreLocation.resolve(store: options.store, deploymentFile: deploymentFile)
        guard StoreLocation.exists(location.path) else {
            if options.store != nil { throw StoreError.missingStore(path: location.path) }
            return ReportInputs()
        }
        let store = try options.openForReading(deploymentFile: deploymentFile)
        var inputs = ReportInputs()
        if let stored = try store.latestVerification(deploymentId: deploymentId) {
            inputs.verification = verification(stored)
            inputs.verification?.coversDeclaredEngine = VerificationIdentityMatch.identityIsDeclared(attestationJSON: stored.attestationJSON, declared: declaredEngine)
            inputs.verificationIdentityMatches = VerificationIdentityMatch.matches(attestationJSON: stored.attestationJSON, declared: declaredEngine)
        }
        inputs.opinions = try store.activeOpinions().map(opinion)
        // The latest deliberation recorded for each opinion in force.
        var deliberations: [String: EthicsDeliberation] = [:]
        for deliberation in try store.deliberations() { deliberations[deliberation.opinionId] = deliberation }
        for index in inputs.opinions.indices {
            inputs.opinions[index].deliberation = deliberations[inputs.opinions[index].id].map(Self.deliberation)
        }
        inputs.signOffs = try store.signOffs(deploymentId: deploymentId).map { signOff in
            ReportSignOff(role: signOff.role.rawValue, name: signOff.name, opinion: signOff.opinion,
                          date: StoreDates.string(signOff.date).prefix(10).description, modelHash: signOff.modelHash)
        }
        inputs.reviews = try store.piaReviews(deploymentId: deploymentId).compactMap { stored in
            stored.review.map { ReportReview(id: stored.id, modelHash: stored.modelHash, recordedAt: stored.recordedAt, review: $0) }
        }
        if let latest = try store.latestAssessment(deploymentId: deploymentId) {
            inputs.latestStored = latest
            inputs.previous = PreviousAssessment(modelHash: latest.modelHash, rulesVersion: latest.rulesVersion,
                                                 verdict: latest.verdict, assessedAt: latest.assessedAt)
        }
        var latestPerDeployment: [String: StoredAssessment] = [:]
        for assessment in try store.assessments() where assessment.deploymentId != deploymentId {
            if let known = latestPerDeployment[assessment.deploymentId], known.assessedAt >= assessment.assessedAt { continue }
            latestPerDeployment[assessment.deploymentId] = assessment
        }
        for assessment in latestPerDeployment.values.sorted(by: { $0.deploymentId < $1.deploymentId }) {
            if let document = storedModel(assessment.modelJSON) { inputs.storedModels.append(document) }
        }
        return inputs
    }

    /// A stored model is its canonical JSON (YAML keys, cameras inline): JSON is YAML, so the
    /// loader reads it back. `cameras_file` is dropped — its cameras are already inline.
    static func storedModel(_ json: Data) -> DeploymentDocument? {
        guard var object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else { return nil }
        object["cameras_file"] = nil
        guard let data = try? JSONSerialization.data(withJSONObject: object) else { return nil }
        return try? DeploymentLoader.load(yaml: String(decoding: data, as: UTF8.self), file: "<store>", baseDirectory: ".").document
    }

    /// What changed between the latest recorded assessment and `assessment` of `loaded`.
    func changes(since assessment: AssessmentResult, loaded: LoadedDeployment) -> ReportChanges? {
        guard let old = latestStored, let now = try? AssessmentStoreBridge.stored(assessment, loaded: loaded),
              let diff = try? AssessmentDiff.compare(old, now) else { return nil }
        var sections: [String: Int] = [:]
        for change in diff.modelChanges {
            let head = change.path.split(whereSeparator: { $0 == "." || $0 == "[" }).first.map(String.init) ?? change.path
            sections[head, default: 0] += 1
        }
        return ReportChanges(since: String(StoreDates.string(old.assessedAt).prefix(10)),
                             modelSections: sections.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                             findingsAdded: Array(Set(diff.findingsAdded.map(\.ruleId))).sorted(),
                             findingsResolved: Array(Set(diff.findingsResolved.map(\.ruleId))).sorted())
    }

    /// The context an assessment needs from the same records.
    func assessmentContext(now: Date) -> AssessmentContext {
        AssessmentContext(
            now: now,
            committee: opinions.map { CommitteeOpinion(id: $0.id, feature: $0.feature, featureKind: $0.featureKind,
                                                       decision: $0.decision, reservations: $0.reservations, reviewBy: $0.reviewBy) },
            verification: verification.map { VerificationSummary(engine: $0.engine, engineVersion: $0.engineVersion,
                                                                 passed: $0.passed, date: $0.date, attestationId: $0.attestationId,
                                                                 identityMatches: verificationIdentityMatches) },
            signedModelHash: signOffs.last?.modelHash)
    }

    static func opinion(_ active: ActiveOpinion) -> ReportOpinion {
        ReportOpinion(id: active.opinion.id, feature: active.submission.feature, featureKind: active.submission.featureKind,
                      decision: active.opinion.decision.rawValue, reservations: active.opinion.reservations,
                      veto: active.isVeto, vetoScope: active.submission.deployments.isEmpty ? nil : active.submission.deployments.joined(separator: ", "),
                      rationale: active.opinion.rationale, members: active.opinion.members,
                      date: String(StoreDates.string(active.opinion.issuedAt).prefix(10)), reviewBy: active.opinion.reviewBy,
                      submissionDeployments: active.submission.deployments, submittedBy: active.submission.submittedBy,
                      submittedOn: String(StoreDates.string(active.submission.submittedAt).prefix(10)),
                      submissionRationale: active.submission.rationale)
    }

    static func deliberation(_ d: EthicsDeliberation) -> ReportDeliberation {
        ReportDeliberation(id: d.id, meetingDate: d.meetingDate, present: d.present, quorum: d.quorum, votesFor: d.votesFor,
                           votesAgainst: d.votesAgainst, abstentions: d.abstentions, dissent: d.dissent, conflicts: d.conflicts,
                           documents: d.documents, chair: d.chair)
    }

    /// The attestation JSON written by `silhouette verify` (snake_case keys); read loosely so that
    /// a report still cites an attestation whose optional parts it does not know.
    static func verification(_ stored: StoredVerification) -> ReportVerification {
        let json = (try? JSONSerialization.jsonObject(with: stored.attestationJSON)) as? [String: Any] ?? [:]
        let clips = (json["clips"] as? [[String: Any]] ?? []).map { clip -> String in
            let path = (clip["path"] as? String).map { ($0 as NSString).lastPathComponent } ?? "?"
            return clip["sha256"].map { "\(path) (\($0))" } ?? path
        }
        let checks = (json["checks"] as? [[String: Any]] ?? []).map { check in
            // A warning (published counts) or a skipped check is not a failure.
            ReportVerification.Check(name: check["title"] as? String ?? check["id"] as? String ?? "?",
                                     passed: (check["status"] as? String) != "fail",
                                     detail: check["summary"] as? String ?? "", id: check["id"] as? String,
                                     skipped: (check["status"] as? String) == "skipped")
        }
        return ReportVerification(attestationId: json["id"] as? String ?? stored.id, engine: stored.engine,
                                  engineVersion: stored.engineVersion, passed: stored.passed, date: stored.date,
                                  clips: clips, checks: checks, scope: verificationScope(json))
    }

    /// What the verification exercised, from the attestation's v2 fields (nil before them:
    /// an attestation without `file_audit_scope` does not say what it audited).
    static func verificationScope(_ json: [String: Any]) -> ReportVerification.Scope? {
        guard let fileScope = json["file_audit_scope"] as? String, !fileScope.isEmpty else { return nil }
        let coverage = json["coverage"] as? [[String: Any]] ?? []
        let clips = (json["clips"] as? [[String: Any]] ?? []).enumerated().map { index, clip -> ReportVerification.Scope.Clip in
            let covered = index < coverage.count ? coverage[index] : [:]
            let manifest = covered["manifest"] as? [String: Any]
            return .init(name: (clip["path"] as? String).map { ($0 as NSString).lastPathComponent } ?? "?",
                         sha256: clip["sha256"] as? String ?? "", seconds: covered["duration_seconds"] as? Double,
                         faces: manifest?["faces"] as? Int, people: manifest?["people"] as? Int,
                         confirmed: covered["confirmed_tracks"] as? Int)
        }
        let audit = json["audit"] as? [String: Any] ?? [:]
        let engine = json["engine"] as? [String: Any] ?? [:]
        let identity = engine["identity"] as? [String: Any]
        let checks = json["checks"] as? [[String: Any]] ?? []
        let timeLimitHit = json["time_limit_hit"] as? Bool ?? false
        let failures = (json["engine_failures"] as? [String] ?? []).filter { !$0.hasPrefix("engine timed out") }.count
        return ReportVerification.Scope(
            clips: clips, events: audit["events"] as? Int ?? 0, tracks: audit["tracks"] as? Int,
            writesTraced: json["writes_traced"] as? Bool ?? false, untracedBecause: json["untraced_because"] as? String,
            timeLimitHit: timeLimitHit, otherEngineFailures: failures,
            engineKind: identity?["kind"] as? String ?? "command", recordedDigest: identity?["digest"] as? String,
            engineManifestExamined: engine["manifest"] is String,
            coverageJudged: !coverage.isEmpty,
            skippedChecks: checks.filter { ($0["status"] as? String) == "skipped" || ($0["status"] as? String) == "skip" }.compactMap { $0["id"] as? String })
    }
}
