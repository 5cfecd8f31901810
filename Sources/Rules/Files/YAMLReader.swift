import DeploymentModel
import Foundation
import Yams

/// Walks a composed YAML tree keeping every node's position, so that a malformed rule file
/// is reported at file:line:col. Aliases are refused (rule files do not need them, and they
/// are the vector of "billion laughs" expansions).
struct YAMLReader {
    let file: String

    func position(_ node: Node) -> SourcePosition? {
        node.mark.map { SourcePosition(file: file, line: $0.line, column: $0.column) }
    }

    func fail(_ node: Node?, _ message: String, hint: String? = nil) -> RuleError {
        .invalid([RuleDiagnostic(position: node.flatMap(position), message: message, hint: hint)])
    }

    /// Parses `text`; a syntax error becomes a positioned diagnostic.
    func compose(_ text: String) throws(RuleError) -> Node {
        do {
            guard let root = try Yams.compose(yaml: text) else { throw fail(nil, "empty rule file", hint: "a rule file is a YAML mapping starting with `id:`") }
            return root
        } catch let error as RuleError {
            throw error
        } catch let error as YamlError {
            throw .invalid([Self.diagnostic(for: error, file: file)])
        } catch {
            throw .invalid([RuleDiagnostic(position: nil, message: "\(file): \(error)")])
        }
    }

    static func diagnostic(for error: YamlError, file: String) -> RuleDiagnostic {
        func at(_ mark: Mark) -> SourcePosition { SourcePosition(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return RuleDiagnostic(position: at(mark), message: "YAML syntax error: \(problem)", hint: "check indentation and quoting")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RuleDiagnostic(position: at(context.mark), message: "duplicated key(s) \(duplicates.joined(separator: ", "))",
                                  hint: "each key may appear once in a mapping")
        default:
            return RuleDiagnostic(position: SourcePosition(file: file, line: 1, column: 1), message: "YAML error: \(error)")
        }
    }

    /// The pairs of a mapping, refusing keys outside `allowed` with a did-you-mean hint.
    func mapping(_ node: Node, what: String, allowed: [String]) throws(RuleError) -> [String: Node] {
        guard case .mapping(let mapping) = node else {
            throw fail(node, "\(what) must be a mapping", hint: "write `key: value` pairs")
        }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string, case .scalar = key else { throw fail(key, "\(what) has a non-text key") }
            guard allowed.contains(name) else {
                let hint = closestMatch(to: name, in: allowed).map { "did you mean '\($0)'?" }
                    ?? "allowed keys: \(allowed.joined(separator: ", "))"
                throw fail(key, "unknown key '\(name)' in \(what)", hint: hint)
            }
            result[name] = value
        }
        return result
    }

    func sequence(_ node: Node, what: String) throws(RuleError) -> [Node] {
        guard case .sequence(let sequence) = node else { throw fail(node, "\(what) must be a list", hint: "write `[a, b]` or one `- item` per line") }
        return Array(sequence)
    }

    func string(_ node: Node, what: String) throws(RuleError) -> String {
        guard case .scalar(let scalar) = node else { throw fail(node, "\(what) must be text") }
        return scalar.string
    }

    func required(_ map: [String: Node], _ key: String, in what: String, at node: Node) throws(RuleError) -> Node {
        guard let value = map[key] else { throw fail(node, "\(what) has no '\(key)'", hint: "add `\(key):`") }
        return value
    }

    func bool(_ node: Node, what: String) throws(RuleError) -> Bool {
        guard case .scalar = node, let value = node.bool else { throw fail(node, "\(what) must be true or false") }
        return value
    }

    /// `{en: …, fr: …}`, both required and non-empty.
    func localized(_ node: Node, what: String) throws(RuleError) -> LocalizedText {
        let map = try mapping(node, what: what, allowed: ["en", "fr"])
        var texts: [String] = []
        for lang in ["en", "fr"] {
            let value = try string(try required(map, lang, in: what, at: node), what: "\(what).\(lang)")
            guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw fail(map[lang], "\(what).\(lang) is empty", hint: "every text is written in English and French")
            }
            texts.append(value)
        }
        return LocalizedText(en: texts[0], fr: texts[1])
    }

    /// A plain value with YAML's core-schema typing; `budget` bounds the nodes visited.
    func plain(_ node: Node, budget: inout Int) throws(RuleError) -> PlainValue {
        budget -= 1
        guard budget >= 0 else { throw fail(node, "YAML value too large", hint: "rule values stay small; aliases are not supported") }
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.description) {
            case .null: return .null
            case .bool: return node.bool.map(PlainValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map(PlainValue.int) ?? .string(scalar.string)
            case .float: return node.float.map(PlainValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            var items: [PlainValue] = []
            for item in sequence { items.append(try plain(item, budget: &budget)) }
            return .list(items)
        case .mapping(let mapping):
            var result: [String: PlainValue] = [:]
            for (key, value) in mapping {
                guard let name = key.string else { throw fail(key, "a mapping key must be text") }
                result[name] = try plain(value, budget: &budget)
            }
            return .map(result)
        case .alias:
            throw fail(node, "YAML aliases are not supported in rule files", hint: "write the value out")
        }
    }
}
