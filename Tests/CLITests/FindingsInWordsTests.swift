import Foundation
import ProcessTestSupport
import XCTest

/// A signatory reads findings in words: no rule id in the body of a PIA (the principles table
/// names the requirements a finding fails, the section tables have no rule column), and the
/// findings annex names features and purposes as the body does. Rule ids stay in the annex's
/// "Rule" column only.
final class FindingsInWordsTests: XCTestCase {
    static let ruleId = try! NSRegularExpression(pattern: #"\b(GDPR|QC|CA|BIO|ETH|DPIA|FR|LED|AI)(-[A-Z]+)+-\d{3}\b"#)

    func pia(_ example: String, _ lang: String) throws -> (body: String, annexB: String) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: out) }
        let run = try SilhouetteBinary.run(["report", "pia", "examples/\(example)/deployment.yaml", "--lang", lang,
                                            "--format", "md", "--date", "2026-12-03", "-o", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        // French typography's narrow and non-breaking spaces read as spaces here.
        let text = try String(contentsOf: out.appendingPathComponent("pia.md"), encoding: .utf8)
            .replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
        let annex = lang == "fr" ? "\n## Annexe" : "\n## Annex"
        let parts = text.components(separatedBy: annex)
        let annexB = parts.first { $0.hasPrefix(" B.") } ?? ""
        return (parts[0], annexB)
    }

    func ruleIds(_ text: String) -> [String] {
        Self.ruleId.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    func testQuebecEFVPNamesFindingsInWords() throws {
        try SilhouetteBinary.requireBuilt()
        let fr = try pia("mall-visitor-analytics", "fr")
        XCTAssertEqual(ruleIds(fr.body), [], "rule ids in the body")
        XCTAssertTrue(fr.body.contains("| Finalités déterminées, explicites et légitimes | À améliorer | 1 constat à corriger — exigence non respectée : « Les fonctions permettant d’identifier, de localiser ou d’effectuer un profilage sont divulguées au préalable » |"), fr.body)
        XCTAssertTrue(fr.body.contains("| Gravité | Constat | Objet |"), fr.body)
        // Other tool internals of the body in words: the provider running a system by its name,
        // counts with their plural, grouped digits, the Québec heading of the legal basis text.
        XCTAssertTrue(fr.body.contains("| edge-sensors | boîtier d’analyse | Comptage Boréal Inc. | CA |"), fr.body)
        XCTAssertTrue(fr.body.contains("Le dispositif compte 18 caméras au service de 2 finalités."), fr.body)
        XCTAssertTrue(fr.body.contains("| Personnes vues par jour (estimation) | 25 000 |"), fr.body)
        XCTAssertTrue(fr.body.contains("| Finalité | Base légale | Disposition législative invoquée |"), fr.body)
        XCTAssertTrue(fr.body.contains("| Moteur d’analyse | moteur intégré de silhouette, version 0.1.0 |"), fr.body)
        XCTAssertFalse(fr.body.contains("builtin"), fr.body)
        // Annex B: the rule column keeps the id; the message and the subject name the feature in words.
        XCTAssertTrue(fr.annexB.contains("| élevée | QC-PROFILING-001 | La fonctionnalité « temps de présence » permet"), fr.annexB)
        XCTAssertTrue(fr.annexB.contains("| temps de présence | features\\[2\\] — "), fr.annexB)
        XCTAssertFalse(fr.annexB.contains("« food-court-dwell »"), fr.annexB)
        let en = try pia("mall-visitor-analytics", "en")
        XCTAssertEqual(ruleIds(en.body), [], "rule ids in the body")
        XCTAssertTrue(en.body.contains("| 1 finding to correct — requirement not met: “Functions that identify, locate or profile people are disclosed in advance” |"), en.body)
        XCTAssertTrue(en.annexB.contains("| dwell time | features\\[2\\] — "), en.annexB)
    }

    func testGDPRExampleBodyHasNoRuleIds() throws {
        try SilhouetteBinary.requireBuilt()
        for lang in ["fr", "en"] {
            let massy = try pia("massy-city", lang)
            XCTAssertEqual(ruleIds(massy.body), [], "\(lang): rule ids in the Massy body")
            XCTAssertFalse(ruleIds(massy.annexB).isEmpty, "\(lang): annex B keeps its rule column")
            XCTAssertFalse(massy.annexB.contains("« wrong-way »") || massy.annexB.contains("'wrong-way'"), massy.annexB)
        }
    }
}
