import Assessment
import DeploymentModel
import Foundation

extension PIAView {
    static func annexes(_ context: ReportContext, language lang: Language) -> [String: Any] {
        let document = context.loaded.document
        let fr = lang == .fr
        var cameras: [[String: Any]] = []
        cameras.reserveCapacity(document.cameras.count)
        for camera in document.cameras {
            var signage = camera.signage.firstLayer ? (fr ? "oui" : "yes") : (fr ? "NON" : "NO")
            if camera.signage.secondLayerUrl != nil || camera.signage.secondLayerPlace != nil { signage += fr ? " + 2e niveau" : " + 2nd layer" }
            var notes: [String] = []
            if camera.audio { notes.append(fr ? "son" : "audio") }
            if camera.ptz { notes.append("PTZ") }
            if camera.overlooksPrivateSpace { notes.append(fr ? "espace privé dans le champ" : "private space in view") }
            if camera.filmsWorkstations { notes.append(fr ? "postes de travail" : "workstations") }
            cameras.append([
                "id": camera.id, "site": camera.site, "zone": Labels.enumValue("camera_zone", camera.zone.rawValue, lang), "location": camera.location ?? "—",
                "purposes": camera.purposes.joined(separator: ", "),
                "masks": camera.privacyMasks.isEmpty ? "—" : camera.privacyMasks.map(\.id).joined(separator: ", "),
                "signage": signage, "notes": notes.isEmpty ? "—" : notes.joined(separator: ", "),
            ])
        }
        let findings = context.assessment.findings.map { findingRow($0, language: lang, annex: true) }
        var waivers: [[String: Any]] = []
        for waiver in document.waivers {
            let state = context.assessment.findings.first { $0.ruleId == waiver.rule && (waiver.subject == nil || $0.subjectPath == waiver.subject) }
            waivers.append([
                "rule": waiver.rule, "subject": waiver.subject ?? (fr ? "tout le dispositif" : "whole deployment"),
                "justification": waiver.justification, "approver": waiver.approver, "expires": waiver.expires,
                "state": state.map { Labels.waiver($0.waiver, lang) } ?? (fr ? "aucun constat concerné" : "no matching finding"),
            ])
        }
        let area = TransferArea(document)
        let flows = document.dataFlows.map { flow -> [String: Any] in
            let outside = flow.country.map { !area.contains($0) } ?? false
            return ["from": flow.from, "to": flow.to, "data": Labels.dataCategory(flow.data, lang),
                    "encrypted": Labels.yesNo(flow.encrypted, lang), "country": flow.country ?? "—",
                    "transfer": outside ? (flow.transferMechanism ?? area.missingMechanism(lang)) : "—"]
        }
        let recipients = document.recipients.map { recipient -> [String: Any] in
            ["name": recipient.name, "kind": Labels.recipientKind(recipient.kind, lang),
             "data": recipient.data.map { Labels.dataCategory($0, lang) }.joined(separator: ", "), "country": recipient.country ?? "—"]
        }
        return [
            "cameras": cameras, "cameraCount": cameras.count,
            "findings": findings, "hasFindings": !findings.isEmpty,
            "waivers": waivers, "hasWaivers": !waivers.isEmpty,
            "flows": flows, "hasFlows": !flows.isEmpty,
            "recipients": recipients, "hasRecipients": !recipients.isEmpty,
            "transfers": Transfers.list(document, language: lang),
        ]
    }
}
