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
        var output = ""
        output.reserveCapacity(html.utf8.count + 1024)
        var entries: [TOCEntry] = []
        var section = 0, subsection = 0
        var rest = html[...]
        while let open = rest.range(of: "<h") {
            let afterTag = rest[open.upperBound...]
            guard let level = afterTag.first.flatMap({ Int(String($0)) }), level == 2 || level == 3,
                  afterTag.dropFirst().first == ">",
                  let close = afterTag.range(of: "</h\(level)>") else {
                output += rest[..<open.upperBound]
                rest = afterTag
                continue
            }
            let inner = afterTag[afterTag.index(afterTag.startIndex, offsetBy: 2)..<close.lowerBound]
            let id: String
            if level == 2 {
                section += 1; subsection = 0; id = "s-\(section)"
            } else {
                subsection += 1; id = "s-\(section)-\(subsection)"
            }
            entries.append(TOCEntry(level: level, id: id, html: String(inner)))
            output += rest[..<open.lowerBound]
            output += "<h\(level) id=\"\(id)\">\(inner)</h\(level)>"
            rest = afterTag[close.upperBound...]
        }
        output += rest
        return (output, entries)
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
