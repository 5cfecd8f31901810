import CLibXML2
import Foundation

/// Parses generated HTML with libxml2's HTML parser and returns every parser message except
/// code 801 ("Tag … invalid"): that parser predates HTML5 and flags `svg`, `nav`, `main`,
/// `figure`…, which are correct. Anything else is a real well-formedness problem.
enum HTMLChecks {
    struct Message: CustomStringConvertible {
        var code: Int32
        var line: Int32
        var text: String
        var description: String { "line \(line): code \(code): \(text)" }
    }

    final class Collector { var messages: [Message] = [] }

    static func parserErrors(_ html: String) -> [Message] {
        let collector = Collector()
        let box = Unmanaged.passRetained(collector)
        defer { box.release() }
        xmlSetStructuredErrorFunc(box.toOpaque()) { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
            let text = error.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            collector.messages.append(Message(code: error.pointee.code, line: error.pointee.line, text: text))
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let options = Int32(HTML_PARSE_NONET.rawValue)
        let document = html.withCString { pointer in
            htmlReadMemory(pointer, Int32(strlen(pointer)), "report.html", "UTF-8", options)
        }
        if let document { xmlFreeDoc(document) } else {
            collector.messages.append(Message(code: -1, line: 0, text: "the document could not be parsed at all"))
        }
        return collector.messages.filter { $0.code != 801 }
    }

    /// The markup of a page — every tag, plus the content of `<style>` — without its text. Text
    /// is escaped (`&lt;`), so a value shown literally is not markup and is not looked at.
    static func markup(_ html: String) -> String {
        var parts: [String] = []
        let tag = try! NSRegularExpression(pattern: #"<[A-Za-z!/][^>]*>"#)
        for match in tag.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            parts.append(String(html[Range(match.range, in: html)!]))
        }
        if let start = html.range(of: "<style>"), let end = html.range(of: "</style>", range: start.upperBound..<html.endIndex) {
            parts.append(String(html[start.upperBound..<end.lowerBound]))
        }
        return parts.joined(separator: "\n")
    }

    /// Every place the page could load something or run code: `src=`, `<link`, `url(` other than
    /// an in-page `url(#…)`, `@import`, `href=` outside `<a>`, links to anything but an in-page
    /// anchor or http(s)/mailto text links, event handlers, script, iframe, object, embed.
    static func resourceLoads(_ html: String) -> [String] {
        let markup = markup(html)
        var found: [String] = []
        let patterns = [#"(?i)\ssrc\s*="#, #"(?i)<link\b"#, #"(?i)url\(\s*['"]?(?!#)"#, #"(?i)@import"#,
                        #"(?i)<(?!a\s)[a-z][a-z0-9]*\s[^>]*\bhref\s*="#, #"(?i)<a\s[^>]*href\s*=\s*"(?!#|https?://|mailto:)[^"]*""#,
                        #"(?i)\son[a-z]+\s*="#, #"(?i)<script\b"#, #"(?i)<iframe\b"#, #"(?i)<object\b"#, #"(?i)<embed\b"#]
        for pattern in patterns {
            let regex = try! NSRegularExpression(pattern: pattern)
            for match in regex.matches(in: markup, range: NSRange(markup.startIndex..., in: markup)) {
                found.append(String(markup[Range(match.range, in: markup)!]))
            }
        }
        return found
    }
}
