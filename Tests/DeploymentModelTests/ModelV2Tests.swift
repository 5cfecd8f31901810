import DeploymentModel
import Foundation
import XCTest

/// Model language v2: every new fact can be written, is validated at its position, appears
/// in the JSON Schema, and a model written before v2 keeps its hash.
final class ModelV2Tests: XCTestCase {
    static let v1Fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/deployments/v1")

    /// The hashes the examples had before model v2 (printed in the golden reports of commit
    /// ade76e4): the same files must hash the same, so no sign-off goes stale on upgrade.
    func testModelsWrittenBeforeV2KeepTheirHash() throws {
        let golden = [
            "construction-timelapse": "sha256:cee60f5147d1cbdacacf5368720ff0746675e7525e57c42d470b69a7eed94746",
            "noncompliant-store": "sha256:6e6d937de80daffbc38cdb47f1625e47e838d4d6892eb85d9a1972a3f19dc85c",
            "mall-visitor-analytics": "sha256:7b54d25af18c8b692c0d0f4c3872c573cc8e21bf0dfd8615a8525a206665b973",
            "massy-city": "sha256:fc087415405295bcd6a439619986a533f793f3d83fda0f6163d96efc9986d9ca",
        ]
        for (name, hash) in golden {
            let loaded = try DeploymentLoader.load(path: Self.v1Fixtures.appendingPathComponent("\(name)/deployment.yaml").path)
            XCTAssertEqual(loaded.modelHash, hash, name)
            XCTAssertEqual(LoadedDeployment.hash(of: loaded.document), hash, "\(name): hash of the decoded document")
            let json = String(decoding: ModelEncoding.canonicalJSON(loaded.document), as: UTF8.self)
            for key in ["\"information_channels\"", "\"hidden\"", "\"law_enforcement\"", "\"federally_regulated\"", "\"additional_legal_bases\""] {
                XCTAssertFalse(json.contains(key), "\(name): v2 default \(key) must stay out of the canonical form")
            }
        }
    }

    static let full = LoaderBasicsTestsMinimal.text
        .replacingOccurrences(of: "  controller: {name: Shop SA, country: FR, contact: dpo@shop.example}", with: """
          controller:
            name: Commune de Test
            country: FR
            contact: dpo@test.example
            public_body: true
            entrusted_by_law: {instrument: "Code de la sécurité intérieure", article: L251-2, in_force_from: 2012-05-01}
          lifecycle: {phase: pilot, since: 2026-01-05, until: 2026-06-30}
          processors:
            - name: Vendor SAS
              role: joint-controller
              country: FR
              contract: pending
              reuses_data: true
              reuse_purposes: model training
              arrangement: {reference: ART26-1, date: 2026-01-02, essence_available: true}
        """)
        .replacingOccurrences(of: "    features: [people-count]\n", with: """
            features: [people-count]
            additional_legal_bases: [legal-obligation]
            legal_texts: [{instrument: "loi n° 2023-380", article: "art. 10", in_force_from: 2023-05-20, in_force_until: 2025-03-31}]
            special_category_condition: {exception: 9(2)(g), condition: "substantial public interest laid down by law", law: {instrument: "loi n° 2023-380", article: "art. 10"}}
            law_enforcement: true
            employee_monitoring: false

        """)
        .replacingOccurrences(of: "outputs: [count]}", with: "outputs: [count], biometric_modality: gait, biometric_comparison: one-to-many}")
        .replacingOccurrences(of: "privacy_masks: [door-window]}", with: "privacy_masks: [door-window], hidden: true}\n  - {id: cam-2, site: staff, zone: rest-area, purposes: [counting]}")
        .replacingOccurrences(of: "  - {data: raw-video, duration: 0}", with: """
          - {data: raw-video, duration: 0, purposes: [counting]}
          - {data: clips, duration: indefinite, purposes: [counting], until_event: {event: "while the court order is in force", reference: {instrument: "TJ Paris ordonnance", article: "n° 26/123"}}}
        """) + """
        information_channels:
          - {id: panel, kind: sign, states: [controller-identity, purposes, rights, second-layer, algorithmic-analysis], cameras: [cam-1], purposes: [counting], sign_version: SIGN-3}
          - {id: note, kind: letter, states: [purposes, retention, rights], audience: [employees], date: 2026-01-03}
        workforce:
          headcount: 60
          individually_informed_on: 2026-01-03
          information_channels: [note]
          staff_council: {name: CSE, informed_on: 2025-12-01, consulted_on: 2025-12-15, opinion: favourable}
        dpia:
          kind: gdpr-dpia
          date: 2025-12-20
          parts: [description, necessity, risks, measures]
          next_review: 2026-12-20
        """

