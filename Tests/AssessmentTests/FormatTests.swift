import XCTest
import Foundation
import ProcessTestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Assessment

final class FormatTests: XCTestCase {
    func render(_ format: AssessmentFormat, lang: Language = .en, colour: Bool = false) throws -> String {
        let result = try Fixtures.assess(Fixtures.badShop)
        return AssessmentRenderer(language: lang, colour: colour, rules: try Fixtures.ruleSet().rules).render(result, as: format)
    }

    func testTextGroupsBySeverityAndEndsWithTheSummary() throws {
        let text = try render(.text)
        let lines = text.split(separator: "\n").map(String.init)
        let critical = try XCTUnwrap(lines.firstIndex(of: "CRITICAL (1)"))
        XCTAssertEqual(lines[critical + 1], "  FIX-BIO-001 features[1] \(Fixtures.badShop):27:5")
        XCTAssertEqual(lines[critical + 2], "    Feature face-match (face-recognition) processes biometric data")
        XCTAssertEqual(lines[critical + 3], "    GDPR Art. 9(1); GDPR Art. 4(14)")
        // Law first, then the charter (the fixture's bio pack is `kind: charter`).
        let law = try XCTUnwrap(lines.firstIndex(of: "Findings under the law"))
        let charter = try XCTUnwrap(lines.firstIndex(of: "Findings under the vendor's charter (not law)"))
        XCTAssertLessThan(law, try XCTUnwrap(lines.firstIndex(of: "HIGH (1)")))
        XCTAssertLessThan(charter, critical)
        XCTAssertEqual(lines[lines.count - 2], "legal verdict: non-compliant: 0 critical, 1 high, 1 medium, 0 low, 0 info open; 1 waived; DPIA required")
        XCTAssertEqual(lines.last, "charter verdict: non-compliant: 1 critical, 0 high, 0 medium, 0 low, 0 info open; 0 waived")
        XCTAssertFalse(text.contains("\u{1B}["))
        XCTAssertTrue(try render(.text, colour: true).contains("\u{1B}[1;35mCRITICAL (1)\u{1B}[0m"))
    }

    func testTextInFrench() throws {
        let text = try render(.text, lang: .fr)
        XCTAssertTrue(text.contains("CRITIQUE (1)"))
        XCTAssertTrue(text.contains("La fonction face-match (face-recognition) traite des données biométriques"))
        XCTAssertTrue(text.hasSuffix("verdict juridique : non conforme: 0 critique, 1 élevée, 1 moyenne, 0 faible, 0 info ouverts ; 1 avec dérogation ; AIPD requise\n"
                                     + "verdict de la charte : non conforme: 1 critique, 0 élevée, 0 moyenne, 0 faible, 0 info ouverts ; 0 avec dérogation\n"), text)
    }

    func testJSONIsStableAndDocumented() throws {
        let json = try render(.json)
        XCTAssertEqual(json, try render(.json), "same input, same bytes")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object.keys.sorted(), ["action_plan", "applicable_law", "assessed_at", "charter_verdict", "deployment", "findings",
                                              "language", "legal_verdict", "packs", "risks", "rules_version", "schema", "summary",
                                              "threshold", "verdict"])
        XCTAssertEqual(object["schema"] as? String, "silhouette/assessment/v2")
        XCTAssertEqual(object["verdict"] as? String, "non-compliant")
        XCTAssertEqual(object["legal_verdict"] as? String, "non-compliant")
        XCTAssertEqual(object["charter_verdict"] as? String, "non-compliant")
        XCTAssertEqual(object["assessed_at"] as? String, "2026-11-23T12:00:00Z")
        let summary = try XCTUnwrap(object["summary"] as? [String: Any])
        XCTAssertEqual(summary["critical"] as? Int, 1)
        XCTAssertEqual(summary["waived"] as? Int, 1)
        let findings = try XCTUnwrap(object["findings"] as? [[String: Any]])
        XCTAssertEqual(findings[0]["rule_id"] as? String, "FIX-BIO-001")
        XCTAssertEqual(findings[0]["kind"] as? String, "charter")
        XCTAssertEqual(findings[0]["subject"] as? String, "features[1]")
        XCTAssertEqual((findings[0]["location"] as? [String: Any])?["line"] as? Int, 27)
        XCTAssertEqual((findings[2]["waiver"] as? [String: Any])?["state"] as? String, "waived")
        XCTAssertEqual((findings[3]["waiver"] as? [String: Any])?["state"] as? String, "expired")
        let criteria = try XCTUnwrap((object["threshold"] as? [String: Any])?["criteria"] as? [[String: Any]])
        XCTAssertEqual(criteria.count, 9)
    }

    func testSARIFValidatesAgainstTheOASISSchema() throws {
        let sarif = try render(.sarif)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try XCTUnwrap((object["runs"] as? [[String: Any]])?.first)
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.map { $0["ruleId"] as? String }, ["FIX-BIO-001", "FIX-STORAGE-001", "FIX-PURPOSE-002", "FIX-PURPOSE-002"])
        XCTAssertEqual(results.map { $0["level"] as? String }, ["error", "error", "warning", "warning"])
        let region = ((results[0]["locations"] as? [[String: Any]])?[0]["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        XCTAssertEqual(region?["startLine"] as? Int, 27)
        XCTAssertEqual(region?["startColumn"] as? Int, 5)
        XCTAssertNotNil(results[2]["suppressions"])
        let rules = try XCTUnwrap(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.count, 4)
        XCTAssertNotNil(rules.first?["help"])

        let validator = Fixtures.shared + "/schemas/validate_sarif.py"
        guard FileManager.default.fileExists(atPath: validator) else {
            throw XCTSkip("\(validator) is absent: SARIF not validated against the schema")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("assess-\(UUID().uuidString).sarif")
        try sarif.write(to: file, atomically: true, encoding: .utf8)
        let validation = try ProcessRunner.run(tool: "python3", [validator, file.path])
        let output = validation.stdout + validation.stderr
        if validation.status == 2 { throw XCTSkip("SARIF validator cannot run (jsonschema missing?): \(output)") }
        XCTAssertEqual(validation.status, 0, output)
        XCTAssertTrue(output.contains("valid SARIF 2.1.0"), output)
    }

    func testJUnitIsWellFormedWithOneFailurePerRule() throws {
        let xml = try render(.junit)
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [String: Int] = [:]
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) { elements[name, default: 0] += 1 }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = Collector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        XCTAssertEqual(collector.elements["testcase"], 3)
        XCTAssertEqual(collector.elements["failure"], 3)   // FIX-PURPOSE-002 still has an expired waiver
        XCTAssertTrue(xml.contains("<testsuite name=\"bio\" tests=\"1\" failures=\"1\""))
    }

    func testCSVActionPlanQuotesAndNeutralisesFormulas() throws {
        let csv = try render(.csv)
        let rows = csv.components(separatedBy: "\r\n")
        XCTAssertEqual(rows[0], "rule_id,severity,action,owner,due,status")
        XCTAssertEqual(rows[1], "FIX-BIO-001,critical,face-match (features[1]): Disable the feature,Jeanne DPO,2026-11-30,open")
        XCTAssertEqual(rows.last, "")
        XCTAssertEqual(CSVFormatter.field("a, \"b\""), "\"a, \"\"b\"\"\"")
        XCTAssertEqual(CSVFormatter.field("=HYPERLINK(1)"), "'=HYPERLINK(1)")
    }
}
