import DeploymentModel
import Foundation

/// The verifier records each check's detail as one English sentence ("nothing found in 6 stdout
/// lines (6 events) over 2 clips"). A French document writes it in French through the label
/// tables' `verification_detail` expressions, applied in order (p00, p01…); what they do not
/// cover stays English and is then marked untranslated by the view. English documents show the
/// recorded sentence unchanged.
struct VerificationDetail {
    private let rules: [(NSRegularExpression, String)]
    private let active: Bool

    init(_ labels: LabelTable) {
        active = labels.language != "en"
        let prefix = "verification_detail."
        let keys = labels.entries.keys.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".from") }.sorted()
        rules = keys.compactMap { key in
            guard let pattern = labels.entries[key], let template = labels.entries[String(key.dropLast(".from".count)) + ".to"],
                  let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
            return (regex, template)
        }
    }

    func text(_ detail: String) -> String {
        guard active else { return detail }
        var result = detail
        for (regex, template) in rules {
            result = regex.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: template)
        }
        return result
    }
}
