import Assessment
import DeploymentModel
import XCTest
@testable import Reports

/// The HTML pages: well-formed for libxml2, self-contained (no resource load, no script),
/// with a table of contents, a running header and both figures.
final class HTMLOutputTests: XCTestCase {
    func allReports(_ example: String, _ lang: Language) throws -> [RenderedReport] {
        try ReportsTestSupport.allReports(ReportsTestSupport.context(ReportsTestSupport.example(example)), lang)
    }

    func testEveryPageParsesAndLoadsNothing() throws {
        for example in ReportsTestSupport.examples {
            for lang in Language.allCases {
                for report in try allReports(example, lang) {
                    let where_ = "\(example)/\(report.baseName).\(lang.rawValue).html"
                    XCTAssertEqual(HTMLChecks.parserErrors(report.html).map(\.description), [], where_)
                    XCTAssertEqual(HTMLChecks.resourceLoads(report.html), [], where_)
                    XCTAssertTrue(report.html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"), where_)
                    XCTAssertTrue(report.html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(lang.rawValue)\">"), where_)
                }
            }
        }
    }

    func testPIAPageHasTableOfContentsRunningHeaderAndFigures() throws {
        let report = try allReports("noncompliant-store", .en)[0]
        let html = report.html
        XCTAssertTrue(html.contains("<nav class=\"toc\" aria-label=\"Contents\">"))
        XCTAssertTrue(html.contains("<li><a href=\"#s-10\">10. Risks</a><ol><li><a href=\"#s-10-1\">R1. Illegitimate access to data</a></li>"))
        XCTAssertTrue(html.contains("<h2 id=\"s-10\">10. Risks</h2>"))
        XCTAssertTrue(html.contains("<header class=\"running-header\">"))
        XCTAssertTrue(html.contains("@page { @top-left { content: \""))
        XCTAssertEqual(html.components(separatedBy: "<svg xmlns=\"http://www.w3.org/2000/svg\"").count - 1, 2)
        XCTAssertTrue(html.contains("class=\"risk-map\""))
        XCTAssertTrue(html.contains("class=\"data-flow\""))
        XCTAssertFalse(html.contains("SILHOUETTEFIGURE"), "a figure token was left in the page")
        XCTAssertFalse(report.markdown.contains("SILHOUETTEFIGURE"), "a figure token was left in the Markdown")
        XCTAssertTrue(report.markdown.contains("*Risk map: see the table below (drawn in the HTML version).*"))
    }

    func testWriterIsAtomicAndRefusesAFileAsDirectory() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("reports-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let reports = try allReports("construction-timelapse", .fr)
        let written = try ReportWriter.write(reports, formats: [.md, .html], to: base.path + "/out")
        // The PIA brings its action plan as CSV and the sheets the register as CSV, whatever the formats.
        XCTAssertEqual(written.count, reports.count * 2 + 2)
        let names = try FileManager.default.contentsOfDirectory(atPath: base.path + "/out").sorted()
        XCTAssertEqual(names, (reports.flatMap { [$0.baseName + ".html", $0.baseName + ".md"] } + ["action-plan.csv", "register.csv"]).sorted())
        // Into an existing directory: files replaced, no staging directory left behind.
        try ReportWriter.write(reports, formats: [.json], to: base.path + "/out")
        let after = try FileManager.default.contentsOfDirectory(atPath: base.path + "/out")
        XCTAssertFalse(after.contains { $0.hasPrefix(".silhouette-report-") })
        XCTAssertEqual(after.count, reports.count * 3 + 2)
        try Data("x".utf8).write(to: base.appendingPathComponent("file"))
        XCTAssertThrowsError(try ReportWriter.write(reports, formats: [.md], to: base.path + "/file")) { error in
            XCTAssertEqual("\(error)", "\(base.path)/file exists and is not a directory; hint: pass a directory to -o")
        }
    }
}
