import Assessment
import DeploymentModel
import Foundation
import Store

/// Connects `assess` to the store (CONTRACTS §5): the ethics register's current opinions, the
/// latest verification and sign-off feed the assessment context; each assessment is recorded.
/// The Store module does not know the Assessment module, so the mapping lives here.
enum AssessmentStoreBridge {
    /// The context for `deploymentId` as of `now`. A store that does not exist yet holds
    /// nothing: the context is then empty (no opinion, no verification).
    static func context(options: StoreOptions, deploymentFile: String, deploymentId: String, now: Date,
                        declaredEngine: Engine?) throws -> AssessmentContext {
        let location = StoreLocation.resolve(store: options.store, deploymentFile: deploymentFile)
        guard StoreLocation.exists(location.path) else { return AssessmentContext(now: now) }
        // A PostgreSQL database without a store yet holds nothing either.
        guard let store = try SilhouetteStore.openIfPresent(at: location.path, organisation: options.org) else {
            return AssessmentContext(now: now)
        }
        defer { store.close() }
        let committee = try store.activeOpinions(deploymentId: deploymentId).map { active in
            CommitteeOpinion(id: active.opinion.id, feature: active.submission.feature, featureKind: active.submission.featureKind,
                             decision: active.opinion.decision.rawValue, reservations: active.opinion.reservations,
                             reviewBy: active.opinion.reviewBy)
        }
        let verification = try store.latestVerification(deploymentId: deploymentId).map {
            VerificationSummary(engine: $0.engine, engineVersion: $0.engineVersion, passed: $0.passed, date: $0.date, attestationId: $0.id,
                                identityMatches: VerificationIdentityMatch.matches(attestationJSON: $0.attestationJSON, declared: declaredEngine))
        }
        let signOffs = try store.latestSignOffs(deploymentId: deploymentId)
        return AssessmentContext(now: now, committee: committee, verification: verification,
                                 signedModelHash: (signOffs[.dpo] ?? signOffs[.controller])?.modelHash)
    }

    /// Records `result` with its findings and the canonical model; returns the record id.
    static func record(_ result: AssessmentResult, loaded: LoadedDeployment, options: StoreOptions, deploymentFile: String) throws -> String {
        let store = try options.openForWriting(deploymentFile: deploymentFile)
        return try store.record(try stored(result, loaded: loaded), actor: StoreLocation.currentActor()).id
    }

    /// `result` as the store keeps it (not yet recorded: `id` is empty), so a fresh assessment
    /// of the current file can also be compared with a recorded one (`silhouette diff A FILE`).
    static func stored(_ result: AssessmentResult, loaded: LoadedDeployment) throws -> StoredAssessment {
        try stored(result, modelJSON: ModelEncoding.canonicalJSON(loaded.document))
    }

    static func stored(_ result: AssessmentResult, modelJSON: Data) throws -> StoredAssessment {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let open = result.openFindings
        func count(_ severity: Severity) -> Int { open.filter { $0.severity == severity }.count }
        return StoredAssessment(
            deploymentId: result.deploymentId, deploymentName: result.deploymentName, modelHash: result.modelHash,
            rulesVersion: result.rulesVersion, verdict: result.verdict.rawValue, assessedAt: result.assessedAt,
            findingsJSON: try encoder.encode(result.findings), modelJSON: modelJSON,
            counts: FindingCounts(critical: count(.critical), high: count(.high), medium: count(.medium), low: count(.low),
                                  info: count(.info), waived: result.findings.count - open.count))
    }
}
