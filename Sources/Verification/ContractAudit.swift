/// The engine contract (DESIGN.md "Engine contract"): one JSON object per stdout line with
/// only these keys, each of the stated JSON type.
public enum EngineContract {
    public enum FieldType: String, Sendable { case number, string, nonNegativeNumber = "a non-negative number", box = "[x, y, w, h] numbers", trackID = "string or integer" }

    public static let fields: [(name: String, type: FieldType)] = [
        ("t", .number), ("camera", .string), ("type", .string), ("class", .string), ("bbox", .box),
        ("track", .trackID), ("zone", .string), ("direction", .string), ("count", .nonNegativeNumber),
    ]
    /// Keys every event must carry.
    public static let required: [String] = ["t", "type"]

    /// The contract type of `key`, by string comparison (cheaper than hashing for nine short keys).
    static func fieldType(_ key: String) -> FieldType? {
        switch key {
        case "t": return .number
        case "camera", "type", "class", "zone", "direction": return .string
        case "bbox": return .box
        case "track": return .trackID
        case "count": return .nonNegativeNumber
        default: return nil
        }
    }

    /// The contract violations of one event, as (JSON path, detail) pairs.
    static func violations(of value: JSONValue) -> [(path: String, detail: String)] {
        guard case .object(let members) = value else {
            return [("$", "line is a JSON \(kindName(value)), not an event object")]
        }
        var result: [(String, String)] = []
        // Events have a handful of keys: a linear scan beats hashing into a Set.
        for (index, (key, child)) in members.enumerated() {
            if members[..<index].contains(where: { $0.key == key }) {
                result.append(("$." + key, "key \"\(key)\" repeated in one event"))
                continue
            }
            guard let type = fieldType(key) else {
                result.append(("$." + key, "field \"\(key)\" is outside the engine contract (allowed: \(fields.map(\.name).joined(separator: ", ")))"))
                continue
            }
            if !matches(child, type) {
                result.append(("$." + key, "\"\(key)\" must be \(type.rawValue), got \(kindName(child))"))
            }
        }
        for key in required where !members.contains(where: { $0.key == key }) {
            result.append(("$", "required field \"\(key)\" is missing"))
        }
        return result
    }

    static func matches(_ value: JSONValue, _ type: FieldType) -> Bool {
        switch (type, value) {
        case (.number, .number): return true
        case (.string, .string): return true
        // `count` is an integer for counts and a mean for density events.
        case (.nonNegativeNumber, .number(let number, _)): return number >= 0 && number.isFinite
        case (.trackID, .string): return true
        case (.trackID, .number(_, let isInteger)): return isInteger
        case (.box, .array(let elements)):
            return elements.count == 4 && elements.allSatisfy { if case .number = $0 { return true } else { return false } }
        default: return false
        }
    }

    static func kindName(_ value: JSONValue) -> String {
        switch value {
        case .object: return "object"
        case .array(let elements): return "array of \(elements.count)"
        case .string: return "string"
        case .number: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        }
    }
}
