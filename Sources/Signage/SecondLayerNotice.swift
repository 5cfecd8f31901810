import DeploymentModel
import Foundation
import Reports
import Rules

/// Keys of the notice, letter and staff-council texts that every label table must have.
enum NoticeLabelKeys {
    static let all: [String] = {
        var keys = ["notice.title", "notice.intro", "notice.purpose_heading", "notice.cameras", "notice.reference",
                    "notice.untranslated", "notice.uncertain", "notice.none", "notice.column_item", "notice.column_content", "notice.law_led", "notice.legitimate_interests_none", "notice.recipients_none",
                    "notice.transfer", "notice.retention_line", "notice.retention_indefinite", "notice.retention_not_stored",
                    "notice.retention_none", "notice.rights_how", "notice.objection_offered", "notice.objection_not_offered",
                    "notice.portability", "notice.consent_withdrawal.consent", "notice.consent_withdrawal.other",
                    "notice.requirement", "notice.means", "notice.means_recording", "notice.technology_none", "notice.dpo_none"]
        keys += SignRegime.allCases.flatMap { ["notice.law.\($0.rawValue)", "notice.transfers_none.\($0.rawValue)", "notice.rights.\($0.rawValue)"] }
        keys += ["controller", "dpo", "purpose", "legal_basis", "legitimate_interests", "recipients", "transfers", "retention",
                 "rights", "consent_withdrawal", "complaint", "requirement", "automated_decisions", "means", "technology"].map { "notice.item." + $0 }
        keys += LegalBasis.allCases.map { "notice.legal_basis." + $0.rawValue }
        keys += RecipientKind.allCases.map { "notice.recipient_kind." + $0.rawValue }
        keys += AutomatedDecisions.allCases.map { "notice.automated_decisions." + $0.rawValue }
        keys += ["title", "intro", "cameras", "workstations", "workstations_none", "purposes", "retention", "rights", "contact",
                 "second_layer", "cse", "cse_date_unknown", "signature"].map { "letter." + $0 }
        keys += ["title", "intro", "cameras", "camera_line", "workstation", "purposes", "retention", "recipients", "rights",
                 "dpia", "dpia_line", "dpia_none", "date_unknown"].map { "cse." + $0 }
        keys += CameraZone.allCases.map { "zone." + $0.rawValue }
        return keys
    }()
}

/// A document written for people (notice, letter, summary): Markdown, titled.
public struct SignageDocument: Sendable {
    public var name: String
    public var title: String
    public var markdown: String
    public var language: Language
}

/// The second-layer notice: for each purpose, every item its regime requires (GDPR Art. 13(1)–(2);
/// Québec P-39.1 s. 8 and 8.1; PIPEDA Schedule 1), derived from the model. Model free text that
/// is not in the notice's language is shown marked "untranslated", never silently.
public struct SecondLayerNotice: Sendable {
    public let composer: SignComposer
    public let language: Language

    public init(composer: SignComposer, language: Language) {
        self.composer = composer; self.language = language
    }

    var labels: SignageLabels { composer.tables.labels(language) }
    var document: DeploymentDocument { composer.document }

    /// The items a purpose's regime requires, in order, with the article each answers: police
    /// directive purposes get Directive (EU) 2016/680 Art. 13, the others their regime's list.
    public func items(for purpose: Purpose) -> [SignageRequirements.NoticeItem] {
        let key = composer.lawEnforcementPurposes([purpose.id]).isEmpty ? composer.regime.rawValue : "led"
        return composer.requirements.noticeItems[key] ?? []
    }

