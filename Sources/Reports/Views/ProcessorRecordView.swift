import Assessment
import DeploymentModel
import Foundation

/// The view of one processor's record of processing activities (GDPR Art. 30(2)): the processor,
/// the controller it acts for and its DPO (a), the categories of processing carried out for it (b),
/// transfers outside the EEA and their safeguards (c), the security measures (d) — all from the
/// model. A processor serves the purposes whose data sit in the systems it operates; one that
/// operates no system of the model (a software vendor, a support desk) serves every purpose.
enum ProcessorRecordView {
    static func make(_ document: DeploymentDocument, processor: Processor, modelHash: String, generatedOn: String,
                     language lang: Language) -> [String: Any] {
        let deployment = document.deployment
        let controller = deployment.controller
        let area = TransferArea(document)
        let operated = document.systems.filter { system in
            system.operatedBy == processor.name || (processor.id.map { system.operatedBy == $0 } ?? false)
        }
        let held = Set(operated.flatMap(\.holds))
        let served = document.purposes.filter { purpose in
            operated.isEmpty || !PurposeScope(document, purpose: purpose).dataCategories.isDisjoint(with: held)
        }
        var transfers: [[String: Any]] = []
        if !area.contains(processor.country) {
            transfers.append(["what": processor.services.joined(separator: ", "), "country": processor.country,
                              "mechanism": processor.transferMechanism ?? area.missingMechanism(lang)])
        }
        for system in operated {
            guard let country = system.country, !area.contains(country) else { continue }
            transfers.append(["what": Labels.systemKind(system.kind, lang), "country": country,
                              "mechanism": processor.transferMechanism ?? area.missingMechanism(lang)])
        }
        var controllerView = compact(["name": controller.name, "address": controller.address as Any,
                                      "country": controller.country, "contact": controller.contact])
        if let dpo = controller.dpo { controllerView["dpo"] = SheetView.contact(dpo) }
        return [
            "deploymentName": deployment.name,
            "generatedOn": generatedOn,
            "modelHash": modelHash,
            // A Canadian controller's provider: no GDPR record (Art. 30(2)), no EEA transfers.
            "eu": !TransferArea(document).canadian,
            "processor": [
                "name": processor.name,
                "role": Labels.processorRole(processor.role, lang, gdpr: !area.canadian),
                "country": processor.country,
                "contract": Labels.contract(processor.contract, lang),
                "subprocessors": (processor.subprocessors ?? []).isEmpty ? "—" : (processor.subprocessors ?? []).joined(separator: ", "),
            ] as [String: Any],
            "controller": controllerView,
            "services": processor.services.map { ["service": $0] },
            "servesEveryPurpose": operated.isEmpty,
            "purposes": served.map { purpose -> [String: Any] in
                ["description": purpose.description, "legalBasis": Labels.legalBasis(purpose.legalBasis, lang)]
            },
            "systems": operated.map { system -> [String: Any] in
                ["kind": Labels.systemKind(system.kind, lang), "country": system.country ?? "—",
                 "holds": system.holds.map { Labels.dataCategory($0, lang) }.joined(separator: ", "),
                 "accessControl": Labels.yesNo(system.accessControl, lang),
                 "accessLogging": Labels.yesNo(system.accessLogging, lang),
                 "encryptedAtRest": Labels.yesNo(system.encryptedAtRest, lang)]
            },
            "hasSystems": !operated.isEmpty,
            "transfers": transfers,
            "hasTransfers": !transfers.isEmpty,
            "security": document.security.map { ["measure": Labels.securityMeasure($0, lang)] },
            "hasSecurity": !document.security.isEmpty,
        ]
    }
}
