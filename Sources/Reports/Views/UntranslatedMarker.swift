import DeploymentModel
import Foundation

/// Free text written in the other language than the document's gets a visible mark
/// (« ⟨non traduit⟩ », "⟨untranslated⟩") instead of passing silently: the model's descriptions,
/// justifications and rights are typed by people in one language, and a French document must
/// show where English remains. The language of a text is told by its function words (a text
/// with at least two function words of the other language and none of the document's is
/// foreign); short texts, names and identifiers are left alone.
enum UntranslatedMarker {
    static let english: Set<String> = ["the", "and", "with", "without", "is", "are", "for", "which", "every", "should", "must",
                                       "of", "to", "by", "from", "when", "where", "this", "that", "not", "in", "be",
                                       "been", "has", "have", "only", "any", "its", "their", "after", "before", "at", "an", "it", "into", "than",
                                       // not French words either ("on" is: « on compte »): "per square metre", "inside a zone", "person or vehicle"
                                       "per", "inside", "or", "each", "between", "over", "within", "will", "can", "was", "were", "who",
                                       "these", "those", "our", "your", "all", "both", "such", "also", "if"]
    static let french: Set<String> = ["le", "la", "les", "des", "du", "et", "est", "sont", "pour", "avec", "sans", "qui", "que",
                                      "dans", "sur", "par", "une", "un", "aux", "au", "ne", "pas", "leur", "ce", "cette", "chaque",
                                      "de", "en", "à", "ou", "après", "avant"]

    /// `text` marked when foreign (for texts composed with tool words before reaching the view).
    static func marked(_ text: String, _ labels: LabelTable) -> String {
        // A text the model gave per language but not in this one arrives already marked.
        isForeign(text, documentLanguage: labels.language) && !text.hasPrefix("⟨") ? "⟨\(labels.label("status.untranslated"))⟩ " + text : text
    }

    /// True when `text` reads as written in the other language than `language` (`en`/`fr`).
    static func isForeign(_ text: String, documentLanguage language: String) -> Bool {
        // Identifiers, hashes and single words are not prose.
        guard text.contains(" "), !text.hasPrefix("sha256:") else { return false }
        let words = text.lowercased().split { !$0.isLetter && $0 != "'" && $0 != "’" }.map { word -> String in
            // French elisions: l'accès → accès.
            if let apostrophe = word.firstIndex(where: { $0 == "'" || $0 == "’" }) { return String(word[word.index(after: apostrophe)...]) }
            return String(word)
        }
        guard words.count >= 3 else { return false }
        let en = words.filter { english.contains($0) }.count
        let fr = words.filter { french.contains($0) }.count
        switch language {
        // One English function word and no French one is enough in a French document; an
        // English document needs two French ones (names such as "Ville de Massy" keep a "de").
        case "fr": return (en >= 1 && fr == 0) || (en >= 2 && en > fr * 2)
        case "en": return fr >= 2 && fr > en * 2
        default: return false
        }
    }

    /// View fields that hold proper names (a postal address, the sites where cameras stand), written
    /// as they are in any language.
    static let properNameFields: Set<String> = ["address", "sites"]

    private static func markFields(_ fields: [String: Any], labels: LabelTable) -> [String: Any] {
        Dictionary(uniqueKeysWithValues: fields.map { key, value in
            (key, properNameFields.contains(key) ? value : mark(value, labels: labels))
        })
    }

    /// Marks every foreign string of a view (recursively) and writes its calendar days in words
    /// (`2026-12-03` → `3 décembre 2026`): no ISO date in running text.
    static func mark(_ value: Any, labels: LabelTable) -> Any {
        switch value {
        case let text as String:
            let dated = words(text, labels)
            // Text already marked (a name put into a sentence) is not marked twice.
            return isForeign(dated, documentLanguage: labels.language) && !dated.hasPrefix("⟨") ? "⟨\(labels.label("status.untranslated"))⟩ " + dated : dated
        case let dictionary as [String: Any]:
            return markFields(dictionary, labels: labels)
        case let list as [[String: Any]]:
            return list.map { markFields($0, labels: labels) }
        case let list as [Any]:
            return list.map { mark($0, labels: labels) }
        default:
            return value
        }
    }

    static func words(_ text: String, _ labels: LabelTable) -> String {
        guard text.contains("-"), let regex = isoDay else { return text }
        let ns = text as NSString
        var result = ""
        var last = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            result += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            result += labels.date(ns.substring(with: match.range))
            last = match.range.location + match.range.length
        }
        return last == 0 ? text : result + ns.substring(from: last)
    }

    nonisolated(unsafe) static let isoDay = try? NSRegularExpression(pattern: #"(?<![\w-])\d{4}-[01]\d-[0-3]\d(?![\w-])"#)
}
