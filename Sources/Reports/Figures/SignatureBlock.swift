import DeploymentModel

/// The signature block of a validation page: one row per signatory with room for a handwritten
/// signature (a tall cell in print), as HTML for the page and as a Markdown table for the
/// editable versions. Names are escaped; the rest are labels.
enum SignatureBlock {
    static func figure(_ signatories: [(role: String, name: String)], labels: LabelTable) -> ReportRenderer.Figure {
        let columns = [labels.label("signature.role"), labels.label("signature.name"), labels.label("signature.decision"),
                       labels.label("word.date").capitalizedFirst, labels.label("word.signature").capitalizedFirst]
        var html = "<table class=\"signature\"><thead><tr>" + columns.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        var markdown = "| " + columns.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: columns.count) + "\n"
        for signatory in signatories {
            html += "<tr><td>\(HTMLText.escape(signatory.role))</td><td>\(HTMLText.escape(signatory.name))</td><td></td><td></td><td class=\"signature-room\"></td></tr>"
            markdown += "| \(MarkdownEscaping.inline(signatory.role)) | \(MarkdownEscaping.inline(signatory.name)) | | | |\n"
        }
        html += "</tbody></table>"
        return ReportRenderer.Figure(name: "signatures", svg: html, markdown: markdown)
    }
}
