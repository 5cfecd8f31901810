import Assessment
import Foundation

/// Wraps a cmark-gfm HTML fragment in a self-contained page: inline CSS for screen and print
/// (page breaks, a running header with the deployment and document version on every printed
/// page, page numbers), a table of contents built from the headings, and inline SVG figures.
/// The page loads nothing: its Content-Security-Policy forbids every external request and every
/// script, and it has none.
public struct HTMLPage: Sendable {
    /// Page title (`<title>`), plain text.
    public var title: String
    /// Printed at the top of every page and of the screen view, plain text.
    public var runningHeader: String
    public var language: Language
    /// The stylesheet (`templates/report.css`), inlined.
    public var css: String
    /// Figures: the placeholder paragraph text → the SVG that replaces it.
    public var figures: [String: String]
    /// The cover page (printed alone on page 1); nil: no cover.
    public var cover: Cover?
    /// The placeholder paragraph after which everything is an annex (landscape pages, counted
    /// apart from the body).
    public var annexToken: String?
    /// "Contents", "Sommaire".
    public var contentsTitle: String

    /// What the first page of a printed document shows: its kind, title, a few facts (reference,
    /// version, model fingerprint, date), the status (DRAFT until signed) and where the annexes start.
    public struct Cover: Sendable {
        public var kind: String
        public var rows: [(label: String, value: String)]
        public var status: String
        public var statusNote: String?
        /// The row that tells where the annexes start in print: its label and the words before
        /// the page number ("Annexes", "from page").
        public var annexesFrom: (label: String, page: String)?

        public init(kind: String, rows: [(label: String, value: String)], status: String, statusNote: String? = nil,
                    annexesFrom: (label: String, page: String)? = nil) {
            self.kind = kind
            self.rows = rows
            self.status = status
            self.statusNote = statusNote
            self.annexesFrom = annexesFrom
        }
    }

    public init(title: String, runningHeader: String, language: Language, css: String, figures: [String: String] = [:],
                cover: Cover? = nil, annexToken: String? = nil, contentsTitle: String? = nil) {
        self.title = title
        self.runningHeader = runningHeader
        self.language = language
        self.css = css
        self.figures = figures
        self.cover = cover
        self.annexToken = annexToken
        self.contentsTitle = contentsTitle ?? (language == .fr ? "Sommaire" : "Contents")
    }

    /// The complete document for `fragment`.
    public func render(fragment: String) -> String {
        var body = fragment
        let figureStyle = Self.figureStyle(css)
        for (token, svg) in figures {
            body = body.replacingOccurrences(of: "<p>\(token)</p>", with: "<figure>\(Self.styled(svg, figureStyle))</figure>")
        }
        var hasAnnexes = false
        if let token = annexToken, body.contains("<p>\(token)</p>") {
            body = body.replacingOccurrences(of: "<p>\(token)</p>", with: "<div class=\"annexes\" id=\"annexes\">") + "</div>\n"
            hasAnnexes = true
        }
        let (anchored, toc) = Self.anchorHeadings(body)
        let contents = HTMLText.escape(contentsTitle)
        var tocHTML = "<nav class=\"toc\" aria-label=\"\(contents)\"><h2 class=\"toc-title\">\(contents)</h2>\n<ol>"
        var index = 0
        while index < toc.count {
            tocHTML += "<li><a href=\"#\(toc[index].id)\">\(toc[index].html)</a>"
            index += 1
            var subsections = ""
            while index < toc.count, toc[index].level == 3 {
                subsections += "<li><a href=\"#\(toc[index].id)\">\(toc[index].html)</a></li>"
                index += 1
            }
            if !subsections.isEmpty { tocHTML += "<ol>\(subsections)</ol>" }
            tocHTML += "</li>\n"
        }
        tocHTML += "</ol></nav>\n"

        // The table of contents goes after the title block (the first <h1>), which the cover
        // page takes in when there is one.
        var main = anchored
        if let titleEnd = main.range(of: "</h1>\n") {
            if let cover {
                let titleBlock = String(main[main.startIndex..<titleEnd.upperBound])
                main.removeSubrange(main.startIndex..<titleEnd.upperBound)
                main = coverHTML(cover, titleBlock: titleBlock, hasAnnexes: hasAnnexes) + tocHTML + main
            } else {
                main.insert(contentsOf: tocHTML, at: titleEnd.upperBound)
            }
        } else {
            main = tocHTML + main
        }
        let header = HTMLText.escape(runningHeader)
        return """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="silhouette">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(css)
        @page { @top-left { content: \(HTMLText.cssString(runningHeader)); } }
        </style>
        </head>
        <body>
        <header class="running-header">\(header)</header>
        <main>
        \(main)</main>
        </body>
        </html>

        """
    }