    public func render() -> SignageDocument {
        let controller = document.deployment.controller
        let title = labels.text("notice.title", ["controller": controller.name])
        var md = "# \(esc(title))\n\n"
        var law = labels.text("notice.law." + composer.regime.rawValue)
        if !composer.lawEnforcementPurposes(document.purposes.map(\.id)).isEmpty { law += labels.text("notice.law_led") }
        md += esc(labels.text("notice.intro", ["law": law])) + "\n\n"
        for purpose in document.purposes {
            let cameras = document.cameras.filter { $0.purposes.contains(purpose.id) }
            guard !cameras.isEmpty else { continue }
            md += "## \(esc(labels.text("notice.purpose_heading", ["purpose": composer.purposeText(purpose, labels: labels)])))\n\n"
            var sites: [String] = []
            for camera in cameras where !sites.contains(camera.site) { sites.append(camera.site) }
            md += esc(labels.text("notice.cameras", ["count": "\(cameras.count)", "sites": sites.joined(separator: ", ")])) + "\n\n"
            md += "| \(esc(labels.text("notice.column_item"))) | \(esc(labels.text("notice.column_content"))) | \(esc(labels.text("notice.reference"))) |\n|---|---|---|\n"
            for item in items(for: purpose) {
                // One row per statement (safe-mode Markdown has no line breaks inside a cell).
                for (offset, statement) in value(of: item.id, purpose: purpose, cameras: cameras).enumerated() {
                    let name = offset == 0 ? "**\(esc(labels.text("notice.item." + item.id)))**" : ""
                    let reference = (item.ref[language.rawValue] ?? item.ref["en"] ?? "") + (item.uncertain == true ? " " + labels.text("notice.uncertain") : "")
                    md += "| \(name) | \(esc(statement)) | \(offset == 0 ? esc(reference) : "") |\n"
                }
            }
            md += "\n"
        }
        return SignageDocument(name: "notice", title: title, markdown: md, language: language)
    }

    /// The statements answering one item for one purpose.
    func value(of item: String, purpose: Purpose, cameras: [Camera]) -> [String] {
        let controller = document.deployment.controller
        let regime = composer.regime
        switch item {
        case "controller":
            return [[controller.name, controller.address, controller.contact].compactMap { $0 }.joined(separator: ", ")]
        case "dpo":
            let person = regime == .gdpr ? controller.dpo : (controller.accountablePerson ?? controller.dpo)
            guard let person else { return [labels.text("notice.dpo_none", ["contact": controller.contact])] }
            return [[person.name, person.email, person.phone].compactMap { $0 }.joined(separator: ", ")]
        case "purpose":
            return [composer.purposeText(purpose, labels: labels), free(purpose.description)]
        case "legal_basis":
            return [labels.text("notice.legal_basis." + purpose.legalBasis.rawValue)] + (purpose.legalBasisRef.map { [free($0)] } ?? [])
        case "legitimate_interests":
            guard purpose.legalBasis == .legitimateInterests else { return [labels.text("notice.legitimate_interests_none")] }
            return [free(purpose.necessity)]
        case "recipients":
            let categories = categoriesOf(purpose)
            let recipients = document.recipients.filter { !Set($0.data.map(\.rawValue)).isDisjoint(with: categories) }
            guard !recipients.isEmpty else { return [labels.text("notice.recipients_none")] }
            return recipients.map { "\(free($0.name)) (\(labels.text("notice.recipient_kind." + $0.kind.rawValue)))" }
        case "transfers":
            return transfers(purpose)
        case "retention":
            let categories = categoriesOf(purpose).union(["raw-video"])
            let rules = document.retention.filter { categories.contains($0.data.rawValue) }
            guard !rules.isEmpty else { return [labels.text("notice.retention_none")] }
            return rules.map { rule in
                let duration: String
                if rule.duration == .notStored { duration = labels.text("notice.retention_not_stored") }
                else if rule.duration == .indefinite { duration = labels.text("notice.retention_indefinite") }
                else { duration = labels.duration(rule.duration) }
                return labels.text("notice.retention_line", ["category": composer.capitalised(labels.text("data_category." + rule.data.rawValue)), "duration": duration])
            }
        case "rights" where !composer.lawEnforcementPurposes([purpose.id]).isEmpty:
            return composer.ledRightsItems([purpose.id], labels: labels).map(\.text)
        case "rights":
            var lines = [labels.text("notice.rights." + regime.rawValue)]
            if let how = document.rights.access { lines.append(labels.text("notice.rights_how", ["how": free(how)])) }
            if regime == .gdpr {
                if let objection = purpose.objection {
                    lines.append(objection.offered
                        ? labels.text("notice.objection_offered", ["how": free(objection.how ?? document.rights.objection ?? "")])
                        : labels.text("notice.objection_not_offered", ["reason": free(objection.reasonNot ?? document.rights.objection ?? "")]))
                }
                if [.consent, .contract].contains(purpose.legalBasis) { lines.append(labels.text("notice.portability")) }
            }
            return lines
        case "consent_withdrawal":
            let consent: Set<LegalBasis> = [.consent, .expressConsent, .impliedConsent]
            return [labels.text(consent.contains(purpose.legalBasis) ? "notice.consent_withdrawal.consent" : "notice.consent_withdrawal.other")]
        case "complaint":
            let fact = composer.rightsItem(regime, labels: labels).fact
            let authority = String(fact.split(separator: ":").last ?? "")
            return [composer.capitalised(labels.text("authority." + authority))]
        case "requirement":
            return [labels.text("notice.requirement")]
        case "automated_decisions":
            return [labels.text("notice.automated_decisions." + purpose.automatedDecisions.rawValue)]
        case "means":
            let features = composer.featuresOf([purpose])
            guard !features.isEmpty else { return [labels.text("notice.means_recording")] }
            return [labels.text("notice.means", ["kinds": labels.list(features.map { labels.text("feature_kind." + $0.kind.rawValue) })])]
        case "technology":
            let where_ = cameras.first.map { $0.signage.secondLayerUrl.map(SignComposer.displayURL) ?? $0.signage.secondLayerPlace ?? "" } ?? ""
            let items = composer.qcItems(composer.featuresOf([purpose]), camera: cameras[0], where: where_, labels: labels)
            return items.isEmpty ? [labels.text("notice.technology_none")] : items.map(\.text)
        default:
            return []
        }
    }

