import Foundation
import Yams

/// Stable encodings of a model: canonical JSON (the input of `modelHash`) and YAML.
public enum ModelEncoding {
    /// Canonical JSON: YAML keys, keys sorted, v1 defaults written out (v2 ones left out), no insignificant
    /// whitespace, durations in their shortest form (`30d`). Equal models give equal bytes.
    public static func canonicalJSON(_ d: DeploymentDocument) -> Data {
        var out = ""
        writeJSON(canonical(value(d), schema: ModelSchema.root), into: &out)
        return Data(out.utf8)
    }

    /// The value that is hashed: defaults of model-v2 fields (`SchemaField.v2`) are left out,
    /// so a model written before v2 hashes to the same bytes as before and no sign-off goes
    /// stale because the tool was upgraded. Defaults of v1 fields stay (they always did).
    public static func canonical(_ value: ModelValue, schema: SchemaNode) -> ModelValue {
        switch (value, schema) {
        case (.object(let fields), .object(_, let schemaFields)):
            var result = fields
            for field in schemaFields {
                guard let child = fields[field.name] else { continue }
                if field.v2, let defaultValue = SchemaReader.defaultValue(for: field), child == defaultValue {
                    result.removeValue(forKey: field.name)
                } else {
                    result[field.name] = canonical(child, schema: field.node)
                }
            }
            return .object(result)
        case (.list(let items), .array(let item)):
            return .list(items.map { canonical($0, schema: item) })
        case (.object(let fields), .map(let item)):
            return .object(fields.mapValues { canonical($0, schema: item) })
        default:
            return value
        }
    }

    /// The model as YAML, keys in schema order, defaults written out; loads back to an
    /// equal document.
    public static func yaml(_ d: DeploymentDocument) -> String {
        let node = yamlNode(canonical(value(d), schema: ModelSchema.root), schema: ModelSchema.root)
        return (try? Yams.serialize(node: node, sortKeys: false)) ?? ""
    }

