/// The shape of a model value: the single description from which the loader checks types,
/// enum values and unknown keys, `silhouette schema` writes JSON Schema, and the Rules module
/// declares CEL types.
public indirect enum SchemaNode: Sendable {
    /// A record with a fixed set of keys; `name` is the Swift type name (`Camera`).
    case object(name: String, fields: [SchemaField])
    case array(SchemaNode)
    /// Free keys (any string) to values of one kind, e.g. `justifications`.
    case map(SchemaNode)
    /// Text; when `enumValues` is set, only those values are accepted.
    case string(enumValues: [String]?)
    /// Free text: a plain string, or a map from language code to text (`{fr: …, en: …}`,
    /// languages `FreeText.languages`); see `FreeText`.
    case localisedText
    case integer
    case number
    case boolean
    /// A retention duration: `30d`, `72h`, `1y`, ISO 8601 `P30D`, `0`/`none`, `indefinite`.
    case duration
    /// A point `{x, y}` in normalised [0, 1] image coordinates (`[x, y]` is accepted too).
    case point

    /// The fields of an object node (empty for other kinds).
    public var fields: [SchemaField] {
        if case .object(_, let fields) = self { return fields }
        return []
    }

    /// Text, plain or per language.
    public var isText: Bool {
        switch self {
        case .string, .localisedText: return true
        default: return false
        }
    }

    /// Short human name used in error messages ("a list", "true or false").
    public var expectation: String {
        switch self {
        case .object(let name, _): return "a mapping (\(name))"
        case .array: return "a list"
        case .map: return "a mapping"
        case .string(let values): return values == nil ? "text" : "one of the allowed values"
        case .localisedText: return "text, or text per language ({fr: …, en: …})"
        case .integer: return "an integer"
        case .number: return "a number"
        case .boolean: return "true or false"
        case .duration: return "a duration"
        case .point: return "a point {x, y}"
        }
    }
}

/// One key of an object node.
public struct SchemaField: Sendable {
    /// The YAML key (snake_case of the Swift property; `apiVersion` is the one exception).
    public let name: String
    public let node: SchemaNode
    /// The key must be written; a required text must not be blank.
    public let required: Bool
    /// What the field means, for DPOs (shown in JSON Schema `description`).
    public let doc: String
    /// The value used when the key is absent: `[]` for lists, `false` for flags, `{}` for
    /// sections whose own fields all have defaults; nil means "absent" (an optional value).
    public let defaultValue: ModelValue?
    /// `date` (YYYY-MM-DD), `email` or `uri`: checked by the loader and published in JSON Schema.
    public let format: String?

    /// Added by model language v2: its default value is left out of the canonical form, so
    /// a model that does not write it keeps the `modelHash` it had before v2.
    public let v2: Bool

    public init(name: String, node: SchemaNode, required: Bool, doc: String,
                defaultValue: ModelValue? = nil, format: String? = nil, v2: Bool = false) {
        self.v2 = v2
        self.name = name
        self.node = node
        self.required = required
        self.doc = doc
        self.defaultValue = defaultValue
        self.format = format
        self.swiftName = ModelKeys.camelCase(name)
    }

    /// The Swift property name (`legal_basis` → `legalBasis`).
    public let swiftName: String
}

/// A model value read against the schema: snake_case keys, defaults filled in, durations
/// parsed. This is what rule expressions see (the Rules module converts it to CEL values).
public indirect enum ModelValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case duration(RetentionDuration)
    case list([ModelValue])
    /// An object or a map; keys are YAML keys.
    case object([String: ModelValue])

    public subscript(key: String) -> ModelValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var listValue: [ModelValue]? {
        if case .list(let l) = self { return l }
        return nil
    }
}

enum ModelKeys {
    static func camelCase(_ snake: String) -> String {
        guard snake.contains("_") else { return snake }
        var result = ""
        for (index, part) in snake.split(separator: "_", omittingEmptySubsequences: true).enumerated() {
            result += index == 0 ? String(part) : part.prefix(1).uppercased() + part.dropFirst()
        }
        return result
    }
}
