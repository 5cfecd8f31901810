import XCTest

/// The import commands through the real binary: streams, exit codes, atomic output.
final class ImportCommandTests: XCTestCase {
    func testFrigateDraftGoesToStdoutAndTheSummaryToStderr() throws {
        let config = try TestPaths.external("frigate/real/face-recognition_jw2dotorg-home-ops.yml")
        let result = try runSilhouette(["import", "frigate", config])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("# Draft deployment model imported from Frigate configuration"))
        XCTAssertTrue(result.stdout.contains("kind: face-recognition"))
        XCTAssertTrue(result.stderr.contains("face recognition: 10 ("))
        XCTAssertFalse(result.stdout.contains("face recognition: 10"), "the summary stays off stdout")
    }

    func testDraftIsWrittenAtomicallyAndAFailedImportLeavesTheOldFile() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("deployment.yaml").path
        try Data("previous content\n".utf8).write(to: URL(fileURLWithPath: output))
        let bad = directory.appendingPathComponent("bad.yml").path
        try Data("cameras: [\n".utf8).write(to: URL(fileURLWithPath: bad))
        let failed = try runSilhouette(["import", "frigate", bad, "-o", output])
        XCTAssertEqual(failed.status, 2)
        XCTAssertTrue(failed.stderr.hasPrefix("error: \(bad):2:1: YAML syntax error"), failed.stderr)
        XCTAssertEqual(try String(contentsOfFile: output, encoding: .utf8), "previous content\n")
        let good = try runSilhouette(["import", "frigate", try TestPaths.external("frigate/real/minimal_jonathanchancey-stacks.yml"), "-o", output])
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertTrue(try String(contentsOfFile: output, encoding: .utf8).contains("id: \"rlc-510a\""))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["bad.yml", "deployment.yaml"], "no temporary file left")
    }

    func testStdinIsReadWithDash() throws {
        let result = try runSilhouette(["import", "frigate", "-"], stdin: Data("version: 0.17-0\ncameras:\n  door: {}\n".utf8))
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("id: \"door\""))
    }

    func testMissingFileAndBinaryFileExitWithCode2() throws {
        let missing = try runSilhouette(["import", "onvif", "/nonexistent/response.xml"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "error: /nonexistent/response.xml: cannot read: No such file or directory\n")
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = directory.appendingPathComponent("blob.yml")
        try Data([0x00, 0xFF, 0x10, 0x00]).write(to: binary)
        let result = try runSilhouette(["import", "frigate", binary.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("not a UTF-8 text file"))
    }
}

/// `silhouette import frigate … | silhouette assess -`: the acceptance pipeline of the importer.
final class ImportAssessPipelineTests: XCTestCase {
    func testFaceRecognitionConfigGetsTheCriticalBiometricFindingThroughAPipe() throws {
        let config = try TestPaths.external("frigate/real/face-recognition_jw2dotorg-home-ops.yml")
        let imported = try runSilhouette(["import", "frigate", config])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let assessed = try runSilhouette(["assess", "-", "--format", "json", "--no-record"], stdin: Data(imported.stdout.utf8))
        XCTAssertEqual(assessed.status, 1, assessed.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(assessed.stdout.utf8)) as? [String: Any])
        let findings = try XCTUnwrap(json["findings"] as? [[String: Any]])
        let first = try XCTUnwrap(findings.first)
        XCTAssertEqual(first["rule_id"] as? String, "BIO-001")
        XCTAssertEqual(first["severity"] as? String, "critical")
        XCTAssertEqual(first["subject_id"] as? String, "face-recognition")
        XCTAssertEqual(json["verdict"] as? String, "non-compliant")
        // The draft's TODOs are flagged, not silently accepted.
        let rules = Set(findings.compactMap { $0["rule_id"] as? String })
        XCTAssertTrue(rules.contains("GDPR-LAWFUL-001"), "legal_basis: none must be a finding")
        XCTAssertTrue(rules.contains("GDPR-TRANSP-001"), "first_layer: false must be a finding")
    }

    func testAConfigWithoutBiometricsHasNoBiometricFinding() throws {
        let config = try TestPaths.external("frigate/real/minimal_jonathanchancey-stacks.yml")
        let imported = try runSilhouette(["import", "frigate", config])
        let assessed = try runSilhouette(["assess", "-", "--format", "json", "--no-record"], stdin: Data(imported.stdout.utf8))
        XCTAssertNotEqual(assessed.status, 2, assessed.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(assessed.stdout.utf8)) as? [String: Any])
        let rules = Set((json["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule_id"] as? String })
        XCTAssertFalse(rules.contains("BIO-001"))
    }
}
