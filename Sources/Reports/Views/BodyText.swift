import Foundation

/// Rule remediations say what to do, then, in a parenthesis with code (`information_channels`,
/// `silhouette verify`), where to record it in the model or which command does it. A signed
/// document's body keeps the action only; the technical annex (annex B) gives the whole text.
enum BodyText {
    private static let internals = try! NSRegularExpression(pattern: "[ \\u00A0]*\\([^()]*`[^`]*`[^()]*\\)")

    /// `text` without its parentheses that hold code, and without any remaining backtick.
    static func withoutToolInternals(_ text: String) -> String {
        let range = NSRange(text.startIndex..., in: text)
        let stripped = internals.stringByReplacingMatches(in: text, range: range, withTemplate: "")
        return stripped.replacingOccurrences(of: "`", with: "")
    }
}