    func testEveryV2FactLoads() throws {
        let loaded = try DeploymentLoader.load(yaml: Self.full, file: "v2.yaml", baseDirectory: ".")
        let d = loaded.document
        XCTAssertEqual(d.deployment.controller.publicBody, true)
        XCTAssertEqual(d.deployment.controller.entrustedByLaw?.article, "L251-2")
        XCTAssertEqual(d.deployment.lifecycle?.phase, .pilot)
        XCTAssertEqual(d.deployment.processors[0].reusesData, true)
        XCTAssertEqual(d.deployment.processors[0].arrangement?.essenceAvailable, true)
        XCTAssertEqual(d.purposes[0].additionalLegalBases, [.legalObligation])
        XCTAssertEqual(d.purposes[0].legalTexts.first?.inForceUntil, "2025-03-31")
        XCTAssertEqual(d.purposes[0].specialCategoryCondition?.exception, .g)
        XCTAssertTrue(d.purposes[0].lawEnforcement)
        XCTAssertEqual(d.features[0].biometricModality, .gait)
        XCTAssertEqual(d.features[0].biometricComparison, .identification)
        XCTAssertTrue(d.cameras[0].hidden)
        XCTAssertEqual(d.cameras[1].zone, .restArea)
        XCTAssertEqual(d.retention[1].untilEvent?.event, "while the court order is in force")
        XCTAssertEqual(d.retention[0].purposes, ["counting"])
        XCTAssertEqual(d.informationChannels.map(\.kind), [.sign, .letter])
        XCTAssertEqual(d.informationChannels[0].signVersion, "SIGN-3")
        XCTAssertEqual(d.workforce?.staffCouncil?.consultedOn, "2025-12-15")
        XCTAssertEqual(d.dpia?.parts, [.description, .necessity, .risks, .measures])
        XCTAssertEqual(d.dpia?.kind, .gdpr)
        XCTAssertEqual(loaded.sourceMap.position(of: "information_channels[1].kind")?.line, 43)
        // The v2 facts are part of the model: they enter the hash and read back from canonical JSON.
        let json = String(decoding: ModelEncoding.canonicalJSON(d), as: UTF8.self)
        XCTAssertTrue(json.contains("\"law_enforcement\":true"))
        XCTAssertEqual(try ModelEncoding.document(fromCanonicalJSON: ModelEncoding.canonicalJSON(d)), d)
        XCTAssertEqual(LoadedDeployment.hash(of: d), loaded.modelHash)
    }

    func testWrittenV2DefaultsHashLikeOmittedOnes() throws {
        let omitted = try DeploymentLoader.load(yaml: LoaderBasicsTestsMinimal.text, file: "a.yaml", baseDirectory: ".")
        let explicit = try DeploymentLoader.load(
            yaml: LoaderBasicsTestsMinimal.text
                .replacingOccurrences(of: "privacy_masks: [door-window]}", with: "privacy_masks: [door-window], hidden: false}")
                .replacingOccurrences(of: "  - {data: raw-video, duration: 0}", with: "  - {data: raw-video, duration: 0, purposes: []}")
                + "information_channels: []\n",
            file: "b.yaml", baseDirectory: ".")
        XCTAssertEqual(omitted.modelHash, explicit.modelHash)
        let hidden = try DeploymentLoader.load(
            yaml: LoaderBasicsTestsMinimal.text.replacingOccurrences(of: "privacy_masks: [door-window]}", with: "privacy_masks: [door-window], hidden: true}"),
            file: "c.yaml", baseDirectory: ".")
        XCTAssertNotEqual(omitted.modelHash, hidden.modelHash)
    }

