/// The static and runtime types of CEL values.
///
/// `list` and `map` carry element types for the checker; at run time `type([1])` is
/// `list(dyn)` and type values compare by their name (`list`, `map`, …), as in CEL.
public indirect enum CELType: Sendable, Hashable, CustomStringConvertible {
    case dyn, null, bool, int, uint, double, string, bytes, duration, timestamp, type
    case list(CELType), map(CELType, CELType), object(CELObjectType)

    /// The CEL type name, as `type(x)` prints it (`int`, `list`, `google.protobuf.Timestamp`, `Camera`).
    public var name: String {
        switch self {
        case .dyn: "dyn"
        case .null: "null_type"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .bytes: "bytes"
        case .duration: "google.protobuf.Duration"
        case .timestamp: "google.protobuf.Timestamp"
        case .type: "type"
        case .list: "list"
        case .map: "map"
        case .object(let t): t.name
        }
    }

    public var description: String {
        switch self {
        case .list(let e): "list(\(e))"
        case .map(let k, let v): "map(\(k), \(v))"
        default: name
        }
    }

    /// Type values are equal when their names are (`type([1]) == list`).
    public static func == (a: CELType, b: CELType) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): return x === y
        case (.list(let x), .list(let y)): return x == y
        case (.map(let k1, let v1), .map(let k2, let v2)): return k1 == k2 && v1 == v2
        default: return a.name == b.name
        }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// True when a value of static type `self` may be used where `other` is expected.
    func isAssignable(to other: CELType) -> Bool {
        switch (self, other) {
        case (.dyn, _), (_, .dyn): return true
        case (.list(let a), .list(let b)): return a.isAssignable(to: b)
        case (.map(let k1, let v1), .map(let k2, let v2)): return k1.isAssignable(to: k2) && v1.isAssignable(to: v2)
        default: return self == other
        }
    }
}

/// A host-declared record type (a camera, a purpose…): a name and ordered, typed fields.
///
/// Field names are resolved to indexes when an expression is compiled, so selecting a field
/// costs an array access. For recursive or mutually referring types create the types first
/// with `init(name:)`, then call `define(fields:)` once on each, before any compilation; a type
/// is immutable afterwards (this is why the class may be shared between threads).
public final class CELObjectType: @unchecked Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public private(set) var fields: [(name: String, type: CELType)] = []
    private var indexByName: [String: Int] = [:]

    public init(name: String, fields: [(name: String, type: CELType)] = []) {
        self.name = name
        define(fields: fields)
    }

    /// Sets the fields of a type created without them (forward declaration).
    public func define(fields: [(name: String, type: CELType)]) {
        self.fields = fields
        indexByName = [:]
        for (i, f) in fields.enumerated() where indexByName[f.name] == nil { indexByName[f.name] = i }
    }

    /// The position of field `name` in `CELObject.fields`, or nil when the type has no such field.
    public func index(of name: String) -> Int? { indexByName[name] }

    public var description: String { name }
    public static func == (a: CELObjectType, b: CELObjectType) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
