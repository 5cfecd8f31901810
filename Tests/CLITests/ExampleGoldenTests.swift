import XCTest
import Foundation

/// Golden tests: `silhouette assess` on every example under examples/ with the built-in rule
/// packs raises exactly these rules. When a rule pack changes on purpose, update the lists.
final class ExampleGoldenTests: XCTestCase {
    struct Assessed {
        let status: Int32
        let json: [String: Any]
        var findings: [[String: Any]] { json["findings"] as? [[String: Any]] ?? [] }
        var ruleIds: Set<String> { Set(findings.compactMap { $0["rule_id"] as? String }) }
        var threshold: [String: Any] { json["threshold"] as? [String: Any] ?? [:] }
    }

    override func setUpWithError() throws {
        try SilhouetteBinary.requireBuilt()
    }

    func assess(_ example: String) throws -> Assessed {
        let result = try AssessRunner.run(["assess", "examples/\(example)/deployment.yaml", "--format", "json", "--date", "2026-11-23"])
        XCTAssertEqual(result.stderr, "")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
        return Assessed(status: result.status, json: json)
    }

    func testEveryExampleIsCovered() throws {
        let examples = try FileManager.default.contentsOfDirectory(atPath: AssessRunner.root.appendingPathComponent("examples").path)
        XCTAssertEqual(Set(examples.filter { !$0.hasPrefix(".") && $0 != "README.md" }),
                       ["construction-timelapse", "mall-visitor-analytics", "massy-city", "noncompliant-store", "ontario-bookshop", "vtest-plaza"])
    }

    func testNoncompliantStoreRaisesEveryProblemCriticalBiometricFirst() throws {
        let assessed = try assess("noncompliant-store")
        XCTAssertEqual(assessed.status, 1)
        XCTAssertEqual(assessed.ruleIds.sorted(), [
            "AI-HUMAN-001", "AI-PROHIBITED-003", "AI-PROHIBITED-004", "AI-TRANSP-001", "BIO-001", "BIO-003", "BIO-004", "BIO-005",
            "BIO-007", "BIO-008", "DPIA-007", "DPIA-008", "ETH-HUMAN-001", "ETH-REVIEW-001", "ETH-STORE-001", "FR-CNIL-001",
            "FR-CNIL-003", "FR-CSI-001", "FR-CSI-002", "FR-CSI-003", "GDPR-AUTO-001", "GDPR-DESIGN-001", "GDPR-MIN-001",
            "GDPR-MIN-002", "GDPR-MIN-003", "GDPR-NECESSITY-001", "GDPR-PROC-001", "GDPR-RIGHTS-001", "GDPR-RIGHTS-002",
            "GDPR-SEC-001", "GDPR-SEC-002", "GDPR-STORAGE-001", "GDPR-STORAGE-002", "GDPR-TRANSFER-001", "GDPR-TRANSP-001",
            "GDPR-TRANSP-002",
        ])
        let first = try XCTUnwrap(assessed.findings.first)
        XCTAssertEqual(first["rule_id"] as? String, "BIO-001")
        XCTAssertEqual(first["severity"] as? String, "critical")
        XCTAssertEqual(first["subject"] as? String, "features[0]")
        let location = try XCTUnwrap(first["location"] as? [String: Any])
        XCTAssertEqual(location["line"] as? Int, 53)   // `- {id: face-watchlist, kind: face-recognition, …}`
        let articles = (first["refs"] as? [[String: Any]] ?? []).map { "\($0["law"]!) \($0["article"]!)" }
        XCTAssertTrue(articles.contains("GDPR Art. 9(1)"), "\(articles)")
        XCTAssertEqual(assessed.json["verdict"] as? String, "non-compliant")
        XCTAssertEqual(assessed.json["legal_verdict"] as? String, "non-compliant")

        // The text report says the same, first.
        let text = try AssessRunner.run(["assess", "examples/noncompliant-store/deployment.yaml"])
        XCTAssertEqual(text.status, 1)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        let critical = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("CRITICAL (") })
        XCTAssertEqual(lines[critical + 1], "  BIO-001 features[0] examples/noncompliant-store/deployment.yaml:53:5")
        XCTAssertTrue(lines[critical + 3].contains("GDPR Art. 9(1)"), lines[critical + 3])
    }

    func testNoncompliantStoreCoversFaceRecognitionRetentionAudioAndSignage() throws {
        let ids = try assess("noncompliant-store").ruleIds
        for required in ["BIO-001", "GDPR-STORAGE-001", "FR-CSI-002", "GDPR-MIN-001", "GDPR-TRANSP-001"] {
            XCTAssertTrue(ids.contains(required), required)
        }
    }

    func testMassyCitySaysADPIAIsRequiredAndWhy() throws {
        let assessed = try assess("massy-city")
        XCTAssertEqual(assessed.ruleIds, ["BIO-007"])   // no verification attestation recorded yet
        XCTAssertEqual(assessed.threshold["dpia_required"] as? Bool, true)
        let reason = try XCTUnwrap(assessed.threshold["reason"] as? String)
        XCTAssertTrue(reason.hasPrefix("DPIA required: Art. 35(3)(c): systematic monitoring of a publicly accessible area on a large scale (200 cameras"), reason)
        let text = try AssessRunner.run(["assess", "examples/massy-city/deployment.yaml", "--lang", "fr"])
        XCTAssertTrue(text.stdout.contains("AIPD obligatoire : Art. 35(3)(c)"), text.stdout)
    }

    func testMallAndConstructionSite() throws {
        let mall = try assess("mall-visitor-analytics")
        XCTAssertEqual(mall.json["packs"] as? [String], ["bio", "qc", "ethics"], "a Québec private-sector controller")
        XCTAssertEqual(mall.ruleIds, ["BIO-007", "ETH-REVIEW-001"])
        XCTAssertEqual(mall.threshold["dpia_required"] as? Bool, true, "an EFVP is always required (P-39.1 s. 3.3)")
        XCTAssertEqual(mall.json["legal_verdict"] as? String, "compliant")

        let bookshop = try assess("ontario-bookshop")
        XCTAssertEqual(bookshop.json["packs"] as? [String], ["bio", "pipeda", "ethics"])
        XCTAssertEqual(bookshop.threshold["dpia_required"] as? Bool, false, "PIPEDA has no statutory PIA")
        XCTAssertTrue((bookshop.threshold["reason"] as? String ?? "").contains("not a legal duty"), "\(bookshop.threshold)")

        let site = try assess("construction-timelapse")
        XCTAssertEqual(site.ruleIds, ["BIO-007"])
        XCTAssertEqual(site.threshold["dpia_required"] as? Bool, false)
    }

    func testVtestPlaza() throws {
        let plaza = try assess("vtest-plaza")
        XCTAssertEqual(plaza.status, 1)
        XCTAssertEqual(plaza.ruleIds.sorted(), [
            "BIO-007", "DPIA-002", "ETH-HUMAN-001", "FR-CNIL-001", "FR-CSI-001", "FR-CSI-003", "GDPR-DESIGN-001", "GDPR-DPO-001",
            "GDPR-NECESSITY-001", "GDPR-RECORD-001", "GDPR-RIGHTS-001", "GDPR-RIGHTS-002", "GDPR-TRANSP-001", "GDPR-TRANSP-002",
        ])
        XCTAssertEqual(plaza.threshold["dpia_required"] as? Bool, true)
    }

    func testEveryBuiltInRuleExampleBehavesAsLabelled() throws {
        let result = try AssessRunner.run(["rules", "test"])
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix(" 0 not as labelled\n"), result.stdout)
    }
}
