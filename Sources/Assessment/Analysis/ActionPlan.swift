import Foundation
import DeploymentModel

/// One row per open or waived finding (its remediation), per high residual risk, and per
/// reservation of a favourable committee opinion. Due dates follow severity: critical 7 days,
/// high 30, medium 90, low 180, info 365 (vendor defaults, not law). The owner is the
/// controller's DPO, or the controller when no DPO is named; ethics rows go to the committee.
enum ActionPlanBuilder {
    static func days(for severity: Severity) -> Int {
        switch severity {
        case .critical: 7
        case .high: 30
        case .medium: 90
        case .low: 180
        case .info: 365
        }
    }

    static func build(findings: [Finding], risks: [RiskAssessment], committee: [CommitteeOpinion],
                      document: DeploymentDocument, now: Date) -> [ActionItem] {
        let controller = document.deployment.controller
        let owner = controller.dpo?.name ?? controller.name
        func due(_ severity: Severity) -> String { DateText.day(now.addingTimeInterval(Double(days(for: severity)) * 86_400)) }

        var items: [ActionItem] = []
        for finding in findings {
            let status: String
            let dueDate: String
            switch finding.waiver {
            case .none: status = "open"; dueDate = due(finding.severity)
            case .waived(_, let expires, _): status = "waived"; dueDate = expires
            case .expired: status = "waiver-expired"; dueDate = due(finding.severity)
            }
            let subject = finding.subjectId.map { "\($0) (\(finding.subjectPath))" } ?? finding.subjectPath
            items.append(ActionItem(
                ruleId: finding.ruleId,
                action: LocalizedText(en: "\(subject): \(finding.remediation.en)", fr: "\(subject) : \(finding.remediation.fr)"),
                owner: finding.pack == "ethics" ? "ethics committee" : owner,
                due: dueDate, status: status, severity: finding.severity))
        }
        for risk in risks where risk.isHighResidual {
            items.append(ActionItem(
                ruleId: nil,
                action: LocalizedText(
                    en: "Reduce the residual risk \"\(risk.title.en)\" (severity \(risk.residualSeverity), likelihood \(risk.residualLikelihood)) or consult the supervisory authority (GDPR Art. 36)",
                    fr: "Réduire le risque résiduel « \(risk.title.fr) » (gravité \(risk.residualSeverity), vraisemblance \(risk.residualLikelihood)) ou consulter l'autorité de contrôle (RGPD art. 36)"),
                owner: owner, due: due(.high), status: "open", severity: .high))
        }
        for opinion in committee where opinion.decision == "favourable-with-reservations" {
            for reservation in opinion.reservations {
                let subject = opinion.feature ?? opinion.featureKind ?? opinion.id
                items.append(ActionItem(
                    ruleId: nil,
                    action: LocalizedText(en: "Meet the ethics committee's reservation on \(subject): \(reservation)",
                                          fr: "Lever la réserve du comité d'éthique sur \(subject) : \(reservation)"),
                    owner: owner, due: opinion.reviewBy ?? due(.medium), status: "open", severity: .medium))
            }
        }
        return items
    }
}
