import Foundation

/// A value as written in YAML or JSON, before the schema gives it a type. Rule examples and
/// params are kept in this form; the model is converted to it from JSON.
public enum PlainValue: Sendable, Hashable {
    case null, bool(Bool), int(Int), double(Double), string(String)
    case list([PlainValue]), map([String: PlainValue])

    /// The value of `key` when this is a map.
    public subscript(key: String) -> PlainValue? {
        if case .map(let map) = self { return map[key] }
        return nil
    }

    /// Short text for messages: `30d`, `[a, b]`.
    public var text: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): s
        case .list(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .map(let map): "{" + map.keys.sorted().map { "\($0): \(map[$0]!.text)" }.joined(separator: ", ") + "}"
        }
    }
}

extension PlainValue: Decodable {
    /// Decodes any JSON value; JSONDecoder keeps `true` and `1` apart, which
    /// JSONSerialization's NSNumber does not do reliably on Linux.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let bool = try? container.decode(Bool.self) { self = .bool(bool) }
        else if let int = try? container.decode(Int.self) { self = .int(int) }
        else if let double = try? container.decode(Double.self) { self = .double(double) }
        else if let string = try? container.decode(String.self) { self = .string(string) }
        else if let list = try? container.decode([PlainValue].self) { self = .list(list) }
        else { self = .map(try container.decode([String: PlainValue].self)) }
    }
}
