import ArgumentParser
import Foundation
import DeploymentModel
import Rules

/// The options every command that assesses shares (`assess`, `report pia`): which rule packs
/// run, extra organisation packs, and the day the assessment is judged on.
struct RuleSelectionOptions: ParsableArguments {
    @Option(help: "Comma-separated rule packs to run instead of those the routing table (rules/regimes.yaml) chooses for each purpose, e.g. gdpr,bio; a pack that does not apply is warned about.")
    var packs: String?

    @Option(name: .customLong("rules-dir"), help: "A directory of extra rule packs (<pack>/<RULE-ID>.yaml); repeatable.")
    var rulesDirs: [String] = []

    @Option(help: "Judge as of this date (YYYY-MM-DD, UTC) instead of today: waivers, dates and the report's date.")
    var date: String?

    /// Noon UTC of `--date` (so no time zone moves it to another day), or now.
    func now() throws -> Date {
        guard let date else { return Date() }
        guard let parsed = DateText.parse(date) else { throw AssessCommandError.badDate(date) }
        return parsed.addingTimeInterval(12 * 3600)
    }

    /// `loadRules(for:)` as a Sendable function (the portfolio loads rules from several
    /// threads, once per routing): the same packs, routing and warnings as for one site.
    func ruleLoader() throws -> @Sendable (DeploymentDocument) throws -> RuleSet {
        if let packs, packs.split(separator: ",").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw AssessCommandError.emptyPacks
        }
        let (packs, rulesDirs) = (self.packs, self.rulesDirs)
        return { document in
            let packList = packs.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            let set = try RuleSet.load(for: document, packs: packList, extraDirectories: rulesDirs)
            for warning in set.warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
            return set
        }
    }

    /// The rules for a deployment: `--packs` if given (with a warning on stderr for a forced
    /// pack the routing table does not apply), else the packs its purposes are routed to
    /// (`rules/regimes.yaml`) and the charter packs, plus every `--rules-dir`. A purpose whose
    /// law no pack covers stops here with one line (exit 2).
    func loadRules(for document: DeploymentDocument) throws -> RuleSet {
        let packList = try packs.map { text throws in
            let list = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !list.isEmpty else { throw AssessCommandError.emptyPacks }
            return list
        }
        let set = try RuleSet.load(for: document, packs: packList, extraDirectories: rulesDirs)
        for warning in set.warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        return set
    }
}
