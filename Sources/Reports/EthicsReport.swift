import Assessment
import DeploymentModel
import Foundation

/// The ethics committee's report, in two scopes.
///
/// - For one deployment (what its controller receives): only the opinions that bind that
///   deployment — on its own features, and on the feature kinds it uses (a veto on a kind binds
///   everyone, so it is shown without saying who asked or why); the submissions that name this
///   deployment with who put them and when; the features still awaiting review, sensitive ones
///   first; overdue reviews. Nothing about another customer: no other deployment, submitter,
///   rationale or feature.
/// - The committee's register (`--register`): every opinion, every deployment it affects, every
///   pending feature — for the committee itself.
public enum EthicsReport {
    public enum Scope: Sendable {
        case deployment(DeploymentDocument)
        /// The whole register; the deployments known (this one and those assessed in the store).
        case register([DeploymentDocument])
    }

    public static func render(opinions: [ReportOpinion], scope: Scope, templates: TemplateSet,
                              generatedAt: Date) throws(ReportTemplateError) -> RenderedReport {
        let labels = templates.labels
        let today = ReportDates.day(generatedAt)
        let deployments: [DeploymentDocument]
        let ownId: String?
        switch scope {
        case .deployment(let document): deployments = [LocalisedDocument.localised(document, labels)]; ownId = document.deployment.id
        case .register(let documents): deployments = documents.map { LocalisedDocument.localised($0, labels) }; ownId = nil
        }
        let shown = opinions.filter { opinion in
            ownId == nil || deployments[0].features.contains { opinion.binds($0, in: ownId!) }
        }
        let rows = shown.map { opinion -> [String: Any] in
            opinionRow(opinion, deployments: deployments, ownId: ownId, labels: labels, today: today)
        }
        var pending: [[String: Any]] = []
        for document in deployments {
            for feature in document.features where !opinions.contains(where: { $0.binds(feature, in: document.deployment.id) }) {
                let sensitive = labels.has("triage.\(feature.kind.rawValue)")
                pending.append(compact([
                    // Named by what it does, not by its id (the committee's register keeps the ids).
                    "deployment": document.deployment.name,
                    "feature": feature.description.map { UntranslatedMarker.marked(ModelNames.shortened($0), labels) }
                        ?? labels.enumLabel("feature_kind", feature.kind.rawValue),
                    "kind": labels.enumLabel("feature_kind", feature.kind.rawValue),
                    "sensitive": sensitive,
                    "priority": labels.label(sensitive ? "triage.priority-sensitive" : "triage.priority-routine"),
                    "why": sensitive ? labels.label("triage.\(feature.kind.rawValue)") : labels.label("triage.routine"),
                ]))
            }
        }
        pending.sort { ($0["sensitive"] as? Bool ?? false) && !($1["sensitive"] as? Bool ?? false) }
        let vetoes = rows.filter { $0["veto"] as? Bool == true }
        let overdue = rows.filter { $0["overdue"] as? Bool == true }
        let scopeName = ownId == nil ? labels.label("document.ethics-register") : deployments[0].deployment.name
        let view: [String: Any] = [
            "generatedOn": labels.date(today),
            "register": ownId == nil,
            "scopeName": scopeName,
            "deployments": deployments.map { ["id": $0.deployment.id, "name": $0.deployment.name] },
            "opinions": rows, "hasOpinions": !rows.isEmpty,
            "vetoes": vetoes, "hasVetoes": !vetoes.isEmpty,
            "overdue": overdue, "hasOverdue": !overdue.isEmpty,
            "pending": pending, "hasPending": !pending.isEmpty,
            "sensitivePending": pending.filter { $0["sensitive"] as? Bool == true }.count,
        ]
        let kind = labels.label(ownId == nil ? "document.ethics-register" : "document.ethics")
        let cover = HTMLPage.Cover(kind: kind, rows: [
            (labels.label("ethics.scope"), scopeName),
            (labels.label("word.date").capitalizedFirst, labels.date(today)),
        ], status: labels.label("ethics.confidential-\(ownId == nil ? "register" : "deployment")"))
        return try ReportRenderer(templates: templates).render(
            template: "ethics", view: view,
            figures: [SignatureBlock.figure([(labels.label("role.committee-chair"), Self.chair(shown))], labels: labels)], baseName: ownId == nil ? "ethics-register" : "ethics",
            title: "\(kind) — \(scopeName)", runningHeader: "\(scopeName) · \(kind) · \(labels.date(today))", cover: cover)
    }

