import Foundation
import Yams

/// Why a label table could not be found or read.
public enum LabelTableError: Error, CustomStringConvertible, Sendable, Equatable {
    case directoryNotFound(searched: [String])
    case missing(path: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case syntax(path: String, line: Int, column: Int, reason: String)
    case invalid(path: String, line: Int, column: Int, reason: String)

    public var description: String {
        switch self {
        case .directoryNotFound(let searched):
            "label tables not found (looked in \(searched.joined(separator: ", "))); hint: set SILHOUETTE_LABELS_DIR to the labels/ directory of silhouette"
        case .missing(let path):
            "label table \(path) is missing; hint: reinstall silhouette's labels/ directory or point SILHOUETTE_LABELS_DIR at a complete copy"
        case .tooLarge(let path, let bytes, let limit):
            "\(path): label table is \(bytes) bytes, more than the \(limit)-byte limit; hint: a label table holds short labels only"
        case .syntax(let path, let line, let column, let reason):
            "\(path):\(line):\(column): YAML syntax error in label table: \(reason)"
        case .invalid(let path, let line, let column, let reason):
            "\(path):\(line):\(column): \(reason)"
        }
    }
}

/// The words of one language, keyed by stable ids (`enum.data_category.raw-video`,
/// `section.risks`, `month.12`), read from `labels/<lang>.yaml`. Nested YAML mappings are
/// flattened with dots. Documents take every label from here; nothing is phrased in code.
/// A key missing from the table gives a visible marker, never another language's label.
public struct LabelTable: Sendable {
    /// `en` or `fr`.
    public let language: String
    public let entries: [String: String]

    /// The languages every table must exist in, with the same keys.
    public static let languages = ["en", "fr"]
    static let byteLimit = 1_000_000
    static let depthLimit = 8
    static let nodeLimit = 20_000

    public init(language: String, entries: [String: String]) {
        self.language = language
        self.entries = entries
    }

    /// The table with the entries under `prefix` (e.g. `regime_override.qc.`) put in place of the
    /// keys they name: a regime's own words (Québec's person in charge, PIPEDA's organisation)
    /// replace the GDPR ones where the table gives them, and nowhere else.
    public func overlaid(_ prefix: String) -> LabelTable {
        var merged = entries
        for (key, text) in entries where key.hasPrefix(prefix) {
            merged[String(key.dropFirst(prefix.count))] = text
        }
        return LabelTable(language: language, entries: merged)
    }

    /// The label for `key`, with `{name}` placeholders filled from `values`; a missing key gives
    /// `⟦key⟧` so that the gap shows in the document (fail visibly, never silently).
    public func label(_ key: String, _ values: [String: String] = [:]) -> String {
        guard var text = entries[key] else { return "⟦\(key)⟧" }
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    public func has(_ key: String) -> Bool { entries[key] != nil }

    /// The label of a model enum value: `enumLabel("data_category", "raw-video")`.
    public func enumLabel(_ group: String, _ value: String) -> String {
        label("enum.\(group).\(value)")
    }

    /// A calendar day in words: `2 décembre 2027`, `December 2, 2027`. Text that is not a
    /// `YYYY-MM-DD` day is returned as it is.
    public func date(_ isoDay: String) -> String {
        let parts = isoDay.split(separator: "-")
        guard isoDay.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
              let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day) else { return isoDay }
        let dayText = day == 1 ? label("format.day-one") : String(day)
        return label("format.date", ["day": dayText, "month": label("month.\(month)"), "year": String(year)])
    }

