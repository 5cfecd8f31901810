import Foundation
import Store
import XCTest

final class AssessmentDiffTests: XCTestCase {
    func testModelFindingsAndVerdictChanges() throws {
        let oldModel = #"{"deployment":{"id":"m","sector":"retail"},"cameras":[{"id":"c1","zone":"shop-floor"},{"id":"c2","zone":"entrance"}],"security":["a","b"]}"#
        let newModel = #"{"deployment":{"id":"m","sector":"public-authority"},"cameras":[{"id":"c0","zone":"x"},{"id":"c1","zone":"public-road"}],"security":["a"]}"#
        let oldFindings = #"[{"ruleId":"R1","subjectPath":"cameras[0]","severity":"high","extra":1},{"ruleId":"R2","subjectPath":"","severity":"low"}]"#
        let newFindings = #"[{"ruleId":"R2","subjectPath":"","severity":"low"},{"ruleId":"R3","subjectPath":"purposes[1]","severity":"critical"}]"#
        let diff = try AssessmentDiff.compare(oldModel: Data(oldModel.utf8), newModel: Data(newModel.utf8),
                                              oldFindings: Data(oldFindings.utf8), newFindings: Data(newFindings.utf8),
                                              oldVerdict: "compliant", newVerdict: "non-compliant")
        XCTAssertEqual(diff.modelChanges.map(\.description), [
            "- cameras[id=c2]: {\"id\":\"c2\",\"zone\":\"entrance\"}",
            "~ cameras[id=c1].zone: shop-floor → public-road",
            "+ cameras[id=c0]: {\"id\":\"c0\",\"zone\":\"x\"}",
            "~ deployment.sector: retail → public-authority",
            "- security[1]: b",
        ])
        XCTAssertEqual(diff.findingsAdded.map(\.ruleId), ["R3"])
        XCTAssertEqual(diff.findingsResolved.map { "\($0.ruleId) \($0.subjectPath) \($0.severity)" }, ["R1 cameras[0] high"])
        XCTAssertEqual(diff.verdictChange?.old, "compliant")
        XCTAssertEqual(diff.verdictChange?.new, "non-compliant")
    }

    func testIdenticalSnapshotsGiveAnEmptyDiff() throws {
        let model = Data(#"{"a":[1,2,{"b":true}],"c":1.5}"#.utf8)
        let diff = try AssessmentDiff.compare(oldModel: model, newModel: model, oldFindings: Data("[]".utf8),
                                              newFindings: Data("[]".utf8), oldVerdict: "vetoed", newVerdict: "vetoed")
        XCTAssertTrue(diff.isEmpty)
    }

    func testHistoryAndDiffCommands() throws {
        let path = try StoreTestSupport.tempDirectory().appendingPathComponent("store.sqlite").path
        let store = try SilhouetteStore.open(at: path, access: .readWrite(createDirectory: false))
        let t = Date(timeIntervalSince1970: 1_790_000_000)
        for (i, (verdict, sector, findings)) in [("compliant", "retail", "[]"),
                                                 ("non-compliant", "transport", #"[{"ruleId":"GDPR-1","subjectPath":"cameras[0]","severity":"high"}]"#)].enumerated() {
            try store.record(StoredAssessment(deploymentId: "mall", deploymentName: "Mall", modelHash: "sha256:\(i)",
                                              rulesVersion: "sha256:r", verdict: verdict, assessedAt: t.addingTimeInterval(Double(i) * 60),
                                              findingsJSON: Data(findings.utf8), modelJSON: Data(#"{"deployment":{"sector":"\#(sector)"}}"#.utf8),
                                              counts: FindingCounts(high: i)), actor: "dpo")
        }
        let history = try StoreTestSupport.run(["history", "mall", "--store", path])
        XCTAssertEqual(history.stdout.split(separator: "\n").map { String($0.prefix(58)) }, [
            "A-1  2026-09-21T14:13:20.000Z  mall  compliant  findings 0",
            "A-2  2026-09-21T14:14:20.000Z  mall  non-compliant  findin",
        ])
        let diff = try StoreTestSupport.run(["diff", "A-1", "A-2", "--store", path])
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertEqual(diff.stdout, """
            diff A-1 (2026-09-21T14:13:20.000Z) → A-2 (2026-09-21T14:14:20.000Z)
            verdict: compliant → non-compliant
            model: 1 change(s)
              ~ deployment.sector: retail → transport
            findings added: 1
              + GDPR-1 cameras[0] [high]
            findings resolved: 0

            """)
        let missing = try StoreTestSupport.run(["diff", "A-1", "A-9", "--store", path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "error: \(path): no assessment with id 'A-9'; hint: list them with `silhouette history`\n")
    }
}
