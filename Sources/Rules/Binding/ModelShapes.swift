import CEL
import DeploymentModel

/// How a model value maps to CEL: the shape of each node, derived from `ModelSchema` once.
/// Objects become `CELObjectType`s whose fields are the schema's YAML keys in schema order;
/// enums become strings; retention-like objects (with a `duration` field) gain an
/// `indefinite` flag, because an indefinite duration has no CEL value (CONTRACTS §3).
indirect enum ShapeNode: Sendable {
    case object(ObjectShape)
    case list(ShapeNode)
    case map(ShapeNode)
    case string(enumValues: [String]?)
    /// Free text of the model, plain or per language: a CEL string, the text in the model's
    /// text language (`FreeText.textLanguage`).
    case text
    case int, double, bool, duration, timestamp, dyn

    var celType: CELType {
        switch self {
        case .object(let shape): .object(shape.type)
        case .list(let item): .list(item.celType)
        case .map(let value): .map(.string, value.celType)
        case .string, .text: .string
        case .int: .int
        case .double: .double
        case .bool: .bool
        case .duration: .duration
        case .timestamp: .timestamp
        case .dyn: .dyn
        }
    }
}

/// One field of an object shape.
struct ShapeField: Sendable {
    enum Kind: Sendable {
        /// A key of the model; `schema` gives its default when absent.
        case model(SchemaField?)
        /// `indefinite`: true when the sibling `duration` is indefinite.
        case indefiniteFlag
    }
    let name: String
    let node: ShapeNode
    let kind: Kind
}

/// A record type and how to fill it.
final class ObjectShape: Sendable {
    let name: String
    let type: CELObjectType
    let fields: [ShapeField]
    let indexByName: [String: Int]

    init(name: String, type: CELObjectType, fields: [ShapeField]) {
        self.name = name
        self.type = type
        self.fields = fields
        indexByName = Dictionary(fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func index(of field: String) -> Int? { indexByName[field] }
}

/// Builds shapes from schema nodes, sharing one object type per schema type name.
struct ShapeBuilder {
    private(set) var shapes: [String: ObjectShape] = [:]

    mutating func shape(_ node: SchemaNode) -> ShapeNode {
        switch node {
        case .object(let name, let fields): return .object(object(name: name, fields: fields.map { ($0.name, $0.node, $0) }))
        case .array(let item): return .list(shape(item))
        case .map(let value): return .map(shape(value))
        case .string(let values): return .string(enumValues: values)
        case .localisedText: return .text
        case .integer: return .int
        case .number: return .double
        case .boolean: return .bool
        case .duration: return .duration
        case .point: return .object(object(name: "Point", fields: [("x", .number, nil), ("y", .number, nil)]))
        }
    }

    /// An object shape from `(key, node, schema field)` triples; a `duration` key brings an
    /// `indefinite` flag after it.
    mutating func object(name: String, fields: [(String, SchemaNode, SchemaField?)]) -> ObjectShape {
        if let existing = shapes[name] { return existing }
        var result: [ShapeField] = []
        for (key, node, field) in fields {
            result.append(ShapeField(name: key, node: shape(node), kind: .model(field)))
            if key == "duration", case .duration = node, !fields.contains(where: { $0.0 == "indefinite" }) {
                result.append(ShapeField(name: "indefinite", node: .bool, kind: .indefiniteFlag))
            }
        }
        return define(name: name, fields: result)
    }

    /// A host-defined object shape (facts that are not part of the model).
    mutating func define(name: String, fields: [ShapeField]) -> ObjectShape {
        if let existing = shapes[name] { return existing }
        let type = CELObjectType(name: name, fields: fields.map { ($0.name, $0.node.celType) })
        let shape = ObjectShape(name: name, type: type, fields: fields)
        shapes[name] = shape
        return shape
    }
}
