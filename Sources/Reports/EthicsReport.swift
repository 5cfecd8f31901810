import Assessment
import DeploymentModel
import Foundation

/// The ethics committee's report: the features it reviewed, its opinions with their reservations
/// and vetoes, and for each opinion the deployments (and their features) it affects. Features of
/// those deployments that no opinion covers are listed too: the committee has not seen them.
public enum EthicsReport {
    public static func render(opinions: [ReportOpinion], deployments: [DeploymentDocument], templates: TemplateSet,
                              generatedAt: Date) throws(ReportTemplateError) -> RenderedReport {
        let lang = templates.language
        let fr = lang == .fr
        let day = ReportDates.day(generatedAt)
        let rows = opinions.map { opinion -> [String: Any] in
            var affected: [String] = []
            for document in deployments {
                let features = document.features.filter { opinion.concerns($0) }.map(\.id)
                if !features.isEmpty { affected.append("\(document.deployment.id) (\(features.joined(separator: ", ")))") }
            }
            return [
                "id": opinion.id,
                "subject": opinion.feature.map { (fr ? "fonction " : "feature ") + $0 }
                    ?? opinion.featureKind.map { (fr ? "type de fonction " : "feature kind ") + $0 } ?? "—",
                "decision": Labels.decision(opinion.decision, lang), "veto": opinion.veto,
                "vetoScope": opinion.vetoScope ?? "—",
                "reservations": opinion.reservations.map { ["text": $0] }, "hasReservations": !opinion.reservations.isEmpty,
                "rationale": opinion.rationale ?? "—", "members": opinion.members.isEmpty ? "—" : opinion.members.joined(separator: ", "),
                "date": opinion.date ?? "—", "reviewBy": opinion.reviewBy ?? "—",
                "deployments": affected.isEmpty ? (fr ? "aucun des dispositifs examinés" : "none of the deployments examined") : affected.joined(separator: "; "),
                "enabledVeto": opinion.veto && !affected.isEmpty,
            ]
        }
        var unreviewed: [[String: Any]] = []
        for document in deployments {
            for feature in document.features where !opinions.contains(where: { $0.concerns(feature) }) {
                unreviewed.append(["deployment": document.deployment.id, "feature": feature.id, "kind": feature.kind.rawValue])
            }
        }
        let vetoes = rows.filter { $0["veto"] as? Bool == true }
        let view: [String: Any] = [
            "generatedOn": day,
            "deployments": deployments.map { ["id": $0.deployment.id, "name": $0.deployment.name] },
            "opinions": rows, "hasOpinions": !rows.isEmpty,
            "vetoes": vetoes, "hasVetoes": !vetoes.isEmpty,
            "reservationCount": opinions.reduce(0) { $0 + $1.reservations.count },
            "unreviewed": unreviewed, "hasUnreviewed": !unreviewed.isEmpty,
        ]
        let kind = fr ? "Rapport du comité d'éthique" : "Ethics committee report"
        let scope = deployments.map(\.deployment.name).joined(separator: ", ")
        return try ReportRenderer(templates: templates).render(
            template: "ethics", view: view, figures: [], baseName: "ethics", title: "\(kind) — \(scope)",
            runningHeader: "\(scope) · \(kind) · \(day)")
    }
}
