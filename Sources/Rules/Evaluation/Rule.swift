import CEL
import DeploymentModel
import Foundation

/// A rule whose expressions and message placeholders are compiled and type-checked against
/// the model. Built by `RuleSet.load`; evaluated by `RuleSet.evaluate`.
public struct Rule: Sendable {
    public let definition: RuleDefinition
    let when: CELProgram?
    let assert: CELProgram
    let messages: [Language: MessageTemplate]
    let params: CELValue

    public var id: String { definition.id }
    public var pack: String { definition.pack }
    /// Law or charter: the rule's own `kind:`, else its pack's manifest (set by `RuleSet`).
    public internal(set) var kind: RuleKind = .law
    public var title: LocalizedText { definition.title }
    public var severity: Severity { definition.severity }
    public var tags: [String] { definition.tags }
    public var refs: [LegalReference] { definition.refs }
    public var scope: RuleScope { definition.scope }
    public var message: LocalizedText { definition.message }
    public var remediation: LocalizedText { definition.remediation }
    public var examples: [RuleExample] { definition.examples }
    public var file: String { definition.file }
    public var position: SourcePosition? { definition.position }

    /// Compiles `definition`; an unknown model field, a type error or a syntax error is
    /// reported at its file position.
    public init(compiling definition: RuleDefinition) throws(RuleError) {
        let binding = ModelBinding.shared
        let env = binding.environment(for: definition.scope)
        self.definition = definition
        when = try definition.when.map { expression throws(RuleError) in try Self.compile(expression, "when", env, definition) }
        assert = try Self.compile(definition.assert, "assert", env, definition)
        var messages: [Language: MessageTemplate] = [:]
        for lang in Language.allCases {
            messages[lang] = try MessageTemplate(definition.message.text(lang), environment: env,
                                                 position: definition.messagePositions[lang] ?? definition.position,
                                                 what: "message.\(lang.rawValue)")
        }
        self.messages = messages
        do {
            params = try ValueConversion.cel(plain: .map(definition.params), .map(.dyn), path: "params") ?? .map(CELMap())
        } catch {
            throw .invalid([RuleDiagnostic(position: definition.position, message: "\(definition.id): \(error.path): \(error.message)")])
        }
    }

    private static func compile(_ expression: RuleExpression, _ what: String, _ env: CELEnvironment,
                                _ definition: RuleDefinition) throws(RuleError) -> CELProgram {
        let program: CELProgram
        do {
            program = try CELProgram(expression.source, environment: env)
        } catch {
            let position = expression.position(line: error.line, column: error.column) ?? expression.position
            throw .invalid([RuleDiagnostic(position: position, message: "\(definition.id) \(what): \(error.message)",
                                           hint: hint(for: error.message, scope: definition.scope))])
        }
        switch program.resultType {
        case .bool, .dyn: return program
        default:
            throw .invalid([RuleDiagnostic(position: expression.position,
                                           message: "\(definition.id) \(what) is \(program.resultType), not bool",
                                           hint: "`\(what)` must be true or false")])
        }
    }

    private static func hint(for message: String, scope: RuleScope) -> String {
        let binding = ModelBinding.shared
        let item = binding.scopeShapes[scope] ?? binding.deployment
        // "undeclared field 'x' on Signage": list the fields of the type named.
        if let on = message.range(of: #" on [A-Za-z]+"#, options: .regularExpression),
           let shape = binding.shapes[String(message[on].dropFirst(4))] {
            let suggestion = message.split(separator: "'").dropFirst().first.flatMap { closestMatch(to: String($0), in: shape.fields.map(\.name)) }
            return (suggestion.map { "did you mean '\($0)'? " } ?? "") + "\(shape.name) has fields: " + shape.fields.map(\.name).joined(separator: ", ")
        }
        if message.contains("field") || message.contains("undeclared") {
            return "in scope '\(scope.rawValue)', item is a \(item.name) with fields: " + item.fields.map(\.name).joined(separator: ", ")
        }
        return "see DESIGN.md \"Rules\" and CONTRACTS §3 for the variables and functions"
    }
}
