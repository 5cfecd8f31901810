import CEL
import DeploymentModel
import Foundation

/// Turns model values into CEL values following their shape. The model arrives as
/// `ModelValue` (schema-read by the loader, defaults filled); rule examples arrive as
/// `PlainValue` and get the same defaults from the schema, so an example writes only what
/// its rule reads.
enum ValueConversion {
    // MARK: Model values

    /// nil means absent (`has()` is false).
    static func cel(_ value: ModelValue, _ node: ShapeNode) -> CELValue? {
        switch (value, node) {
        case (.null, _): return nil
        case (.object(let fields), .object(let shape)): return .object(object(fields, shape))
        case (.object(let fields), .map(let item)):
            var map = CELMap()
            for key in fields.keys.sorted() { if let v = cel(fields[key]!, item) { map.set(.string(key), v) } }
            return .map(map)
        case (.object(let fields), .dyn):
            var map = CELMap()
            for key in fields.keys.sorted() { if let v = cel(fields[key]!, .dyn) { map.set(.string(key), v) } }
            return .map(map)
        case (.list(let items), .list(let item)): return .list(items.compactMap { cel($0, item) })
        case (.list(let items), .dyn): return .list(items.compactMap { cel($0, .dyn) })
        case (.object(let fields), .text):
            // Text per language (a rule example's): the text language's, with no declared language.
            return .string(FreeText.text(of: fields.compactMapValues(\.stringValue), declared: nil))
        case (.duration(let d), _): return d.totalSeconds.map { .duration(CELDuration(seconds: $0)) }
        case (.bool(let b), _): return .bool(b)
        case (.int(let i), .double): return .double(Double(i))
        case (.int(let i), .string): return .string(String(i))
        case (.int(let i), _): return .int(i)
        case (.double(let d), .int): return .int(Int64(d))
        case (.double(let d), _): return .double(d)
        case (.string(let s), .duration):
            return RetentionDuration(parsing: s)?.totalSeconds.map { .duration(CELDuration(seconds: $0)) }
        case (.string(let s), _): return .string(s)
        default: return nil
        }
    }

    private static func object(_ fields: [String: ModelValue], _ shape: ObjectShape) -> CELObject {
        var values: [CELValue?] = []
        values.reserveCapacity(shape.fields.count)
        for field in shape.fields {
            switch field.kind {
            case .indefiniteFlag:
                if case .duration(let d) = fields["duration"] { values.append(.bool(d == .indefinite)) } else { values.append(.bool(false)) }
            case .model(let schema):
                if let v = fields[field.name] {
                    values.append(cel(v, field.node))
                } else if let schema {
                    // The model's own default (lists [], flags false); optional values stay absent.
                    values.append(schema.defaultValue.flatMap { cel($0, field.node) })
                } else {
                    values.append(isHost(shape) ? neutral(field.node) : nil)
                }
            }
        }
        return CELObject(type: shape.type, fields: values)
    }

    /// Host facts (`derived`, `ethics`, `verification`) always have every field.
    static func isHost(_ shape: ObjectShape) -> Bool { ["Derived", "Ethics", "Opinion", "Verification"].contains(shape.name) }

    /// The value of an absent host fact: false, 0, "", empty list or map.
    static func neutral(_ node: ShapeNode) -> CELValue? {
        switch node {
        case .list: return .list([])
        case .map: return .map(CELMap())
        case .bool: return .bool(false)
        case .string, .text: return .string("")
        case .int: return .int(0)
        case .object(let shape): return .object(object([:], shape))
        default: return nil
        }
    }

    /// The neutral object of `shape` (an example that omits `derived`, `ethics`, …).
    static func empty(_ shape: ObjectShape) -> CELValue { .object(object([:], shape)) }

    // MARK: Encoded model

