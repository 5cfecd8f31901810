import ArgumentParser

/// `silhouette rules`: inspect and self-test the rule packs.
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, show and self-test the rules.",
        discussion: """
        A rule is one YAML file, rules/<pack>/<RULE-ID>.yaml: a CEL `assert` that is true when \
        compliant, an optional `when`, a `scope` (deployment, camera, purpose, feature, flow, \
        retention, processor, system, recipient), bilingual title/message/remediation, legal \
        references and labelled examples. Loading type-checks every expression against the \
        deployment model, so a rule naming an unknown field fails with its file:line:col.

        Examples:
          silhouette rules list
          silhouette rules show GDPR-STORAGE-001 --lang fr
          silhouette rules test --rules-dir org-rules/
        """,
        subcommands: [RulesListCommand.self, RulesShowCommand.self, RulesTestCommand.self])
}

/// Options shared by the `rules` subcommands.
struct RulesDirectoryOptions: ParsableArguments {
    @Option(name: .customLong("rules-dir"), help: "A directory of extra rule packs (<pack>/<RULE-ID>.yaml); repeatable.")
    var rulesDirs: [String] = []
}
