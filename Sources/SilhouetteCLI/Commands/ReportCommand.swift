import ArgumentParser
import Assessment
import DeploymentModel
import Foundation
import Reports

/// `silhouette report pia|sheet|ethics DEPLOYMENT`: writes the documents people sign.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the PIA report, the processing sheets or the ethics report of a deployment.",
        discussion: """
        KIND is one of:
          pia     the privacy impact assessment (GDPR Art. 35): document control with the model hash, \
        rules version and staleness; verdict; DPIA threshold analysis; context; legal bases; necessity \
        and proportionality; minimisation and retention; rights; biometric-free assurance citing the \
        latest verification attestation in the store; risks with the risk map; measures and action \
        plan; AI Act position; ethics opinions; DPO opinion and sign-off block; review plan; annexes \
        (cameras, findings with citations, waivers, data flows with the data-flow diagram).
          sheet   one processing sheet per purpose (GDPR Art. 30 record): controller and DPO, \
        processors, purpose, legal basis, data subjects and data, recipients, transfers outside the \
        EEA, retention, security measures, rights, DPIA reference. Needs only the model.
          ethics  for this deployment's controller: the committee's opinions that bind this deployment \
        (on its features and on the feature kinds it uses), its submissions, vetoes, conditions, review \
        dates (overdue flagged) and its features awaiting review, sensitive first; nothing about any \
        other deployment. With --register: the committee's whole register (ethics-register.*), for the \
        committee only.

        The PIA assesses the model afresh with the same rules as `silhouette assess` and reads \
        verifications, ethics opinions, sign-offs and the previous assessment from the store \
        (--store, default .silhouette/store.sqlite beside the deployment); a missing default store \
        means no records, and the report says so.

        Formats: md (Markdown), html (one self-contained page: inline CSS and SVG, no script, no \
        external request; prints on A4 with a running header), json (the report's content as data), \
        pdf (paged A4 through WeasyPrint: cover, running header, contents with page numbers, \
        landscape annexes), docx and odt (editable, through pandoc with templates/reference.docx or \
        .odt for styles), all (= md, html, json). Several: --format pdf,docx or --format pdf --format docx. Files are named pia.*, sheet-<purpose>.*, ethics.*. They are written into DIR \
        atomically: nothing is replaced unless every file was rendered and written.

        Templates come from templates/ next to silhouette, or SILHOUETTE_TEMPLATES_DIR.

        Examples:
          silhouette report pia examples/massy-city/deployment.yaml -o out/massy
          silhouette report sheet deployment.yaml --lang fr --format md -o registre/
          silhouette report ethics deployment.yaml --format html -o out/ --store /srv/silhouette.sqlite
        """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case pia, sheet, ethics }
    enum Format: String, ExpressibleByArgument, CaseIterable { case md, html, json, pdf, docx, odt, all }

    @Argument(help: "What to write: pia, sheet or ethics.")
    var kind: Kind

    @Argument(help: "The deployment YAML file.")
    var deployment: String

    @Option(help: "Output format: md, html, json, pdf, docx, odt, or all (= md, html and json); repeat the option or separate with commas for several.")
    var format: [String] = ["all"]

    @Option(help: "Language of the report: en or fr.")
    var lang: Language = .en

    @Option(name: .shortAndLong, help: "Directory to write into (created if missing).")
    var output: String = "."

    @Flag(help: "ethics only: the committee's whole register (every opinion, submission and deployment in the store) instead of the report for this deployment's controller.")
    var register = false

    @OptionGroup var rules: RuleSelectionOptions

    @OptionGroup var storeOptions: StoreOptions

    /// `--format` values (repeated or comma-separated) → formats, in order, without repeats.
    static func formats(_ values: [String]) throws -> [ReportFormat] {
        var result: [ReportFormat] = []
        for value in values.flatMap({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }) {
            guard let format = Format(rawValue: value) else {
                throw ValidationError("unknown --format '\(value)'; hint: use md, html, json, pdf, docx, odt or all")
            }
            let asked: [ReportFormat] = format == .all ? ReportFormat.textFormats : [ReportFormat(rawValue: format.rawValue)!]
            for item in asked where !result.contains(item) { result.append(item) }
        }
        return result.isEmpty ? ReportFormat.textFormats : result
    }

    func run() async throws {
        let formats = try Self.formats(format)
        if register && kind != .ethics { throw ValidationError("--register applies to 'report ethics' only") }
        let now = try self.rules.now()
        let loaded = try DeploymentLoader.load(path: deployment)
        let templates = try TemplateSet.load(directory: TemplateSet.locate(), language: lang)
        let inputs = try ReportInputs.load(store: storeOptions, deploymentFile: deployment,
                                           deploymentId: loaded.document.deployment.id, declaredEngine: loaded.document.engine)
        let reports: [RenderedReport]
        switch kind {
        case .sheet:
            reports = try ProcessingSheetReport.render(loaded.document, modelHash: loaded.modelHash, templates: templates, generatedAt: now)
        case .ethics:
            let scope: EthicsReport.Scope = register ? .register([loaded.document] + inputs.storedModels) : .deployment(loaded.document)
            reports = [try EthicsReport.render(opinions: inputs.opinions, scope: scope,
                                               templates: templates, generatedAt: now)]
        case .pia:
            let rules = try self.rules.loadRules(for: loaded.document)
            let assessment = Assessor.assess(loaded, rules: rules, context: inputs.assessmentContext(now: now))
            var context = ReportContext(loaded: loaded, assessment: assessment, verification: inputs.verification,
                                        ethicsOpinions: inputs.opinions, signOffs: inputs.signOffs,
                                        previousAssessment: inputs.previous, generatedAt: now,
                                        changes: inputs.changes(since: assessment, loaded: loaded))
            context.reviews = inputs.reviews
            reports = [try PIAReport.render(context, templates: templates)]
        }
        let written = try ReportWriter.write(reports, formats: formats, to: output,
                                             converter: DocumentConverter(templatesDirectory: templates.directory))
        for path in written { print(path) }
    }
}
