import XCTest
import DeploymentModel
@testable import Assessment

/// The logic errors L1–L19 of the December legal audit (LEGAL-AUDIT-2026-12.md §4), each run on
/// the audit's minimal case (or one written here where the audit gives none) with the built-in
/// rule packs through the real assessor. Each test failed on the packs at commit ade76e4
/// (run them with `SILHOUETTE_RULES_DIR` pointing at that commit's `rules/` to see it).
final class LogicErrorTests: XCTestCase {
    /// A model with one controller; `sections` are appended as written (top-level YAML).
    func model(sector: String = "public-authority", jurisdictions: String = "[EU, FR]", publiclyAccessible: Bool = true,
               deployment extra: String = "", _ sections: String) -> String {
        """
        apiVersion: silhouette/v1
        deployment:
          id: l-case
          name: Minimal case
          jurisdictions: \(jurisdictions)
          sector: \(sector)
          publicly_accessible: \(publiclyAccessible)
          controller: {name: Ville de Massy, country: FR, contact: dpo@massy.example}
        \(extra.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        \(sections)
        """
    }

    /// `RULE-ID subject` of every open finding of the built-in packs on `yaml` as of `date`.
    func findings(_ yaml: String, date: String = "2026-11-23") throws -> Set<String> {
        let loaded = try DeploymentLoader.load(yaml: yaml, file: "l-case.yaml", baseDirectory: NSTemporaryDirectory())
        let rules = try RuleSet.load(packs: nil, extraDirectories: [], jurisdictions: loaded.document.deployment.jurisdictions)
        let result = Assessor.assess(loaded, rules: rules, context: AssessmentContext(now: Fixtures.day(date)))
        return Set(result.findings.map { "\($0.ruleId) \($0.subjectPath)" })
    }

    let wrongWay = """
        purposes:
          - {id: wrong-way, description: Detect vehicles driving the wrong way on slip roads, legal_basis: public-task,
             legal_basis_ref: "CSI L251-2 (régulation des flux de transport)", necessity: Four incidents in 2023, features: [dir]}
        features:
          - {id: dir, kind: direction, subjects: [vehicle], outputs: [event], on_device: true}
        cameras:
          - {id: c1, site: rn20, zone: public-road, purposes: [wrong-way]}
        """

    func testL1AlgorithmicAnalysisOnCSIL2512AloneFailsOnAnyDate() throws {
        for date in ["2024-07-20", "2026-11-23"] {
            XCTAssertTrue(try findings(model(wrongWay), date: date).contains("FR-ALGO-001 purposes[0]"), date)
        }
    }

    func testL1TheExperimentPassesOnlyForItsEventsControllersAndDates() throws {
        let event = model(deployment: "legal_experiment: fr-jo-2024", """
            purposes:
              - {id: festival, description: Detect excessive density at the festival grounds, legal_basis: public-task,
                 legal_basis_ref: "Loi n° 2023-380 du 19 mai 2023, art. 10", necessity: 25000 visitors a day, features: [crowd]}
            features:
              - {id: crowd, kind: density, subjects: [person], outputs: [alert], on_device: true}
            cameras:
              - {id: c1, site: grounds, zone: public-space, purposes: [festival]}
            authorisations:
              - {kind: prefectoral-algorithmic, reference: "Arrêté 2024-07-1", date: "2024-07-10", expires: "2024-07-15"}
            """)
        XCTAssertFalse(try findings(event, date: "2024-07-12").contains("FR-ALGO-001 purposes[0]"))
        XCTAssertTrue(try findings(event, date: "2025-04-01").contains("FR-ALGO-001 purposes[0]"))
        // L9: a retailer relying on the experiment inside its period.
        let shop = event.replacingOccurrences(of: "sector: public-authority", with: "sector: retail")
        XCTAssertTrue(try findings(shop, date: "2024-07-12").contains("FR-ALGO-001 purposes[0]"))
    }

    func testL2ABlanketRefusalOfTheRightToObjectFails() throws {
        let yaml = model(wrongWay + """

            rights: {objection: "not applicable to the public-task purposes (Art. 21(1) compelling grounds); see the notice"}
            """)
        XCTAssertTrue(try findings(yaml).contains("GDPR-RIGHTS-002 purposes[0]"))
    }

