import XCTest
import DeploymentModel
@testable import Rules

final class BindingTests: XCTestCase {
    func load(_ files: [String: String]) throws -> RuleSet {
        try RuleSet.load(packs: ["test"], extraDirectories: [], jurisdictions: [], builtinDirectory: try Fixtures.directory(files))
    }

    func testUnknownModelFieldFailsAtLoadWithItsPosition() throws {
        let dir = try Fixtures.directory(["test/TEST-CAM-001.yaml": Fixtures.rule(assert: "item.audio == false && !item.microphone")])
        XCTAssertThrowsError(try RuleSet.load(packs: ["test"], extraDirectories: [], jurisdictions: [], builtinDirectory: dir)) { error in
            XCTAssertEqual("\(error)", "\(dir)/test/TEST-CAM-001.yaml:7:37: TEST-CAM-001 assert: undeclared field 'microphone' on Camera"
                           + " (hint: Camera has fields: id, site, zone, location, purposes, audio, resolution, ptz, overlooks_private_space,"
                           + " films_workstations, privacy_masks, signage, analytics, hidden)")
        }
    }

    func testNestedUnknownFieldInABlockScalarPointsAtItsLine() throws {
        let dir = try Fixtures.directory(["test/TEST-CAM-001.yaml": Fixtures.rule(assert: "|\n  item.audio == false &&\n    item.signage.frist_layer")])
        XCTAssertThrowsError(try RuleSet.load(packs: ["test"], extraDirectories: [], jurisdictions: [], builtinDirectory: dir)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(dir)/test/TEST-CAM-001.yaml:9:17: TEST-CAM-001 assert: undeclared field 'frist_layer' on Signage (hint: did you mean 'first_layer'?"), "\(error)")
        }
    }

    func testNonBooleanAssertIsRejected() throws {
        let dir = try Fixtures.directory(["test/TEST-CAM-001.yaml": Fixtures.rule(assert: "item.id")])
        XCTAssertThrowsError(try RuleSet.load(packs: ["test"], extraDirectories: [], jurisdictions: [], builtinDirectory: dir)) { error in
            XCTAssertEqual("\(error)", "\(dir)/test/TEST-CAM-001.yaml:7:9: TEST-CAM-001 assert is string, not bool (hint: `assert` must be true or false)")
        }
    }

    func testEveryProblemIsCollectedAcrossFiles() throws {
        let dir = try Fixtures.directory([
            "test/TEST-CAM-001.yaml": Fixtures.rule(assert: "item.nope"),
            "test/TEST-CAM-002.yaml": Fixtures.rule(id: "TEST-CAM-002", assert: "item.nada"),
        ])
        XCTAssertThrowsError(try RuleSet.load(packs: ["test"], extraDirectories: [], jurisdictions: [], builtinDirectory: dir)) { error in
            XCTAssertEqual((error as? RuleError)?.diagnostics.count, 2)
        }
    }

    func testFixtureExamplesBehaveAsLabelled() throws {
        let set = try RuleSet.loadAll(extraDirectories: [], builtinDirectory: Fixtures.rules)
        let results = set.runExamples()
        XCTAssertEqual(results.count, 13)
        XCTAssertEqual(results.filter { !$0.ok }.map { "\($0.ruleId) \($0.problem!)" }, [])
    }

    func testMislabelledAndMistypedExamplesAreReported() throws {
        let set = try load(["test/TEST-CAM-001.yaml": Fixtures.rule(
            assert: "'!item.audio'", pass: "{item: {audio: true}}", fail: "{item: {audio: maybe}}")])
        let problems = set.runExamples().compactMap(\.problem)
        XCTAssertEqual(problems, ["labelled pass but assert is false", "item.audio: maybe is not true or false"])
    }

    func testExamplesGetModelDefaultsAndParsedDurations() throws {
        let set = try RuleSet.loadAll(extraDirectories: [], builtinDirectory: Fixtures.rules)
        let storage = try XCTUnwrap(set.rule(id: "FIX-STORAGE-001"))
        XCTAssertEqual(storage.runExamples().map(\.outcome), [.pass, .notApplicable, .pass, .fail, .fail])
    }

    func testEvaluatesEverySubjectOfADeployment() throws {
        let loaded = try DeploymentLoader.load(path: Fixtures.badShop)
        let set = try RuleSet.loadAll(extraDirectories: [], builtinDirectory: Fixtures.rules)
        let violations = set.evaluate(document: loaded.document, facts: RuleFacts(now: Date(), derived: DerivedFacts()))
        XCTAssertEqual(violations.map { "\($0.rule.id) \($0.subjectPath)" },
                       ["FIX-PURPOSE-002 cameras[1]", "FIX-PURPOSE-002 cameras[2]", "FIX-STORAGE-001 retention[0]", "FIX-BIO-001 features[1]"])
        XCTAssertEqual(violations.map(\.message.en), [
            "Camera stockroom serves no purpose with a feature", "Camera till serves no purpose with a feature",
            "Raw video kept 30 days", "Feature face-match (face-recognition) processes biometric data",
        ])
        XCTAssertEqual(violations[3].subjectId, "face-match")
    }

    func testEthicsFactsReachTheRules() throws {
        let loaded = try DeploymentLoader.load(path: Fixtures.badShop)
        let set = try RuleSet.load(packs: ["ethics"], extraDirectories: [], jurisdictions: [], builtinDirectory: Fixtures.rules)
        let veto = EthicsOpinionFact(id: "op-1", feature: "", featureKind: "counting", decision: "unfavourable", reservations: [], reviewBy: "")
        let violations = set.evaluate(document: loaded.document, facts: RuleFacts(now: Date(), derived: DerivedFacts(), ethics: [veto]))
        XCTAssertEqual(violations.map { "\($0.rule.id) \($0.subjectPath)" }, ["ETH-VETO-001 features[0]"])
    }

    func testPacksFollowTheRoutingTable() throws {
        XCTAssertEqual(try RuleSet.load(packs: nil, extraDirectories: [], jurisdictions: ["EU"], builtinDirectory: Fixtures.builtinRules).packs, ["dpia", "gdpr", "bio", "ai-act", "ethics"])
        XCTAssertEqual(try RuleSet.load(packs: nil, extraDirectories: [], jurisdictions: ["EU", "FR"], builtinDirectory: Fixtures.builtinRules).packs, ["dpia", "gdpr", "bio", "fr", "ai-act", "ethics"])
        XCTAssertEqual(try RuleSet.load(packs: nil, extraDirectories: [], jurisdictions: ["CA", "CA-QC"], builtinDirectory: Fixtures.builtinRules).packs, ["bio", "qc", "ethics"])
        XCTAssertEqual(try RuleSet.load(packs: nil, extraDirectories: [], jurisdictions: ["CA-ON"], builtinDirectory: Fixtures.builtinRules).packs, ["bio", "pipeda", "ethics"])
        XCTAssertEqual(try RuleSet.load(packs: nil, extraDirectories: [], jurisdictions: ["UK"], builtinDirectory: Fixtures.builtinRules).packs, ["bio", "ethics"], "no law: only the charter")
    }

    func testUnknownPackIsAnErrorWithTheAvailableOnes() {
        XCTAssertThrowsError(try RuleSet.load(packs: ["gpdr"], extraDirectories: [], jurisdictions: [], builtinDirectory: Fixtures.rules)) { error in
            XCTAssertEqual("\(error)", "unknown rule pack 'gpdr' (hint: available packs: bio, ethics, gdpr)")
        }
    }

    func testExtraDirectoriesAddTheirPacksAndChangeTheVersion() throws {
        let base = try RuleSet.load(packs: nil, extraDirectories: [], jurisdictions: ["EU"], builtinDirectory: Fixtures.rules)
        let extra = try Fixtures.directory(["org/TEST-CAM-001.yaml": Fixtures.rule(assert: "'!item.audio'").replacingOccurrences(of: "pack: test", with: "pack: org")])
        let more = try RuleSet.load(packs: nil, extraDirectories: [extra], jurisdictions: ["EU"], builtinDirectory: Fixtures.rules)
        XCTAssertEqual(base.packs, ["gdpr", "bio", "ethics"])
        XCTAssertEqual(more.packs, ["gdpr", "bio", "ethics", "org"])
        XCTAssertEqual(more.rules.last?.id, "TEST-CAM-001")
        XCTAssertNotEqual(base.version, more.version)
        XCTAssertTrue(base.version.hasPrefix("sha256:") && base.version.count == 71)
    }

    func testDuplicateRuleIdsAreRejected() throws {
        let dir = try Fixtures.directory([
            "a/TEST-CAM-001.yaml": Fixtures.rule(assert: "'!item.audio'").replacingOccurrences(of: "pack: test", with: "pack: a"),
            "b/TEST-CAM-001.yaml": Fixtures.rule(assert: "'!item.audio'").replacingOccurrences(of: "pack: test", with: "pack: b"),
        ])
        XCTAssertThrowsError(try RuleSet.loadAll(extraDirectories: [], builtinDirectory: dir)) { error in
            XCTAssertEqual("\(error)", "\(dir)/b/TEST-CAM-001.yaml:1:5: duplicate rule id TEST-CAM-001 (also in \(dir)/a/TEST-CAM-001.yaml) (hint: rule ids are unique across packs)")
        }
    }

    func testHostFunctions() throws {
        let set = try load(["test/TEST-DEP-001.yaml": Fixtures.rule(
            id: "TEST-DEP-001", scope: "deployment",
            assert: "'is_eea(\"NO\") && !is_eea(\"US\") && days(duration(\"2w\")) == 14 && days(duration(\"P30D\")) == 30 && date(\"2025-03-31\") < now && cameras_of(item.purposes[0]).size() == 1'",
            pass: "{item: {purposes: [{id: p}], cameras: [{id: c, purposes: [p]}]}}", fail: "{item: {purposes: [{id: p}]}}")])
        XCTAssertEqual(set.runExamples().map(\.outcome), [.pass, .fail])
    }
}

final class ModelConversionTests: XCTestCase {
    /// The direct encoder gives the same CEL view as the loader's own schema-guided value.
    func testDirectEncodingMatchesTheSchemaReadValue() throws {
        let examples = Fixtures.packageRoot.appendingPathComponent("examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { !$0.hasPrefix(".") }
        XCTAssertFalse(names.isEmpty)
        for name in names + ["../Tests/Fixtures/deployments"] {
            let path = name.hasPrefix("..") ? Fixtures.badShop : examples.appendingPathComponent("\(name)/deployment.yaml").path
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let document = try DeploymentLoader.load(path: path).document
            let binding = ModelBinding.shared
            guard case .object(var fields) = ModelEncoding.value(document) else { return XCTFail("no value") }
            if case .object(let own)? = fields.removeValue(forKey: "deployment") { fields.merge(own) { _, v in v } }
            let reference = ValueConversion.cel(.object(fields), .object(binding.deployment))
            XCTAssertEqual(RuleSet.deploymentValue(document), reference, name)
        }
    }
}
