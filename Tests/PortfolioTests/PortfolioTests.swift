import Foundation
import ProcessTestSupport
import XCTest

/// `assess DIR --portfolio` end to end, on a small fleet made by scripts/generate-fleet
/// (10 sites × 4 cameras from one base: every 5th site weakens door-03's signage).
final class PortfolioTests: XCTestCase {
    static let binary = ProcessRunner.silhouette

    var fleet: URL!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else { throw XCTSkip("silhouette is not built") }
        fleet = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-\(UUID().uuidString)")
        let generate = try ProcessRunner.run(ProcessRunner.packageRoot.appendingPathComponent("scripts/generate-fleet"),
                                             [Self.binary.path, fleet.path, "10", "4"])
        XCTAssertEqual(generate.status, 0, generate.stderr)
    }

    override func tearDownWithError() throws { if let fleet { try? FileManager.default.removeItem(at: fleet) } }

    func run(_ arguments: [String]) throws -> ProcessRunner.Run { try ProcessRunner.run(Self.binary, arguments) }

    func testOneLinePerSiteAndFindingsCommonToTheBaseApartFromOverrides() throws {
        let json = try run(["assess", fleet.path, "--portfolio", "--format", "json", "--no-record"])
        XCTAssertLessThanOrEqual(json.status, 1, json.stderr)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(root["schema"] as? String, "silhouette/portfolio/v1")
        let sites = try XCTUnwrap(root["sites"] as? [[String: Any]])
        XCTAssertEqual(sites.count, 10, "the base is not a site")
        XCTAssertEqual(Set(sites.compactMap { $0["deployment_id"] as? String }).count, 10)
        XCTAssertTrue(sites.allSatisfy { ($0["base"] as? String)?.hasSuffix("brand/base.yaml") == true })
        let summary = try XCTUnwrap(root["summary"] as? [String: Any])
        let bases = try XCTUnwrap(summary["bases"] as? [[String: Any]])
        XCTAssertEqual(bases.count, 1)
        let partial = try XCTUnwrap(bases[0]["partial"] as? [[String: Any]])
        // door-03's weakened signage: sites 5 and 10 only.
        let signage = partial.filter { (($0["finding"] as? [String: Any])?["subject"] as? String) == "cameras[door-03]" }
        XCTAssertFalse(signage.isEmpty, "no finding specific to the overriding sites: \(partial)")
        for entry in signage { XCTAssertEqual(entry["sites"] as? [String], ["store-0005", "store-0010"]) }
        let common = try XCTUnwrap(bases[0]["common"] as? [[String: Any]])
        let partialRules = Set(signage.compactMap { ($0["finding"] as? [String: Any])?["rule_id"] as? String })
        XCTAssertFalse(common.contains { c in (c["subject"] as? String) == "cameras[door-03]" && partialRules.contains(c["rule_id"] as? String ?? "") },
                       "a finding of some sites is not common to all")

        let text = try run(["assess", fleet.path, "--portfolio", "--no-record"])
        let lines = text.stdout.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.contains("/sites/site-") }.count, 10)
        XCTAssertTrue(text.stdout.contains("10 sites — legal verdicts: "), text.stdout)
        XCTAssertTrue(text.stdout.contains("; charter verdicts: "), text.stdout)
        XCTAssertTrue(text.stdout.contains("in every site (fix once, in the base)"), text.stdout)
    }

    func testSARIFCSVReportAndRecording() throws {
        let out = fleet.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let sarif = try run(["assess", fleet.path, "--portfolio", "--format", "sarif", "-o", out.appendingPathComponent("p.sarif").path,
                             "--report", out.appendingPathComponent("p.html").path, "--no-record"])
        XCTAssertLessThanOrEqual(sarif.status, 1, sarif.stderr)
        let log = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("p.sarif"))) as? [String: Any])
        let runs = try XCTUnwrap(log["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 1)
        let results = try XCTUnwrap(runs[0]["results"] as? [[String: Any]])
        XCTAssertEqual(Set(results.compactMap { ($0["properties"] as? [String: Any])?["deployment_id"] as? String }).count, 10)
        let rules = try XCTUnwrap((runs[0]["tool"] as? [String: Any]).flatMap { $0["driver"] as? [String: Any] }?["rules"] as? [[String: Any]])
        for result in results {
            let index = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(rules[index]["id"] as? String, result["ruleId"] as? String)
        }
        let html = try String(contentsOf: out.appendingPathComponent("p.html"), encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("default-src 'none'"))
        XCTAssertTrue(html.contains("store-0007"))
        XCTAssertFalse(html.contains("<script"))

        let csv = try run(["assess", fleet.path, "--portfolio", "--format", "csv", "--no-record"])
        XCTAssertTrue(csv.stdout.hasPrefix("file,deployment_id,rule_id,"), csv.stdout)

        // Recorded: one assessment per site, in the store beside the folder, one chain.
        let recorded = try run(["assess", fleet.path, "--portfolio", "--format", "json", "-o", out.appendingPathComponent("p.json").path])
        XCTAssertLessThanOrEqual(recorded.status, 1, recorded.stderr)
        let history = try run(["history", "--format", "json", "--store", fleet.appendingPathComponent(".silhouette/store.sqlite").path])
        let list = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(list.count, 10, history.stderr)
    }

    func testAnInvalidSiteIsListedAndExitsTwo() throws {
        try "extends: ../brand/missing.yaml\ndeployment: {id: broken, name: Broken}\n"
            .write(to: fleet.appendingPathComponent("sites/site-broken.yaml"), atomically: true, encoding: .utf8)
        let out = try run(["assess", fleet.path, "--portfolio", "--no-record"])
        XCTAssertEqual(out.status, 2)
        XCTAssertTrue(out.stdout.contains("site-broken.yaml: invalid — "), out.stdout)
        XCTAssertTrue(out.stdout.contains("cannot read base model"), out.stdout)
        XCTAssertTrue(out.stderr.contains("1 deployment of the portfolio could not be assessed"), out.stderr)
        let notDir = try run(["assess", fleet.appendingPathComponent("brand/base.yaml").path, "--portfolio"])
        XCTAssertEqual(notDir.status, 2)
        XCTAssertTrue(notDir.stderr.contains("not a directory"), notDir.stderr)
    }

    /// Two verdicts per site, legal first and the charter's apart, each equal to what a single
    /// `assess` of the site says (same per-purpose routing, same packs); `--fail-on` per kind.
    func testTwoVerdictsAsForOneSiteAndFailThresholdPerKind() throws {
        let json = try run(["assess", fleet.path, "--portfolio", "--format", "json", "--no-record"])
        XCTAssertLessThanOrEqual(json.status, 1, json.stderr)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let sites = try XCTUnwrap(root["sites"] as? [[String: Any]])
        let verdicts = try XCTUnwrap((root["summary"] as? [String: Any])?["verdicts"] as? [String: [String: Int]])
        XCTAssertEqual(verdicts["legal"]?.values.reduce(0, +), 10)
        XCTAssertEqual(verdicts["charter"]?.values.reduce(0, +), 10)
        XCTAssertNil(verdicts["legal"]?["vetoed"], "vetoed is a charter verdict, never a legal one")
        for name in ["site-0001.yaml", "site-0005.yaml"] {
            let file = fleet.appendingPathComponent("sites/\(name)").path
            let site = try XCTUnwrap(sites.first { ($0["file"] as? String)?.hasSuffix(name) == true })
            let one = try run(["assess", file, "--format", "json", "--no-record"])
            let single = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any], one.stderr)
            XCTAssertEqual(site["legal_verdict"] as? String, single["legal_verdict"] as? String, name)
            XCTAssertEqual(site["charter_verdict"] as? String, single["charter_verdict"] as? String, name)
            let open = try XCTUnwrap((single["summary"] as? [String: Any])?["open"] as? Int)
            XCTAssertEqual((site["findings"] as? [[String: Any]])?.count, open, name)
        }
        let never = try run(["assess", fleet.path, "--portfolio", "--no-record", "--fail-on", "legal:none,charter:none"])
        XCTAssertEqual(never.status, 0, never.stderr)
        let any = try run(["assess", fleet.path, "--portfolio", "--no-record", "--fail-on", "legal:info"])
        XCTAssertEqual(any.status, 1, "a site has an open law finding: \(any.stdout)")
        let bad = try run(["assess", fleet.path, "--portfolio", "--no-record", "--fail-on", "legal:loud"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("unknown severity 'loud'"), bad.stderr)
    }

    /// The law is routed per site: a site whose jurisdiction no pack covers is invalid with the
    /// routing's own line, the others are still assessed.
    func testASiteWhoseLawNoPackCoversIsInvalid() throws {
        try "extends: ../brand/base.yaml\ndeployment: {id: store-ab, name: Calgary, jurisdictions: [CA-AB]}\n"
            .write(to: fleet.appendingPathComponent("sites/site-ab.yaml"), atomically: true, encoding: .utf8)
        let out = try run(["assess", fleet.path, "--portfolio", "--no-record"])
        XCTAssertEqual(out.status, 2, out.stderr)
        XCTAssertTrue(out.stdout.contains("site-ab.yaml: invalid — "), out.stdout)
        XCTAssertTrue(out.stdout.contains("applicable law not covered"), out.stdout)
        XCTAssertTrue(out.stdout.contains("11 sites — legal verdicts: "), out.stdout)
    }
}
