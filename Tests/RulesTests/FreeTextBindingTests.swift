import DeploymentModel
import Foundation
@testable import Rules
import XCTest

/// Rules keep working on free text given per language: the CEL binding gives them a string,
/// the text in the model's text language (`deployment.language` when the map has it, else
/// English, else the first language given), so `size(item.description)` still measures text.
final class FreeTextBindingTests: XCTestCase {
    static let model = """
    apiVersion: silhouette/v2
    deployment:
      id: demo
      name: Demo
      sector: retail
      controller: {name: Shop SA, country: FR, contact: dpo@shop.example}
    purposes:
      - id: counting
        description:
          en: security
          fr: Compter les visiteurs par heure à l'entrée pour adapter l'accueil
        legal_basis: legitimate-interests
        necessity: Staffing the entrance needs hourly counts.
        features: [people-count]
    features:
      - {id: people-count, kind: counting, subjects: [person], outputs: [count]}
    cameras:
      - {id: cam-1, site: shop, zone: entrance, purposes: [counting]}
    """

    func purposeFindings(_ yaml: String) throws -> [String] {
        let loaded = try DeploymentLoader.load(yaml: yaml, file: "m.yaml", baseDirectory: ".")
        let set = try RuleSet.load(packs: ["gdpr"], extraDirectories: [], jurisdictions: [], builtinDirectory: Fixtures.builtinRules)
        return set.evaluate(document: loaded.document, facts: RuleFacts(now: DateText.parse("2026-12-01")!, derived: DerivedFacts()))
            .filter { $0.rule.id == "GDPR-PURPOSE-001" }.map(\.message.en)
    }

    /// GDPR-PURPOSE-001 (`size(item.description) >= 20 && !matches(generic)`) on a localised
    /// description: it reads English by default, French when the model declares French.
    func testGDPRPurposeRuleReadsTheTextLanguage() throws {
        XCTAssertEqual(try purposeFindings(Self.model),
                       ["Purpose 'counting' is described as \"security\", which is too generic to be a specified, explicit purpose."])
        let french = Self.model.replacingOccurrences(of: "  name: Demo\n", with: "  name: Demo\n  language: fr\n")
        XCTAssertEqual(try purposeFindings(french), [])
    }

    /// A rule's own examples may give text per language; the language codes are checked.
    func testRuleExamplesMayGiveTextPerLanguage() throws {
        let files = ["test/TEST-TEXT-001.yaml": Fixtures.rule(
            id: "TEST-TEXT-001", scope: "purpose", assert: "'size(item.description) >= 20'",
            pass: "{item: {description: {en: Count visitors at the entrance every hour, fr: Compter}}}",
            fail: "{item: {description: {fr: Compter les visiteurs à l'entrée, en: Count}}}")]
        let set = try RuleSet.load(packs: ["test"], extraDirectories: [], jurisdictions: [], builtinDirectory: try Fixtures.directory(files))
        XCTAssertEqual(set.runExamples().map(\.outcome), [.pass, .fail])
        XCTAssertEqual(set.runExamples().compactMap(\.problem), [])

        let bad = ["test/TEST-TEXT-002.yaml": Fixtures.rule(
            id: "TEST-TEXT-002", scope: "purpose", assert: "'size(item.description) >= 20'",
            pass: "{item: {description: {de: Besucher zählen am Eingang}}}", fail: "{item: {description: x}}")]
        let badSet = try RuleSet.load(packs: ["test"], extraDirectories: [], jurisdictions: [], builtinDirectory: try Fixtures.directory(bad))
        XCTAssertEqual(badSet.runExamples().compactMap(\.problem).first,
                       "item.description.de: unknown language 'de' (hint: text per language uses the codes en, fr)")
    }
}
