import DeploymentModel
import Foundation

/// One language's texts (`signage/<lang>.yaml`), addressed by dotted key (`heading.controller`,
/// `feature_kind.lpr`). Every key the code uses is checked when the table loads, so a lookup
/// never fails later and a missing translation is a load error naming the key, not a blank
/// on a printed sign.
public struct SignageLabels: Decodable, Sendable {
    public let language: String
    let texts: [String: String]
    /// English words that must never appear on a sign in this language (empty for English).
    public let foreignMarkers: [String]
    let months: [String]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let tree = try container.decode(LabelTree.self)
        guard case .map(let root) = tree else { throw SignageError.labelMissing(language: "?", key: "<root>") }
        guard case .text(let language)? = root["language"] else { throw SignageError.labelMissing(language: "?", key: "language") }
        self.language = language
        var flat: [String: String] = [:]
        Self.flatten(tree, prefix: "", into: &flat)
        texts = flat
        if case .list(let markers)? = root["foreign_markers"] {
            foreignMarkers = markers
        } else {
            foreignMarkers = []
        }
        if case .list(let names)? = root["months"], names.count == 12 { months = names } else {
            throw SignageError.labelMissing(language: language, key: "months (twelve names)")
        }
        for key in Self.requiredKeys where flat[key] == nil {
            throw SignageError.labelMissing(language: language, key: key)
        }
    }

    /// The text at `key`. Keys come from `requiredKeys` (checked at load); an unknown key is a
    /// programming error and shows as the key itself, which the "no English" tests catch.
    public func text(_ key: String) -> String { texts[key] ?? key }

    /// The text at `key` with `{name}` placeholders filled.
    public func text(_ key: String, _ values: [String: String]) -> String {
        var result = text(key)
        for (name, value) in values { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
        return result
    }

    public func has(_ key: String) -> Bool { texts[key] != nil }

    /// "2 décembre 2027" / "2 December 2027" for a model date `YYYY-MM-DD`; other text as is.
    public func longDate(_ text: String) -> String {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return text }
        let day = language == "fr" && parts[2] == 1 ? "1er" : "\(parts[2])"
        return self.text("long_date", ["day": day, "month": months[parts[1] - 1], "year": "\(parts[0])"])
    }

    /// "a, b et c".
    public func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: text("list_join")) + text("list_last") + items.last!
    }

    /// A retention duration in words: "30 jours", "1 an", "72 heures" (days, not months: a month is
    /// not a fixed number of days, and signs in France say "30 jours").
    public func duration(_ duration: RetentionDuration) -> String {
        guard let seconds = duration.totalSeconds else { return "∞" }
        let hours = seconds / 3600, days = seconds / 86_400
        func unit(_ n: Int64, _ one: String, _ many: String) -> String { "\(n) \(text(n == 1 ? one : many))" }
        if days >= 365, days % 365 == 0 { return unit(days / 365, "duration.year", "duration.years") }
        if days >= 1, seconds % 86_400 == 0 { return unit(days, "duration.day", "duration.days") }
        return unit(max(hours, 1), "duration.hour", "duration.hours")
    }

    static let requiredKeys: [String] = {
        var keys = ["title.gdpr", "title.csi", "title.qc", "title.pipeda", "no_feature", "recording_effect",
                    "algorithmic_analysis.people", "algorithmic_analysis.others", "most_impactful",
                    "retention.images", "retention.images_indefinite", "retention.no_images",
                    "rights.gdpr", "rights.qc", "rights.pipeda", "rights.led", "second_layer.url", "second_layer.place",
                    "csi_panonceau", "csi_phone", "ai_act.emotion", "ai_act.categorisation", "qc_technology",
                    "qc_function.identify", "qc_function.locate", "qc_function.profile", "qc_functions_join",
                    "list_join", "list_last", "long_date", "contact_role.dpo", "contact_role.qc", "contact_role.pipeda",
                    "contact_role.controller"]
        keys += ["day", "days", "hour", "hours", "month", "months", "year", "years"].map { "duration." + $0 }
        keys += SignElementKind.allCases.filter { $0 != .pictogram }.map { "heading." + $0.rawValue }
        keys += FeatureKind.allCases.map { "feature_kind." + $0.rawValue }
        keys += SubjectClass.allCases.map { "subject." + $0.rawValue }
        keys += FeatureOutput.allCases.map { "output_effect." + $0.rawValue }
        keys += DataCategory.allCases.map { "data_category." + $0.rawValue }
        keys += ["cnil", "supervisory", "cai", "opc"].map { "authority." + $0 }
        keys += NoticeLabelKeys.all
        return keys
    }()

    private static func flatten(_ tree: LabelTree, prefix: String, into flat: inout [String: String]) {
        switch tree {
        case .text(let value): flat[prefix] = value
        case .list: break
        case .map(let children):
            for (key, child) in children { flatten(child, prefix: prefix.isEmpty ? key : prefix + "." + key, into: &flat) }
        }
    }
}

/// A label table as written: nested maps of texts, and lists (the foreign-word markers).
indirect enum LabelTree: Decodable {
    case text(String)
    case list([String])
    case map([String: LabelTree])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { self = .text(text); return }
        if let list = try? container.decode([String].self) { self = .list(list); return }
        self = .map(try container.decode([String: LabelTree].self))
    }
}