    /// A document encoded by `PlainValueEncoder` (Swift property names) read straight into CEL
    /// following the shape: keys found by YAML or Swift name, durations parsed, schema
    /// defaults for absent keys. Nothing to validate: the loader has done it.
    static func cel(encoded value: PlainValue, _ node: ShapeNode) -> CELValue? {
        switch (value, node) {
        case (.null, _): return nil
        case (.map(let map), .object(let shape)):
            var values: [CELValue?] = []
            values.reserveCapacity(shape.fields.count)
            for field in shape.fields {
                switch field.kind {
                case .indefiniteFlag:
                    if case .string(let text)? = map["duration"] {
                        values.append(.bool(RetentionDuration(parsing: text) == .indefinite))
                    } else {
                        values.append(.bool(false))
                    }
                case .model(let schema):
                    if let raw = map[field.name] ?? schema.flatMap({ map[$0.swiftName] }) {
                        values.append(cel(encoded: raw, field.node))
                    } else {
                        values.append(schema?.defaultValue.flatMap { cel($0, field.node) })
                    }
                }
            }
            return .object(CELObject(type: shape.type, fields: values))
        case (.map(let map), .text):
            let texts = map.compactMapValues { (value: PlainValue) -> String? in
                if case .string(let s) = value { return s }
                return nil
            }
            return .string(FreeText.text(of: texts, declared: nil))
        case (.map(let map), _):
            var result = CELMap()
            for key in map.keys.sorted() { if let v = cel(encoded: map[key]!, node.element) { result.set(.string(key), v) } }
            return .map(result)
        case (.list(let items), _): return .list(items.compactMap { cel(encoded: $0, node.element) })
        case (.string(let s), .duration): return RetentionDuration(parsing: s)?.totalSeconds.map { .duration(CELDuration(seconds: $0)) }
        case (.int(let i), .duration): return .duration(CELDuration(seconds: Int64(i)))
        case (.string(let s), _): return .string(s)
        case (.int(let i), .double): return .double(Double(i))
        case (.int(let i), .string): return .string(String(i))
        case (.int(let i), _): return .int(Int64(i))
        case (.double(let d), _): return .double(d)
        case (.bool(let b), _): return .bool(b)
        }
    }

    // MARK: Example values

    /// Reads a value written in a rule example against `node`; errors name the path.
    static func cel(plain: PlainValue, _ node: ShapeNode, path: String) throws(ExampleValueError) -> CELValue? {
        try model(plain: plain, node, path: path).flatMap { cel($0, node) }
    }

