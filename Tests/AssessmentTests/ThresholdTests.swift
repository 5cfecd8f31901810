import XCTest
import DeploymentModel
@testable import Assessment

final class ThresholdTests: XCTestCase {
    func analyse(_ example: String) throws -> ThresholdAnalysis {
        ThresholdAnalyzer.analyse(try DeploymentLoader.load(path: Fixtures.example(example)).document)
    }

    func testMassyCityNeedsADPIABecauseItMonitorsPublicSpaceOnALargeScale() throws {
        let analysis = try analyse("massy-city")
        XCTAssertTrue(analysis.dpiaRequired)
        XCTAssertEqual(analysis.metCriteria, ["systematic-monitoring", "large-scale", "vulnerable-subjects", "innovative-technology", "prevents-rights"])
        XCTAssertEqual(analysis.article35_3.filter(\.met).map(\.id), ["art35-3-c"])
        XCTAssertEqual(analysis.reason.en, "DPIA required: Art. 35(3)(c): systematic monitoring of a publicly accessible area on a large scale"
                       + " (200 cameras monitor publicly accessible areas, on a large scale); WP248 criteria met: 5"
                       + " (systematic-monitoring, large-scale, vulnerable-subjects, innovative-technology, prevents-rights)")
        XCTAssertTrue(analysis.reason.fr.hasPrefix("AIPD obligatoire au titre de l'article 35.3.c du RGPD"), analysis.reason.fr)
        let largeScale = try XCTUnwrap(analysis.criteria.first { $0.id == "large-scale" })
        XCTAssertEqual(largeScale.reason.en, "200 cameras (threshold 50), 60000 people a day (threshold 5000); thresholds are vendor settings, WP248 gives no figure")
    }

    func testNoncompliantStoreIsAnArticle35_3_aCase() throws {
        let analysis = try analyse("noncompliant-store")
        XCTAssertTrue(analysis.dpiaRequired)
        XCTAssertEqual(analysis.article35_3.filter(\.met).map(\.id), ["art35-3-a"])
        XCTAssertEqual(analysis.metCriteria.count, 7)
        let sensitive = try XCTUnwrap(analysis.criteria.first { $0.id == "sensitive-data" })
        XCTAssertEqual(sensitive.reason.en, "features face-watchlist process biometric data (Art. 9)")
        XCTAssertEqual(sensitive.reason.fr, "les fonctions face-watchlist traitent des données biométriques (art. 9)")
    }

    func testConstructionTimelapseMeetsOneCriterionOnly() throws {
        let analysis = try analyse("construction-timelapse")
        XCTAssertFalse(analysis.dpiaRequired)
        XCTAssertEqual(analysis.metCriteria, ["vulnerable-subjects"])
        XCTAssertEqual(analysis.criteria.count, 9)
        XCTAssertTrue(analysis.reason.en.hasPrefix("DPIA not required by the criteria: 1 WP248 criterion met"), analysis.reason.en)
    }

    func testEveryCriterionHasBothLanguages() throws {
        for example in ["massy-city", "mall-visitor-analytics", "construction-timelapse", "noncompliant-store"] {
            for criterion in try analyse(example).criteria {
                XCTAssertFalse(criterion.reason.en.isEmpty || criterion.reason.fr.isEmpty || criterion.reason.en == criterion.reason.fr,
                               "\(example) \(criterion.id)")
            }
        }
    }

    func testRisksAreComputedFromMeasuresAndOverriddenWithAJustification() throws {
        let massy = RiskAnalyzer.analyse(try DeploymentLoader.load(path: Fixtures.example("massy-city")).document)
        XCTAssertEqual(massy.map(\.id), RiskAnalyzer.riskIds)
        let chilling = try XCTUnwrap(massy.first { $0.id == "chilling-effect" })
        XCTAssertEqual([chilling.inherentSeverity, chilling.inherentLikelihood, chilling.residualSeverity, chilling.residualLikelihood], [2, 2, 2, 1])
        XCTAssertEqual(chilling.overridden?.hasPrefix("no identification"), true)

        let store = RiskAnalyzer.analyse(try DeploymentLoader.load(path: Fixtures.example("noncompliant-store")).document)
        let reidentification = try XCTUnwrap(store.first { $0.id == "re-identification" })
        XCTAssertEqual([reidentification.inherentSeverity, reidentification.inherentLikelihood], [4, 4])
        XCTAssertTrue(reidentification.isHighResidual)
        XCTAssertNil(reidentification.overridden)
        let access = try XCTUnwrap(massy.first { $0.id == "illegitimate-access" })
        XCTAssertLessThan(access.residualLikelihood, access.inherentLikelihood)
        XCTAssertFalse(access.measures.isEmpty)
    }
}
