import DeploymentModel
import Foundation
import Assessment

/// Rule messages quote the model's identifiers (« lights-on », 'theft-prevention'); a signatory
/// reads names, not ids. Every quoted id of a purpose, feature or recipient in a document's text
/// becomes the model's human wording for it in the document's language: a purpose's description
/// (marked untranslated when typed in the other language), a feature's kind in words, a recipient's
/// name. Ids stay in the technical annex's subject and path columns, which are not quoted.
struct ModelNames {
    private let names: [String: String]
    /// Purposes and features by id, for the view fields that hold bare ids (`idKeys`).
    private let bareNames: [String: String]
    private let purposeIds: Set<String>
    private let language: Language
    private let untranslated: String

    init(_ document: DeploymentDocument, language: Language, labels: LabelTable) {
        self.language = language
        self.untranslated = labels.label("status.untranslated")
        var names: [String: String] = [:]
        // An id shared by two kinds of entry cannot be told apart from a quote: the purpose's
        // wording, written last, wins (rule messages quote purposes most).
        for recipient in document.recipients { names[recipient.id] = UntranslatedMarker.marked(recipient.name, labels) }
        for feature in document.features {
            names[feature.id] = Labels.enumValue("feature_kind", feature.kind.rawValue, language)
        }
        for purpose in document.purposes {
            names[purpose.id] = UntranslatedMarker.marked(Self.shortened(purpose.description), labels)
        }
        self.names = names.filter { !$0.key.isEmpty && $0.key != $0.value }
        var bare: [String: String] = [:]
        for feature in document.features {
            let kind = Labels.enumValue("feature_kind", feature.kind.rawValue, language)
            // Two features of one kind are told apart by their descriptions.
            let shared = document.features.filter { $0.kind == feature.kind }.count > 1
            bare[feature.id] = shared ? "\(kind) — " + UntranslatedMarker.marked(feature.description.map(Self.shortened) ?? feature.id, labels) : kind
        }
        for purpose in document.purposes { bare[purpose.id] = UntranslatedMarker.marked(Self.shortened(purpose.description), labels) }
        // A finding on the deployment as a whole names it by its id: the reader gets words.
        if bare[document.deployment.id] == nil {
            bare[document.deployment.id] = language == .fr ? "ensemble du dispositif" : "whole deployment"
        }
        self.bareNames = bare.filter { !$0.key.isEmpty }
        self.purposeIds = Set(document.purposes.map(\.id))
    }

    /// The view fields that hold a purpose's or a feature's id, or a comma-separated list of
    /// them: shown by name in the body (the technical annex keeps the ids).
    static let idKeys: Set<String> = ["id", "subject", "subjects", "features", "feature", "purposes", "ledPurposes"]