    /// The example value as the loader would have read it (types checked, enums checked, keys known).
    static func model(plain: PlainValue, _ node: ShapeNode, path: String) throws(ExampleValueError) -> ModelValue? {
        switch (plain, node) {
        case (.null, _): return nil
        case (.map(let map), .object(let shape)):
            var fields: [String: ModelValue] = [:]
            for key in map.keys.sorted() {
                guard let index = shape.index(of: key), case .model = shape.fields[index].kind else {
                    let hint = closestMatch(to: key, in: shape.fields.map(\.name)).map { "did you mean '\($0)'?" }
                        ?? "fields of \(shape.name): \(shape.fields.map(\.name).joined(separator: ", "))"
                    throw ExampleValueError(path: path, message: "unknown field '\(key)' on \(shape.name)", hint: hint)
                }
                if let v = try model(plain: map[key]!, shape.fields[index].node, path: path + "." + key) { fields[key] = v }
            }
            return .object(fields)
        case (.list(let items), .object(let shape)) where shape.name == "Point" && items.count == 2:
            return try model(plain: .map(["x": items[0], "y": items[1]]), node, path: path)
        case (.map(let map), .map(let item)):
            var fields: [String: ModelValue] = [:]
            for key in map.keys.sorted() { if let v = try model(plain: map[key]!, item, path: path + "." + key) { fields[key] = v } }
            return .object(fields)
        case (.map(let map), .dyn):
            var fields: [String: ModelValue] = [:]
            for (key, value) in map { fields[key] = try model(plain: value, .dyn, path: path + "." + key) }
            return .object(fields)
        case (.list(let items), .list(let item)):
            var result: [ModelValue] = []
            for (i, element) in items.enumerated() { if let v = try model(plain: element, item, path: "\(path)[\(i)]") { result.append(v) } }
            return .list(result)
        case (.list(let items), .dyn):
            var result: [ModelValue] = []
            for (i, element) in items.enumerated() { if let v = try model(plain: element, .dyn, path: "\(path)[\(i)]") { result.append(v) } }
            return .list(result)
        case (.map(let map), .text):
            // Text per language, checked as the loader checks it.
            var texts: [String: ModelValue] = [:]
            for key in map.keys.sorted() {
                guard FreeText.languages.contains(key) else {
                    throw ExampleValueError(path: path + "." + key, message: "unknown language '\(key)'",
                                            hint: "text per language uses the codes \(FreeText.languages.joined(separator: ", "))")
                }
                guard case .string(let text) = map[key]! else {
                    throw ExampleValueError(path: path + "." + key, message: "\(map[key]!.text) is not text", hint: nil)
                }
                texts[key] = .string(text)
            }
            guard !texts.isEmpty else { throw ExampleValueError(path: path, message: "no text", hint: "write the text, or {fr: …, en: …}") }
            return .object(texts)
        case (.string(let s), .text):
            return .string(s)
        case (.string(let s), .string(let values)):
            if let values, !values.contains(s) {
                let hint = closestMatch(to: s, in: values).map { "did you mean '\($0)'?" } ?? "one of \(values.joined(separator: ", "))"
                throw ExampleValueError(path: path, message: "'\(s)' is not an allowed value", hint: hint)
            }
            return .string(s)
        case (.int(let i), .string), (.int(let i), .text), (.int(let i), .dyn): return node.isString ? .string(String(i)) : .int(Int64(i))
        case (.double(let d), .string), (.double(let d), .text): return .string(String(d))
        case (.bool(let b), .string), (.bool(let b), .text): return .string(b ? "true" : "false")
        case (.string(let s), .duration):
            guard let d = RetentionDuration(parsing: s) else {
                throw ExampleValueError(path: path, message: "'\(s)' is not a duration", hint: "use 30d, 72h, 1y, P30D, 0 or indefinite")
            }
            return .duration(d)
        case (.int(let i), .duration): return .duration(.seconds(Int64(i)))
        case (.string(let s), .timestamp):
            guard DateText.parse(s) != nil else { throw ExampleValueError(path: path, message: "'\(s)' is not a date", hint: "write YYYY-MM-DD") }
            return .string(s)
        case (.int(let i), .int): return .int(Int64(i))
        case (.int(let i), .double): return .double(Double(i))
        case (.double(let d), .double), (.double(let d), .dyn): return .double(d)
        case (.bool(let b), .bool), (.bool(let b), .dyn): return .bool(b)
        case (.string(let s), .dyn): return .string(s)
        default:
            throw ExampleValueError(path: path, message: "\(plain.text) is not \(node.expectation)", hint: nil)
        }
    }
}

extension ShapeNode {
    var isString: Bool {
        switch self {
        case .string, .text: return true
        default: return false
        }
    }

    /// The element of a list or map shape (`dyn` otherwise).
    var element: ShapeNode {
        switch self {
        case .list(let item), .map(let item): item
        default: .dyn
        }
    }

    var expectation: String {
        switch self {
        case .object(let shape): "a mapping (\(shape.name))"
        case .list: "a list"
        case .map: "a mapping"
        case .string: "text"
        case .text: "text, or text per language"
        case .int: "an integer"
        case .double: "a number"
        case .bool: "true or false"
        case .duration: "a duration"
        case .timestamp: "a date"
        case .dyn: "a value"
        }
    }
}

/// A value in a rule example that does not fit the model.
struct ExampleValueError: Error, Sendable {
    let path: String
    let message: String
    let hint: String?
}
