import Assessment
import DeploymentModel
import Foundation
import XCTest
@testable import Reports

/// Documents show the model's free text in their own language; a text the model gives only in
/// the other language is shown with the label tables' visible mark.
final class FreeTextDocumentTests: XCTestCase {
    func bilingualCity() throws -> LoadedDeployment {
        let text = try String(contentsOfFile: ReportsTestSupport.fixtures + "/city.yaml", encoding: .utf8)
            .replacingOccurrences(of: "    description: Detect vehicles driving the wrong way on the ring road and alert operators.\n", with: """
                description:
                  en: Detect vehicles driving the wrong way on the ring road and alert operators.
                  fr: Détecter les véhicules circulant à contresens sur la rocade et alerter les opérateurs.

            """)
            .replacingOccurrences(of: "    description: Tracks anonymous vehicle silhouettes across a counting line.\n",
                                  with: "    description: {fr: Suit des silhouettes anonymes de véhicules franchissant une ligne de comptage.}\n")
        return try DeploymentLoader.load(yaml: text, file: "city.yaml", baseDirectory: ReportsTestSupport.fixtures)
    }

    func testSheetsShowTheDocumentLanguageOrTheUntranslatedMark() throws {
        let loaded = try bilingualCity()
        XCTAssertNotNil(loaded.document.translations)
        let fr = try ProcessingSheetReport.render(loaded.document, modelHash: loaded.modelHash,
                                                  templates: ReportsTestSupport.templates(.fr), generatedAt: ReportsTestSupport.fixedDate)[0]
        XCTAssertTrue(fr.markdown.contains("Détecter les véhicules circulant à contresens sur la rocade et alerter les opérateurs"), fr.markdown)
        XCTAssertFalse(fr.markdown.contains("Detect vehicles driving the wrong way on the ring road"))

        let en = try ProcessingSheetReport.render(loaded.document, modelHash: loaded.modelHash,
                                                  templates: ReportsTestSupport.templates(.en), generatedAt: ReportsTestSupport.fixedDate)[0]
        XCTAssertTrue(en.markdown.contains("Detect vehicles driving the wrong way on the ring road and alert operators"))
        XCTAssertFalse(en.markdown.contains("Détecter les véhicules"))
    }

    func testPIAMarksTextMissingInItsLanguage() throws {
        let loaded = try bilingualCity()
        let context = ReportContext(loaded: loaded, assessment: try ReportsTestSupport.assess(loaded), generatedAt: ReportsTestSupport.fixedDate)
        let en = try PIAReport.render(context, templates: ReportsTestSupport.templates(.en)).markdown
        XCTAssertTrue(en.contains("⟨untranslated⟩ Suit des silhouettes anonymes de véhicules franchissant une ligne de comptage."), en)
        let fr = try PIAReport.render(context, templates: ReportsTestSupport.templates(.fr)).markdown
        XCTAssertTrue(fr.contains("Suit des silhouettes anonymes de véhicules franchissant une ligne de comptage."))
        XCTAssertFalse(fr.contains("⟨non traduit⟩ Suit des silhouettes"))
        XCTAssertTrue(fr.contains("Détecter les véhicules circulant à contresens"))
    }

    /// A purpose's legal basis reference and who may see retained data, given per language, are
    /// shown in the document's language; the same texts typed only in English stay marked in
    /// French (fail closed).
    func testLegalBasisReferenceAndRetentionAccessPerLanguage() throws {
        func render(_ ref: String, _ access: String) throws -> (pia: String, sheet: String) {
            let text = try String(contentsOfFile: ReportsTestSupport.fixtures + "/city.yaml", encoding: .utf8)
                .replacingOccurrences(of: "legal_basis_ref: \"CSI L251-2\" ", with: "legal_basis_ref: \(ref) ")
                .replacingOccurrences(of: "{data: events, duration: 30d, where: vms}", with: "{data: events, duration: 30d, where: vms, access: \(access)}")
            let loaded = try DeploymentLoader.load(yaml: text, file: "city.yaml", baseDirectory: ReportsTestSupport.fixtures)
            let context = ReportContext(loaded: loaded, assessment: try ReportsTestSupport.assess(loaded), generatedAt: ReportsTestSupport.fixedDate)
            let pia = try PIAReport.render(context, templates: ReportsTestSupport.templates(.fr)).markdown
            let sheet = try ProcessingSheetReport.render(loaded.document, modelHash: loaded.modelHash,
                                                         templates: ReportsTestSupport.templates(.fr), generatedAt: ReportsTestSupport.fixedDate)[0].markdown
            return (pia, sheet)
        }
        let both = try render("{en: \"CSI L251-2 (the task of regulating traffic)\", fr: \"CSI, art. L251-2 (régulation des flux de transport)\"}",
                              "{en: \"the operators of the supervision centre\", fr: \"les opérateurs du centre de supervision\"}")
        XCTAssertTrue(both.pia.contains("| CSI, art. L251-2 (régulation des flux de transport) |"), both.pia)
        XCTAssertTrue(both.pia.contains("| les opérateurs du centre de supervision |"), both.pia)
        XCTAssertTrue(both.sheet.contains("CSI, art. L251-2 (régulation des flux de transport)"), both.sheet)
        XCTAssertFalse(both.pia.contains("⟨non traduit⟩ CSI") || both.pia.contains("⟨non traduit⟩ les opérateurs"), both.pia)
        let english = try render("\"CSI L251-2 (the task of regulating traffic)\"", "\"the operators of the supervision centre\"")
        XCTAssertTrue(english.pia.contains("⟨non traduit⟩ CSI L251-2 (the task of regulating traffic)"), english.pia)
        XCTAssertTrue(english.pia.contains("⟨non traduit⟩ the operators of the supervision centre"), english.pia)
        XCTAssertTrue(english.sheet.contains("⟨non traduit⟩ CSI L251-2 (the task of regulating traffic)"), english.sheet)
        let englishMap = try render("{en: \"CSI L251-2 (the task of regulating traffic)\"}", "{en: \"the operators of the supervision centre\"}")
        XCTAssertTrue(englishMap.pia.contains("| ⟨non traduit⟩ CSI L251-2 (the task of regulating traffic) |"), englishMap.pia)
        XCTAssertFalse(englishMap.pia.contains("⟨non traduit⟩ ⟨non traduit⟩"), englishMap.pia)
    }
}
