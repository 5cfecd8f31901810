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
