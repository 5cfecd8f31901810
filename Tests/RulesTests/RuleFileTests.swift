import XCTest
@testable import Rules
import DeploymentModel

final class RuleFileTests: XCTestCase {
    static let valid = """
    id: TEST-STORAGE-001
    pack: test
    title: {en: Raw video kept at most 72 h, fr: Vidéo brute conservée 72 h au plus}
    severity: high
    refs: [{law: GDPR, article: "Art. 5(1)(e)"}]
    scope: retention
    when: item.data == "raw-video"
    assert: has(item.duration) && item.duration <= duration(params.max)
    params: {max: 72h}
    message: {en: "Raw video kept {{ item.duration }}", fr: "Vidéo brute conservée {{ item.duration }}"}
    remediation: {en: Shorten it, fr: La raccourcir}
    examples:
      pass: [{item: {data: raw-video, duration: 24h}}, {item: {data: events, duration: 1y}}]
      fail: [{item: {data: raw-video, duration: 30d}}, {item: {data: raw-video, duration: indefinite}}]
    """

    func parse(_ text: String, pack: String? = "test") throws(RuleError) -> RuleDefinition {
        try RuleFileParser.parse(text: text, file: "rules/test/R.yaml", defaultPack: pack)
    }

    func testParsesEveryKey() throws {
        let rule = try parse(Self.valid)
        XCTAssertEqual(rule.id, "TEST-STORAGE-001")
        XCTAssertEqual(rule.severity, .high)
        XCTAssertEqual(rule.scope, .retention)
        XCTAssertEqual(rule.refs, [LegalReference(law: "GDPR", article: "Art. 5(1)(e)")])
        XCTAssertEqual(rule.params["max"], .string("72h"))
        XCTAssertEqual(rule.examples.map(\.label), [.pass, .pass, .fail, .fail])
        XCTAssertEqual(rule.position, SourcePosition(file: "rules/test/R.yaml", line: 1, column: 5))
    }

    func testUnknownKeyIsRejectedWithItsPositionAndASuggestion() {
        let text = Self.valid.replacingOccurrences(of: "severity: high", with: "severty: high")
        XCTAssertThrowsError(try parse(text)) { error in
            XCTAssertEqual("\(error)", "rules/test/R.yaml:4:1: unknown key 'severty' in rule (hint: did you mean 'severity'?)")
        }
    }

    func testUnknownSeverityAndScope() {
        XCTAssertThrowsError(try parse(Self.valid.replacingOccurrences(of: "severity: high", with: "severity: severe"))) { error in
            XCTAssertEqual("\(error)", "rules/test/R.yaml:4:11: unknown severity 'severe' (hint: one of info, low, medium, high, critical)")
        }
        XCTAssertThrowsError(try parse(Self.valid.replacingOccurrences(of: "scope: retention", with: "scope: retentions"))) { error in
            XCTAssertEqual("\(error)", "rules/test/R.yaml:6:8: unknown scope 'retentions' (hint: did you mean 'retention'?)")
        }
    }

    func testMissingFrenchTextAndExamples() {
        XCTAssertThrowsError(try parse(Self.valid.replacingOccurrences(of: ", fr: La raccourcir", with: ""))) { error in
            XCTAssertEqual("\(error)", "rules/test/R.yaml:11:14: remediation has no 'fr' (hint: add `fr:`)")
        }
        let noFail = Self.valid.components(separatedBy: "\n").filter { !$0.contains("fail: [") }.joined(separator: "\n")
        XCTAssertThrowsError(try parse(noFail)) { error in
            XCTAssertEqual("\(error)", "rules/test/R.yaml:13:3: examples has no 'fail' list (hint: give at least one passing and one failing example)")
        }
    }

