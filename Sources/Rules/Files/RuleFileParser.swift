import DeploymentModel
import Foundation
import Yams

/// Reads one rule file (DESIGN.md "Rules", CONTRACTS §3). Unknown keys, missing keys and
/// wrong types are reported at their position with a hint.
enum RuleFileParser {
    static let keys = ["id", "pack", "title", "severity", "tags", "refs", "scope", "when", "assert",
                       "params", "message", "remediation", "examples", "kind",
                       "applies_from", "applies_until", "dates_uncertain"]
    static let refKeys = ["law", "article", "title", "url", "uncertain", "note"]

    /// `defaultPack` is the directory name, used when the file has no `pack:`.
    static func parse(text: String, file: String, defaultPack: String?) throws(RuleError) -> RuleDefinition {
        let reader = YAMLReader(file: file)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let root = try reader.compose(text)
        let map = try reader.mapping(root, what: "rule", allowed: keys)

        let idNode = try reader.required(map, "id", in: "rule", at: root)
        let id = try reader.string(idNode, what: "id")
        guard id.range(of: #"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$"#, options: .regularExpression) != nil else {
            throw reader.fail(idNode, "rule id '\(id)' is not of the form PACK-TOPIC-001", hint: "upper-case letters, digits and dashes")
        }
        let pack: String
        if let packNode = map["pack"] {
            pack = try reader.string(packNode, what: "pack")
            if let directory = defaultPack, directory != pack {
                throw reader.fail(packNode, "rule \(id) says pack '\(pack)' but sits in directory '\(directory)'",
                                  hint: "move the file to rules/\(pack)/ or fix `pack:`")
            }
        } else if let directory = defaultPack {
            pack = directory
        } else {
            throw reader.fail(root, "rule \(id) has no 'pack'", hint: "add `pack: NAME` or put the file in a pack directory")
        }

        let severityNode = try reader.required(map, "severity", in: "rule", at: root)
        let severityText = try reader.string(severityNode, what: "severity")
        guard let severity = Severity(rawValue: severityText) else {
            throw reader.fail(severityNode, "unknown severity '\(severityText)'",
                              hint: "one of \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let scopeNode = try reader.required(map, "scope", in: "rule", at: root)
        let scopeText = try reader.string(scopeNode, what: "scope")
        guard let scope = RuleScope(rawValue: scopeText) else {
            let hint = closestMatch(to: scopeText, in: RuleScope.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" }
                ?? "one of \(RuleScope.allCases.map(\.rawValue).joined(separator: ", "))"
            throw reader.fail(scopeNode, "unknown scope '\(scopeText)'", hint: hint)
        }

        var tags: [String] = []
        if let tagsNode = map["tags"] {
            for tag in try reader.sequence(tagsNode, what: "tags") { tags.append(try reader.string(tag, what: "tag")) }
        }
        let refsNode = try reader.required(map, "refs", in: "rule", at: root)
        var refs: [LegalReference] = []
        for refNode in try reader.sequence(refsNode, what: "refs") { refs.append(try reference(refNode, reader: reader)) }
        guard !refs.isEmpty else { throw reader.fail(refsNode, "rule \(id) cites no legal reference", hint: "every rule cites its article") }

        var params: [String: PlainValue] = [:]
        if let paramsNode = map["params"] {
            guard case .mapping(let mapping) = paramsNode else { throw reader.fail(paramsNode, "params must be a mapping") }
            var budget = 10_000
            for (key, value) in mapping {
                guard let name = key.string else { throw reader.fail(key, "a param name must be text") }
                params[name] = try reader.plain(value, budget: &budget)
            }
        }

        let messageNode = try reader.required(map, "message", in: "rule", at: root)
        let message = try reader.localized(messageNode, what: "message")
        var messagePositions: [Language: SourcePosition] = [:]
        if case .mapping(let mapping) = messageNode {
            for lang in Language.allCases {
                if let node = mapping[lang.rawValue], let position = reader.position(node) { messagePositions[lang] = position }
            }
        }

        let appliesFrom = try day(map["applies_from"], what: "applies_from", reader: reader)
        let appliesUntil = try day(map["applies_until"], what: "applies_until", reader: reader)
        if let from = appliesFrom, let until = appliesUntil, from > until, let node = map["applies_until"] {
            throw reader.fail(node, "rule \(id) applies until \(until), before it applies from \(from)",
                              hint: "applies_until is the last day the obligation is in force")
        }
        let datesUncertain = try map["dates_uncertain"].map { n throws(RuleError) in try reader.localized(n, what: "dates_uncertain") }
        if datesUncertain != nil, appliesFrom == nil, appliesUntil == nil, let node = map["dates_uncertain"] {
            throw reader.fail(node, "rule \(id) has dates_uncertain but no applies_from or applies_until",
                              hint: "dates_uncertain says why a date of applies_from/applies_until is not settled")
        }
        var kind: RuleKind?
        if let kindNode = map["kind"] {
            let text = try reader.string(kindNode, what: "kind")
            guard let value = RuleKind(rawValue: text) else {
                throw reader.fail(kindNode, "unknown kind '\(text)'", hint: "law or charter (the default is the pack's pack.yaml)")
            }
            kind = value
        }

        return RuleDefinition(
            id: id, pack: pack, kind: kind,
            title: try reader.localized(try reader.required(map, "title", in: "rule", at: root), what: "title"),
            severity: severity, tags: tags, refs: refs, scope: scope,
            when: try map["when"].map { node throws(RuleError) in try expression(node, what: "when", reader: reader, lines: lines) },
            assert: try expression(try reader.required(map, "assert", in: "rule", at: root), what: "assert", reader: reader, lines: lines),
            params: params, message: message, messagePositions: messagePositions,
            remediation: try reader.localized(try reader.required(map, "remediation", in: "rule", at: root), what: "remediation"),
            examples: try examples(try reader.required(map, "examples", in: "rule", at: root), reader: reader),
            appliesFrom: appliesFrom, appliesUntil: appliesUntil, datesUncertain: datesUncertain,
            file: file, position: reader.position(idNode))
    }

    /// An optional `YYYY-MM-DD` day (YAML may read an unquoted date as a timestamp: the text
    /// is checked as written).
    private static func day(_ node: Node?, what: String, reader: YAMLReader) throws(RuleError) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, DateText.parse(scalar.string) != nil else {
            throw reader.fail(node, "\(what) must be a day written YYYY-MM-DD", hint: "e.g. \(what): \"2026-08-02\"")
        }
        return scalar.string
    }

    private static func reference(_ node: Node, reader: YAMLReader) throws(RuleError) -> LegalReference {
        let map = try reader.mapping(node, what: "reference", allowed: refKeys)
        let law = try reader.string(try reader.required(map, "law", in: "reference", at: node), what: "law")
        let article = try reader.string(try reader.required(map, "article", in: "reference", at: node), what: "article")
        let title = try map["title"].map { n throws(RuleError) in try textOrLocalized(n, what: "reference title", reader: reader) }
        let note = try map["note"].map { n throws(RuleError) in try textOrLocalized(n, what: "reference note", reader: reader) }
        return LegalReference(
            law: law, article: article,
            title: title?.en,
            url: try map["url"].map { n throws(RuleError) in try reader.string(n, what: "url") },
            uncertain: try map["uncertain"].map { n throws(RuleError) in try reader.bool(n, what: "uncertain") } ?? false,
            note: note?.en, frenchTitle: title?.fr, frenchNote: note?.fr)
    }

    /// A reference's title or note: one text (`en` set, `fr` nil) or `{en: …, fr: …}`.
    private static func textOrLocalized(_ node: Node, what: String,
                                        reader: YAMLReader) throws(RuleError) -> (en: String, fr: String?) {
        if case .mapping = node {
            let text = try reader.localized(node, what: what)
            return (text.en, text.fr)
        }
        return (try reader.string(node, what: what), nil)
    }

    private static func expression(_ node: Node, what: String, reader: YAMLReader,
                                   lines: [Substring]) throws(RuleError) -> RuleExpression {
        guard case .scalar(let scalar) = node else { throw reader.fail(node, "\(what) must be a CEL expression (text)") }
        let text = scalar.string
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            let tag = node.tag.description
            if tag.hasPrefix("!") {
                throw reader.fail(node, "\(what) is empty: YAML read '\(tag)' as a tag",
                                  hint: "quote an expression that starts with '!': \(what): '\(tag) …'")
            }
            throw reader.fail(node, "\(what) is empty", hint: "write a CEL expression that is true when compliant")
        }
        var position = reader.position(node)
        let block = scalar.style == .literal || scalar.style == .folded
        if scalar.style == .singleQuoted || scalar.style == .doubleQuoted, let p = position {
            position = SourcePosition(file: p.file, line: p.line, column: p.column + 1)
        }
        var indent = 0
        if block, let line = position?.line, line < lines.count {
            indent = lines[line].prefix { $0 == " " }.count
        }
        return RuleExpression(source: text, position: position, block: block, blockIndent: indent)
    }

    private static func examples(_ node: Node, reader: YAMLReader) throws(RuleError) -> [RuleExample] {
        let map = try reader.mapping(node, what: "examples", allowed: ["pass", "fail"])
        var result: [RuleExample] = []
        for label in [RuleExample.Label.pass, .fail] {
            guard let listNode = map[label.rawValue] else {
                throw reader.fail(node, "examples has no '\(label.rawValue)' list", hint: "give at least one passing and one failing example")
            }
            let items = try reader.sequence(listNode, what: "examples.\(label.rawValue)")
            guard !items.isEmpty else { throw reader.fail(listNode, "examples.\(label.rawValue) is empty", hint: "give at least one") }
            for (index, item) in items.enumerated() {
                guard case .mapping(let mapping) = item else {
                    throw reader.fail(item, "an example is a mapping of variable → value", hint: "e.g. `{item: {data: raw-video}}`")
                }
                var values: [String: PlainValue] = [:]
                var budget = 100_000
                for (key, value) in mapping {
                    guard let name = key.string, RuleVariables.names.contains(name) else {
                        let name = key.string ?? "?"
                        let hint = closestMatch(to: name, in: RuleVariables.names).map { "did you mean '\($0)'?" }
                            ?? "variables: \(RuleVariables.names.joined(separator: ", "))"
                        throw reader.fail(key, "unknown variable '\(name)' in example", hint: hint)
                    }
                    values[name] = try reader.plain(value, budget: &budget)
                }
                result.append(RuleExample(label: label, index: index, values: values, position: reader.position(item)))
            }
        }
        return result
    }
}

/// The variables visible to `when`, `assert` and message placeholders (CONTRACTS §3).
public enum RuleVariables {
    public static let names = ["item", "deployment", "params", "now", "derived", "ethics", "verification"]
}