    /// The chair who signs: the chair of the latest recorded deliberation among those shown.
    static func chair(_ opinions: [ReportOpinion]) -> String {
        opinions.compactMap(\.deliberation).max { $0.meetingDate < $1.meetingDate }?.chair ?? ""
    }

    static func opinionRow(_ opinion: ReportOpinion, deployments: [DeploymentDocument], ownId: String?,
                           labels: LabelTable, today: String) -> [String: Any] {
        // What the reader may see of the submission: everything in the register; for one
        // deployment, only when the submission names it (or names no deployment).
        let visible = ownId.map { opinion.isOwn($0) } ?? true
        var concerned: [String] = []
        for document in deployments {
            let features = document.features.filter { opinion.binds($0, in: document.deployment.id) }.map(\.id)
            guard !features.isEmpty else { continue }
            concerned.append(ownId == nil ? "\(document.deployment.name) (\(features.joined(separator: ", ")))" : features.joined(separator: ", "))
        }
        let subject: String
        if let feature = opinion.feature, !feature.isEmpty {
            subject = labels.label("ethics.subject-feature", ["feature": feature])
        } else {
            subject = labels.label("ethics.subject-kind", ["kind": labels.enumLabel("feature_kind", opinion.featureKind ?? "other")])
        }
        let overdue = opinion.reviewBy.map { $0 < today } ?? false
        let conditions: String?
        if !opinion.reservations.isEmpty {
            conditions = nil
        } else if opinion.decision == "favourable-with-reservations" {
            conditions = labels.label("ethics.conditions-not-recorded")
        } else {
            conditions = labels.label("ethics.no-conditions")
        }
        var submission: [String: Any]?
        if visible, let by = opinion.submittedBy {
            submission = [
                "by": by, "on": opinion.submittedOn.map(labels.date) ?? "", "why": opinion.submissionRationale ?? "",
                "scope": opinion.submissionDeployments.isEmpty ? labels.label("ethics.every-deployment")
                    : (ownId == nil ? opinion.submissionDeployments.joined(separator: ", ") : labels.label("ethics.this-deployment")),
            ]
        }
        return compact([
            "id": opinion.id, "subject": subject,
            "decision": labels.label("opinion.\(opinion.decision)"), "veto": opinion.veto,
            "reservations": opinion.reservations.map { ["text": $0] }, "hasReservations": !opinion.reservations.isEmpty,
            "conditions": conditions as Any,
            "rationale": visible ? (opinion.rationale ?? labels.label("status.not-provided")) : labels.label("ethics.rationale-withheld"),
            "members": opinion.members.isEmpty ? labels.label("ethics.not-recorded") : opinion.members.joined(separator: ", "),
            "date": opinion.date.map(labels.date) ?? labels.label("ethics.not-recorded"),
            "reviewBy": opinion.reviewBy.map(labels.date) ?? labels.label("ethics.no-review-date"),
            "overdue": overdue,
            "overdueText": overdue ? labels.label("status.overdue") : "",
            "features": concerned.isEmpty ? labels.label("ethics.no-feature") : concerned.joined(separator: "; "),
            "enabledVeto": opinion.veto && !concerned.isEmpty,
            "submission": submission as Any,
            "anonymous": !visible,
            "deliberation": DeliberationView.view(opinion.deliberation, visible: visible, labels: labels),
        ])
    }
}
