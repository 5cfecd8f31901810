import Assessment
import DeploymentModel
import Foundation

/// Processing sheets: one record of processing activities entry (GDPR Art. 30) per purpose of a
/// deployment, for the controller to file. Needs only the deployment model.
public enum ProcessingSheetReport {
    /// One report per purpose, named `sheet-<purpose id>`, in the order of the model.
    public static func render(_ document: DeploymentDocument, modelHash: String, templates: TemplateSet,
                              generatedAt: Date) throws(ReportTemplateError) -> [RenderedReport] {
        let renderer = ReportRenderer(templates: templates)
        let lang = templates.language
        let day = ReportDates.day(generatedAt)
        var reports: [RenderedReport] = []
        var usedNames = Set<String>()
        for purpose in document.purposes {
            let view = SheetView.make(document, purpose: purpose, modelHash: modelHash, generatedOn: day, language: lang)
            var name = "sheet-" + FileNames.safe(purpose.id)
            while !usedNames.insert(name).inserted { name += "-" }
            let kind = lang == .fr ? "Fiche de registre" : "Processing record"
            let labels = templates.labels
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
        // The whole register as CSV, beside the sheets.
        if !reports.isEmpty {
            reports[0].attachments["register.csv"] = Data(RegisterCSV.make(document, language: lang).utf8)
        }
        return reports
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
