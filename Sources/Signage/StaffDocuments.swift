import DeploymentModel
import Foundation
import Reports
import Rules

/// Documents for staff where cameras film workplaces, under French labour law: the employee
/// information letter (C. trav. L1222-4) and the summary for the staff council's prior
/// consultation (C. trav. L2312-38). Other jurisdictions get neither (their labour law is not
/// encoded): `applies` is false.
public struct StaffDocuments: Sendable {
    public let composer: SignComposer
    public let language: Language

    public init(composer: SignComposer, language: Language) {
        self.composer = composer; self.language = language
    }

    var labels: SignageLabels { composer.tables.labels(language) }
    var document: DeploymentDocument { composer.document }

    /// Cameras that film staff: a workplace zone, a workstation in view, or every camera of a
    /// workplace or construction deployment.
    public var workplaceCameras: [Camera] {
        let rule = composer.requirements.workplace
        let everyCamera = rule.sectors.contains(document.deployment.sector.rawValue)
        return document.cameras.filter { everyCamera || rule.zones.contains($0.zone.rawValue) || $0.filmsWorkstations }
    }

    public var applies: Bool {
        document.deployment.jurisdictions.contains { $0.uppercased() == "FR" } && !workplaceCameras.isEmpty
    }

    var purposes: [Purpose] {
        let ids = Set(workplaceCameras.flatMap(\.purposes))
        return document.purposes.filter { ids.contains($0.id) }
    }

    public func letter() throws(SignageError) -> SignageDocument {
        let controller = document.deployment.controller
        let title = labels.text("letter.title", ["controller": controller.name])
        let cameras = workplaceCameras
        var md = "# \(esc(title))\n\n\(esc(labels.text("letter.intro")))\n\n"
        md += esc(labels.text("letter.cameras", ["list": describe(cameras)])) + "\n\n"
        let workstations = cameras.filter(\.filmsWorkstations)
        md += esc(workstations.isEmpty ? labels.text("letter.workstations_none") : labels.text("letter.workstations", ["list": describe(workstations)])) + "\n\n"
        md += "## \(esc(labels.text("letter.purposes")))\n\n"
        for purpose in purposes { md += "- \(esc(composer.purposeText(purpose, labels: labels)))\n" }
        let features = composer.featuresOf(purposes)
        for item in composer.analysisItems(features, labels: labels) + composer.aiActItems(features, labels: labels) {
            md += "\n\(esc(item.text))\n"
        }
        md += "\n## \(esc(labels.text("letter.retention")))\n\n"
        for item in try composer.retentionItems(labels: labels) { md += esc(item.text) + "\n" }
        md += "\n## \(esc(labels.text("letter.rights")))\n\n\(esc(composer.rightsItem(composer.regime, labels: labels).text))\n"
        md += "\n## \(esc(labels.text("letter.contact")))\n\n\(esc(try composer.contactItem(composer.regime, labels: labels).text))\n"
        if let camera = cameras.first, let index = document.cameras.firstIndex(of: camera) {
            md += "\n## \(esc(labels.text("letter.second_layer")))\n\n\(esc(try composer.secondLayerItem(camera, index: index, labels: labels).item.text))\n"
        }
        let consulted = document.workforce?.staffCouncil?.consultedOn.map { labels.longDate($0) } ?? labels.text("letter.cse_date_unknown")
        md += "\n\(esc(labels.text("letter.cse", ["date": consulted])))\n"
        md += "\n\(esc(labels.text("letter.signature", ["controller": controller.name])))\n"
        return SignageDocument(name: "employee-letter", title: title, markdown: md, language: language)
    }

    public func staffCouncilSummary() throws(SignageError) -> SignageDocument {
        let controller = document.deployment.controller
        let title = labels.text("cse.title", ["controller": controller.name])
        var md = "# \(esc(title))\n\n\(esc(labels.text("cse.intro")))\n\n## \(esc(labels.text("cse.cameras")))\n\n"
        for camera in workplaceCameras {
            md += "- " + esc(labels.text("cse.camera_line", [
                "id": camera.id, "site": camera.site, "zone": labels.text("zone." + camera.zone.rawValue),
                "workstation": camera.filmsWorkstations ? labels.text("cse.workstation") : ""])) + "\n"
        }
        md += "\n## \(esc(labels.text("cse.purposes")))\n\n"
        for purpose in purposes {
            md += "- \(esc(composer.purposeText(purpose, labels: labels))) — \(esc(labels.text("notice.legal_basis." + purpose.legalBasis.rawValue)))\n"
        }
        for item in composer.impactItems(composer.featuresOf(purposes), labels: labels) { md += "\n\(esc(item.text))\n" }
        md += "\n## \(esc(labels.text("cse.retention")))\n\n"
        for rule in document.retention {
            let duration = rule.duration == .indefinite ? labels.text("notice.retention_indefinite")
                : rule.duration == .notStored ? labels.text("notice.retention_not_stored") : labels.duration(rule.duration)
            md += "- " + esc(labels.text("notice.retention_line", ["category": composer.capitalised(labels.text("data_category." + rule.data.rawValue)), "duration": duration])) + "\n"
        }
        md += "\n## \(esc(labels.text("cse.recipients")))\n\n"
        let notice = SecondLayerNotice(composer: composer, language: language)
        for recipient in document.recipients {
            md += "- \(esc(notice.free(recipient.name))) (\(esc(labels.text("notice.recipient_kind." + recipient.kind.rawValue))))\n"
        }
        md += "\n## \(esc(labels.text("cse.rights")))\n\n\(esc(composer.rightsItem(composer.regime, labels: labels).text))\n"
        md += "\n## \(esc(labels.text("cse.dpia")))\n\n"
        if let dpia = document.dpia {
            md += esc(labels.text("cse.dpia_line", ["reference": dpia.reference ?? labels.text("cse.date_unknown"),
                                                     "date": dpia.date.map { labels.longDate($0) } ?? labels.text("cse.date_unknown")])) + "\n"
        } else {
            md += esc(labels.text("cse.dpia_none")) + "\n"
        }
        return SignageDocument(name: "staff-council-summary", title: title, markdown: md, language: language)
    }

    func describe(_ cameras: [Camera]) -> String {
        labels.list(cameras.map { "\($0.id) (\($0.site))" })
    }

    func esc(_ text: String) -> String { MarkdownEscaping.inline(text) }
}
