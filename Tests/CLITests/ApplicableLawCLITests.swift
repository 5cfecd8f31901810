import Foundation
import XCTest

/// Issue 16 acceptance, through the real binary: the law of each purpose with its reason
/// line, "not covered" as one line and exit 2, two verdicts, `--fail-on` per kind.
final class ApplicableLawCLITests: XCTestCase {
    override func setUpWithError() throws {
        try SilhouetteBinary.requireBuilt()
    }

    private func write(_ yaml: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("law-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// A one-camera model; `purposes` are `(id, extra keys)`.
    private func model(_ jurisdictions: String, sector: String, controller: String = "",
                       purposes: [(String, String)] = [("counting", "")]) throws -> String {
        let purposeLines = purposes.map { id, extra in
            "  - {id: \(id), description: \(id) on the cameras, legal_basis: public-task, necessity: needed for \(id)\(extra)}"
        }.joined(separator: "\n")
        return try write("""
        apiVersion: silhouette/v2
        deployment:
          id: law-test
          name: Law test
          jurisdictions: \(jurisdictions)
          sector: \(sector)
          controller: {name: Test, country: XX, contact: privacy@example.org\(controller)}
        purposes:
        \(purposeLines)
        cameras:
          - {id: cam-1, site: s, zone: public-road, purposes: [\(purposes.map(\.0).joined(separator: ", "))]}
        """)
    }

    private func assess(_ path: String, _ extra: [String] = []) throws -> AssessRunner.Output {
        try AssessRunner.run(["assess", path, "--date", "2026-12-07"] + extra)
    }

    func testACommuneSplitsOffenceAndTrafficPurposes() throws {
        let path = try model("[EU, FR]", sector: "public-authority",
                             purposes: [("offences", ", law_enforcement: true"), ("traffic-counting", "")])
        let result = try assess(path)
        XCTAssertNotEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stdout.contains("""
        Applicable law, per purpose
          offences: police directive (Directive (EU) 2016/680); in France, loi n° 78-17 Title III
            public authority, offence prevention or detection (offences) → Directive (EU) 2016/680 (Art. 1(1), 3(7))
          traffic-counting: GDPR (Regulation (EU) 2016/679)
            public authority in the EEA, traffic-counting → GDPR (Art. 2, 3)
        """), result.stdout)
        XCTAssertTrue(result.stdout.contains("packs: dpia, gdpr, led, bio, fr, fr-video, ai-act, ethics\n"), result.stdout)
        let fr = try assess(path, ["--lang", "fr"])
        XCTAssertTrue(fr.stdout.contains("autorité publique, prévention ou détection d'infractions (offences) → directive (UE) 2016/680 (art. 1.1 et 3.7)"), fr.stdout)
        // JSON and SARIF carry the same reason per purpose.
        let json = try JSONSerialization.jsonObject(with: Data(try assess(path, ["--format", "json"]).stdout.utf8)) as? [String: Any]
        let law = json?["applicable_law"] as? [[String: Any]]
        XCTAssertEqual(law?.map { $0["regime"] as? String }, ["led", "gdpr"])
        XCTAssertEqual(law?.first?["packs"] as? [String], ["led", "fr-video", "ai-act"], "French video-protection law binds both regimes")
        let sarif = try assess(path, ["--format", "sarif"]).stdout
        XCTAssertTrue(sarif.contains("\"reason\" : \"public authority in the EEA, traffic-counting → GDPR (Art. 2, 3)\""), sarif)
    }

    func testShopsAndGermanyAreUnderTheGDPR() throws {
        var result = try assess(try model("[EU, FR]", sector: "retail", purposes: [("theft", ", law_enforcement: true")]))
        XCTAssertTrue(result.stdout.contains("private controller, offence prevention (theft): not a competent authority (Directive 2016/680 Art. 3(7)) → GDPR, offence data under Art. 10"), result.stdout)
        XCTAssertTrue(result.stdout.contains("packs: dpia, gdpr, bio, fr, fr-video, ai-act, ethics\n"), result.stdout)
        result = try assess(try model("[DE]", sector: "retail"))
        XCTAssertTrue(result.stdout.contains("private controller in the EEA, counting → GDPR (Art. 2, 3)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("packs: dpia, gdpr, bio, ai-act, ethics\n"), result.stdout)
    }

    func testCanadianMallsFollowTheirProvince() throws {
        var result = try assess(try model("[CA, CA-QC]", sector: "retail"))
        XCTAssertTrue(result.stdout.contains("private controller in Québec, counting → CQLR c P-39.1 (private sector, employees included) and LCCJTI for biometrics"), result.stdout)
        XCTAssertTrue(result.stdout.contains("packs: bio, qc, ethics\n"), result.stdout)
        result = try assess(try model("[CA]", sector: "retail", controller: ", province: ON"))
        XCTAssertTrue(result.stdout.contains("private controller, commercial activity in ON, counting → PIPEDA (s. 4(1)(a))"), result.stdout)
        XCTAssertTrue(result.stdout.contains("packs: bio, pipeda, ethics\n"), result.stdout)
    }

    func testUncoveredLawExitsTwoWithOneLine() throws {
        let cases: [(String, String, String)] = [
            ("[CA, CA-AB]", "retail", "error: applicable law not covered for purpose 'counting': Alberta private sector: the Personal Information Protection Act (SA 2003, c P-6.5) applies instead of PIPEDA; no rule pack covers it (supported: CA, "),
            ("[CA, CA-QC]", "public-authority", "error: applicable law not covered for purpose 'counting': Québec public body or municipality: the Act respecting access to documents held by public bodies (CQLR c A-2.1) applies"),
            ("[UK]", "retail", "error: applicable law not covered for purpose 'counting': United Kingdom: the UK GDPR and the Data Protection Act 2018 apply (ICO); no rule pack covers them (supported: CA,"),
            ("[XX]", "retail", "error: jurisdiction 'XX' is not supported (hint: supported: CA, CA-AB,"),
        ]
        for (jurisdictions, sector, prefix) in cases {
            let result = try assess(try model(jurisdictions, sector: sector))
            XCTAssertEqual(result.status, 2, jurisdictions)
            XCTAssertEqual(result.stdout, "", jurisdictions)
            XCTAssertTrue(result.stderr.hasPrefix(prefix), result.stderr)
            XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "one line: \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("EU, EEA, AT"), result.stderr)
        }
    }

    func testForcedPacksRunWithAWarning() throws {
        let result = try assess(try model("[UK]", sector: "retail"), ["--packs", "gdpr,bio"])
        XCTAssertNotEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("warning: applicable law not covered for purpose 'counting': United Kingdom"), result.stderr)
        XCTAssertTrue(result.stderr.contains("warning: pack 'gdpr' does not apply to this deployment under the routing table"), result.stderr)
        XCTAssertTrue(result.stdout.contains("packs: gdpr, bio\n"), result.stdout)
    }

    func testFailOnPerKind() throws {
        // No recent verification: BIO-007 (charter, high) is open; the law findings decide apart.
        let path = "examples/mall-visitor-analytics/deployment.yaml"
        let json = try JSONSerialization.jsonObject(with: Data(try assess(path, ["--format", "json"]).stdout.utf8)) as? [String: Any]
        let findings = json?["findings"] as? [[String: Any]] ?? []
        XCTAssertTrue(findings.contains { $0["rule_id"] as? String == "BIO-007" && $0["kind"] as? String == "charter" })
        let lawHigh = findings.contains { $0["kind"] as? String == "law" && ["high", "critical"].contains($0["severity"] as? String) }
        XCTAssertEqual(try assess(path, ["--fail-on", "legal:high"]).status, lawHigh ? 1 : 0)
        XCTAssertEqual(try assess(path, ["--fail-on", "legal:critical,charter:critical"]).status, 0)
        XCTAssertEqual(try assess(path, ["--fail-on", "charter:high"]).status, 1)
        XCTAssertEqual(try assess(path).status, 1, "the default counts charter findings too, as before")
        let bad = try assess(path, ["--fail-on", "legal:hihg"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.hasPrefix("error: --fail-on 'legal:hihg': unknown severity 'hihg' (hint:"), bad.stderr)
    }

    func testLegalVerdictDoesNotDependOnTheCharter() throws {
        for example in ["construction-timelapse", "mall-visitor-analytics", "massy-city"] {
            let output = try assess("examples/\(example)/deployment.yaml", ["--format", "json"])
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], output.stderr)
            let findings = json["findings"] as? [[String: Any]] ?? []
            let bio7 = findings.first { $0["rule_id"] as? String == "BIO-007" }
            XCTAssertEqual(bio7?["kind"] as? String, "charter", example)
            XCTAssertEqual(json["charter_verdict"] as? String, "non-compliant", "\(example): BIO-007 is reported under the charter")
            let openLawHigh = findings.contains {
                $0["kind"] as? String == "law" && ["high", "critical"].contains($0["severity"] as? String)
                    && ($0["waiver"] as? [String: Any])?["state"] as? String != "waived"
            }
            XCTAssertEqual(json["legal_verdict"] as? String == "non-compliant", openLawHigh, example)
            let text = try assess("examples/\(example)/deployment.yaml").stdout
            XCTAssertTrue(text.contains("\nlegal verdict: "), text)
            XCTAssertTrue(text.contains("\ncharter verdict: non-compliant: "), text)
            XCTAssertLessThan(text.range(of: "legal verdict")!.lowerBound, text.range(of: "charter verdict")!.lowerBound)
        }
    }

    func testTheQuebecMallCitesNoGDPR() throws {
        for lang in ["en", "fr"] {
            let text = try assess("examples/mall-visitor-analytics/deployment.yaml", ["--lang", lang]).stdout
            for word in ["GDPR", "RGPD", "Art. 35", "WP248", "EEA", "EEE"] {
                XCTAssertFalse(text.contains(word), "\(lang): \(word) in\n\(text)")
            }
            XCTAssertTrue(text.contains(lang == "fr" ? "EFVP" : "EFVP, CQLR c P-39.1 s. 3.3"), text)
        }
        for format in ["json", "sarif", "csv", "junit"] {
            let output = try assess("examples/mall-visitor-analytics/deployment.yaml", ["--format", format]).stdout
            XCTAssertFalse(output.isEmpty, format)
            for word in ["GDPR", "Art. 35", "WP248", "EEA", "AI Act"] {
                XCTAssertFalse(output.contains(word), "\(format): \(word)")
            }
        }
    }
}

/// Each purpose is judged under its own law: a GDPR rule never judges a police-directive
/// purpose (nor the cameras that serve only it), and the reverse.
final class PerPurposeJudgementCLITests: XCTestCase {
    override func setUpWithError() throws {
        try SilhouetteBinary.requireBuilt()
    }

