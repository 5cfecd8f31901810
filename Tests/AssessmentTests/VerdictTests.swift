import XCTest
import DeploymentModel
@testable import Assessment

final class VerdictTests: XCTestCase {
    func testFindingsAreSortedAndWaiversApplied() throws {
        let result = try Fixtures.assess(Fixtures.badShop)
        XCTAssertEqual(result.findings.map { "\($0.ruleId) \($0.subjectPath)" },
                       ["FIX-BIO-001 features[1]", "FIX-STORAGE-001 retention[0]", "FIX-PURPOSE-002 cameras[1]", "FIX-PURPOSE-002 cameras[2]"])
        XCTAssertEqual(result.findings[0].position?.description, "\(Fixtures.badShop):27:5")
        XCTAssertEqual(result.findings[2].waiver, .waived(approver: "Jeanne DPO", expires: "2099-12-31", justification: "camera being removed"))
        XCTAssertEqual(result.findings[3].waiver, .expired(approver: "Jeanne DPO", expired: "2020-01-31"))
        XCTAssertEqual(result.openFindings.count, 3)
        XCTAssertEqual(result.verdict, .nonCompliant)
    }

    func testAWaiverIsInForceUntilTheEndOfItsDay() throws {
        let onTheDay = try Fixtures.assess(Fixtures.badShop, date: "2020-01-31")
        XCTAssertEqual(onTheDay.findings[3].waiver, .waived(approver: "Jeanne DPO", expires: "2020-01-31", justification: "till camera repurposed"))
        let dayAfter = try Fixtures.assess(Fixtures.badShop, date: "2020-02-01")
        XCTAssertEqual(dayAfter.findings[3].waiver, .expired(approver: "Jeanne DPO", expired: "2020-01-31"))
    }

    func testAnUnfavourableOpinionOnAnEnabledFeatureVetoes() throws {
        let veto = CommitteeOpinion(id: "op-7", featureKind: "face-recognition", decision: "unfavourable")
        let result = try Fixtures.assess(Fixtures.badShop, committee: [veto])
        XCTAssertEqual(result.charterVerdict, .vetoed)
        XCTAssertEqual(result.legalVerdict, .nonCompliant, "a veto binds under the charter; the legal verdict is the law's")
        XCTAssertEqual(result.findings.first { $0.ruleId == "ETH-VETO-001" }?.subjectPath, "features[1]")
        // Without the ethics pack, the register still vetoes.
        let withoutPack = try Fixtures.assess(Fixtures.badShop, packs: ["gdpr"], committee: [veto])
        XCTAssertEqual(withoutPack.charterVerdict, .vetoed)
        // An opinion on a feature kind that is not enabled changes nothing.
        let other = CommitteeOpinion(id: "op-8", featureKind: "emotion", decision: "unfavourable")
        XCTAssertEqual(try Fixtures.assess(Fixtures.badShop, committee: [other]).verdict, .nonCompliant)
    }

    func testVerdictLevels() {
        func finding(_ severity: Severity, _ waiver: WaiverState = .none) -> Finding {
            Finding(ruleId: "R", pack: "p", severity: severity, title: .init(en: "t", fr: "t"), message: .init(en: "m", fr: "m"),
                    remediation: .init(en: "r", fr: "r"), refs: [], subjectPath: "deployment", subjectId: nil, position: nil, waiver: waiver)
        }
        XCTAssertEqual(VerdictRule.verdict(findings: [], vetoedFeatures: [], reservations: false), .compliant)
        XCTAssertEqual(VerdictRule.verdict(findings: [finding(.info)], vetoedFeatures: [], reservations: false), .compliant)
        XCTAssertEqual(VerdictRule.verdict(findings: [finding(.medium)], vetoedFeatures: [], reservations: false), .compliantWithReservations)
        XCTAssertEqual(VerdictRule.verdict(findings: [], vetoedFeatures: [], reservations: true), .compliantWithReservations)
        let waived = finding(.critical, .waived(approver: "a", expires: "2099-01-01", justification: "j"))
        XCTAssertEqual(VerdictRule.verdict(findings: [waived], vetoedFeatures: [], reservations: false), .compliantWithReservations)
        let expired = finding(.high, .expired(approver: "a", expired: "2020-01-01"))
        XCTAssertEqual(VerdictRule.verdict(findings: [expired], vetoedFeatures: [], reservations: false), .nonCompliant)
        XCTAssertEqual(VerdictRule.verdict(findings: [finding(.low)], vetoedFeatures: ["f"], reservations: false), .vetoed)
    }

    func testActionPlanHasOneRowPerFindingPlusRisksAndReservations() throws {
        let reservation = CommitteeOpinion(id: "op-9", featureKind: "counting", decision: "favourable-with-reservations",
                                           reservations: ["publish counts monthly only"], reviewBy: "2027-06-30")
        let result = try Fixtures.assess(Fixtures.badShop, committee: [reservation])
        let plan = result.actionPlan
        XCTAssertEqual(plan.prefix(4).map(\.status), ["open", "open", "waived", "waiver-expired"])
        XCTAssertEqual(plan[0].due, "2026-11-30")   // critical: 7 days
        XCTAssertEqual(plan[1].due, "2026-12-23")   // high: 30 days
        XCTAssertEqual(plan[2].due, "2099-12-31")   // waived: until the waiver expires
        XCTAssertEqual(plan[0].owner, "Jeanne DPO")
        XCTAssertEqual(plan[0].action.en, "face-match (features[1]): Disable the feature")
        let last = try XCTUnwrap(plan.last)
        XCTAssertEqual(last.action.en, "Meet the ethics committee's reservation on counting: publish counts monthly only")
        XCTAssertEqual(last.due, "2027-06-30")
        XCTAssertTrue(plan.contains { $0.ruleId == nil && $0.action.en.hasPrefix("Reduce the residual risk \"Re-identification of people\"") })
    }
}
