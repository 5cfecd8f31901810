import Assessment
import DeploymentModel
import Foundation

/// Processing sheets: one record of processing activities entry (GDPR Art. 30) per purpose of a
/// deployment, for the controller to file. Needs only the deployment model.
public enum ProcessingSheetReport {
    /// One report per purpose, named `sheet-<purpose id>`, in the order of the model.
    public static func render(_ document: DeploymentDocument, modelHash: String, templates: TemplateSet,
                              generatedAt: Date) throws(ReportTemplateError) -> [RenderedReport] {
        let document = LocalisedDocument.localised(document, templates.labels)
        let renderer = ReportRenderer(templates: templates)
        let lang = templates.language
        let day = ReportDates.day(generatedAt)
        var reports: [RenderedReport] = []
        var usedNames = Set<String>()
        let names = ModelNames(document, language: lang, labels: templates.labels)
        var sheets: [[String: Any]] = []
        for purpose in document.purposes {
            let view = names.humanise(view: SheetView.make(document, purpose: purpose, modelHash: modelHash,
                                                           generatedOn: day, language: lang)) as? [String: Any] ?? [:]
            sheets.append(view)
            var name = "sheet-" + FileNames.safe(purpose.id)
            while !usedNames.insert(name).inserted { name += "-" }
            let kind = lang == .fr ? "Fiche de registre" : "Processing record"
            let labels = Self.regimeLabels(document, templates.labels)
            let cover = HTMLPage.Cover(kind: labels.label("document.sheet"), rows: [
                (labels.label("role.controller"), document.deployment.controller.name),
                (labels.label("word.date").capitalizedFirst, labels.date(generatedAt)),
                (labels.label("word.model-hash").capitalizedFirst, modelHash),
            ], status: labels.label("word.version").capitalizedFirst + " " + labels.date(generatedAt))
            reports.append(try renderer.render(
                template: "sheet", view: view, figures: [], baseName: name,
                title: "\(kind) — \(purpose.description)",
                runningHeader: "\(document.deployment.name) · \(kind) · \(labels.date(generatedAt))", cover: cover))
        }
        // One Art. 30(2) record per processor, then the whole register (sheets and records) as one document.
        var records: [[String: Any]] = []
        for processor in document.deployment.processors {
            let view = names.humanise(view: ProcessorRecordView.make(document, processor: processor, modelHash: modelHash,
                                                                     generatedOn: day, language: lang)) as? [String: Any] ?? [:]
            records.append(view)
            var name = "processor-" + FileNames.safe(processor.id ?? processor.name)
            while !usedNames.insert(name).inserted { name += "-" }
            let labels = Self.regimeLabels(document, templates.labels)
            let kind = lang == .fr ? "Registre du sous-traitant" : "Processor's record"
            reports.append(try renderer.render(
                template: "processor-record", view: view, figures: [], baseName: name,
                title: "\(kind) — \(processor.name)",
                runningHeader: "\(document.deployment.name) · \(kind) · \(labels.date(generatedAt))",
                cover: Self.cover(kind, document, modelHash: modelHash, generatedAt: generatedAt, labels: labels)))
        }
        if !sheets.isEmpty || !records.isEmpty {
            let labels = Self.regimeLabels(document, templates.labels)
            let kind = lang == .fr ? "Registre des activités de traitement" : "Record of processing activities"
            reports.append(try renderer.render(
                template: "register", view: ["deploymentName": document.deployment.name, "sheets": sheets, "processorRecords": records,
                       "eu": !TransferArea(document).canadian],
                figures: [], baseName: "register", title: "\(kind) — \(document.deployment.name)",
                runningHeader: "\(document.deployment.name) · \(kind) · \(labels.date(generatedAt))",
                cover: Self.cover(kind, document, modelHash: modelHash, generatedAt: generatedAt, labels: labels),
                nestDocuments: true))
        }
        // The whole register as CSV, beside the sheets.
        if !reports.isEmpty {
            reports[0].attachments["register.csv"] = Data(RegisterCSV.make(document, language: lang).utf8)
        }
        return reports
    }

    /// A Canadian register's covers use its regime's words (`regime_override` in the label tables):
    /// Québec's enterprise when the deployment lists the CA-QC jurisdiction, PIPEDA's organization
    /// otherwise.
    static func regimeLabels(_ document: DeploymentDocument, _ labels: LabelTable) -> LabelTable {
        guard TransferArea(document).canadian else { return labels }
        return labels.overlaid(document.deployment.jurisdictions.contains("CA-QC") ? "regime_override.qc." : "regime_override.pipeda.")
    }

    static func cover(_ kind: String, _ document: DeploymentDocument, modelHash: String, generatedAt: Date,
                      labels: LabelTable) -> HTMLPage.Cover {
        HTMLPage.Cover(kind: kind, rows: [
            (labels.label("role.controller"), document.deployment.controller.name),
            (labels.label("word.date").capitalizedFirst, labels.date(generatedAt)),
            (labels.label("word.model-hash").capitalizedFirst, modelHash),
        ], status: labels.label("word.version").capitalizedFirst + " " + labels.date(generatedAt))
    }
}

enum ReportDates {
    /// `YYYY-MM-DD` in UTC.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// `sha256:1a2b3c4d5e6f` — enough to tell versions apart in a running header.
    static func shortHash(_ hash: String) -> String {
        guard let colon = hash.firstIndex(of: ":") else { return String(hash.prefix(12)) }
        return String(hash[...colon]) + String(hash[hash.index(after: colon)...].prefix(12))
    }
}

enum FileNames {
    /// A file-name-safe form of an identifier: letters, digits, `.`, `_`, `-`; anything else is `-`;
    /// never empty, never starting with `.`.
    static func safe(_ identifier: String) -> String {
        var output = String(identifier.unicodeScalars.prefix(80).map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar))
                ? Character(scalar) : "-"
        })
        while output.hasPrefix(".") { output.removeFirst() }
        return output.isEmpty ? "unnamed" : output
    }
}
