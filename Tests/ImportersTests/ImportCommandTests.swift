import XCTest

/// The import commands through the real binary: streams, exit codes, atomic output.
final class ImportCommandTests: XCTestCase {
    func testFrigateDraftGoesToStdoutAndTheSummaryToStderr() throws {
        let config = try TestPaths.external("frigate/real/face-recognition_jw2dotorg-home-ops.yml")
        let result = try runSilhouette(["import", "frigate", config])
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertTrue(result.out.hasPrefix("# Draft deployment model imported from Frigate configuration"))
        XCTAssertTrue(result.out.contains("kind: face-recognition"))
        XCTAssertTrue(result.err.contains("face recognition: 10 ("))
        XCTAssertFalse(result.out.contains("face recognition: 10"), "the summary stays off stdout")
    }

    func testDraftIsWrittenAtomicallyAndAFailedImportLeavesTheOldFile() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("deployment.yaml").path
        try Data("previous content\n".utf8).write(to: URL(fileURLWithPath: output))
        let bad = directory.appendingPathComponent("bad.yml").path
        try Data("cameras: [\n".utf8).write(to: URL(fileURLWithPath: bad))
        let failed = try runSilhouette(["import", "frigate", bad, "-o", output])
        XCTAssertEqual(failed.code, 2)
        XCTAssertTrue(failed.err.hasPrefix("error: \(bad):2:1: YAML syntax error"), failed.err)
        XCTAssertEqual(try String(contentsOfFile: output, encoding: .utf8), "previous content\n")
        let good = try runSilhouette(["import", "frigate", try TestPaths.external("frigate/real/minimal_jonathanchancey-stacks.yml"), "-o", output])
        XCTAssertEqual(good.code, 0, good.err)
        XCTAssertTrue(try String(contentsOfFile: output, encoding: .utf8).contains("id: \"rlc-510a\""))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["bad.yml", "deployment.yaml"], "no temporary file left")
    }

    func testStdinIsReadWithDash() throws {
        let result = try runSilhouette(["import", "frigate", "-"], stdin: Data("version: 0.17-0\ncameras:\n  door: {}\n".utf8))
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertTrue(result.out.contains("id: \"door\""))
    }

    func testMissingFileAndBinaryFileExitWithCode2() throws {
        let missing = try runSilhouette(["import", "onvif", "/nonexistent/response.xml"])
        XCTAssertEqual(missing.code, 2)
        XCTAssertEqual(missing.err, "error: /nonexistent/response.xml: cannot read: No such file or directory\n")
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = directory.appendingPathComponent("blob.yml")
        try Data([0x00, 0xFF, 0x10, 0x00]).write(to: binary)
        let result = try runSilhouette(["import", "frigate", binary.path])
        XCTAssertEqual(result.code, 2)
        XCTAssertTrue(result.err.contains("not a UTF-8 text file"))
    }
}

/// `silhouette import frigate … | silhouette assess -`: the acceptance pipeline of the importer.
final class ImportAssessPipelineTests: XCTestCase {
    func testFaceRecognitionConfigGetsTheCriticalBiometricFindingThroughAPipe() throws {
        let config = try TestPaths.external("frigate/real/face-recognition_jw2dotorg-home-ops.yml")
        let imported = try runSilhouette(["import", "frigate", config])
        XCTAssertEqual(imported.code, 0, imported.err)
        let assessed = try runSilhouette(["assess", "-", "--format", "json", "--no-record"], stdin: Data(imported.out.utf8))
        XCTAssertEqual(assessed.code, 1, assessed.err)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(assessed.out.utf8)) as? [String: Any])
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
        let assessed = try runSilhouette(["assess", "-", "--format", "json", "--no-record"], stdin: Data(imported.out.utf8))
        XCTAssertNotEqual(assessed.code, 2, assessed.err)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(assessed.out.utf8)) as? [String: Any])
        let rules = Set((json["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule_id"] as? String })
        XCTAssertFalse(rules.contains("BIO-001"))
    }
}
