import Foundation

/// French typography for the Markdown of a French document: a no-break space before « : » and
/// a narrow no-break space before « ; ! ? » and inside guillemets and the typographic apostrophe. Table rules, code
/// spans and fenced blocks are left alone, so identifiers and commands keep their spelling.
enum FrenchTypography {
    static let noBreak = "\u{00A0}", narrow = "\u{202F}"

    static func apply(_ markdown: String) -> String {
        var inFence = false
        var lines: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inFence.toggle(); lines.append(String(line)); continue }
            if inFence || line.hasPrefix("|---") || line.hasPrefix("|:--") { lines.append(String(line)); continue }
            // Split on backticks: even pieces are prose, odd pieces are code spans.
            let pieces = line.split(separator: "`", omittingEmptySubsequences: false)
            lines.append(pieces.enumerated().map { index, piece in index % 2 == 0 ? prose(String(piece)) : String(piece) }
                .joined(separator: "`"))
        }
        return lines.joined(separator: "\n")
    }

    static func prose(_ text: String) -> String {
        var output = text
        output = output.replacingOccurrences(of: " :", with: noBreak + ":")
        for mark in [";", "!", "?", "»"] { output = output.replacingOccurrences(of: " " + mark, with: narrow + mark) }
        output = output.replacingOccurrences(of: "« ", with: "«" + narrow)
        output = output.replacingOccurrences(of: #"(?<=\p{L})'(?=\p{L})"#, with: "’", options: .regularExpression)
        return output
    }
}
