import Foundation

/// The stable JSON document of `silhouette assess --format json` (schema
/// `silhouette/assessment/v1`, documented in README "Assessment JSON"). Texts are in the
/// chosen language; keys are snake_case and sorted; an optional value that is absent is left out
/// (`location`, `overridden`, a reference's `title`/`url`/`note`, a waiver's fields).
struct JSONFormatter {
    let language: Language

    struct Document: Encodable {
        let schema = "silhouette/assessment/v2"
        let language: String
        let deployment: DeploymentRef
        let rulesVersion: String
        let assessedAt: String
        let packs: [String]
        /// The legal verdict (kept under its v1 name for readers of v1).
        let verdict: String
        let legalVerdict: String
        let charterVerdict: String
        let applicableLaw: [LawOut]
        let summary: Summary
        let threshold: Threshold
        let risks: [Risk]
        let findings: [FindingOut]
        let actionPlan: [Action]
    }
    struct DeploymentRef: Encodable { let id, name, modelHash: String }
    struct LawOut: Encodable { let purpose: String?; let regime, regimeTitle, reason: String; let packs: [String] }
    struct Summary: Encodable { let critical, high, medium, low, info, open, waived: Int; let dpiaRequired: Bool }
    struct Criterion: Encodable { let id, title: String; let met: Bool; let reason: String }
    struct Threshold: Encodable { let dpiaRequired: Bool; let reason: String; let criteria, article35_3: [Criterion] }
    struct Score: Encodable { let severity, likelihood: Int }
    struct Risk: Encodable { let id, title: String; let inherent, residual: Score; let measures: [String]; let overridden: String? }
    struct Location: Encodable { let file: String; let line, column: Int }
    struct Ref: Encodable { let law, article: String; let title, url: String?; let uncertain: Bool; let note: String? }
    struct WaiverOut: Encodable { let state: String; let approver, expires, justification: String? }
    struct FindingOut: Encodable {
        let ruleId, pack, kind, severity, title, message, remediation, subject: String
        let subjectId: String?
        let location: Location?
        let refs: [Ref]
        let waiver: WaiverOut
    }
    struct Action: Encodable { let ruleId: String?; let action, owner, due, status, severity: String }

    func document(_ r: AssessmentResult) -> Document {
        let counts = FindingCounts(r.findings)
        func criterion(_ c: CriterionResult) -> Criterion {
            Criterion(id: c.id, title: c.title.text(language), met: c.met, reason: c.reason.text(language))
        }
        return Document(
            language: language.rawValue,
            deployment: DeploymentRef(id: r.deploymentId, name: r.deploymentName, modelHash: r.modelHash),
            rulesVersion: r.rulesVersion, assessedAt: ISO8601DateFormatter().string(from: r.assessedAt), packs: r.packs,
            verdict: r.legalVerdict.rawValue, legalVerdict: r.legalVerdict.rawValue, charterVerdict: r.charterVerdict.rawValue,
            applicableLaw: r.routes.map {
                LawOut(purpose: $0.purpose, regime: $0.regime, regimeTitle: $0.regimeTitle.text(language),
                       reason: $0.reason.text(language), packs: $0.packs)
            },
            summary: Summary(critical: counts.open[.critical] ?? 0, high: counts.open[.high] ?? 0, medium: counts.open[.medium] ?? 0,
                             low: counts.open[.low] ?? 0, info: counts.open[.info] ?? 0, open: counts.openTotal,
                             waived: counts.waived, dpiaRequired: r.threshold.dpiaRequired),
            threshold: Threshold(dpiaRequired: r.threshold.dpiaRequired, reason: r.threshold.reason.text(language),
                                 criteria: r.threshold.criteria.map(criterion), article35_3: r.threshold.article35_3.map(criterion)),
            risks: r.risks.map {
                Risk(id: $0.id, title: $0.title.text(language), inherent: Score(severity: $0.inherentSeverity, likelihood: $0.inherentLikelihood),
                     residual: Score(severity: $0.residualSeverity, likelihood: $0.residualLikelihood), measures: $0.measures,
                     overridden: $0.overridden)
            },
            findings: r.findings.map { f in
                let waiver: WaiverOut
                switch f.waiver {
                case .none: waiver = WaiverOut(state: "none", approver: nil, expires: nil, justification: nil)
                case .waived(let a, let e, let j): waiver = WaiverOut(state: "waived", approver: a, expires: e, justification: j)
                case .expired(let a, let e): waiver = WaiverOut(state: "expired", approver: a, expires: e, justification: nil)
                }
                return FindingOut(
                    ruleId: f.ruleId, pack: f.pack, kind: f.kind.rawValue, severity: f.severity.rawValue, title: f.title.text(language),
                    message: f.message.text(language), remediation: f.remediation.text(language), subject: f.subjectPath,
                    subjectId: f.subjectId,
                    location: f.position.map { Location(file: $0.file, line: $0.line, column: $0.column) },
                    refs: f.refs.map { Ref(law: $0.law, article: $0.article, title: $0.title, url: $0.url, uncertain: $0.uncertain, note: $0.note) },
                    waiver: waiver)
            },
            actionPlan: r.actionPlan.map {
                Action(ruleId: $0.ruleId, action: $0.action.text(language), owner: $0.owner, due: $0.due, status: $0.status,
                       severity: $0.severity.rawValue)
            })
    }

    func render(_ result: AssessmentResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = (try? encoder.encode(document(result))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
