/// Declarations an expression is compiled against: variables (each given an activation slot),
/// host functions and host object types.
///
/// ```swift
/// var env = CELEnvironment()
/// env.declare("item", .object(cameraType))
/// env.function("days", receiver: false, params: [.duration], result: .int) { args in
///     guard case .duration(let d) = args[0] else { return .null }
///     return .int(d.nanoseconds / 86_400_000_000_000)
/// }
/// let program = try CELProgram("days(item.retention) <= 30", environment: env)
/// var activation = CELActivation(slots: env.slotCount)
/// activation[env.slot(of: "item")!] = .object(camera)
/// let result = program.evaluate(activation)     // .success(.bool(true))
/// ```
public struct CELEnvironment: Sendable {
    struct Variable: Sendable { let slot: Int; let type: CELType }
    struct Overload: Sendable {
        let receiver: Bool
        let params: [CELType]
        let result: CELType
        let impl: @Sendable ([CELValue]) throws(CELEvalError) -> CELValue
    }

    private(set) var variables: [String: Variable] = [:]
    private(set) var functions: [String: [Overload]] = [:]
    private(set) var objectTypes: [String: CELObjectType] = [:]

    /// Namespace for name resolution: with container `a.b`, `x` resolves to `a.b.x`, then `a.x`, then `x`.
    public var container: String = ""

    /// When true (the default), a reference to an undeclared variable or function is a compile
    /// error. When false, it compiles to an evaluation error instead (CEL's dynamic mode, used by
    /// the conformance protocol), so `x || true` is `true` even with no `x`.
    public var undeclaredReferencesAreErrors = true

    public init() {}

    /// The number of slots an activation for this environment needs.
    public var slotCount: Int { variables.count }

    /// Declares variable `name` (may be dotted, e.g. `a.b.c`) with static type `type`; redeclaring
    /// keeps the slot and replaces the type. Object types used by the variable are registered too.
    public mutating func declare(_ name: String, _ type: CELType) {
        let slot = variables[name]?.slot ?? variables.count
        variables[name] = Variable(slot: slot, type: type)
        register(type)
    }

    /// Makes an object type's name usable in expressions (`type(item) == Camera`, `Camera{id: 'x'}`).
    public mutating func declare(type: CELObjectType) { objectTypes[type.name] = type }

    private mutating func register(_ t: CELType) {
        switch t {
        case .object(let o):
            guard objectTypes[o.name] == nil else { return }
            objectTypes[o.name] = o
            for f in o.fields { register(f.type) }
        case .list(let e): register(e)
        case .map(let k, let v): register(k); register(v)
        default: break
        }
    }

    /// Declares a host function overload. `receiver: true` makes it callable as `x.name(args)`
    /// (then `params[0]` is the receiver's type). The implementation gets the receiver (if any)
    /// followed by the arguments. Several overloads of a name are chosen by the arguments' runtime
    /// types; an overload with the name of a standard function (e.g. `duration`) takes precedence
    /// for arguments that match its parameter types, and the standard one serves the others.
    public mutating func function(_ name: String, receiver: Bool, params: [CELType], result: CELType,
                                  _ impl: @escaping @Sendable ([CELValue]) -> CELValue) {
        functions[name, default: []].append(Overload(receiver: receiver, params: params, result: result, impl: { args in impl(args) }))
    }

    /// Like `function(_:receiver:params:result:_:)`, for an implementation that can fail: a thrown
    /// `CELEvalError` is an evaluation error (absorbed by `&&`/`||` like any other).
    public mutating func function(_ name: String, receiver: Bool, params: [CELType], result: CELType,
                                  throwing impl: @escaping @Sendable ([CELValue]) throws(CELEvalError) -> CELValue) {
        functions[name, default: []].append(Overload(receiver: receiver, params: params, result: result, impl: impl))
    }

    /// The activation slot of variable `name`, or nil when it is not declared.
    public func slot(of name: String) -> Int? { variables[name]?.slot }

    /// The declared type of variable `name`.
    public func type(of name: String) -> CELType? { variables[name]?.type }

    /// An empty activation with one slot per declared variable.
    public func makeActivation() -> CELActivation { CELActivation(slots: slotCount) }
}

/// Variable values for one evaluation, indexed by the slots of a `CELEnvironment`
/// (an array access per variable; no name lookup).
public struct CELActivation: Sendable {
    var values: [CELValue?]

    public init(slots: Int) { values = Array(repeating: nil, count: slots) }

    /// The value in `slot`; reading an unset slot gives `.null` (evaluating an expression that
    /// uses an unset variable is an error).
    public subscript(slot: Int) -> CELValue {
        get { values[slot] ?? .null }
        set { values[slot] = newValue }
    }

    /// Unsets a slot.
    public mutating func clear(_ slot: Int) { values[slot] = nil }
}
