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
