import Assessment
import DeploymentModel
import XCTest

/// The assessment's own ids (WP248 criteria, Art. 35(3) cases, risks, severities, verdicts) have a
/// label in every language table, so documents never print an id.
final class LabelCoverageTests: XCTestCase {
    func testAssessmentIdsHaveLabelsInEveryLanguage() throws {
        let directory = Fixtures.packageRoot.appendingPathComponent("labels").path
        let analysis = ThresholdAnalyzer.analyse(try DeploymentLoader.load(path: Fixtures.example("massy-city")).document)
        var keys = (analysis.criteria + analysis.article35_3).map { "wp248.\($0.id)" }
        keys += RiskAnalyzer.riskIds.map { "risk.\($0)" }
        keys += Severity.allCases.map { "severity.\($0.rawValue)" }
        keys += [Verdict.compliant, .compliantWithReservations, .nonCompliant, .vetoed].map { "verdict.\($0.rawValue)" }
        XCTAssertEqual(keys.filter { $0.hasPrefix("wp248.") }.count, 12)
        for language in LabelTable.languages {
            let table = try LabelTable.load(language: language, directory: directory)
            for key in keys { XCTAssertTrue(table.has(key), "labels/\(language).yaml: no label for \(key)") }
        }
    }
}
