import DeploymentModel
import Foundation
@testable import Rules
import XCTest

/// Every model-v2 fact reaches the rules: rule expressions over the new fields compile against
/// the model's CEL types and their examples behave as labelled.
final class ModelV2BindingTests: XCTestCase {
    private func rule(_ id: String, scope: String, assert: String, pass: String, fail: String) -> String {
        """
        id: \(id)
        pack: test
        title: {en: t, fr: t}
        severity: medium
        refs: [{law: GDPR, article: "Art. 5"}]
        scope: \(scope)
        assert: >-
          \(assert)
        message: {en: m, fr: m}
        remediation: {en: r, fr: r}
        examples:
          pass: [\(pass)]
          fail: [\(fail)]
        """
    }

    func testRulesReadEveryV2Fact() throws {
        let files = [
            "test/TEST-V2-001.yaml": rule("TEST-V2-001", scope: "purpose",
                assert: "!item.law_enforcement || (item.legal_basis == 'law-enforcement-task' && item.legal_texts.exists(t, has(t.in_force_until) && date(t.in_force_until) >= now))",
                pass: "{item: {law_enforcement: true, legal_basis: law-enforcement-task, legal_texts: [{instrument: CSI, in_force_until: '2030-01-01'}]}, now: '2026-01-01'}",
                fail: "{item: {law_enforcement: true, legal_basis: law-enforcement-task, legal_texts: [{instrument: CSI, in_force_until: '2025-03-31'}]}, now: '2026-01-01'}"),
            "test/TEST-V2-002.yaml": rule("TEST-V2-002", scope: "feature",
                assert: "!has(item.biometric_comparison) || item.biometric_comparison != 'one-to-many'",
                pass: "{item: {biometric_modality: fingerprint, biometric_comparison: one-to-one}}",
                fail: "{item: {biometric_modality: gait, biometric_comparison: one-to-many}}"),
            "test/TEST-V2-003.yaml": rule("TEST-V2-003", scope: "camera",
                assert: "!item.hidden && !(item.zone in ['toilets', 'rest-area', 'staff-representative-premises'])",
                pass: "{item: {zone: workplace}}", fail: "{item: {zone: rest-area}}"),
            "test/TEST-V2-004.yaml": rule("TEST-V2-004", scope: "retention",
                assert: "!item.indefinite || has(item.until_event)",
                pass: "{item: {duration: indefinite, until_event: {event: court order}}}", fail: "{item: {duration: indefinite}}"),
            "test/TEST-V2-005.yaml": rule("TEST-V2-005", scope: "deployment",
                assert: "deployment.information_channels.exists(c, c.kind == 'sign' && 'algorithmic-analysis' in c.states) && has(deployment.workforce.staff_council.consulted_on) && deployment.lifecycle.phase == 'production' && deployment.controller.public_body && derived.purpose_regimes['p'] == ['led']",
                pass: "{deployment: {lifecycle: {phase: production}, controller: {public_body: true}, information_channels: [{id: s, kind: sign, states: [algorithmic-analysis]}], workforce: {staff_council: {name: CSE, consulted_on: '2025-01-01'}}}, derived: {purpose_regimes: {p: [led]}}}",
                fail: "{deployment: {lifecycle: {phase: pilot}, controller: {public_body: true}, information_channels: [{id: s, kind: letter}], workforce: {}}, derived: {purpose_regimes: {p: [gdpr]}}}"),
            "test/TEST-V2-006.yaml": rule("TEST-V2-006", scope: "processor",
                assert: "!item.reuses_data && (item.role != 'joint-controller' || (has(item.arrangement) && item.arrangement.essence_available))",
                pass: "{item: {role: joint-controller, arrangement: {reference: A, essence_available: true}}}",
                fail: "{item: {role: processor, reuses_data: true}}"),
            "test/TEST-V2-007.yaml": rule("TEST-V2-007", scope: "deployment",
                assert: "has(deployment.dpia.kind) && deployment.dpia.kind == 'qc-efvp' && size(deployment.dpia.parts) == 4 && deployment.purposes.all(p, has(p.special_category_condition) && p.special_category_condition.exception == '9(2)(a)' && has(p.objection.restricted_by))",
                pass: "{deployment: {dpia: {kind: qc-efvp, parts: [description, necessity, risks, measures]}, purposes: [{id: p, special_category_condition: {exception: 9(2)(a), condition: explicit consent}, objection: {restricted_by: {instrument: loi}}}]}}",
                fail: "{deployment: {dpia: {kind: pia}}}"),
        ]
        let set = try RuleSet.load(packs: ["test"], extraDirectories: [], jurisdictions: [], builtinDirectory: try Fixtures.directory(files))
        XCTAssertEqual(set.rules.count, 7)
        let results = set.runExamples()
        XCTAssertEqual(results.filter { !$0.ok }.map { "\($0.ruleId) \($0.label) \($0.problem ?? "")" }, [])
        XCTAssertEqual(results.count, 14)
    }
}
