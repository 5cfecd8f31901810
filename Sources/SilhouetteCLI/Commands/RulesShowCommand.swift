import ArgumentParser
import Assessment

/// `silhouette rules show ID`: everything about one rule.
struct RulesShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one rule: references, expressions, texts and examples.",
        discussion: """
        Examples:
          silhouette rules show BIO-001
          silhouette rules show GDPR-STORAGE-001 --lang fr
        """)

    @Argument(help: "The rule id, e.g. GDPR-STORAGE-001.")
    var id: String

    @OptionGroup var directories: RulesDirectoryOptions

    @Option(help: "Language of the texts: en or fr.")
    var lang: Language = .en

    func run() async throws {
        let set = try RuleSet.loadAll(extraDirectories: directories.rulesDirs)
        guard let rule = set.rule(id: id) ?? set.rule(id: id.uppercased()) else {
            throw RuleError.unknownRule(id, suggestion: set.rules.map(\.id).min { a, b in
                a.commonPrefix(with: id.uppercased()).count > b.commonPrefix(with: id.uppercased()).count
            })
        }
        let d = rule.definition
        var lines = ["\(rule.id) — \(rule.title.text(lang))",
                     "pack: \(rule.pack)   severity: \(rule.severity.rawValue)   scope: \(rule.scope.rawValue)",
                     "file: \(rule.position.map(\.description) ?? rule.file)"]
        if !rule.tags.isEmpty { lines.append("tags: \(rule.tags.joined(separator: ", "))") }
        lines.append("references:")
        for ref in rule.refs {
            lines.append("  - \(ref.citation)" + (ref.title.map { " — \($0)" } ?? "") + (ref.url.map { " <\($0)>" } ?? "")
                         + (ref.note.map { " (\($0))" } ?? ""))
        }
        if let when = d.when { lines.append("when:   \(when.source.trimmingCharacters(in: .whitespacesAndNewlines))") }
        lines.append("assert: \(d.assert.source.trimmingCharacters(in: .whitespacesAndNewlines))")
        if !d.params.isEmpty {
            lines.append("params: " + d.params.keys.sorted().map { "\($0)=\(d.params[$0]!.text)" }.joined(separator: ", "))
        }
        lines.append("message: \(rule.message.text(lang))")
        lines.append("remediation: \(rule.remediation.text(lang))")
        lines.append("examples:")
        for example in rule.examples {
            let values = example.values.keys.sorted().map { "\($0): \(example.values[$0]!.text)" }.joined(separator: "; ")
            lines.append("  \(example.label.rawValue): \(values)")
        }
        print(lines.joined(separator: "\n"))
    }
}
