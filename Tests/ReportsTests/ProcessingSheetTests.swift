import Assessment
import DeploymentModel
import XCTest
@testable import Reports

final class ProcessingSheetTests: XCTestCase {
    func testOneSheetPerPurposeWithEveryArticle30Field() throws {
        let loaded = try ReportsTestSupport.fixture("city.yaml")
        let reports = try ProcessingSheetReport.render(loaded.document, modelHash: loaded.modelHash,
                                                       templates: ReportsTestSupport.templates(.en),
                                                       generatedAt: ReportsTestSupport.fixedDate)
        XCTAssertEqual(reports.map(\.baseName), ["sheet-wrong-way"])
        let md = reports[0].markdown
        for heading in ["## 1. Controller and data protection officer", "## 2. Processors (Article 30(2) and Article 28)",
                        "## 3. Purpose and legal basis", "## 4. Data subjects and personal data", "## 5. Recipients",
                        "## 6. Transfers outside the European Economic Area", "## 7. Retention periods",
                        "## 8. Security measures (Article 32)", "## 9. Rights of data subjects and how to exercise them",
                        "## 10. Data protection impact assessment"] {
            XCTAssertTrue(md.contains(heading + "\n"), "missing \(heading)")
        }
        XCTAssertTrue(md.contains("| Legal basis | Task carried out in the public interest — GDPR Art. 6(1)(e) |"))
        // Per purpose: the wrong-way purpose outputs events and snapshots, so the statistics sent
        // to the US cloud belong to another purpose's sheet, not to this one.
        XCTAssertFalse(md.contains("edge-box → stats-cloud (statistics)"))
        XCTAssertTrue(md.contains("| snapshots (still images) | 72 hours | vms | no | — |"))
        XCTAssertTrue(md.contains("| DPIA reference | DPIA-2025-01 |"))
        XCTAssertTrue(md.contains("| Record drawn up on | January 15, 2026 |"))
        let preview = ProcessInfo.processInfo.environment["REPORTS_PREVIEW_DIR"]
        if let preview {
            for lang in Language.allCases {
                let r = try ProcessingSheetReport.render(loaded.document, modelHash: loaded.modelHash,
                                                         templates: ReportsTestSupport.templates(lang),
                                                         generatedAt: ReportsTestSupport.fixedDate)
                try ReportWriter.write(r, formats: ReportFormat.textFormats, to: preview + "/" + lang.rawValue)
            }
        }
    }
}
