import Assessment
import Foundation

/// Minimal SVG text builder: every attribute value and text node goes through `escape`, so model
/// values can never add markup. Numbers are written with one decimal at most.
struct SVGWriter {
    private(set) var text = ""

    /// SVG inside HTML takes the same escaping as HTML text and attribute values.
    static func escape(_ value: String) -> String { HTMLText.escape(value) }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Shortens `value` to `limit` characters with an ellipsis (the full text goes in a `<title>`).
    static func truncated(_ value: String, _ limit: Int) -> String {
        let clean = MarkdownEscaping.neutralised(value)
        return clean.count <= limit ? clean : String(clean.prefix(limit - 1)) + "…"
    }

    /// `value` broken between words into lines of at most `width` characters, at most `maxLines`
    /// of them (the last one ends with an ellipsis when text is left over; the full text goes in a
    /// `<title>`). A word longer than a line is cut.
    static func wrapped(_ value: String, width: Int, maxLines: Int) -> [String] {
        let clean = MarkdownEscaping.neutralised(value)
        var lines: [String] = []
        var current = ""
        for word in clean.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            var word = word
            while word.count > width {                       // a word longer than a line
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if current.isEmpty { current = word } else if current.count + 1 + word.count <= width { current += " " + word } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > maxLines else { return lines.isEmpty ? [""] : lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = String(kept[maxLines - 1].prefix(width - 1)) + "…"
        return kept
    }

    /// One `<text>` of several lines (`<tspan>`, `lineHeight` apart); a single line is a plain
    /// `<text>`.
    mutating func textLines(_ lines: [String], x: Double, y: Double, lineHeight: Double, cssClass: String, title: String? = nil) {
        guard lines.count > 1 else { return textNode(lines.first ?? "", x: x, y: y, cssClass: cssClass, title: title) }
        text += "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" class=\"\(cssClass)\" text-anchor=\"start\">"
        if let title { text += "<title>\(Self.escape(title))</title>" }
        for (index, line) in lines.enumerated() {
            text += "<tspan x=\"\(Self.number(x))\" dy=\"\(index == 0 ? "0" : Self.number(lineHeight))\">\(Self.escape(line))</tspan>"
        }
        text += "</text>"
    }

    mutating func raw(_ markup: String) { text += markup }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, cssClass: String, rx: Double = 0) {
        text += "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
        if rx > 0 { text += " rx=\"\(Self.number(rx))\"" }
        text += " class=\"\(cssClass)\"/>"
    }

    mutating func textNode(_ content: String, x: Double, y: Double, cssClass: String, anchor: String = "start", title: String? = nil) {
        text += "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" class=\"\(cssClass)\" text-anchor=\"\(anchor)\">"
        if let title { text += "<title>\(Self.escape(title))</title>" }
        text += "\(Self.escape(content))</text>"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, cssClass: String, marker: String? = nil) {
        text += "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" class=\"\(cssClass)\""
        if let marker { text += " marker-end=\"url(#\(marker))\"" }
        text += "/>"
    }
}
