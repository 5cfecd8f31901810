import Assessment
import DeploymentModel
import Foundation

/// The privacy impact assessment report (GDPR Art. 35): every section of DESIGN.md "Reports",
/// with the risk map and the data-flow diagram drawn as inline SVG in HTML.
public enum PIAReport {
    public static func render(_ context: ReportContext, templates: TemplateSet) throws(ReportTemplateError) -> RenderedReport {
        let lang = templates.language
        let fr = lang == .fr
        let view = PIAView.make(context, language: lang)
        let document = context.loaded.document
        let figures = [
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
        let kind = fr ? "Analyse d'impact (AIPD)" : "Privacy impact assessment"
        let day = ReportDates.day(context.generatedAt)
        return try ReportRenderer(templates: templates).render(
            template: "pia", view: view, figures: figures, baseName: "pia",
            title: "\(kind) — \(document.deployment.name)",
            runningHeader: "\(document.deployment.name) · \(kind) · \(fr ? "modèle" : "model") \(ReportDates.shortHash(context.assessment.modelHash)) · \(fr ? "règles" : "rules") \(ReportDates.shortHash(context.assessment.rulesVersion)) · \(day)")
    }
}