    func testL3PublicRoadCamerasWithoutTheFlagStillNeedADPIAAndTheRebuttalDoesNotCount() throws {
        let cameras = (1...60).map { "  - {id: c\($0), site: road, zone: public-road, purposes: [counting]}" }.joined(separator: "\n")
        let yaml = model(publiclyAccessible: false, """
            purposes:
              - {id: counting, description: Count vehicles by class on the ring road, legal_basis: public-task, necessity: Traffic planning, features: [cnt]}
            features:
              - {id: cnt, kind: vehicle-class, subjects: [vehicle], outputs: [count], on_device: true}
            cameras:
            \(cameras)
            justifications: {dpia_not_required: "Only vehicles are counted; no image is kept."}
            """)
        let found = try findings(yaml)
        XCTAssertTrue(found.contains("DPIA-001 deployment"), "\(found)")
        XCTAssertTrue(found.contains("DPIA-002 deployment"), "\(found)")
    }

    func testL4FaceDetectionForBlurringIsNotAnImageOutput() throws {
        let yaml = model(sector: "retail", """
            purposes:
              - {id: footfall, description: Count visitors by hour at the entrance, legal_basis: legitimate-interests, necessity: Staffing, features: [cnt, fd, b], statistics_only: true}
            features:
              - {id: cnt, kind: counting, subjects: [person], outputs: [count], on_device: true}
              - {id: fd, kind: face-detection, subjects: [face], outputs: [image], on_device: true}
              - {id: b, kind: blur, subjects: [person], outputs: [image], on_device: true}
            cameras:
              - {id: c1, site: mall, zone: entrance, purposes: [footfall]}
            """)
        let found = try findings(yaml)
        XCTAssertFalse(found.contains("GDPR-MIN-003 features[1]"), "\(found)")
        XCTAssertFalse(found.contains("FR-CNIL-002 purposes[0]"), "\(found)")
    }

    func testL5AnUnrelatedBlurFeatureDoesNotExemptATextDescriptionOfPeople() throws {
        let yaml = model(sector: "retail", """
            purposes:
              - {id: describe, description: Describe what shoppers do in each aisle, legal_basis: legitimate-interests, necessity: Layout, features: [gen]}
              - {id: privacy, description: Blur people in the exported timelapse, legal_basis: legitimate-interests, necessity: Privacy, features: [b]}
            features:
              - {id: gen, kind: generative-description, subjects: [person], outputs: [text], on_device: true}
              - {id: b, kind: blur, subjects: [person], outputs: [image], on_device: true}
            cameras:
              - {id: c1, site: shop, zone: shop-floor, purposes: [describe, privacy]}
            """)
        XCTAssertTrue(try findings(yaml).contains("BIO-005 features[0]"))
    }

    func testL6AProcessorInTheUSWithFlowsWithoutCountryNeedsAMechanism() throws {
        let yaml = model(sector: "retail", deployment: """
            processors:
              - {id: acme, name: Acme Analytics Inc., role: processor, country: US, contract: art28-signed, services: [hosting]}
            """, """
            cameras:
              - {id: c1, site: shop, zone: shop-floor}
            systems:
              - {id: cloud, kind: cloud, operated_by: acme, country: US, holds: [events], access_control: true, access_logging: true}
            data_flows:
              - {from: c1, to: cloud, data: events, encrypted: true}
            """)
        let found = try findings(yaml)
        XCTAssertTrue(found.contains("GDPR-TRANSFER-002 deployment.processors[0]"), "\(found)")
        XCTAssertTrue(found.contains("GDPR-TRANSFER-001 data_flows[0]"), "\(found)")
    }

    func testL7AWarehouseKeeping35DaysGetsTheCNILRecommendationNotTheCSICap() throws {
        let yaml = model(sector: "workplace", publiclyAccessible: false, """
            cameras:
              - {id: c1, site: warehouse, zone: workplace}
            retention:
              - {data: raw-video, duration: 35d}
            """)
        let found = try findings(yaml)
        XCTAssertFalse(found.contains("FR-CSI-002 retention[0]"), "\(found)")
        XCTAssertTrue(found.contains("FR-CNIL-004 retention[0]"), "\(found)")
    }

    func testL8AnAuthorisationWithoutExpiryLapsesAfterFiveYears() throws {
        let yaml = model(wrongWay + """

            authorisations:
              - {kind: prefectoral, reference: "Arrêté 2015-07", date: "2015-06-01"}
            """)
        XCTAssertTrue(try findings(yaml).contains("FR-CSI-001 deployment"))
        XCTAssertFalse(try findings(yaml, date: "2019-06-01").contains("FR-CSI-001 deployment"))
    }

    func testL9ARetailerCannotRelyOnTheExperiment() throws {
        let yaml = model(sector: "retail", deployment: "legal_experiment: fr-jo-2024", """
            purposes:
              - {id: safety, description: Detect abandoned objects on the shop floor, legal_basis: legitimate-interests, necessity: Bag alerts, features: [obj]}
            features:
              - {id: obj, kind: abandoned-object, subjects: [object], outputs: [event], on_device: true}
            cameras:
              - {id: c1, site: shop, zone: shop-floor, purposes: [safety]}
            authorisations:
              - {kind: prefectoral-algorithmic, reference: "Arrêté 2024-07-2", date: "2024-07-10", expires: "2024-07-30"}
            """)
        XCTAssertTrue(try findings(yaml, date: "2024-07-20").contains("FR-ALGO-001 purposes[0]"))
    }

