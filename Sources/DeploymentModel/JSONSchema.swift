import Foundation

extension ModelSchema {
    /// JSON Schema (draft 2020-12) of a deployment file, generated from `root`: object types
    /// become `$defs`, unknown keys are refused (`additionalProperties: false`).
    public static func jsonSchema() -> String {
        var defs: [String: Any] = [:]
        var rootSchema = JSONSchemaWriter.schema(for: root, defs: &defs) as? [String: Any] ?? [:]
        if let ref = rootSchema["$ref"] as? String, let name = ref.split(separator: "/").last, let body = defs[String(name)] {
            rootSchema = body as? [String: Any] ?? rootSchema
            defs.removeValue(forKey: String(name))
        }
        rootSchema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        rootSchema["$id"] = "https://silhouette.invalid/schema/deployment-v1.json"
        rootSchema["title"] = "silhouette deployment model (apiVersion silhouette/v1 or silhouette/v2; v2 fields marked \"v2:\")"
        rootSchema["$defs"] = defs
        let data = (try? JSONSerialization.data(withJSONObject: rootSchema, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

enum JSONSchemaWriter {
    static func schema(for node: SchemaNode, defs: inout [String: Any]) -> Any {
        switch node {
        case .object(let name, let fields):
            if defs[name] == nil {
                defs[name] = [:] as [String: Any]   // placeholder: breaks recursion
                var properties: [String: Any] = [:]
                for field in fields {
                    var property = schema(for: field.node, defs: &defs) as? [String: Any] ?? [:]
                    property["description"] = field.doc
                    if let format = field.format { property["format"] = format }
                    if let value = field.defaultValue { property["default"] = ModelEncoding.toFoundation(value, schema: field.node) }
                    if field.required, case .string(nil) = field.node { property["minLength"] = 1 }
                    if field.required, case .localisedText = field.node { property["minLength"] = 1 }
                    properties[field.name] = property
                }
                var object: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
                let required = fields.filter(\.required).map(\.name)
                if !required.isEmpty { object["required"] = required }
                if let key = SchemaReader.scalarShorthand[name] {
                    defs[name] = ["oneOf": [["type": "string", "description": "Shorthand for {\(key): …}"], object]]
                } else {
                    defs[name] = object
                }
            }
            return ["$ref": "#/$defs/\(name)"]
        case .array(let item):
            return ["type": "array", "items": schema(for: item, defs: &defs)]
        case .map(let item):
            return ["type": "object", "additionalProperties": schema(for: item, defs: &defs)]
        case .string(let values):
            if let values { return ["enum": values] }
            // YAML plain scalars such as 1 or 2024-05-01 are text in the model.
            return ["type": ["string", "number", "boolean"]]
        case .localisedText:
            // A plain text, or the text per language (`{fr: …, en: …}`).
            let text: [String: Any] = ["type": ["string", "number", "boolean"]]
            return ["anyOf": [
                text,
                ["type": "object", "description": "The text per language (codes \(FreeText.languages.joined(separator: ", "))).",
                 "propertyNames": ["enum": FreeText.languages], "additionalProperties": ["type": "string", "minLength": 1], "minProperties": 1],
            ]]
        case .integer:
            return ["type": "integer"]
        case .number:
            return ["type": "number"]
        case .boolean:
            return ["type": "boolean"]
        case .duration:
            return ["type": ["string", "integer"],
                    "pattern": "^(0|none|not-stored|indefinite|forever|unlimited|[0-9]+(mo|y|w|d|h|min|m|s)|[Pp]([0-9]+[YyMmWwDd])*([Tt]([0-9]+[HhMmSs])+)?)$",
                    "minimum": 0,
                    "description": "30d, 72h, 1y, ISO 8601 P30D / PT72H, 0 (not stored) or indefinite"]
        case .point:
            let coordinate: [String: Any] = ["type": "number", "minimum": 0, "maximum": 1]
            return ["oneOf": [
                ["type": "object", "properties": ["x": coordinate, "y": coordinate], "required": ["x", "y"], "additionalProperties": false],
                ["type": "array", "items": coordinate, "minItems": 2, "maxItems": 2],
            ]]
        }
    }
}
