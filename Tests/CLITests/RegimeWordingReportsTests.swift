import Foundation
import ProcessTestSupport
import XCTest

/// A Canadian PIA speaks its regime's words (label tables, `regime_override`): the Québec mall's
/// EFVP is signed by the person in charge of the protection of personal information (P-39.1
/// s. 3.1) for the enterprise, the Ontario bookshop's PIPEDA PIA by the individual accountable for
/// the organization's compliance (principle 4.1) — no DPO, no controller in their bodies. The
/// document-control table names the rule packs in words, in every document.
final class RegimeWordingReportsTests: XCTestCase {
    func pia(_ example: String, _ lang: String, annexes: Bool = false) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("regime-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: out) }
        let run = try SilhouetteBinary.run(["report", "pia", "examples/\(example)/deployment.yaml", "--lang", lang,
                                            "--format", "md", "--date", "2026-12-03", "-o", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try String(contentsOf: out.appendingPathComponent("pia.md"), encoding: .utf8)
        if annexes { return text }
        // The body: what a signatory reads, before the annexes.
        return text.components(separatedBy: lang == "fr" ? "\n## Annexe" : "\n## Annex").first ?? text
    }

    func testQuebecEFVPIsSignedByThePersonInChargeForTheEnterprise() throws {
        try SilhouetteBinary.requireBuilt()
        let fr = try pia("mall-visitor-analytics", "fr")
        for word in ["délégué", "Délégué", "DPD", "responsable de traitement", "Responsable de traitement"] {
            XCTAssertFalse(fr.contains(word), "Québec EFVP (fr) says \(word)")
        }
        XCTAssertTrue(fr.contains("## 14. Avis de la personne responsable de la protection des renseignements personnels et validation"))
        XCTAssertTrue(fr.contains("| Entreprise | Les Galeries du Fleuve Inc. (CA)"))
        XCTAssertTrue(fr.contains("| Décision de l’entreprise |"))
        XCTAssertTrue(fr.contains("Non examiné par le responsable de la protection"))
        let en = try pia("mall-visitor-analytics", "en")
        for word in ["DPO", "data protection officer", "Controller", "controller's"] {
            XCTAssertFalse(en.contains(word), "Québec PIA (en) says \(word)")
        }
        XCTAssertTrue(en.contains("## 14. Opinion of the person in charge of the protection of personal information and sign-off"))
        XCTAssertTrue(en.contains("| Decision of the enterprise |"))
    }

    func testPIPEDAPIANamesTheAccountableIndividualNotADPO() throws {
        try SilhouetteBinary.requireBuilt()
        let en = try pia("ontario-bookshop", "en")
        for word in ["DPO", "data protection officer", "Controller", "controller's"] {
            XCTAssertFalse(en.contains(word), "PIPEDA PIA (en) says \(word)")
        }
        XCTAssertTrue(en.contains("Opinion of the individual accountable for the organization's compliance"))
        XCTAssertTrue(en.contains("| Organization | Librairie du Canal Inc. (CA)"))
        let fr = try pia("ontario-bookshop", "fr")
        for word in ["délégué", "Délégué", "responsable de traitement", "Responsable de traitement"] {
            XCTAssertFalse(fr.contains(word), "PIPEDA PIA (fr) says \(word)")
        }
        XCTAssertTrue(fr.contains("| Décision de l’organisation |"))
    }

    /// The Québec mall's register (sheets and service providers' records, md and html with their
    /// covers) has no controller, processor or GDPR article, in French and in English.
    func testQuebecRegisterSpeaksOfTheEnterpriseAndItsServiceProviders() throws {
        try SilhouetteBinary.requireBuilt()
        for (lang, words) in [("fr", ["Responsable de traitement", "délégué", "Sous-traitant |", "art. 30"]),
                              ("en", ["Controller", "controller", "Processor's record", "Art. 30", "obsolete"])] {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("regime-sheet-\(UUID().uuidString)")
            addTeardownBlock { try? FileManager.default.removeItem(at: out) }
            let run = try SilhouetteBinary.run(["report", "sheet", "examples/mall-visitor-analytics/deployment.yaml", "--lang", lang,
                                                "--format", "md,html", "--date", "2026-12-03", "-o", out.path])
            XCTAssertEqual(run.status, 0, run.stderr)
            let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".md") || $0.hasSuffix(".html") }
            XCTAssertTrue(files.contains("processor-cloud.md"), "\(files)")
            for file in files {
                let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
                for word in words { XCTAssertFalse(text.contains(word), "\(lang)/\(file) says \(word)") }
            }
        }
    }

    func testRulePacksAppliedAreNamedInWords() throws {
        try SilhouetteBinary.requireBuilt()
        let fr = try pia("massy-city", "fr")
        let line = try XCTUnwrap(fr.split(separator: "\n").first { $0.hasPrefix("| Référentiels appliqués |") })
        XCTAssertTrue(line.contains("RGPD"), String(line))
        XCTAssertTrue(line.contains("directive police-justice"), String(line))
        XCTAssertTrue(line.contains("vidéoprotection"), String(line))
        XCTAssertFalse(line.contains("gdpr") || line.contains("fr-video") || line.contains("ai-act"), String(line))
        let en = try pia("massy-city", "en")
        let enLine = try XCTUnwrap(en.split(separator: "\n").first { $0.hasPrefix("| Rule packs applied |") })
        XCTAssertTrue(enLine.contains("GDPR, law-enforcement directive"), String(enLine))
        XCTAssertFalse(enLine.contains("fr-video"), String(enLine))
    }

    /// French documents cite Canadian statutes' sections as « art. » (a range with « à »), from
    /// the label tables' reference phrases; English documents keep "s.".
    func testCanadianSectionsAreCitedArtInFrenchAndSInEnglish() throws {
        try SilhouetteBinary.requireBuilt()
        let section = try NSRegularExpression(pattern: #"\bs\. \d"#)
        func count(_ text: String) -> Int { section.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text)) }
        let mallFR = try pia("mall-visitor-analytics", "fr", annexes: true)
        XCTAssertEqual(count(mallFR), 0, mallFR)
        XCTAssertTrue(mallFR.contains("(RLRQ c P-39.1), art. 8.1 ("), mallFR)
        XCTAssertTrue(mallFR.contains("(RLRQ c P-39.1), art. 3.5 à 3.8 ("), mallFR)
        let bookshopFR = try pia("ontario-bookshop", "fr", annexes: true)
        XCTAssertEqual(count(bookshopFR), 0, bookshopFR)
        XCTAssertTrue(bookshopFR.contains("LPRPDE, art. 10.1(1) ("), bookshopFR)
        XCTAssertTrue(bookshopFR.contains("LPRPDE, art. 10.3 ("), bookshopFR)
        let mallEN = try pia("mall-visitor-analytics", "en", annexes: true)
        XCTAssertTrue(mallEN.contains("(CQLR c P-39.1) s. 8.1 ("), mallEN)
        XCTAssertTrue(mallEN.contains("(CQLR c P-39.1) s. 3.5–3.8 ("), mallEN)
        XCTAssertFalse(mallEN.contains("art. 8.1 ("), mallEN)
    }
}
