import Assessment
import DeploymentModel
import XCTest
@testable import Reports

/// The Markdown of every report for every example, in both languages, against reviewed golden
/// files (Tests/ReportsTests/Golden). A change in wording, escaping or structure shows up as a diff.
final class GoldenReportTests: XCTestCase {
    func testPIAReports() throws {
        for example in ReportsTestSupport.examples {
            let loaded = try ReportsTestSupport.example(example)
            let context = try ReportsTestSupport.context(loaded)
            for lang in Language.allCases {
                let report = try PIAReport.render(context, templates: ReportsTestSupport.templates(lang))
                try GoldenFiles.assertMatches(report.markdown, name: "\(example)/pia.\(lang.rawValue).md")
            }
        }
    }

    func testProcessingSheets() throws {
        for example in ReportsTestSupport.examples {
            let loaded = try ReportsTestSupport.example(example)
            for lang in Language.allCases {
                let all = try ProcessingSheetReport.render(loaded.document, modelHash: loaded.modelHash,
                                                           templates: ReportsTestSupport.templates(lang),
                                                           generatedAt: ReportsTestSupport.fixedDate)
                // The register repeats the sheets and records: tested in ProcessingSheetTests, not kept as golden.
                let sheets = all.filter { $0.baseName != "register" }
                XCTAssertEqual(sheets.filter { $0.baseName.hasPrefix("sheet-") }.count, loaded.document.purposes.count)
                XCTAssertEqual(sheets.filter { $0.baseName.hasPrefix("processor-") }.count, loaded.document.deployment.processors.count)
                let joined = sheets.map { "<!-- \($0.baseName).md -->\n\n" + $0.markdown }.joined(separator: "\n")
                try GoldenFiles.assertMatches(joined, name: "\(example)/sheets.\(lang.rawValue).md")
            }
        }
    }

    func testEthicsReports() throws {
        let documents = try ReportsTestSupport.examples.map { try ReportsTestSupport.example($0).document }
        for lang in Language.allCases {
            let report = try EthicsReport.render(opinions: ReportsTestSupport.opinions, scope: .register(documents),
                                                 templates: ReportsTestSupport.templates(lang), generatedAt: ReportsTestSupport.fixedDate)
            try GoldenFiles.assertMatches(report.markdown, name: "ethics.\(lang.rawValue).md")
        }
    }
}
