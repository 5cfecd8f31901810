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

    /// The prior-consultation row says what the regime provides (regimes.yaml): no Art. 36 in
    /// Québec (only the disclosure of a biometric database, LCCJTI s. 45) nor under PIPEDA; a DPO
    /// review's recorded decision still wins.
    func testPriorConsultationRowFollowsTheRegime() throws {
        try SilhouetteBinary.requireBuilt()
        func row(_ text: String) -> String {
            text.replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
                .components(separatedBy: "\n").first { $0.hasPrefix("| Consultation préalable") || $0.hasPrefix("| Prior consultation") } ?? ""
        }
        let mallFR = row(try pia("mall-visitor-analytics", "fr"))
        XCTAssertTrue(mallFR.hasPrefix("| Consultation préalable de l’autorité | Sans objet : la loi ne prévoit aucune consultation préalable de la Commission d’accès à l’information"), mallFR)
        XCTAssertTrue(mallFR.contains("RLRQ c C-1.1, art. 45"), mallFR)
        XCTAssertTrue(mallFR.contains("[référence incertaine"), mallFR)
        XCTAssertFalse(mallFR.contains("Non renseigné") || mallFR.contains("RGPD"), mallFR)
        let mallEN = row(try pia("mall-visitor-analytics", "en"))
        XCTAssertTrue(mallEN.contains("| Not applicable: the Act provides for no prior consultation of the Commission d'accès à l'information"), mallEN)
        XCTAssertTrue(mallEN.contains("CQLR c C-1.1, s. 45"), mallEN)
        let bookshopFR = row(try pia("ontario-bookshop", "fr"))
        XCTAssertTrue(bookshopFR.contains("| Sans objet : la LPRPDE ne prévoit aucune consultation préalable du Commissariat"), bookshopFR)
        let bookshopEN = row(try pia("ontario-bookshop", "en"))
        XCTAssertTrue(bookshopEN.contains("| Not applicable: PIPEDA provides no prior consultation"), bookshopEN)
        // GDPR: Art. 36, the model's own record.
        XCTAssertTrue(row(try pia("massy-city", "fr")).hasPrefix("| Consultation préalable de l’autorité (art. 36 du RGPD) | non requise"))

        // A review's recorded decision wins over the regime's text.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("consult-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("deployment.yaml").path
        try FileManager.default.copyItem(atPath: "examples/mall-visitor-analytics/deployment.yaml", toPath: model)
        let review = dir.appendingPathComponent("review.yaml").path
        try """
        review: silhouette/pia-review/v1
        deployment: galeries-du-fleuve-footfall
        reviewer: Marie Tremblay
        date: 2026-12-04
        prior_consultation:
          decision: not-required
          reason: aucune banque biométrique n'est créée
        """.write(toFile: review, atomically: true, encoding: .utf8)
        let store = dir.appendingPathComponent("store.db").path
        XCTAssertEqual(try SilhouetteBinary.run(["store", "init", "--store", store]).status, 0)
        let imported = try SilhouetteBinary.run(["review", "import", model, review, "--store", store])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let out = dir.appendingPathComponent("out").path
        let run = try SilhouetteBinary.run(["report", "pia", model, "--lang", "fr", "--format", "md", "--store", store, "-o", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        let reviewed = row(try String(contentsOfFile: out + "/pia.md", encoding: .utf8))
        XCTAssertTrue(reviewed.contains("| Non requise : aucune banque biométrique n’est créée"), reviewed)
    }
}