    func testLawPacksJudgeOnlyThePurposesRoutedToThem() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("per-purpose-\(UUID().uuidString).yaml")
        try """
        apiVersion: silhouette/v2
        deployment:
          id: commune
          name: Commune
          jurisdictions: [EU, FR]
          sector: public-authority
          controller: {name: Commune, country: FR, contact: dpo@commune.example}
        purposes:
          - {id: dumping, description: Detect illegal dumping for the municipal police, legal_basis: none, necessity: needed, law_enforcement: true}
          - {id: traffic, description: Count vehicles on the ring road per hour, legal_basis: none, necessity: needed}
        cameras:
          - {id: cam-led, site: a, zone: public-road, purposes: [dumping]}
          - {id: cam-gdpr, site: b, zone: public-road, purposes: [traffic]}
        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try AssessRunner.run(["assess", file.path, "--format", "json", "--date", "2026-12-07"])
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stderr)
        let raw = json["findings"] as? [[String: Any]] ?? []
        let findings = raw.map { "\($0["rule_id"]!) \($0["subject_id"] ?? $0["subject"]!)" }
        XCTAssertTrue(findings.contains("GDPR-LAWFUL-001 traffic"), "\(findings)")
        XCTAssertFalse(findings.contains("GDPR-LAWFUL-001 dumping"), "\(findings)")
        XCTAssertTrue(findings.contains("LED-LAWFUL-001 dumping"), "\(findings)")
        XCTAssertFalse(findings.contains("LED-LAWFUL-001 traffic"), "\(findings)")
        // Packs of the GDPR regime (dpia, gdpr, fr) never judge the camera that serves only the
        // police-directive purpose; packs routed to both regimes (fr-video, ai-act) may.
        let onLEDCamera = raw.filter { $0["subject_id"] as? String == "cam-led" }.compactMap { $0["pack"] as? String }
        XCTAssertTrue(Set(onLEDCamera).isDisjoint(with: ["dpia", "gdpr", "fr"]), "\(onLEDCamera)")
        // Forced packs run on every subject, as the user asked.
        let forced = try AssessRunner.run(["assess", file.path, "--format", "json", "--packs", "gdpr"])
        XCTAssertTrue(forced.stdout.contains("\"subject_id\" : \"dumping\""), forced.stdout)
    }
}

/// The PIA states the law of each purpose with its reason line, and the legal conclusion
/// before the charter's.
final class ReportApplicableLawCLITests: XCTestCase {
    override func setUpWithError() throws {
        try SilhouetteBinary.requireBuilt()
    }

    func testThePIAStatesTheLawOfEachPurpose() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("law-report-\(UUID().uuidString)")
        let out = dir.appendingPathComponent("out").path
        let store = ["--store", dir.appendingPathComponent("store.sqlite").path]
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        _ = try AssessRunner.run(["assess", "examples/massy-city/deployment.yaml"] + store)
        let report = try AssessRunner.run(["report", "pia", "examples/massy-city/deployment.yaml", "--lang", "fr", "--format", "md",
                                           "-o", out, "--date", "2026-12-07"] + store)
        XCTAssertEqual(report.status, 0, report.stderr)
        let pia = try String(contentsOfFile: out + "/pia.md", encoding: .utf8)
        // French typography: no-break space before ":", narrow no-break space before ";" and inside « ».
        // Each purpose is named in words (its description), never by its id, and its law follows.
        XCTAssertTrue(pia.contains("\u{00A0}: directive «\u{202F}police-justice\u{202F}» (directive (UE) 2016/680)\u{202F}; en France, titre III de la loi n° 78-17 "
                                   + "(autorité publique, prévention ou détection d’infractions → directive (UE) 2016/680 (art. 1.1 et 3.7))"), pia)
        XCTAssertTrue(pia.contains("\u{00A0}: RGPD (règlement (UE) 2016/679) (autorité publique dans l’EEE → RGPD (art. 2 et 3))"), pia)
        XCTAssertFalse(pia.contains("- illegal-dumping"), pia)
        XCTAssertFalse(pia.contains("- cycle-path-counting"), pia)
        // Two verdicts, apart: the law's and the vendor charter's.
        XCTAssertTrue(pia.contains("| Conformité juridique | **"), pia)
        XCTAssertTrue(pia.contains("| Charte éthique du fournisseur | **Engagements de la charte non respectés** |"), pia)
    }
}
