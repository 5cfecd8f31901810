import DeploymentModel
import Foundation
@testable import Rules
import XCTest

/// The regime routing table (`rules/regimes.yaml`): its own examples, and the acceptance
/// cases of issue 16 with their reason lines.
final class RegimeRoutingTests: XCTestCase {
    var table: RegimeTable!

    override func setUpWithError() throws {
        table = try RegimeTable.load(rulesDirectory: Fixtures.builtinRules)
    }

    func testTheTableExamplesRouteAsLabelled() {
        XCTAssertGreaterThanOrEqual(table.examples.count, 15)
        XCTAssertEqual(table.runExamples(), [])
    }

    private func model(_ jurisdictions: String, sector: String, controller: String = "", purposes: String) throws -> DeploymentDocument {
        let yaml = """
        apiVersion: silhouette/v1
        deployment:
          id: t
          name: T
          jurisdictions: \(jurisdictions)
          sector: \(sector)
          controller: {name: C, country: XX, contact: c@example.org\(controller)}
        purposes:
        \(purposes)
        """
        return try DeploymentLoader.load(yaml: yaml, file: "t.yaml", baseDirectory: ".").document
    }

    private func purpose(_ id: String, _ extra: String = "") -> String {
        "  - {id: \(id), description: \(id) purpose, legal_basis: public-task, necessity: needed\(extra)}"
    }

    func testACommuneSplitsItsPurposesBetweenTheDirectiveAndTheGDPR() throws {
        let document = try model("[EU, FR]", sector: "public-authority", purposes: [
            purpose("offences", ", law_enforcement: true"), purpose("traffic-counting"),
        ].joined(separator: "\n"))
        let routing = try table.route(document)
        XCTAssertEqual(routing.routes.map(\.regime), ["led", "gdpr"])
        XCTAssertEqual(routing.routes[0].reason.en,
                       "public authority, offence prevention or detection (offences) → Directive (EU) 2016/680 (Art. 1(1), 3(7))")
        XCTAssertEqual(routing.routes[0].reason.fr,
                       "autorité publique, prévention ou détection d'infractions (offences) → directive (UE) 2016/680 (art. 1.1 et 3.7)")
        XCTAssertEqual(routing.routes[0].packs, ["led", "ai-act"])
        XCTAssertTrue(routing.routes[0].regimeTitle.fr.contains("titre III de la loi n° 78-17"))
        XCTAssertEqual(routing.routes[1].reason.en, "public authority in the EEA, traffic-counting → GDPR (Art. 2, 3)")
        XCTAssertEqual(routing.routes[1].packs, ["dpia", "gdpr", "fr", "ai-act"])
        XCTAssertEqual(routing.packs, ["dpia", "gdpr", "led", "fr", "ai-act"])
        XCTAssertEqual(routing.purposesByPack["led"], ["offences"])
        XCTAssertEqual(routing.purposesByPack["gdpr"], ["traffic-counting"])
        XCTAssertEqual(routing.purposesByPack["ai-act"], ["offences", "traffic-counting"])
    }

    func testAShopIsNeverACompetentAuthority() throws {
        let routing = try table.route(try model("[EU, FR]", sector: "retail", purposes: purpose("theft", ", law_enforcement: true")))
        XCTAssertEqual(routing.routes[0].regime, "gdpr")
        XCTAssertEqual(routing.routes[0].reason.en,
                       "private controller, offence prevention (theft): not a competent authority (Directive 2016/680 Art. 3(7)) → GDPR, offence data under Art. 10")
    }

    func testABodyEntrustedByLawIsACompetentAuthority() throws {
        let routing = try table.route(try model("[FR]", sector: "transport",
                                                controller: ", entrusted_by_law: {instrument: Code des transports, article: L2251-1}",
                                                purposes: purpose("security", ", law_enforcement: true")))
        XCTAssertEqual(routing.routes[0].regime, "led")
        XCTAssertTrue(routing.routes[0].reason.en.hasPrefix("body entrusted by law, offence prevention"), routing.routes[0].reason.en)
    }

    func testCanadaFollowsProvinceSectorAndFederalRegulation() throws {
        var routing = try table.route(try model("[CA, CA-QC]", sector: "retail", purposes: purpose("footfall")))
        XCTAssertEqual(routing.routes[0].regime, "qc")
        XCTAssertEqual(routing.routes[0].reason.en, "private controller in Québec, footfall → CQLR c P-39.1 (private sector, employees included) and LCCJTI for biometrics")
        routing = try table.route(try model("[CA]", sector: "retail", controller: ", province: ON", purposes: purpose("footfall")))
        XCTAssertEqual(routing.routes[0].regime, "pipeda")
        XCTAssertEqual(routing.routes[0].reason.en, "private controller, commercial activity in ON, footfall → PIPEDA (s. 4(1)(a))")
        routing = try table.route(try model("[CA, CA-QC]", sector: "other", controller: ", federally_regulated: true",
                                            purposes: purpose("branch", ", employee_monitoring: true")))
        XCTAssertEqual(routing.routes[0].regime, "pipeda")
    }

    func testUncoveredLawStopsWithOneLineNamingWhatApplies() throws {
        func error(_ jurisdictions: String, _ sector: String, _ extra: String = "") throws -> String {
            do {
                _ = try table.route(try model(jurisdictions, sector: sector, controller: extra, purposes: purpose("p")))
                return "routed"
            } catch {
                return (error as? RoutingError)?.message(.en) ?? "\(error)"
            }
        }
        let alberta = try error("[CA, CA-AB]", "retail")
        XCTAssertTrue(alberta.hasPrefix("applicable law not covered for purpose 'p': Alberta private sector: the Personal Information Protection Act (SA 2003, c P-6.5) applies instead of PIPEDA"), alberta)
        XCTAssertTrue(alberta.contains("supported: "), alberta)
        let quebecCity = try error("[CA, CA-QC]", "public-authority")
        XCTAssertTrue(quebecCity.contains("Québec public body or municipality: the Act respecting access to documents held by public bodies (CQLR c A-2.1) applies"), quebecCity)
        let uk = try error("[UK]", "retail")
        XCTAssertTrue(uk.contains("United Kingdom: the UK GDPR and the Data Protection Act 2018 apply"), uk)
        let unknown = try error("[XX]", "retail")
        XCTAssertTrue(unknown.hasPrefix("jurisdiction 'XX' is not supported (hint: supported: CA, CA-AB"), unknown)
        XCTAssertTrue(unknown.contains("EU, EEA, AT, BE"), unknown)
        XCTAssertFalse(unknown.contains("UK"), "the UK has no covered regime: \(unknown)")
        XCTAssertEqual(try table.route(try model("[DE]", sector: "retail", purposes: purpose("p"))).routes[0].regime, "gdpr")
    }

    func testACharterReferenceToAnotherRegimesLawIsNotShown() throws {
        let routing = try table.route(try model("[CA, CA-QC]", sector: "retail", purposes: purpose("p")))
        XCTAssertFalse(routing.keeps(LegalReference(law: "GDPR", article: "Art. 9(1)")))
        XCTAssertFalse(routing.keeps(LegalReference(law: "AI Act (Regulation (EU) 2024/1689)", article: "Art. 5")))
        XCTAssertTrue(routing.keeps(LegalReference(law: "Vendor ethics charter", article: "No-biometrics commitment")))
        XCTAssertTrue(routing.keeps(LegalReference(law: "Act to establish a legal framework for information technology (CQLR c C-1.1)", article: "s. 44")))
    }
}
