import ArgumentParser
import Assessment

/// `silhouette rules test`: runs every labelled example of every rule.
struct RulesTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every example of every rule; exit 1 if one does not behave as labelled.",
        discussion: """
        A `pass` example must not fail (its `when` is false or its `assert` true); a `fail` \
        example must fail. Example values are read like a real model: absent lists are [], \
        absent flags false, durations parsed. The examples of the regime routing table \
        (rules/regimes.yaml) are run too. Also run by `make test`.

        Examples:
          silhouette rules test
          silhouette rules test --rules-dir org-rules/
        """)

    @OptionGroup var directories: RulesDirectoryOptions

    func run() async throws {
        let set = try RuleSet.loadAll(extraDirectories: directories.rulesDirs)
        let results = set.runExamples()
        let failures = results.filter { !$0.ok }
        for failure in failures {
            let at = failure.position.map { "\($0): " } ?? ""
            print("\(at)\(failure.ruleId) example \(failure.label.rawValue)[\(failure.index)]: \(failure.problem!)")
        }
        print("rules test: \(set.rules.count) rules, \(results.count) examples, \(failures.count) not as labelled")
        // The regime routing table beside the packs has its own examples.
        let table = try RuleSet.regimeTable()
        let routingFailures = table.runExamples()
        for failure in routingFailures { print("\(RegimeTable.fileName): \(failure)") }
        print("routing table: \(table.examples.count) examples, \(routingFailures.count) not as labelled")
        if !failures.isEmpty || !routingFailures.isEmpty { throw ExitCode(1) }
    }
}