    /// A sentence that lists ids bare (the threshold analysis: "by the features density,
    /// crowd-movement") with each purpose or feature id, as a whole word, replaced by its name.
    func namedInText(_ text: String) -> String {
        var result = text
        for (id, name) in bareNames.sorted(by: { $0.key.count > $1.key.count }) where result.contains(id) {
            let pattern = "(?<![\\w-])" + NSRegularExpression.escapedPattern(for: id) + "(?![\\w-])"
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            result = regex.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result),
                                                    withTemplate: NSRegularExpression.escapedTemplate(for: name))
        }
        return result
    }

    /// `ids` ("wrong-way, lights-on") with every purpose or feature id replaced by its name;
    /// anything else (a camera, an opinion, a risk) is left as it is.
    func named(_ ids: String) -> String {
        guard !bareNames.isEmpty else { return ids }
        let parts = ids.components(separatedBy: ", ")
        guard parts.contains(where: { bareNames[$0] != nil }) else { return ids }
        // Many purposes in one cell read as a wall of descriptions: counted instead (annex B names them).
        if parts.count > 3, parts.allSatisfy({ purposeIds.contains($0) }) {
            let fr = language == .fr
            return parts.count == purposeIds.count ? (fr ? "toutes les finalités" : "every purpose")
                : (fr ? "\(parts.count) finalités sur \(purposeIds.count)" : "\(parts.count) purposes of \(purposeIds.count)")
        }
        var seen: [String] = []
        for part in parts {
            let name = bareNames[part] ?? part
            if !seen.contains(name) { seen.append(name) }
        }
        return seen.joined(separator: language == .fr ? " ; " : "; ")
    }

    /// A description's first sentence, without its final full stop (it sits inside quotes), cut
    /// at a word after about 40 characters: it names the purpose in a sentence, the sheet and the
    /// necessity section give it whole.
    static func shortened(_ description: String) -> String {
        var text = description.trimmingCharacters(in: .whitespacesAndNewlines)
        if let stop = text.range(of: ". ") { text = String(text[..<stop.lowerBound]) }
        while text.hasSuffix(".") { text.removeLast() }
        if text.count > 42, let space = text[text.index(text.startIndex, offsetBy: 32)...].firstIndex(of: " ") {
            text = String(text[..<space]).trimmingCharacters(in: CharacterSet(charactersIn: ",;:")) + "…"
        }
        return text
    }

    /// `text` with every quoted model id replaced by its name. Bare ids (table columns, lists) are
    /// left: replacing them by descriptions doubled the tables that already show the description.
    func humanise(_ text: String) -> String {
        guard !names.isEmpty else { return text }
        var result = text
        // Free text typed in the other language stays marked once names in the document's
        // language are put into it (their words would hide it from the marker).
        let foreign = UntranslatedMarker.isForeign(text, documentLanguage: language.rawValue)
        let space = "[\\s\\u00A0\\u202F]*"
        let quote = { (name: String) in self.language == .fr ? "« \(name) »" : "“\(name)”" }
        for (id, name) in names.sorted(by: { $0.key.count > $1.key.count }) where result.contains(id) {
            let escaped = NSRegularExpression.escapedPattern(for: id)
            var patterns = ["«\(space)\(escaped)\(space)»", "'\(escaped)'", "\"\(escaped)\"", "“\(escaped)”"]
            for pattern in patterns {
                guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
                result = regex.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result),
                                                        withTemplate: NSRegularExpression.escapedTemplate(for: quote(name)))
            }
        }
        for name in Set(names.values) {
            for (open, close) in [("« ", " »"), ("“", "”")] where result.contains(open + name + close + " (" + name + ")") {
                result = result.replacingOccurrences(of: open + name + close + " (" + name + ")", with: open + name + close)
            }
        }
        if foreign, result != text, !result.hasPrefix("⟨") { result = "⟨\(untranslated)⟩ " + result }
        return result
    }

    /// The technical annex keeps the ids a technician looks up (camera inventory, rule and
    /// model path columns), but its findings read as the body's: the message names purposes
    /// and features in words, the subject column too.
    func humanise(annex value: Any) -> Any {
        guard var annex = value as? [String: Any], let findings = annex["findings"] as? [[String: Any]] else { return value }
        annex["findings"] = findings.map { row -> [String: Any] in
            var row = row
            if let message = row["message"] as? String { row["message"] = humanise(message) }
            if let subject = row["subject"] as? String { row["subject"] = named(subject) }
            return row
        }
        return annex
    }

    /// Every string of a view (recursively) humanised, except the technical annex (`annex`),
    /// which keeps the ids a technician looks up in the model.
    func humanise(view value: Any) -> Any {
        switch value {
        case let text as String:
            return humanise(text)
        case let dictionary as [String: Any]:
            return Dictionary(uniqueKeysWithValues: dictionary.map { key, item in
                if key == "annex" { return (key, humanise(annex: item)) }
                if Self.idKeys.contains(key), let ids = item as? String { return (key, named(ids)) }
                if key == "reason", let text = item as? String { return (key, namedInText(humanise(text))) }
                return (key, humanise(view: item))
            })
        case let list as [[String: Any]]:
            return list.map { humanise(view: $0) }
        case let list as [Any]:
            return list.map { humanise(view: $0) }
        default:
            return value
        }
    }
}
