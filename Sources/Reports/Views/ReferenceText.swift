import DeploymentModel
import Foundation

/// A legal reference as the document's language cites it. The rule packs write references in
/// English ("GDPR Art. 21(1)", "EDPB Guidelines 3/2019 on processing of personal data through
/// video devices"); a French document cites « RGPD, art. 21.1 » — law names and titles from the
/// label table's `reference_phrase` list (longest first, whole words), article numbers in the
/// CNIL's short style. A phrase the table does not know stays as written (the rule's own words).
struct ReferenceText {
    private let phrases: [(from: String, to: NSRegularExpression, replacement: String)]
    private let french: Bool
    private static let article = try! NSRegularExpression(pattern: "\\bArt\\. ?(\\d+)((?:\\(\\d+\\))*)((?:\\([a-z]\\))*)")

    init(_ labels: LabelTable) {
        french = labels.language == "fr"
        var pairs: [(String, NSRegularExpression, String)] = []
        for (key, from) in labels.entries where key.hasPrefix("reference_phrase.") && key.hasSuffix(".from") {
            let to = labels.entries[String(key.dropLast(".from".count)) + ".to"] ?? from
            let pattern = "(?<![\\p{L}\\d])" + NSRegularExpression.escapedPattern(for: from) + "(?![\\p{L}\\d])"
            guard to != from, let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            pairs.append((from, regex, NSRegularExpression.escapedTemplate(for: to)))
        }
        phrases = pairs.sorted { $0.0.count > $1.0.count }
    }

    /// `text` with the known phrases in the document's language and French article numbers.
    func translate(_ text: String) -> String {
        guard french else { return text }
        var result = text
        for phrase in phrases where result.contains(phrase.from) {
            result = phrase.to.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: phrase.replacement)
        }
        // Art. 35(3)(c) → art. 35.3.c
        for match in Self.article.matches(in: result, range: NSRange(result.startIndex..., in: result)).reversed() {
            guard let whole = Range(match.range, in: result) else { continue }
            let parts = (1...3).map { index -> String in
                guard let range = Range(match.range(at: index), in: result) else { return "" }
                return String(result[range])
            }
            let subdivisions = (parts[1] + parts[2]).split { $0 == "(" || $0 == ")" }.map(String.init)
            result.replaceSubrange(whole, with: "art. " + ([parts[0]] + subdivisions).joined(separator: "."))
        }
        return result
    }

    /// A reference's law and article: "GDPR Art. 21(1)" in English, « RGPD, art. 21.1 » in French.
    func cite(law: String, article: String) -> String {
        french ? "\(translate(law)), \(translate(article))" : "\(law) \(article)"
    }
}
