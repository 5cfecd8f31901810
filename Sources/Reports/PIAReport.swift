import Assessment
import DeploymentModel
import Foundation

/// The privacy impact assessment report (GDPR Art. 35): every section of DESIGN.md "Reports",
/// with the risk map and the data-flow diagram drawn as inline SVG in HTML.
public enum PIAReport {
    public static func render(_ context: ReportContext, templates: TemplateSet) throws(ReportTemplateError) -> RenderedReport {
        let lang = templates.language
        let fr = lang == .fr
        let regime = DocumentRegime(context.assessment, context.loaded.document)
        // A Canadian document uses its regime's words (label tables, `regime_override`).
        let labels = regime.labels(templates.labels)
        var context = context.localised(labels)
        // The DPO's recorded scores replace the computed ones in the whole document.
        context.assessment.risks = ReviewState(context).scored(context.assessment.risks)
        let document = context.loaded.document
        let view = ModelNames(document, language: lang, labels: labels)
            .humanise(view: PIAView.make(context, language: lang, labels: labels)) as? [String: Any] ?? [:]
        var figures = [
            ReportRenderer.Figure(
                name: "riskMap",
                svg: RiskMapSVG.render(PIAView.riskMapEntries(context.assessment, language: lang), language: lang),
                markdown: fr ? "*Cartographie des risques : voir le tableau ci-dessous (figure dans la version HTML).*"
                             : "*Risk map: see the table below (drawn in the HTML version).*"),
            ReportRenderer.Figure(
                name: "dataFlow",
                svg: DataFlowSVG.render(document, language: lang),
                markdown: fr ? "*Schéma des flux : voir les tableaux ci-dessous (figure dans la version HTML).*"
                             : "*Data-flow diagram: see the tables below (drawn in the HTML version).*"),
        ]
        let kind = labels.label(regime.titleKey)
        // Canada has no DPO: the person in charge of personal information signs (P-39.1 s. 3.1, PIPEDA 4.1).
        let signatories: [(role: String, name: String)] = regime.eu ? [
            (labels.label("role.dpo"), document.deployment.controller.dpo?.name ?? ""),
            (labels.label("role.controller"), document.deployment.controller.name)] : [
            (labels.label("role.accountable-person"), document.deployment.controller.accountablePerson?.name ?? ""),
            (labels.label("role.controller"), document.deployment.controller.name)]
        figures.append(SignatureBlock.figure(signatories, labels: labels))
        let cover = Self.cover(context, labels: labels, kind: kind)
        let reference = document.dpia?.reference.map { " · \($0)" } ?? ""
        var report = try ReportRenderer(templates: templates).render(
            template: "pia", view: view, figures: figures, baseName: "pia",
            title: "\(kind) — \(document.deployment.name)",
            runningHeader: "\(document.deployment.name)\(reference) · \(cover.status) · \(labels.label("word.model-hash")) \(ReportDates.shortHash(context.assessment.modelHash)) · \(labels.date(context.generatedAt))",
            cover: cover)
        report.attachments["action-plan.csv"] = Data(MergedActionPlan(context, labels: labels, language: lang).csv().utf8)
        return report
    }

    /// The cover: reference, controller, model fingerprint, rules version, date, and the status —
    /// DRAFT until both the DPO and the controller have signed this very model.
    static func cover(_ context: ReportContext, labels: LabelTable, kind: String) -> HTMLPage.Cover {
        let document = context.loaded.document
        let hash = context.assessment.modelHash
        let current = context.signOffs.filter { $0.modelHash == hash }
        // Signed by both, and no review of an older model standing in for this one's.
        let signed = Set(current.map(\.role)).isSuperset(of: ["dpo", "controller"]) && !ReviewState(context).isStale
        let stale = context.signOffs.contains { $0.modelHash != hash }
        var rows: [(label: String, value: String)] = []
        rows.append((labels.label("word.reference").capitalizedFirst, document.dpia?.reference ?? labels.label("status.not-provided")))
        rows.append((labels.label("role.controller"), document.deployment.controller.name))
        rows.append((labels.label("word.version").capitalizedFirst, labels.date(context.assessment.assessedAt)))
        rows.append((labels.label("word.model-hash").capitalizedFirst, hash))
        rows.append((labels.label("word.date").capitalizedFirst, labels.date(context.generatedAt)))
        return HTMLPage.Cover(kind: kind, rows: rows,
                              status: labels.label(signed ? "status.signed" : "status.draft"),
                              statusNote: ReviewState(context).stale.map { _ in labels.label("pia_review.stale-cover") }
                                  ?? (stale && !signed ? labels.label("status.stale") : nil),
                              annexesFrom: (labels.label("cover.annexes-from"), labels.label("cover.annexes-page")))
    }
}
