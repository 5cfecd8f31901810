import ArgumentParser
import Foundation
import Rules

/// The options every command that assesses shares (`assess`, `report pia`): which rule packs
/// run, extra organisation packs, and the day the assessment is judged on.
struct RuleSelectionOptions: ParsableArguments {
    @Option(help: "Comma-separated rule packs to run instead of those chosen from the jurisdictions (e.g. gdpr,bio).")
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

    /// The rules for a deployment in `jurisdictions`: `--packs` if given, else the packs its
    /// jurisdictions select, plus every `--rules-dir`.
    /// `loadRules` as a Sendable function (the portfolio loads rules from several threads).
    func ruleLoader() throws -> @Sendable ([String]) throws -> RuleSet {
        if let packs, packs.split(separator: ",").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw AssessCommandError.emptyPacks
        }
        let (packs, rulesDirs) = (self.packs, self.rulesDirs)
        return { jurisdictions in
            let packList = packs.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            return try RuleSet.load(packs: packList, extraDirectories: rulesDirs, jurisdictions: jurisdictions)
        }
    }

    func loadRules(jurisdictions: [String]) throws -> RuleSet {
        let packList = try packs.map { text throws in
            let list = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !list.isEmpty else { throw AssessCommandError.emptyPacks }
            return list
        }
        return try RuleSet.load(packs: packList, extraDirectories: rulesDirs, jurisdictions: jurisdictions)
    }
}
