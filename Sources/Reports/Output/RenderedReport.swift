import Assessment
import Foundation

/// An output format of `silhouette report`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case md, html, json
    /// Paged PDF from the HTML page (WeasyPrint: running headers, contents with page numbers).
    case pdf
    /// Editable Word and OpenDocument files from the Markdown (pandoc, with the reference
    /// document `templates/reference.docx` / `reference.odt` for styles).
    case docx, odt

    public var fileExtension: String { rawValue }

    /// What `--format all` means: the formats made without any external tool.
    public static let textFormats: [ReportFormat] = [.md, .html, .json]

    /// True for the formats that need an external program.
    public var needsConverter: Bool { !Self.textFormats.contains(self) }
}

/// One rendered report in every format: write the ones asked for with `ReportWriter`.
public struct RenderedReport: Sendable {
    /// File name without extension: `pia`, `sheet-wrong-way`, `ethics`.
    public let baseName: String
    public let title: String
    public let markdown: String
    public let html: String
    /// The report's content as data (the same values the templates receive), sorted keys.
    public let json: Data
    /// `en` or `fr`.
    public let language: String
    /// Files written beside the report whatever the formats (`action-plan.csv`), by file name.
    public var attachments: [String: Data] = [:]

    /// The Markdown given to pandoc: the title goes in the metadata, so the first heading is dropped.
    var pandocMarkdown: String {
        guard markdown.hasPrefix("# "), let end = markdown.firstIndex(of: "\n") else { return markdown }
        return String(markdown[markdown.index(after: end)...])
    }

    /// The text formats; nil for those made by a converter (`DocumentConverter`).
    public func content(_ format: ReportFormat) -> Data? {
        switch format {
        case .md: Data(markdown.utf8)
        case .html: Data(html.utf8)
        case .json: json
        case .pdf, .docx, .odt: nil
        }
    }
}

/// Turns a template and its view into a `RenderedReport`: Mustache → Markdown; cmark-gfm → HTML
/// fragment; `HTMLPage` → self-contained page. Figures (SVG) cannot travel through Markdown in
/// safe mode, so the template places a token paragraph (`{{{figures.riskMap}}}`) that becomes the
/// SVG in HTML and a short text in Markdown. The token holds a random nonce, so no model value can
/// forge one.
struct ReportRenderer {
    struct Figure {
        var name: String
        var svg: String
        /// What the Markdown version shows instead (already Markdown, already escaped).
        var markdown: String
    }

    let templates: TemplateSet

    func render(template: String, view: [String: Any], figures: [Figure], baseName: String, title: String,
                runningHeader: String, cover: HTMLPage.Cover? = nil,
                nestDocuments: Bool = false) throws(ReportTemplateError) -> RenderedReport {
        let nonce = UUID().uuidString.replacingOccurrences(of: "-", with: "")
        var tokens: [String: String] = [:]
        for figure in figures { tokens[figure.name] = "SILHOUETTEFIGURE\(nonce)\(figure.name)" }
        // `{{{annexStart}}}` on a line of its own: the annexes (landscape, counted apart) follow.
        let annexToken = "SILHOUETTEANNEX\(nonce)"
        var fullView = UntranslatedMarker.mark(view, labels: templates.labels) as? [String: Any] ?? view
        fullView["figures"] = tokens
        fullView["annexStart"] = annexToken
        // `{{{planStart}}}` … `{{{planEnd}}}` around the action plan's table: the HTML gives it a
        // class, so that print gives the action its width (Markdown has no table classes).
        let planTokens = ("SILHOUETTEPLANSTART\(nonce)", "SILHOUETTEPLANEND\(nonce)")
        fullView["planStart"] = planTokens.0
        fullView["planEnd"] = planTokens.1
        var rendered = Self.tidy(try templates.render(template, fullView))
        if nestDocuments { rendered = Self.nested(rendered) }
        if templates.language == .fr { rendered = FrenchTypography.apply(rendered) }
        var markdown = Self.tidy(rendered.replacingOccurrences(of: annexToken, with: "")
            .replacingOccurrences(of: planTokens.0, with: "").replacingOccurrences(of: planTokens.1, with: ""))
        var svgs: [String: String] = [:]
        for figure in figures {
            let token = tokens[figure.name]!
            markdown = markdown.replacingOccurrences(of: token, with: figure.markdown)
            svgs[token] = figure.svg
        }
        let page = HTMLPage(title: title, runningHeader: runningHeader, language: templates.language,
                            css: templates.css, figures: svgs, cover: cover, annexToken: annexToken,
                            contentsTitle: templates.labels.label("section.contents"))
        var html = page.render(fragment: MarkdownRenderer.html(rendered))
            .replacingOccurrences(of: "<p>\(planTokens.0)</p>", with: "<div class=\"action-plan\">")
            .replacingOccurrences(of: "<p>\(planTokens.1)</p>", with: "</div>")
        // The register's parts (a sheet, a processor's record) each start a printed page.
        if nestDocuments, let style = html.range(of: "</style>") {
            html.replaceSubrange(style, with: "@media print { main > h2 { break-before: page; } }\n</style>")
        }
        let json = ViewJSON.data(view)
        return RenderedReport(baseName: baseName, title: title, markdown: markdown, html: html, json: json,
                              language: templates.language.rawValue)
    }

    /// A document made of documents (the register: sheets, processor records): every heading after
    /// the title goes one level down, so each part is a section of the contents. Model values
    /// cannot start a line with `#` (the Markdown content type escapes block starters).
    static func nested(_ markdown: String) -> String {
        var seenTitle = false
        return markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            guard line.hasPrefix("#") else { return line }
            if !seenTitle { seenTitle = true; return line }
            return "#" + line
        }.joined(separator: "\n")
    }

    /// Collapses the runs of blank lines that skipped sections leave behind.
    static func tidy(_ markdown: String) -> String {
        var lines: [Substring] = []
        var blank = 0
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " }) {
                blank += 1
                if blank > 1 || lines.isEmpty { continue }
                lines.append("")
            } else {
                blank = 0
                lines.append(line)
            }
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

}