    func testL12BiometricIdentificationWithoutVulnerablePersonsIsNotCNILType11() throws {
        let yaml = model(sector: "retail", """
            purposes:
              - {id: access, description: Open the staff door by face for registered employees, legal_basis: consent, necessity: Door access, features: [face]}
            features:
              - {id: face, kind: face-recognition, subjects: [face], outputs: [event], on_device: true}
            cameras:
              - {id: c1, site: office, zone: closed-site, purposes: [access]}
            """)
        XCTAssertFalse(try findings(yaml).contains("DPIA-004 deployment"))
    }

    func testL13ExpressConsentIsAGDPRBasis() throws {
        let yaml = model(sector: "retail", """
            purposes:
              - {id: badge, description: Verify a member's identity at the gym entrance with their agreement, legal_basis: express-consent, necessity: Access control, features: [cnt]}
            features:
              - {id: cnt, kind: counting, subjects: [person], outputs: [count], on_device: true}
            """)
        XCTAssertFalse(try findings(yaml).contains("GDPR-LAWFUL-001 purposes[0]"))
    }

    func testL14AGenericDescriptionFailsWhateverItsLengthAndCase() throws {
        let yaml = model(sector: "retail", """
            purposes:
              - {id: sec, description: For your safety and security, legal_basis: legitimate-interests, necessity: Theft, features: [cnt]}
            features:
              - {id: cnt, kind: counting, subjects: [person], outputs: [count], on_device: true}
            """)
        XCTAssertTrue(try findings(yaml).contains("GDPR-PURPOSE-001 purposes[0]"))
    }

    func testL15AOneWordJustificationDoesNotCoverAYearOfVideo() throws {
        let yaml = model(sector: "retail", """
            retention:
              - {data: raw-video, duration: 1y, justification: security}
              - {data: clips, duration: 14d}
              - {data: snapshots, duration: 31d}
            """)
        let found = try findings(yaml)
        for subject in ["retention[0]", "retention[1]", "retention[2]"] {
            XCTAssertTrue(found.contains("GDPR-STORAGE-001 \(subject)"), "\(subject): \(found)")
        }
    }

    func testL16AQuebecBiometricDatabaseNeedsAGoLiveDate() throws {
        let yaml = model(sector: "retail", jurisdictions: "[CA, CA-QC]", """
            purposes:
              - {id: access, description: Verify members' identity at the gym entrance, legal_basis: express-consent, necessity: Access control, features: [face]}
            features:
              - {id: face, kind: face-recognition, subjects: [face], outputs: [event], on_device: true}
            authorisations:
              - {kind: cai-disclosure, reference: "CAI 2026-0042", date: "2026-05-15"}
            """)
        XCTAssertTrue(try findings(yaml).contains { $0.hasPrefix("CA-QC-001 ") })
    }

    func testL17NoImageStoredNoRedactionDemanded() throws {
        let yaml = model("""
            purposes:
              - {id: cyclists, description: Count cyclists by hour on the cycle paths, legal_basis: public-task, necessity: Planning, features: [cnt], statistics_only: true}
            features:
              - {id: cnt, kind: counting, subjects: [bicycle], outputs: [count], on_device: true}
            systems:
              - {id: stats, kind: server, operated_by: controller, holds: [statistics], access_control: true, access_logging: true}
            retention:
              - {data: raw-video, duration: 0}
              - {data: statistics, duration: 1y, anonymised: true}
            rights: {access: "request to the DPO"}
            """)
        XCTAssertFalse(try findings(yaml).contains("GDPR-RIGHTS-001 deployment"))
    }

    /// The loader only accepts `controller` or a processor as `operated_by`, so the minimal case
    /// reaches the rule through its example (a model imported or written by another tool).
    func testL18TheControllerNamedByItsNameOperatesItsOwnSystem() throws {
        let rules = try RuleSet.loadAll(extraDirectories: [])
        let rule = try XCTUnwrap(rules.rule(id: "ETH-STORE-001"))
        let results = rule.runExamples()
        XCTAssertTrue(results.allSatisfy(\.ok), "\(results.compactMap(\.problem))")
        let byName = try XCTUnwrap(rule.examples.firstIndex { example in
            example.label == .pass && "\(example.values["deployment"].map { "\($0)" } ?? "")".contains("Ville de Massy")
        })
        XCTAssertEqual(results[byName].outcome, .pass)
    }