    /// A date in words, read in UTC.
    public func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return self.date(String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!))
    }

    // MARK: Loading

    /// Finds the `labels/` directory: `$SILHOUETTE_LABELS_DIR`, else a `labels/` directory beside
    /// the package that holds the running executable (searched upwards like the templates).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(LabelTableError) -> String {
        switch ProjectDataDirectory.locate("labels", marker: "en.yaml", environmentKey: "SILHOUETTE_LABELS_DIR", environment: environment) {
        case .found(let directory): return directory
        case .notFound(let searched): throw .directoryNotFound(searched: searched)
        }
    }

    /// Loads `<directory>/<language>.yaml` (the directory is located when not given).
    public static func load(language: String, directory: String? = nil) throws(LabelTableError) -> LabelTable {
        let root: String
        if let directory { root = directory } else { root = try locate() }
        return try load(path: root + "/" + language + ".yaml")
    }

    /// Loads one table file; every leaf must be text; size, depth and node count are bounded.
    public static func load(path: String) throws(LabelTableError) -> LabelTable {
        guard let data = FileManager.default.contents(atPath: path) else { throw .missing(path: path) }
        guard data.count <= byteLimit else { throw .tooLarge(path: path, bytes: data.count, limit: byteLimit) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalid(path: path, line: 1, column: 1, reason: "label table is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses the text of a table (`path` names it in errors).
    public static func parse(_ text: String, path: String) throws(LabelTableError) -> LabelTable {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (line, column, reason) = Self.position(of: error)
            throw .syntax(path: path, line: line, column: column, reason: reason)
        } catch {
            throw .syntax(path: path, line: 1, column: 1, reason: String(describing: error))
        }
        guard let root, case .mapping(let top) = root else {
            throw .invalid(path: path, line: 1, column: 1, reason: "a label table is a mapping with `language:` and nested labels")
        }
        var language: String?
        var entries: [String: String] = [:]
        var budget = nodeLimit
        for (keyNode, value) in top {
            guard let key = keyNode.string else { continue }
            if key == "language" {
                language = value.string
                continue
            }
            try flatten(value, prefix: key, depth: 1, into: &entries, budget: &budget, path: path)
        }
        guard let language, !language.isEmpty else {
            throw .invalid(path: path, line: 1, column: 1, reason: "label table has no `language:` key; hint: add `language: en` or `language: fr`")
        }
        return LabelTable(language: language, entries: entries)
    }

    private static func flatten(_ node: Node, prefix: String, depth: Int, into entries: inout [String: String],
                                budget: inout Int, path: String) throws(LabelTableError) {
        budget -= 1
        let line = node.mark?.line ?? 1, column = node.mark?.column ?? 1
        guard budget >= 0 else { throw .invalid(path: path, line: line, column: column, reason: "label table has more than \(nodeLimit) entries") }
        guard depth <= depthLimit else { throw .invalid(path: path, line: line, column: column, reason: "labels nested deeper than \(depthLimit) levels") }
        switch node {
        case .scalar(let scalar):
            guard entries[prefix] == nil else {
                throw .invalid(path: path, line: line, column: column, reason: "label `\(prefix)` is defined twice")
            }
            entries[prefix] = scalar.string
        case .mapping(let mapping):
            for (keyNode, value) in mapping {
                guard let key = keyNode.string else {
                    throw .invalid(path: path, line: line, column: column, reason: "label keys must be text")
                }
                try flatten(value, prefix: prefix + "." + key, depth: depth + 1, into: &entries, budget: &budget, path: path)
            }
        case .sequence, .alias:
            throw .invalid(path: path, line: line, column: column, reason: "label `\(prefix)` must be text, not a list or an alias")
        }
    }

    private static func position(of error: YamlError) -> (Int, Int, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            return (mark.line, mark.column, [context?.text, problem].compactMap { $0 }.joined(separator: ": "))
        case .composer(let context, let problem, let mark, _):
            return (mark.line, mark.column, [context?.text, problem].compactMap { $0 }.joined(separator: ": "))
        default:
            return (1, 1, String(describing: error))
        }
    }
}

extension ModelSchema {
    /// Every enumeration of the model with the label group naming its values in the label tables
    /// (`enum.<group>.<value>`). LabelTableTests checks that every enum field of the schema is
    /// one of these and that both tables label every value.
    public static let labelledEnums: [(group: String, values: [String])] = [
        ("sector", names(Sector.self)),
        ("processor_role", names(ProcessorRole.self)),
        ("contract", names(ContractState.self)),
        ("legal_basis", names(LegalBasis.self)),
        ("automated_decisions", names(AutomatedDecisions.self)),
        ("feature_kind", names(FeatureKind.self)),
        ("subject_class", names(SubjectClass.self)),
        ("feature_output", names(FeatureOutput.self)),
        ("camera_zone", names(CameraZone.self)),
        ("system_kind", names(SystemKind.self)),
        ("data_category", names(DataCategory.self)),
        ("recipient_kind", names(RecipientKind.self)),
        ("security_measure", names(SecurityMeasure.self)),
        ("wrong_way", ["in", "out"]),
        // Model language v2.
        ("province", names(Province.self)),
        ("lifecycle_phase", names(LifecyclePhase.self)),
        ("special_category_exception", names(SpecialCategoryException.self)),
        ("biometric_modality", names(BiometricModality.self)),
        ("biometric_comparison", names(BiometricComparison.self)),
        ("dpia_kind", names(DPIAKind.self)),
        ("dpia_part", names(DPIAPart.self)),
        ("channel_kind", names(ChannelKind.self)),
        ("information_item", names(InformationItem.self)),
        ("language", FreeText.languages),
    ]

    /// Every enum-valued field of the schema: its path (`cameras[].zone`) and allowed values.
    public static func enumFields() -> [(path: String, values: [String])] {
        var result: [(String, [String])] = []
        func walk(_ node: SchemaNode, _ path: String, _ depth: Int) {
            guard depth < 20 else { return }
            switch node {
            case .object(_, let fields):
                for field in fields { walk(field.node, path.isEmpty ? field.name : path + "." + field.name, depth + 1) }
            case .array(let item): walk(item, path + "[]", depth + 1)
            case .map(let item): walk(item, path + ".*", depth + 1)
            case .string(let values?): result.append((path, values))
            default: break
            }
        }
        walk(root, "", 0)
        return result
    }
}
