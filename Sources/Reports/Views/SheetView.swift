import Assessment
import DeploymentModel
import Foundation

/// The view of one processing sheet — the record of processing activities entry (GDPR Art. 30(1))
/// for one purpose, with the processors' details (Art. 30(2)) and the DPIA reference. Values are
/// raw text; the MARKDOWN content type escapes them when the template is rendered.
enum SheetView {
    static func make(_ document: DeploymentDocument, purpose: Purpose, modelHash: String, generatedOn: String,
                     language: Language) -> [String: Any] {
        let lang = language
        let deployment = document.deployment
        let controller = deployment.controller
        var view: [String: Any] = [
            "deploymentName": deployment.name,
            "deploymentId": deployment.id,
            "purposeId": purpose.id,
            "generatedOn": generatedOn,
            "modelHash": modelHash,
            // A Canadian controller's sheet cites no GDPR article and knows no EEA.
            "eu": !TransferArea(document).canadian,
            "controller": compact([
                "name": controller.name,
                "address": controller.address as Any,
                "country": controller.country,
                "contact": controller.contact,
            ]),
        ]
        if let dpo = controller.dpo { view["dpo"] = contact(dpo) }
        if let accountable = controller.accountablePerson { view["accountablePerson"] = contact(accountable) }

        view["processors"] = deployment.processors.map { processor -> [String: Any] in
            let outside = !TransferArea(document).contains(processor.country)
            return [
                "name": processor.name,
                "role": Labels.processorRole(processor.role, lang, gdpr: !TransferArea(document).canadian),
                "country": processor.country,
                "contract": Labels.contract(processor.contract, lang),
                "services": processor.services.joined(separator: ", "),
                "subprocessors": (processor.subprocessors ?? []).isEmpty ? "—" : (processor.subprocessors ?? []).joined(separator: ", "),
                "outsideEEA": outside,
                "transferMechanism": processor.transferMechanism ?? (outside ? TransferArea(document).missingMechanism(lang) : "—"),
            ]
        }
        view["hasProcessors"] = !deployment.processors.isEmpty

        let scope = PurposeScope(document, purpose: purpose)
        let purposeFeatures = scope.features
        view["purpose"] = compact([
            "description": purpose.description,
            "legalBasis": Labels.legalBasis(purpose.legalBasis, lang),
            // A legal reference: cited in the document's language where the label table knows it.
            "legalBasisRef": purpose.legalBasisRef.map { ReferenceText(Labels.table(lang)).translate($0) } as Any,
            "necessity": purpose.necessity,
            "humanReview": Labels.yesNo(purpose.humanReview, lang),
            "automatedDecisions": Labels.automatedDecisions(purpose.automatedDecisions, lang),
            "statisticsOnly": purpose.statisticsOnly,
            "features": purposeFeatures.map { feature -> [String: Any] in
                [
                    "id": feature.id, "kind": Labels.enumValue("feature_kind", feature.kind.rawValue, lang),
                    "description": feature.description ?? "—",
                    "outputs": feature.outputs.map { Labels.enumValue("feature_output", $0.rawValue, lang) }.joined(separator: ", "),
                    "onDevice": Labels.yesNo(feature.onDevice, lang),
                ]
            },
        ])
        view["dataSubjects"] = purpose.dataSubjects.isEmpty ? notStated(lang) : purpose.dataSubjects.joined(separator: ", ")
        var categories = purpose.dataCategories
        if categories.isEmpty {
            categories = scope.dataCategories.map { Labels.dataCategory($0, lang) }.sorted()
        }
        view["dataCategories"] = categories.isEmpty ? notStated(lang) : categories.joined(separator: ", ")

        let cameras = scope.cameras
        var perSite: [String: Int] = [:]
        for camera in cameras { perSite[camera.site, default: 0] += 1 }
        view["cameraCount"] = cameras.count
        view["sites"] = perSite.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
        view["audio"] = cameras.contains(where: \.audio)

        let recipients = scope.recipients(document)
        view["recipients"] = recipients.map { recipient, data -> [String: Any] in
            [
                "name": recipient.name, "kind": Labels.recipientKind(recipient.kind, lang),
                "data": data.map { Labels.dataCategory($0, lang) }.joined(separator: ", "),
                "country": recipient.country ?? "—",
            ]
        }
        view["hasRecipients"] = !recipients.isEmpty

        let transfers = Transfers.list(document, language: lang, only: scope)
        view["transfers"] = transfers
        view["hasTransfers"] = !transfers.isEmpty

        let retention = scope.retention(document)
        view["retention"] = retention.map { rule -> [String: Any] in
            [
                "data": Labels.dataCategory(rule.data, lang), "duration": Labels.duration(rule.duration, lang),
                "where": rule.where.map { $0 == "none" ? Labels.table(lang).label("status.none") : $0 } ?? "—", "anonymised": Labels.yesNo(rule.anonymised, lang),
                "justification": rule.justification ?? "—",
            ]
        }
        view["hasRetention"] = !retention.isEmpty
        view["security"] = document.security.map { ["measure": Labels.securityMeasure($0, lang)] }
        view["hasSecurity"] = !document.security.isEmpty
        view["rights"] = RightsView.rows(document, purpose: purpose, language: lang)

        if let dpia = document.dpia {
            view["dpia"] = [
                "reference": dpia.reference ?? notStated(lang), "date": dpia.date ?? "—",
                "lastReview": dpia.lastReview ?? "—",
            ]
        }
        return view
    }