    private func diagnostics(_ yaml: String) -> [String] {
        do {
            _ = try DeploymentLoader.load(yaml: yaml, file: "v.yaml", baseDirectory: ".")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    func testV2FactsAreValidatedAtTheirPosition() {
        let base = Self.full
        var errors = diagnostics(base.replacingOccurrences(of: "biometric_comparison: one-to-many", with: "biometric_comparison: one-to-all"))
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].hasPrefix("v.yaml:33:126: error: "), errors[0])
        XCTAssertTrue(errors[0].contains("invalid value 'one-to-all' for features[0].biometric_comparison"), errors[0])
        XCTAssertTrue(errors[0].contains("did you mean 'one-to-one'? allowed: one-to-one, one-to-many, categorisation"), errors[0])

        errors = diagnostics(base.replacingOccurrences(of: "{data: raw-video, duration: 0, purposes: [counting]}", with: "{data: raw-video, duration: 0, purposes: [countin]}"))
        XCTAssertEqual(errors, ["v.yaml:38:47: error: retention[0].purposes[0] refers to unknown purpose 'countin' (hint: did you mean 'counting'? known purposes: counting)"])

        errors = diagnostics(base.replacingOccurrences(of: "in_force_until: 2025-03-31", with: "in_force_until: 2023-01-01"))
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].contains("purposes[0].legal_texts[0].in_force_until (2023-01-01) is before purposes[0].legal_texts[0].in_force_from (2023-05-20)"), errors[0])
        XCTAssertTrue(errors[0].hasPrefix("v.yaml:28:114: error: "), errors[0])

        errors = diagnostics(base.replacingOccurrences(of: "additional_legal_bases: [legal-obligation]", with: "additional_legal_bases: [legitimate-interests]"))
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].contains("additional_legal_bases[0] repeats the purpose's legal_basis 'legitimate-interests'"), errors[0])

        errors = diagnostics(base.replacingOccurrences(of: "cameras: [cam-1], purposes: [counting], sign_version", with: "cameras: [cam-9], purposes: [counting], sign_version"))
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].contains("information_channels[0].cameras[0] refers to unknown camera 'cam-9'"), errors[0])

        errors = diagnostics(base.replacingOccurrences(of: "information_channels: [note]", with: "information_channels: [notes]"))
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].contains("workforce.information_channels[0] refers to unknown information channel 'notes'"), errors[0])

        errors = diagnostics(base.replacingOccurrences(of: "exception: 9(2)(g)", with: "exception: 9(2)(k)"))
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].contains("invalid value '9(2)(k)' for purposes[0].special_category_condition.exception"), errors[0])

        errors = diagnostics(base.replacingOccurrences(of: "lifecycle: {phase: pilot,", with: "lifecycle: {phase: trial,"))
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].contains("deployment.lifecycle.phase"), errors[0])

        errors = diagnostics(base.replacingOccurrences(of: "    public_body: true\n", with: "    public_body: true\n    province: QC\n"))
        XCTAssertEqual(errors, [], "a province with no CA jurisdiction is not a contradiction")
        errors = diagnostics(base.replacingOccurrences(of: "    public_body: true\n", with: "    public_body: true\n    province: QC\n")
            .replacingOccurrences(of: "  sector: retail", with: "  sector: retail\n  jurisdictions: [CA, CA-ON]"))
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].contains("deployment.controller.province 'QC' contradicts jurisdiction 'CA-ON'"), errors[0])
    }

    func testJSONSchemaDescribesEveryV2Fact() throws {
        let schema = ModelSchema.jsonSchema()
        for key in ["information_channels", "workforce", "public_body", "entrusted_by_law", "federally_regulated", "province",
                    "reuses_data", "arrangement", "lifecycle", "additional_legal_bases", "legal_texts",
                    "special_category_condition", "law_enforcement", "employee_monitoring", "biometric_modality",
                    "biometric_comparison", "hidden", "until_event", "next_review", "parts", "sign_version",
                    "staff_council", "in_force_until", "rest-area", "staff-representative-premises", "law-enforcement-task",
                    "qc-efvp", "9(2)(g)", "consent-form", "contract-clause"] {
            XCTAssertTrue(schema.contains("\"\(key)\""), key)
        }
    }
}

/// The minimal model of `LoaderBasicsTests`, reachable as a constant.
enum LoaderBasicsTestsMinimal {
    static let text = LoaderBasicsTests.minimal + "\n"
}