    func testL19APriorConsultationIsADatedActNotAnyString() throws {
        let yaml = model(sector: "retail", """
            purposes:
              - {id: watch, description: Match shoppers' faces against a list of barred persons, legal_basis: legitimate-interests, necessity: Theft, features: [face]}
            features:
              - {id: face, kind: face-recognition, subjects: [face], outputs: [event, template], on_device: false}
            cameras:
              - {id: c1, site: shop, zone: shop-floor, purposes: [watch]}
            dpia: {reference: AIPD-1, date: "2026-01-01", prior_consultation: "planned"}
            """)
        XCTAssertTrue(try findings(yaml).contains("DPIA-008 deployment"))
    }

    func testL10AGenericCameraSignIsNotArticle50_3Information() throws {
        let yaml = model(sector: "retail", """
            purposes:
              - {id: mood, description: Estimate shoppers' mood at the tills, legal_basis: legitimate-interests, necessity: Service quality, features: [emo]}
            features:
              - {id: emo, kind: emotion, subjects: [person], outputs: [event], on_device: true}
            cameras:
              - {id: c1, site: shop, zone: shop-floor, purposes: [mood], signage: {first_layer: true, placed_before_entry: true}}
            information_channels:
              - {id: sign, kind: sign, cameras: [c1], states: [controller-identity, purposes, rights, second-layer]}
            """)
        XCTAssertTrue(try findings(yaml).contains("AI-TRANSP-001 features[0]"))
        let named = yaml.replacingOccurrences(of: "second-layer]}", with: "second-layer, biometric-processing]}")
        XCTAssertFalse(try findings(named).contains("AI-TRANSP-001 features[0]"))
    }

    func testL11OneToOneVerificationIsNotAnnexIIIPoint1a() throws {
        let yaml = model(sector: "retail", """
            purposes:
              - {id: badge, description: Check that the badge holder is the person on the badge at the staff door, legal_basis: express-consent, necessity: Door access, features: [face]}
            features:
              - {id: face, kind: face-recognition, subjects: [face], outputs: [event], on_device: true, biometric_comparison: one-to-one}
            """)
        XCTAssertFalse(try findings(yaml, date: "2028-01-10").contains("AI-HIGHRISK-001 features[0]"))
        // Still biometric data under GDPR Art. 9: the legal twin of the charter rule asks for an exception.
        XCTAssertTrue(try findings(yaml, date: "2028-01-10").contains("GDPR-SPECIAL-002 purposes[0]"))
        let identification = yaml.replacingOccurrences(of: "one-to-one", with: "one-to-many")
        XCTAssertTrue(try findings(identification, date: "2028-01-10").contains("AI-HIGHRISK-001 features[0]"))
    }

    /// The dates mechanism that the AI Act and GDPR rules now rely on.
    func testObligationsNotInForceAreLeftOutAndListed() throws {
        let yaml = model(sector: "retail", """
            purposes:
              - {id: mood, description: Estimate shoppers' mood at the tills, legal_basis: legitimate-interests, necessity: Service quality, features: [emo]}
            features:
              - {id: emo, kind: emotion, subjects: [person], outputs: [event], on_device: true}
            cameras:
              - {id: c1, site: shop, zone: shop-floor, purposes: [mood]}
            """)
        let loaded = try DeploymentLoader.load(yaml: yaml, file: "l-case.yaml", baseDirectory: NSTemporaryDirectory())
        let rules = try RuleSet.load(packs: nil, extraDirectories: [], jurisdictions: ["EU", "FR"])
        let before = Assessor.assess(loaded, rules: rules, context: AssessmentContext(now: Fixtures.day("2026-06-01")))
        XCTAssertFalse(before.findings.contains { $0.ruleId == "AI-TRANSP-001" })
        let left = try XCTUnwrap(before.rulesNotInForce?.first { $0.ruleId == "AI-TRANSP-001" })
        XCTAssertEqual(left.reason(.en), "applies from 2 August 2026")
        XCTAssertEqual(left.reason(.fr), "applicable à compter du 2\u{00A0}août 2026")
        let after = Assessor.assess(loaded, rules: rules, context: AssessmentContext(now: Fixtures.day("2026-11-23")))
        XCTAssertFalse(after.rulesNotInForce?.contains { $0.ruleId == "AI-TRANSP-001" } ?? true)
        // Before the GDPR applied, no GDPR rule runs.
        let old = Assessor.assess(loaded, rules: rules, context: AssessmentContext(now: Fixtures.day("2017-01-10")))
        XCTAssertFalse(old.findings.contains { $0.pack == "gdpr" || $0.pack == "dpia" })
        XCTAssertTrue(old.rulesNotInForce?.contains { $0.ruleId == "GDPR-STORAGE-001" } ?? false)
    }
}
