import Foundation
import DeploymentModel
@testable import Assessment

/// Paths and helpers shared by the assessment tests.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rules = packageRoot.appendingPathComponent("Tests/Fixtures/rules").path
    static let badShop = packageRoot.appendingPathComponent("Tests/Fixtures/deployments/bad-shop.yaml").path
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared").path

    static func example(_ name: String) -> String {
        packageRoot.appendingPathComponent("examples/\(name)/deployment.yaml").path
    }

    static func day(_ text: String) -> Date { DateText.parse(text)!.addingTimeInterval(12 * 3600) }

    /// Assesses `path` with the fixture rules (or `packs` of them) as of `date`.
    static func assess(_ path: String, packs: [String]? = nil, date: String = "2026-11-23",
                       committee: [CommitteeOpinion] = []) throws -> AssessmentResult {
        let loaded = try DeploymentLoader.load(path: path)
        let rules = try RuleSet.load(packs: packs, extraDirectories: [], jurisdictions: loaded.document.deployment.jurisdictions,
                                     builtinDirectory: Self.rules)
        return Assessor.assess(loaded, rules: rules, context: AssessmentContext(now: day(date), committee: committee))
    }

    static func ruleSet() throws -> RuleSet { try RuleSet.loadAll(extraDirectories: [], builtinDirectory: rules) }
}
