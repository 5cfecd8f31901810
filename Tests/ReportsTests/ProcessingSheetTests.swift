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
        XCTAssertEqual(reports.map(\.baseName).filter { $0.hasPrefix("sheet-") }, ["sheet-wrong-way"])
        XCTAssertEqual(reports.last?.baseName, "register")
        let md = reports[0].markdown
        for heading in ["## 1. Controller and data protection officer", "## 2. Processors (Article 30(2) and Article 28)",
                        "## 3. Purpose and legal basis", "## 4. Data subjects and personal data", "## 5. Recipients",
                        "## 6. Transfers outside the European Economic Area", "## 7. Retention periods",
                        "## 8. Security measures (GDPR Article 32)", "## 9. Rights of data subjects and how to exercise them",
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

    /// Art. 30(2): one record per processor (the controller it acts for, the categories of
    /// processing, transfers, security), and the whole register as one document, in both languages.
    func testProcessorRecordsAndTheWholeRegister() throws {
        let loaded = try ReportsTestSupport.example("massy-city")
        for lang in Language.allCases {
            let reports = try ProcessingSheetReport.render(loaded.document, modelHash: loaded.modelHash,
                                                           templates: ReportsTestSupport.templates(lang),
                                                           generatedAt: ReportsTestSupport.fixedDate)
            let names = reports.map(\.baseName)
            XCTAssertEqual(names.filter { $0.hasPrefix("processor-") }, ["processor-analytics-vendor", "processor-integrator", "processor-hosting"])
            let fr = lang == .fr
            let hosting = try XCTUnwrap(reports.first { $0.baseName == "processor-hosting" }).markdown
            XCTAssertTrue(hosting.contains(fr ? "# Registre du sous-traitant — Hébergeur Souverain SAS" : "# Processor's record — Hébergeur Souverain SAS"))
            XCTAssertTrue(hosting.contains(fr ? "| Responsable de traitement | Ville de Massy |" : "| Controller | Ville de Massy |"))
            for section in fr ? ["(art. 30.2.a)", "(art. 30.2.b)", "(art. 30.2.c)", "(art. 30.2.d et art. 32)"]
                              : ["(Art. 30(2)(a))", "(Art. 30(2)(b))", "(Art. 30(2)(c))", "(Art. 30(2)(d) and Art. 32)"] {
                XCTAssertTrue(hosting.contains(section), "\(lang): missing \(section)")
            }
            // The hosting sub-processor keeps only the anonymous statistics: it serves the
            // cycle counting, not the municipal police's dumping detection.
            XCTAssertTrue(hosting.contains(fr ? "Compter les cyclistes sur les pistes cyclables" : "Count cyclists on cycle paths"), "\(lang)")
            XCTAssertFalse(hosting.contains(fr ? "Détecter les déchets abandonnés" : "Detect waste left on the public highway"), "\(lang)")
            let register = try XCTUnwrap(reports.last { $0.baseName == "register" })
            // Each purpose in the document's language (Massy gives some texts in both).
            for purpose in loaded.document.localised(to: lang.rawValue, untranslated: { $0 }).purposes {
                // French typography turns the apostrophe of « l'éclairage » into ’.
                let start = String(purpose.description.prefix(40))
                XCTAssertTrue(register.markdown.contains(fr ? start.replacingOccurrences(of: "'", with: "’") : start), "\(lang): register lacks \(purpose.id)")
            }
            for processor in loaded.document.deployment.processors {
                // One section per part in the register's contents.
                XCTAssertTrue(register.markdown.contains((fr ? "\n## Registre du sous-traitant — " : "\n## Processor's record — ") + processor.name))
            }
            XCTAssertTrue(register.html.contains(fr ? "Registre des activités de traitement" : "Record of processing activities"))
        }
    }
}
