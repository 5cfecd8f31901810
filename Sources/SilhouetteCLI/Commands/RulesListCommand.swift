import ArgumentParser
import Assessment

/// `silhouette rules list`: one line per rule.
struct RulesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every rule: id, pack, severity, scope and title.",
        discussion: """
        Examples:
          silhouette rules list
          silhouette rules list --pack bio --lang fr
        """)

    @OptionGroup var directories: RulesDirectoryOptions

    @Option(help: "Only the rules of this pack.")
    var pack: String?

    @Option(help: "Language of the titles: en or fr.")
    var lang: Language = .en

    func run() async throws {
        let set = try RuleSet.loadAll(extraDirectories: directories.rulesDirs)
        if let pack, !set.packs.contains(pack) { throw RuleError.unknownPack(pack, available: set.packs) }
        let rules = set.rules.filter { pack == nil || $0.pack == pack }
        let width = rules.map(\.id.count).max() ?? 0
        for rule in rules {
            let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let pack = rule.pack.padding(toLength: 7, withPad: " ", startingAt: 0)
            let severity = rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            let scope = rule.scope.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            print("\(id)  \(pack) \(severity) \(scope) \(rule.title.text(lang))")
        }
        print("\(rules.count) rules in \(Set(rules.map(\.pack)).count) packs (rules \(set.version))")
    }
}