    /// A reference's title and note are one text or `{en:, fr:}`; JSON and SARIF keep the English.
    func testReferenceTitleAndNoteInOneOrTwoLanguages() throws {
        let plain = Self.valid.replacingOccurrences(of: #"article: "Art. 5(1)(e)"}"#,
                                                    with: #"article: "Art. 5(1)(e)", title: Storage limitation, note: "Checked."}"#)
        let one = try parse(plain).refs[0]
        XCTAssertEqual([one.title(.en), one.title(.fr), one.note(.en), one.note(.fr)], ["Storage limitation", "Storage limitation", "Checked.", "Checked."])
        let both = Self.valid.replacingOccurrences(
            of: #"article: "Art. 5(1)(e)"}"#,
            with: #"article: "Art. 5(1)(e)", title: {en: Storage limitation, fr: Limitation de la conservation}, note: {en: "Checked.", fr: "Vérifié."}}"#)
        let two = try parse(both).refs[0]
        XCTAssertEqual([two.title, two.note], ["Storage limitation", "Checked."])
        XCTAssertEqual([two.title(.fr), two.note(.fr), two.note(.en)], ["Limitation de la conservation", "Vérifié.", "Checked."])
        let noFrench = Self.valid.replacingOccurrences(of: #"article: "Art. 5(1)(e)"}"#,
                                                       with: #"article: "Art. 5(1)(e)", note: {en: "Checked."}}"#)
        XCTAssertThrowsError(try parse(noFrench)) { error in
            XCTAssertEqual("\(error)", "rules/test/R.yaml:5:51: reference note has no 'fr' (hint: add `fr:`)")
        }
        let notText = Self.valid.replacingOccurrences(of: #"article: "Art. 5(1)(e)"}"#,
                                                      with: #"article: "Art. 5(1)(e)", note: [a, b]}"#)
        XCTAssertThrowsError(try parse(notText))
    }

    func testPackMustMatchItsDirectory() {
        XCTAssertThrowsError(try parse(Self.valid, pack: "gdpr")) { error in
            XCTAssertEqual("\(error)", "rules/test/R.yaml:2:7: rule TEST-STORAGE-001 says pack 'test' but sits in directory 'gdpr' (hint: move the file to rules/test/ or fix `pack:`)")
        }
    }

    func testYAMLSyntaxErrorHasAPosition() {
        XCTAssertThrowsError(try parse("id: X-1\ntitle: {en: a\n")) { error in
            XCTAssertTrue("\(error)".hasPrefix("rules/test/R.yaml:3:1: YAML syntax error"), "\(error)")
        }
    }

    func testUnknownExampleVariable() {
        let text = Self.valid.replacingOccurrences(of: "pass: [{item:", with: "pass: [{itme:")
        XCTAssertThrowsError(try parse(text)) { error in
            XCTAssertEqual("\(error)", "rules/test/R.yaml:13:11: unknown variable 'itme' in example (hint: did you mean 'item'?)")
        }
    }
}

/// `applies_from` / `applies_until` / `dates_uncertain` on a rule (an obligation's dates).
final class RuleDatesTests: XCTestCase {
    func rule(_ extra: String, examples: String = "pass: [{item: {audio: false}}]\n  fail: [{item: {audio: true}}]") -> String {
        """
        id: TEST-CAM-001
        pack: test
        title: {en: Audio is off, fr: Le son est coupé}
        severity: medium
        refs: [{law: GDPR, article: "Art. 5(1)(c)"}]
        \(extra)
        scope: camera
        assert: "!item.audio"
        message: {en: "Camera {{ item.id }} records audio", fr: "La caméra {{ item.id }} enregistre le son"}
        remediation: {en: Turn audio off, fr: Couper le son}
        examples:
          \(examples)
        """
    }

    func load(_ text: String) throws -> RuleSet {
        try RuleSet.load(packs: ["test"], extraDirectories: [], jurisdictions: [],
                         builtinDirectory: try Fixtures.directory(["test/TEST-CAM-001.yaml": text]))
    }

    func testInForceBetweenBothDaysIncluded() throws {
        let set = try load(rule("applies_from: \"2026-08-02\"\napplies_until: \"2027-12-01\""))
        let rule = try XCTUnwrap(set.rule(id: "TEST-CAM-001"))
        XCTAssertEqual(rule.inForce(on: DateText.parse("2026-08-01")!), .notYet(from: "2026-08-02"))
        XCTAssertEqual(rule.inForce(on: DateText.parse("2026-08-02")!.addingTimeInterval(43_200)), .inForce)
        XCTAssertEqual(rule.inForce(on: DateText.parse("2027-12-01")!.addingTimeInterval(86_000)), .inForce)
        XCTAssertEqual(rule.inForce(on: DateText.parse("2027-12-02")!), .noLonger(until: "2027-12-01"))
        XCTAssertEqual(set.notInForce(on: DateText.parse("2026-01-01")!).map(\.ruleId), ["TEST-CAM-001"])
        XCTAssertEqual(set.notInForce(on: DateText.parse("2026-09-01")!).map(\.ruleId), [])
    }

    func testARuleNotInForceIsNotEvaluated() throws {
        let set = try load(rule("applies_from: \"2026-08-02\""))
        var document = try DeploymentLoader.load(path: Fixtures.badShop).document
        document.cameras = document.cameras.map { var c = $0; c.audio = true; return c }
        let before = set.evaluate(document: document, facts: RuleFacts(now: DateText.parse("2026-08-01")!, derived: DerivedFacts()))
        XCTAssertEqual(before.count, 0)
        let after = set.evaluate(document: document, facts: RuleFacts(now: DateText.parse("2026-08-02")!, derived: DerivedFacts()))
        XCTAssertEqual(after.count, document.cameras.count)
    }

    func testAFailExampleDatedBeforeTheRuleAppliesIsReported() throws {
        let set = try load(rule("applies_from: \"2026-08-02\"",
                                examples: "pass: [{now: \"2026-01-01\", item: {audio: true}}]\n  fail: [{now: \"2026-01-01\", item: {audio: true}}]"))
        XCTAssertEqual(set.runExamples().compactMap(\.problem),
                       ["labelled fail but the rule is not in force on 2026-01-01 (notYet(from: \"2026-08-02\"))"])
    }

    func testBadDatesAreRejectedWithTheirPosition() throws {
        XCTAssertThrowsError(try load(rule("applies_from: 2026-13-01"))) { error in
            XCTAssertTrue("\(error)".contains("TEST-CAM-001.yaml:6:15: applies_from must be a day written YYYY-MM-DD"), "\(error)")
        }
        XCTAssertThrowsError(try load(rule("applies_from: \"2027-01-01\"\napplies_until: \"2026-01-01\""))) { error in
            XCTAssertTrue("\(error)".contains("applies until 2026-01-01, before it applies from 2027-01-01"), "\(error)")
        }
        XCTAssertThrowsError(try load(rule("dates_uncertain: {en: omnibus, fr: omnibus}"))) { error in
            XCTAssertTrue("\(error)".contains("has dates_uncertain but no applies_from or applies_until"), "\(error)")
        }
    }

    func testFrenchAndEnglishDates() {
        XCTAssertEqual(DateText.french("2027-12-02"), "2\u{00A0}décembre 2027")
        XCTAssertEqual(DateText.french("2025-03-01"), "1er\u{00A0}mars 2025")
        XCTAssertEqual(DateText.english("2027-12-02"), "2 December 2027")
        XCTAssertEqual(DateText.french("not a date"), "not a date")
        let note = RuleNotInForce(ruleId: "X", pack: "p", title: LocalizedText(en: "t", fr: "t"), appliesFrom: "2027-12-02",
                                  appliesUntil: nil, datesUncertain: LocalizedText(en: "omnibus", fr: "omnibus"))
        XCTAssertEqual(note.reason(.fr), "applicable à compter du 2\u{00A0}décembre 2027 (date incertaine : omnibus)")
    }
}
