import XCTest
import Foundation

/// Runs the real `silhouette` binary for the assess and rules commands.
enum AssessRunner {
    static let root = SilhouetteBinary.root

    typealias Output = SilhouetteBinary.Run

    /// `assess` runs are isolated from any store (`--no-record` and an empty scratch store)
    /// unless the test passes `--store` itself.
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> Output {
        var arguments = arguments
        if arguments.first == "assess", !arguments.contains("--store") {
            arguments += ["--no-record", "--store", FileManager.default.temporaryDirectory.appendingPathComponent("none-\(UUID().uuidString).sqlite").path]
        }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "SILHOUETTE_RULES_DIR")
        for (key, value) in environment { env[key] = value }
        return try SilhouetteBinary.run(arguments, stdin: stdin.map { Data($0.utf8) }, environment: env)
    }

    static let fixtureRules = ["SILHOUETTE_RULES_DIR": root.appendingPathComponent("Tests/Fixtures/rules").path]
    static let badShop = "Tests/Fixtures/deployments/bad-shop.yaml"
}

final class AssessCLITests: XCTestCase {
    override func setUpWithError() throws {
        try SilhouetteBinary.requireBuilt()
    }

    func testFindingsAtOrAboveFailOnExitOne() throws {
        let result = try AssessRunner.run(["assess", AssessRunner.badShop, "--date", "2026-11-23"], environment: AssessRunner.fixtureRules)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stdout.contains("CRITICAL (1)\n  FIX-BIO-001 features[1] \(AssessRunner.badShop):27:5\n"), result.stdout)
        XCTAssertEqual(result.stderr, "")
        // Only gdpr: one high and medium findings; failing on critical only → exit 0.
        let lenient = try AssessRunner.run(["assess", AssessRunner.badShop, "--packs", "gdpr", "--fail-on", "critical"],
                                           environment: AssessRunner.fixtureRules)
        XCTAssertEqual(lenient.status, 0, lenient.stderr)
        XCTAssertTrue(lenient.stdout.hasSuffix("legal verdict: non-compliant: 0 critical, 1 high, 1 medium, 0 low, 0 info open; 1 waived; "
                                               + "data protection impact assessment (GDPR) required\n"
                                               + "charter verdict: compliant: 0 critical, 0 high, 0 medium, 0 low, 0 info open; 0 waived\n"), lenient.stdout)
    }

    func testReadsStdinAndWritesTheOutputFileAtomically() throws {
        let yaml = try String(contentsOfFile: AssessRunner.root.appendingPathComponent(AssessRunner.badShop).path, encoding: .utf8)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("out.sarif").path
        let result = try AssessRunner.run(["assess", "-", "--format", "sarif", "-o", file], environment: AssessRunner.fixtureRules, stdin: yaml)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stdout, "")
        let sarif = try String(contentsOfFile: file, encoding: .utf8)
        XCTAssertTrue(sarif.contains("\"uri\" : \"%3Cstdin%3E\""), sarif)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["out.sarif"])
    }

    func testBadInputsExitTwoWithOneLine() throws {
        let missing = try AssessRunner.run(["assess", "no/such/deployment.yaml"], environment: AssessRunner.fixtureRules)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.hasPrefix("error: "), missing.stderr)
        XCTAssertEqual(missing.stdout, "")

        let badDate = try AssessRunner.run(["assess", AssessRunner.badShop, "--date", "23/11/2026"], environment: AssessRunner.fixtureRules)
        XCTAssertEqual(badDate.status, 2)
        XCTAssertEqual(badDate.stderr, "error: --date '23/11/2026' is not a date (hint: write YYYY-MM-DD)\n")

        let noSuchDay = try AssessRunner.run(["assess", AssessRunner.badShop, "--date", "2026-02-30"], environment: AssessRunner.fixtureRules)
        XCTAssertEqual(noSuchDay.status, 2)
        XCTAssertEqual(noSuchDay.stderr, "error: --date '2026-02-30' is not a date (hint: write YYYY-MM-DD)\n")

        let emptyPacks = try AssessRunner.run(["report", "pia", AssessRunner.badShop, "--packs", ",", "-o", NSTemporaryDirectory()],
                                              environment: AssessRunner.fixtureRules)
        XCTAssertEqual(emptyPacks.status, 2)
        XCTAssertEqual(emptyPacks.stderr, "error: --packs is empty (hint: name packs separated by commas, e.g. gdpr,bio)\n")

        let badPack = try AssessRunner.run(["assess", AssessRunner.badShop, "--packs", "gdpr,biometrics"], environment: AssessRunner.fixtureRules)
        XCTAssertEqual(badPack.status, 2)
        XCTAssertEqual(badPack.stderr, "error: unknown rule pack 'biometrics' (hint: available packs: bio, ethics, gdpr)\n")

        let badFormat = try AssessRunner.run(["assess", AssessRunner.badShop, "--format", "xml"], environment: AssessRunner.fixtureRules)
        XCTAssertEqual(badFormat.status, 2)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assess-\(UUID().uuidString)").path
        let unwritable = try AssessRunner.run(["assess", AssessRunner.badShop, "-o", dir + "/missing/out.json"], environment: AssessRunner.fixtureRules)
        XCTAssertEqual(unwritable.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir))
    }

    func testABrokenRuleStopsTheAssessmentWithItsPosition() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)/org")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let rule = try String(contentsOfFile: AssessRunner.root.appendingPathComponent("Tests/Fixtures/rules/gdpr/FIX-PURPOSE-002.yaml").path, encoding: .utf8)
            .replacingOccurrences(of: "pack: gdpr", with: "pack: org").replacingOccurrences(of: "FIX-PURPOSE-002", with: "ORG-CAM-001")
            .replacingOccurrences(of: "size(purposes_of(item)) > 0", with: "item.fov > 0")
        try rule.write(to: dir.appendingPathComponent("ORG-CAM-001.yaml"), atomically: true, encoding: .utf8)
        let result = try AssessRunner.run(["assess", AssessRunner.badShop, "--rules-dir", dir.deletingLastPathComponent().path],
                                          environment: AssessRunner.fixtureRules)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasPrefix("error: \(dir.path)/ORG-CAM-001.yaml:8:13: ORG-CAM-001 assert: undeclared field 'fov' on Camera"), result.stderr)
    }

    func testRulesTestFailsOnAMislabelledExample() throws {
        let ok = try AssessRunner.run(["rules", "test"], environment: AssessRunner.fixtureRules)
        XCTAssertEqual(ok.status, 0, ok.stdout + ok.stderr)
        XCTAssertEqual(ok.stdout, "rules test: 4 rules, 13 examples, 0 not as labelled\nrouting table: 1 examples, 0 not as labelled\n")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)/org")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let rule = try String(contentsOfFile: AssessRunner.root.appendingPathComponent("Tests/Fixtures/rules/bio/FIX-BIO-001.yaml").path, encoding: .utf8)
            .replacingOccurrences(of: "pack: bio", with: "pack: org").replacingOccurrences(of: "FIX-BIO-001", with: "ORG-BIO-001")
            .replacingOccurrences(of: "kind: counting", with: "kind: face-recognition")
        let file = dir.appendingPathComponent("ORG-BIO-001.yaml").path
        try rule.write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try AssessRunner.run(["rules", "test", "--rules-dir", dir.deletingLastPathComponent().path], environment: AssessRunner.fixtureRules)
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(bad.stdout, "\(file):14:10: ORG-BIO-001 example pass[0]: labelled pass but assert is false\n"
                       + "rules test: 5 rules, 16 examples, 1 not as labelled\nrouting table: 1 examples, 0 not as labelled\n")
    }

    func testRulesListAndShow() throws {
        let list = try AssessRunner.run(["rules", "list", "--pack", "gdpr"], environment: AssessRunner.fixtureRules)
        XCTAssertEqual(list.status, 0)
        XCTAssertTrue(list.stdout.hasPrefix("FIX-PURPOSE-002  gdpr    medium   camera     Every camera serves a declared purpose\n"), list.stdout)
        let show = try AssessRunner.run(["rules", "show", "FIX-STORAGE-001", "--lang", "fr"], environment: AssessRunner.fixtureRules)
        XCTAssertEqual(show.status, 0)
        XCTAssertTrue(show.stdout.contains("remediation: Conserver la vidéo brute 72 h au plus"), show.stdout)
        XCTAssertTrue(show.stdout.contains("params: max=72h"), show.stdout)
        let unknown = try AssessRunner.run(["rules", "show", "FIX-STORAGE-01"], environment: AssessRunner.fixtureRules)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr, "error: no rule 'FIX-STORAGE-01' (hint: did you mean 'FIX-STORAGE-001'?)\n")
    }

    func testTheStoreSuppliesVetoesAndRecordsEachAssessment() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assess-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = ["--store", dir.appendingPathComponent("store.sqlite").path]
        let first = try AssessRunner.run(["assess", AssessRunner.badShop, "--format", "json"] + store, environment: AssessRunner.fixtureRules)
        XCTAssertEqual(first.status, 1, first.stderr)
        XCTAssertTrue(first.stdout.contains("\"verdict\" : \"non-compliant\""))

        let submit = try AssessRunner.run(["ethics", "submit", "--feature-kind", "face-recognition", "--rationale", "watch-list"] + store)
        XCTAssertEqual(submit.status, 0, submit.stderr)
        let id = try XCTUnwrap(submit.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).first.map(String.init))
        let opinion = try AssessRunner.run(["ethics", "opinion", id, "--decision", "unfavourable", "--members", "A. Martin",
                                            "--rationale", "biometric identification"] + store)
        XCTAssertEqual(opinion.status, 0, opinion.stderr)

        let vetoed = try AssessRunner.run(["assess", AssessRunner.badShop, "--format", "json"] + store, environment: AssessRunner.fixtureRules)
        XCTAssertEqual(vetoed.status, 1, vetoed.stderr)
        XCTAssertTrue(vetoed.stdout.contains("\"charter_verdict\" : \"vetoed\""), vetoed.stdout)
        XCTAssertTrue(vetoed.stdout.contains("\"legal_verdict\" : \"non-compliant\""), vetoed.stdout)
        XCTAssertTrue(vetoed.stdout.contains("\"rule_id\" : \"ETH-VETO-001\""))

        let history = try AssessRunner.run(["history", "bad-shop"] + store)
        XCTAssertEqual(history.status, 0, history.stderr)
        // History records the legal verdict; the veto is in the recorded charter findings.
        XCTAssertTrue(history.stdout.contains("non-compliant"), history.stdout)

        let unrecorded = try AssessRunner.run(["assess", AssessRunner.badShop, "--no-record"] + store, environment: AssessRunner.fixtureRules)
        XCTAssertEqual(unrecorded.status, 1)
        XCTAssertEqual(try AssessRunner.run(["history", "bad-shop"] + store).stdout, history.stdout)
    }
}