    /// The cover: kind of document, the title (`<h1>` from the Markdown), facts, status.
    func coverHTML(_ cover: Cover, titleBlock: String, hasAnnexes: Bool) -> String {
        var html = "<section class=\"cover\">\n<p class=\"cover-kind\">\(HTMLText.escape(cover.kind))</p>\n\(titleBlock)"
        html += "<p class=\"cover-status\">\(HTMLText.escape(cover.status))</p>\n"
        if let note = cover.statusNote { html += "<p class=\"cover-note\">\(HTMLText.escape(note))</p>\n" }
        html += "<table class=\"cover-facts\"><tbody>\n"
        for row in cover.rows {
            html += "<tr><th scope=\"row\">\(HTMLText.escape(row.label))</th><td>\(HTMLText.escape(row.value))</td></tr>\n"
        }
        if hasAnnexes, let annexesFrom = cover.annexesFrom {
            html += "<tr class=\"print-only\"><th scope=\"row\">\(HTMLText.escape(annexesFrom.label))</th><td>\(HTMLText.escape(annexesFrom.page)) <a class=\"page-ref\" href=\"#annexes\"></a></td></tr>\n"
        }
        return html + "</tbody></table>\n</section>\n"
    }

    /// The figure rules of the stylesheet (`.rm-…` risk map, `.df-…` data flows) with their
    /// custom properties resolved: paged-media engines draw inline SVG with the SVG's own
    /// `<style>` only, so each drawing carries the rules it uses.
    static func figureStyle(_ css: String) -> String {
        var variables: [String: String] = [:]
        if let regex = try? NSRegularExpression(pattern: #"(--[a-z-]+):\s*([^;]+);"#) {
            let ns = css as NSString
            for match in regex.matches(in: css, range: NSRange(location: 0, length: ns.length)) {
                variables[ns.substring(with: match.range(at: 1))] = ns.substring(with: match.range(at: 2)).trimmingCharacters(in: .whitespaces)
            }
        }
        var rules = css.split(separator: "\n").filter { $0.hasPrefix(".rm-") || $0.hasPrefix(".df-") }.joined(separator: "\n")
        for (name, value) in variables { rules = rules.replacingOccurrences(of: "var(\(name))", with: value) }
        return rules
    }

    /// `svg` with `style` inserted after its opening tag (figures that are not SVG are unchanged).
    static func styled(_ svg: String, _ style: String) -> String {
        guard svg.hasPrefix("<svg"), let end = svg.firstIndex(of: ">"), !style.isEmpty else { return svg }
        var result = svg
        result.insert(contentsOf: "<style>\(style)</style>", at: result.index(after: end))
        return result
    }

    struct TOCEntry { var level: Int; var id: String; var html: String }

    /// Gives every `<h2>`/`<h3>` an id (`s-1`, `s-1-2`, …) and returns the entries for the table of
    /// contents. cmark-gfm writes headings as exactly `<hN>…</hN>` (no attributes), and their
    /// content is already escaped HTML, so it is reused as is.
    static func anchorHeadings(_ html: String) -> (String, [TOCEntry]) {
        // A byte scan: Foundation's range(of:) re-bridged the whole page for every heading.
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 1024)
        var entries: [TOCEntry] = []
        var section = 0, subsection = 0
        var index = 0, copied = 0
        let lt = UInt8(ascii: "<"), h = UInt8(ascii: "h"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
        while index + 3 < bytes.count {
            guard bytes[index] == lt, bytes[index + 1] == h, bytes[index + 3] == gt,
                  bytes[index + 2] == UInt8(ascii: "2") || bytes[index + 2] == UInt8(ascii: "3") else {
                index += 1
                continue
            }
            let levelByte = bytes[index + 2]
            var close = index + 4
            while close + 4 < bytes.count,
                  !(bytes[close] == lt && bytes[close + 1] == slash && bytes[close + 2] == h && bytes[close + 3] == levelByte && bytes[close + 4] == gt) {
                close += 1
            }
            guard close + 4 < bytes.count else { break }
            let level = levelByte == UInt8(ascii: "2") ? 2 : 3
            let id: String
            if level == 2 {
                section += 1; subsection = 0; id = "s-\(section)"
            } else {
                subsection += 1; id = "s-\(section)-\(subsection)"
            }
            let inner = String(decoding: bytes[(index + 4)..<close], as: UTF8.self)
            entries.append(TOCEntry(level: level, id: id, html: inner))
            output.append(contentsOf: bytes[copied..<index])
            output.append(contentsOf: Array("<h\(level) id=\"\(id)\">".utf8))
            output.append(contentsOf: bytes[(index + 4)..<close])
            output.append(contentsOf: Array("</h\(level)>".utf8))
            index = close + 5
            copied = index
        }
        output.append(contentsOf: bytes[copied...])
        return (String(decoding: output, as: UTF8.self), entries)
    }
}

/// Escaping for text placed directly into HTML or CSS by the tool (not through Markdown).
enum HTMLText {
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in MarkdownEscaping.neutralised(text) {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }

    /// A CSS string literal. Everything but letters, digits, spaces and non-ASCII is written as a
    /// CSS escape, so the value can close neither the string nor the `<style>` element.
    static func cssString(_ text: String) -> String {
        var output = "\""
        for scalar in MarkdownEscaping.neutralised(text).unicodeScalars {
            if scalar.isASCII, !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == " ") {
                output += "\\" + String(scalar.value, radix: 16) + " "
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