    /// Reads back `canonicalJSON` (e.g. a model stored with an assessment) with the same
    /// validation as a file; JSON is YAML, so positions are line:col in the JSON text.
    public static func document(fromCanonicalJSON data: Data, label: String = "<canonical JSON>") throws(ModelError) -> DeploymentDocument {
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalid([Diagnostic(position: nil, message: "\(label) is not UTF-8 text")])
        }
        return try DeploymentLoader.load(yaml: text, file: label, baseDirectory: "", readCamerasFile: false).document
    }

    /// The model as schema-guided values with YAML keys: what rule expressions see.
    public static func value(_ d: DeploymentDocument) -> ModelValue {
        let encoder = JSONEncoder()
        guard let data = try? encoder.encode(d),
              let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return .null
        }
        let value = fromFoundation(object, schema: ModelSchema.root)
        // Free texts given per language are hashed and shown as written: every variant.
        return d.translations.map { $0.applied(to: value) } ?? value
    }

    // MARK: Foundation JSON ↔ ModelValue (camelCase keys on the Foundation side)

    static func fromFoundation(_ object: Any, schema: SchemaNode) -> ModelValue {
        switch schema {
        case .object(_, let fields):
            guard let dict = object as? [String: Any] else { return .null }
            var result: [String: ModelValue] = [:]
            for field in fields {
                if let child = dict[field.swiftName], !(child is NSNull) {
                    result[field.name] = fromFoundation(child, schema: field.node)
                } else if let value = SchemaReader.defaultValue(for: field) {
                    result[field.name] = value
                }
            }
            return .object(result)
        case .array(let item):
            return .list(((object as? [Any]) ?? []).map { fromFoundation($0, schema: item) })
        case .map(let item):
            var result: [String: ModelValue] = [:]
            for (key, child) in (object as? [String: Any]) ?? [:] { result[key] = fromFoundation(child, schema: item) }
            return .object(result)
        case .string:
            return .string(object as? String ?? "\(object)")
        case .localisedText:
            if let texts = object as? [String: Any] { return .object(texts.mapValues { .string($0 as? String ?? "\($0)") }) }
            return .string(object as? String ?? "\(object)")
        case .integer:
            return .int((object as? NSNumber)?.int64Value ?? 0)
        case .number:
            return .double((object as? NSNumber)?.doubleValue ?? 0)
        case .boolean:
            return .bool((object as? NSNumber)?.boolValue ?? false)
        case .duration:
            if let text = object as? String, let duration = RetentionDuration(parsing: text) { return .duration(duration) }
            return .duration(.seconds((object as? NSNumber)?.int64Value ?? 0))
        case .point:
            let dict = object as? [String: Any] ?? [:]
            return .object(["x": .double((dict["x"] as? NSNumber)?.doubleValue ?? 0),
                            "y": .double((dict["y"] as? NSNumber)?.doubleValue ?? 0)])
        }
    }

    static func toFoundation(_ value: ModelValue, schema: SchemaNode) -> Any {
        switch (value, schema) {
        case (.object(let fields), .object(_, let schemaFields)):
            var result: [String: Any] = [:]
            for field in schemaFields { if let child = fields[field.name] { result[field.swiftName] = toFoundation(child, schema: field.node) } }
            return result
        case (.object(let fields), .map(let item)):
            return fields.mapValues { toFoundation($0, schema: item) }
        case (.object(let fields), _):
            return fields.mapValues { toFoundation($0, schema: .string(enumValues: nil)) }
        case (.list(let items), .array(let item)):
            return items.map { toFoundation($0, schema: item) }
        case (.list(let items), _):
            return items.map { toFoundation($0, schema: schema) }
        case (.null, _): return NSNull()
        case (.bool(let b), _): return b
        case (.int(let i), _): return i
        case (.double(let d), _): return d
        case (.string(let s), _): return s
        case (.duration(let d), _): return d.description
        }
    }

    /// JSON with Swift property names, for `JSONDecoder` into `DeploymentDocument` (written
    /// directly: going through `JSONSerialization` costs a third of a 10,000-camera load).
    static func writeDecodableJSON(_ value: ModelValue, schema: SchemaNode, into out: inout String) {
        switch (value, schema) {
        case (.object(let fields), .object(_, let schemaFields)):
            out += "{"
            var first = true
            for field in schemaFields {
                guard let child = fields[field.name] else { continue }
                if !first { out += "," }
                first = false
                writeString(field.swiftName, into: &out)
                out += ":"
                writeDecodableJSON(child, schema: field.node, into: &out)
            }
            out += "}"
        case (.object(let fields), .map(let item)):
            out += "{"
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                writeDecodableJSON(fields[key]!, schema: item, into: &out)
            }
            out += "}"
        case (.list(let items), .array(let item)):
            out += "["
            for (index, element) in items.enumerated() {
                if index > 0 { out += "," }
                writeDecodableJSON(element, schema: item, into: &out)
            }
            out += "]"
        case (.double(let d), _):
            out += "\(d)"
        default:
            writeJSON(value, into: &out)
        }
    }

    // MARK: Canonical JSON writer

    static func writeJSON(_ value: ModelValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if d == d.rounded(), abs(d) < 1e15 { out += String(Int64(d)) } else { out += "\(d)" }
        case .string(let s): writeString(s, into: &out)
        case .duration(let d): writeString(d.description, into: &out)
        case .list(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                writeJSON(item, into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                writeJSON(fields[key]!, into: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ s: String, into out: inout String) { JSONText.write(s, into: &out) }

    // MARK: YAML

    static func yamlNode(_ value: ModelValue, schema: SchemaNode) -> Node {
        switch (value, schema) {
        case (.object(let fields), .object(_, let schemaFields)):
            var pairs: [(Node, Node)] = []
            for field in schemaFields {
                guard let child = fields[field.name] else { continue }
                pairs.append((Node(field.name), yamlNode(child, schema: field.node)))
            }
            return .mapping(Node.Mapping(pairs))
        case (.object(let fields), .map(let item)):
            return .mapping(Node.Mapping(fields.keys.sorted().map { (Node($0), yamlNode(fields[$0]!, schema: item)) }))
        case (.object(let fields), _):
            return .mapping(Node.Mapping(fields.keys.sorted().map { (Node($0), yamlNode(fields[$0]!, schema: .string(enumValues: nil))) }))
        case (.list(let items), .array(let item)):
            return .sequence(Node.Sequence(items.map { yamlNode($0, schema: item) }))
        case (.list(let items), _):
            return .sequence(Node.Sequence(items.map { yamlNode($0, schema: schema) }))
        case (.null, _): return Node("null")
        case (.bool(let b), _): return Node(b ? "true" : "false")
        case (.int(let i), _): return Node(String(i))
        case (.double(let d), _): return Node("\(d)")
        case (.string(let s), _): return Node(s, .implicit, needsQuotes(s) ? .doubleQuoted : .any)
        case (.duration(let d), _): return Node(d.description)
        }
    }

    /// Plain text that YAML would read as something else (a number, null, a boolean) or that
    /// cannot be plain is quoted, so the file reads the same in any YAML tool.
    static func needsQuotes(_ s: String) -> Bool {
        if s.isEmpty || Double(s) != nil { return true }
        return ["null", "~", "true", "false", "yes", "no", "on", "off"].contains(s.lowercased())
    }
}