    static func contact(_ contact: Contact) -> [String: Any] {
        compact(["name": contact.name, "email": contact.email as Any, "phone": contact.phone as Any])
    }

    static func notStated(_ lang: Language) -> String { lang == .fr ? "non renseigné" : "not stated" }

    static func missingMechanism(_ lang: Language) -> String {
        lang == .fr ? "AUCUN MÉCANISME DOCUMENTÉ (chapitre V du RGPD)" : "NO MECHANISM DOCUMENTED (GDPR Chapter V)"
    }
}

/// Transfers of personal data outside the EEA found anywhere in the model: data flows to a
/// non-EEA country, processors, systems and recipients located outside it.
enum Transfers {
    /// `only`: the data categories of one purpose (flows of other data are left out).
    static func list(_ document: DeploymentDocument, language lang: Language, only: PurposeScope? = nil) -> [[String: Any]] {
        var rows: [[String: Any]] = []
        var seen = Set<String>()
        let area = TransferArea(document)
        func add(_ what: String, _ country: String, _ mechanism: String?) {
            let key = what + "\u{1}" + country
            guard seen.insert(key).inserted else { return }
            rows.append(["what": what, "country": country, "mechanism": mechanism ?? area.missingMechanism(lang),
                         "documented": mechanism != nil])
        }
        for processor in document.deployment.processors where !area.contains(processor.country) {
            add((lang == .fr ? "Sous-traitant " : "Processor ") + processor.name, processor.country, processor.transferMechanism)
        }
        for flow in document.dataFlows where only?.carries(flow) ?? true {
            guard let country = flow.country, !area.contains(country) else { continue }
            add("\(flow.from) → \(flow.to) (\(Labels.dataCategory(flow.data, lang)))", country, flow.transferMechanism)
        }
        for system in document.systems {
            guard let country = system.country, !area.contains(country) else { continue }
            let mechanism = document.dataFlows.first { $0.to == system.id && $0.transferMechanism != nil }?.transferMechanism
            add((lang == .fr ? "Système " : "System ") + system.id, country, mechanism)
        }
        let scopedRecipients = only.map { Set($0.recipients(document).map(\.0.id)) }
        for recipient in document.recipients where scopedRecipients?.contains(recipient.id) ?? true {
            guard let country = recipient.country, !area.contains(country) else { continue }
            add((lang == .fr ? "Destinataire " : "Recipient ") + recipient.name, country, nil)
        }
        return rows
    }
}

/// The rights of data subjects (GDPR Art. 12–22) and how each is exercised.
enum RightsView {
    static func rows(_ document: DeploymentDocument, purpose: Purpose?, language lang: Language) -> [[String: Any]] {
        let rights = document.rights
        let missing = lang == .fr ? "Non renseigné — à compléter" : "Not stated — to be completed"
        // A Canadian controller's document cites no GDPR article.
        let gdpr = !TransferArea(document).canadian
        func article(_ text: String) -> String { gdpr ? text : "" }
        var objection = rights.objection
        if let purposeObjection = purpose?.objection {
            objection = purposeObjection.offered
                ? (purposeObjection.how ?? rights.objection)
                : (lang == .fr ? "non applicable : " : "not applicable: ") + (purposeObjection.reasonNot ?? SheetView.notStated(lang))
        }
        let entries: [(String, String, String?)] = lang == .fr ? [
            ("Information" + article(" (art. 12 à 14)"), "information", rights.information),
            ("Accès" + article(" (art. 15)"), "access", rights.access.map { UntranslatedMarker.marked($0, Labels.table(lang)) + (rights.accessRedaction ? " — les tiers sont masqués avant communication" : "") }),
            ("Rectification" + article(" (art. 16)"), "rectification", rights.rectification),
            ("Effacement" + article(" (art. 17)"), "erasure", rights.erasure),
            (gdpr ? "Opposition (art. 21)" : "Retrait du consentement ou opposition", "objection", objection),
            (gdpr ? "Réclamation auprès de l'autorité de contrôle (art. 77)" : "Plainte auprès de l'organisme de surveillance", "complaint", rights.complaint),
        ] : [
            ("Information" + article(" (Art. 12–14)"), "information", rights.information),
            ("Access" + article(" (Art. 15)"), "access", rights.access.map { $0 + (rights.accessRedaction ? " — third parties are redacted before disclosure" : "") }),
            ("Rectification" + article(" (Art. 16)"), "rectification", rights.rectification),
            ("Erasure" + article(" (Art. 17)"), "erasure", rights.erasure),
            (gdpr ? "Objection (Art. 21)" : "Withdrawal of consent or objection", "objection", objection),
            (gdpr ? "Complaint to the supervisory authority (Art. 77)" : "Complaint to the oversight body", "complaint", rights.complaint),
        ]
        return entries.map { ["right": $0.0, "how": $0.2 ?? missing, "provided": $0.2 != nil] }
    }
}

/// Drops the keys whose value is an absent optional, so that a Mustache section
/// `{{#address}}…{{/address}}` is skipped rather than rendered with an empty value.
func compact(_ dictionary: [String: Any]) -> [String: Any] {
    dictionary.filter { _, value in
        let mirror = Mirror(reflecting: value)
        return !(mirror.displayStyle == .optional && mirror.children.isEmpty)
    }
}
