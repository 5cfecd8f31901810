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

    public init(title: String, runningHeader: String, language: Language, css: String, figures: [String: String] = [:]) {
        self.title = title
        self.runningHeader = runningHeader
        self.language = language
        self.css = css
        self.figures = figures
    }

    /// The complete document for `fragment`.
    public func render(fragment: String) -> String {
        var body = fragment
        for (token, svg) in figures {
            body = body.replacingOccurrences(of: "<p>\(token)</p>", with: "<figure>\(svg)</figure>")
        }
        let (anchored, toc) = Self.anchorHeadings(body)
        let contents = language == .fr ? "Sommaire" : "Contents"
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

        // The table of contents goes after the title block (the first <h1>).
        var main = anchored
        if let titleEnd = main.range(of: "</h1>\n") {
            main.insert(contentsOf: tocHTML, at: titleEnd.upperBound)
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
