import Foundation
import DeploymentModel

/// Assesses one deployment: threshold analysis, risks, rule findings with waivers, verdict
/// and action plan. Pure: the same model, rules and context give the same result.
public enum Assessor {
    public static func assess(_ loaded: LoadedDeployment, rules: RuleSet, context: AssessmentContext) -> AssessmentResult {
        let document = loaded.document
        let criteria = ThresholdAnalyzer.analyse(document)
        let threshold = ThresholdAnalyzer.analyse(document, routing: rules.routing, criteria: criteria)
        let risks = RiskAnalyzer.analyse(document)
        var facts = ruleFacts(loaded, threshold: criteria, risks: risks, context: context)
        if let routing = rules.routing { facts.apply(routing, scoped: rules.scopedByRouting) }
        let today = DateText.day(context.now)

        var findings = rules.evaluate(document: document, facts: facts).map { violation in
            Finding(ruleId: violation.rule.id, pack: violation.rule.pack, kind: violation.rule.kind, severity: violation.rule.severity,
                    title: violation.rule.title, message: violation.message, remediation: violation.rule.remediation,
                    refs: violation.rule.kind == .charter && rules.routing != nil
                        ? violation.rule.refs.filter { rules.routing!.keeps($0) } : violation.rule.refs,
                    subjectPath: violation.subjectPath, subjectId: violation.subjectId,
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
        var result = AssessmentResult(
            deploymentId: document.deployment.id, deploymentName: document.deployment.name,
            modelHash: loaded.modelHash, rulesVersion: rules.version, assessedAt: context.now, packs: rules.packs,
            findings: findings, threshold: threshold, risks: risks,
            legalVerdict: VerdictRule.legal(findings: findings.filter { $0.kind == .law }),
            charterVerdict: VerdictRule.verdict(findings: findings.filter { $0.kind == .charter }, vetoedFeatures: vetoed,
                                                reservations: reservations),
            actionPlan: ActionPlanBuilder.build(findings: findings, risks: risks, committee: context.committee,
                                                document: document, now: context.now),
            rulesNotInForce: rules.notInForce(on: context.now))
        result.routes = rules.routing?.routes ?? []
        result.packKinds = rules.packKinds
        return result
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
            signedModelHash: context.signedModelHash ?? "",
            art35_3Cases: threshold.article35_3.filter(\.met).map(\.id))
        let ethics = context.committee.map {
            EthicsOpinionFact(id: $0.id, feature: $0.feature ?? "", featureKind: $0.featureKind ?? "", decision: $0.decision,
                              reservations: $0.reservations, reviewBy: $0.reviewBy ?? "")
        }
        let verification = context.verification.map {
            VerificationFact(exists: true, passed: $0.passed, engine: $0.engine, engineVersion: $0.engineVersion,
                             ageDays: max(0, Int(context.now.timeIntervalSince($0.date) / 86_400)), identityMatches: $0.identityMatches)
        } ?? .none
        var facts = RuleFacts(now: context.now, derived: derived, ethics: ethics, verification: verification)
        let controller = loaded.document.deployment.controller
        facts.derived.publicBody = controller.publicBody ?? (loaded.document.deployment.sector == .publicAuthority)
        facts.derived.competentAuthority = facts.derived.publicBody || controller.entrustedByLaw != nil
        facts.derived.province = controller.province?.rawValue
            ?? loaded.document.deployment.jurisdictions.first { $0.uppercased().hasPrefix("CA-") }.map { String($0.dropFirst(3)).uppercased() } ?? ""
        return facts
    }
}

extension RuleFacts {
    /// The routing's regimes as rule facts, and (unless packs were forced) each law pack
    /// limited to the subjects of the purposes routed to it.
    mutating func apply(_ routing: Routing, scoped: Bool) {
        derived.regimes = routing.regimes
        derived.purposeRegimes = routing.regimesByPurpose
        if scoped { purposesByPack = routing.purposesByPack }
    }
}
