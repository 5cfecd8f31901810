import Foundation
import DeploymentModel

/// Assesses one deployment: threshold analysis, risks, rule findings with waivers, verdict
/// and action plan. Pure: the same model, rules and context give the same result.
public enum Assessor {
    public static func assess(_ loaded: LoadedDeployment, rules: RuleSet, context: AssessmentContext) -> AssessmentResult {
        let document = loaded.document
        let threshold = ThresholdAnalyzer.analyse(document)
        let risks = RiskAnalyzer.analyse(document)
        let facts = ruleFacts(loaded, threshold: threshold, risks: risks, context: context)
        let today = DateText.day(context.now)

        var findings = rules.evaluate(document: document, facts: facts).map { violation in
            Finding(ruleId: violation.rule.id, pack: violation.rule.pack, severity: violation.rule.severity,
                    title: violation.rule.title, message: violation.message, remediation: violation.rule.remediation,
                    refs: violation.rule.refs, subjectPath: violation.subjectPath, subjectId: violation.subjectId,
                    position: loaded.sourceMap.position(of: violation.subjectPath),
                    waiver: WaiverMatcher.state(ruleId: violation.rule.id, subjectPath: violation.subjectPath,
                                                subjectId: violation.subjectId, waivers: document.waivers, today: today))
        }
        findings.sort { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            if a.ruleId != b.ruleId { return a.ruleId < b.ruleId }
            return a.subjectPath.localizedStandardCompare(b.subjectPath) == .orderedAscending
        }
        let vetoed = vetoedFeatures(document, committee: context.committee)
        let reservations = context.committee.contains { opinion in
            opinion.decision == "favourable-with-reservations" && !opinion.reservations.isEmpty
                && document.features.contains { opinion.feature == $0.id || opinion.featureKind == $0.kind.rawValue }
        }
        return AssessmentResult(
            deploymentId: document.deployment.id, deploymentName: document.deployment.name,
            modelHash: loaded.modelHash, rulesVersion: rules.version, assessedAt: context.now, packs: rules.packs,
            findings: findings, threshold: threshold, risks: risks,
            verdict: VerdictRule.verdict(findings: findings, vetoedFeatures: vetoed, reservations: reservations),
            actionPlan: ActionPlanBuilder.build(findings: findings, risks: risks, committee: context.committee,
                                                document: document, now: context.now))
    }

    /// Ids of enabled features with an unfavourable opinion (on the feature or on its kind).
    public static func vetoedFeatures(_ document: DeploymentDocument, committee: [CommitteeOpinion]) -> [String] {
        let unfavourable = committee.filter { $0.decision == "unfavourable" }
        return document.features.filter { feature in
            unfavourable.contains { $0.feature == feature.id || $0.featureKind == feature.kind.rawValue }
        }.map(\.id)
    }

    /// The `now`, `derived`, `ethics` and `verification` variables of the rules.
    public static func ruleFacts(_ loaded: LoadedDeployment, threshold: ThresholdAnalysis, risks: [RiskAssessment],
                                 context: AssessmentContext) -> RuleFacts {
        let met = threshold.metCriteria
        let derived = DerivedFacts(
            cameraCount: loaded.document.cameras.count, largeScale: met.contains("large-scale"),
            systematicMonitoring: met.contains("systematic-monitoring"), specialCategories: met.contains("sensitive-data"),
            wp248Criteria: met, modelHash: loaded.modelHash, highResidualRisk: risks.contains(where: \.isHighResidual),
            signedModelHash: context.signedModelHash ?? "")
        let ethics = context.committee.map {
            EthicsOpinionFact(id: $0.id, feature: $0.feature ?? "", featureKind: $0.featureKind ?? "", decision: $0.decision,
                              reservations: $0.reservations, reviewBy: $0.reviewBy ?? "")
        }
        let verification = context.verification.map {
            VerificationFact(exists: true, passed: $0.passed, engine: $0.engine, engineVersion: $0.engineVersion,
                             ageDays: max(0, Int(context.now.timeIntervalSince($0.date) / 86_400)), identityMatches: $0.identityMatches)
        } ?? .none
        return RuleFacts(now: context.now, derived: derived, ethics: ethics, verification: verification)
    }
}