    /// Data categories a purpose produces (from its features' outputs), until the model says
    /// which recipients and retention entries serve which purpose.
    func categoriesOf(_ purpose: Purpose) -> Set<String> {
        var result: Set<String> = []
        for feature in composer.featuresOf([purpose]) {
            for output in feature.outputs { result.formUnion(composer.requirements.outputCategories[output.rawValue] ?? []) }
        }
        return result
    }

    func transfers(_ purpose: Purpose) -> [String] {
        let regime = composer.regime
        let home: (String) -> Bool
        switch regime {
        case .gdpr: home = { Self.EEA.contains($0.uppercased()) }
        case .qc, .pipeda: home = { $0.uppercased() == "CA" || $0.uppercased().hasPrefix("CA-") }
        }
        let categories = categoriesOf(purpose).union(["raw-video"])
        var lines: [String] = []
        for flow in document.dataFlows where categories.contains(flow.data.rawValue) {
            guard let country = flow.country, !home(country) else { continue }
            let mechanism = flow.transferMechanism.map { " (\(free($0)))" } ?? ""
            let line = labels.text("notice.transfer", ["who": "\(flow.from) → \(flow.to)", "country": country, "mechanism": mechanism])
            if !lines.contains(line) { lines.append(line) }
        }
        for processor in document.deployment.processors where !home(processor.country) {
            let mechanism = processor.transferMechanism.map { " (\(free($0)))" } ?? ""
            lines.append(labels.text("notice.transfer", ["who": processor.name, "country": processor.country, "mechanism": mechanism]))
        }
        return lines.isEmpty ? [labels.text("notice.transfers_none." + regime.rawValue)] : lines
    }

    /// Model free text: shown as written, marked when it is not in the document's language.
    func free(_ text: String) -> String {
        LanguageGuard.foreignMarker(in: text, markers: labels.foreignMarkers) == nil ? text : "« \(text) » \(labels.text("notice.untranslated"))"
    }

    func esc(_ text: String) -> String { MarkdownEscaping.inline(text) }

    static let EEA: Set<String> = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
                                   "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "EU"]
}
