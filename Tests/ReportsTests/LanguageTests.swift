import DeploymentModel
import XCTest
@testable import Reports

/// Free text in the other language is marked, identifiers are not; French typography.
final class LanguageTests: XCTestCase {
    func testUntranslatedFreeTextIsMarkedInAFrenchDocument() throws {
        let fr = try LabelTable.load(language: "fr", directory: ReportsTestSupport.packageRoot + "/labels")
        XCTAssertEqual(UntranslatedMarker.marked("buffer on the camera box until upload", fr), "⟨non traduit⟩ buffer on the camera box until upload")
        XCTAssertEqual(UntranslatedMarker.marked("Ville de Massy", fr), "Ville de Massy")
        XCTAssertEqual(UntranslatedMarker.marked("sha256:be12at34an", fr), "sha256:be12at34an")
        XCTAssertEqual(UntranslatedMarker.marked("les tiers sont masqués avant communication", fr), "les tiers sont masqués avant communication")
        let view = UntranslatedMarker.mark(["a": "Count cyclists on cycle paths to plan the network", "b": "revue le 2026-12-03"], labels: fr) as? [String: Any]
        XCTAssertEqual(view?["a"] as? String, "⟨non traduit⟩ Count cyclists on cycle paths to plan the network")
        XCTAssertEqual(view?["b"] as? String, "revue le 3 décembre 2026")
        // "A person or vehicle silhouette inside a zone" has no French function word to hide behind.
        XCTAssertEqual(UntranslatedMarker.marked("A person or vehicle silhouette inside a zone", fr), "⟨non traduit⟩ A person or vehicle silhouette inside a zone")
        // An address or a site list is a proper name in any language's document.
        let en = try LabelTable.load(language: "en", directory: ReportsTestSupport.packageRoot + "/labels")
        let named = UntranslatedMarker.mark(["address": "Hôtel de ville, 1 avenue du Général de Gaulle, 91300 Massy",
                                             "sites": "bois-de-massy (10), place-de-france (14)",
                                             "text": "Les séquences sont extraites pour un procès-verbal"], labels: en) as? [String: Any]
        XCTAssertEqual(named?["address"] as? String, "Hôtel de ville, 1 avenue du Général de Gaulle, 91300 Massy")
        XCTAssertEqual(named?["sites"] as? String, "bois-de-massy (10), place-de-france (14)")
        XCTAssertEqual(named?["text"] as? String, "⟨untranslated⟩ Les séquences sont extraites pour un procès-verbal")
    }

    func testFrenchTypography() {
        XCTAssertEqual(FrenchTypography.apply("Conclusion : « oui » ; vraiment ? l'accès"),
                       "Conclusion\u{00A0}: «\u{202F}oui\u{202F}»\u{202F}; vraiment\u{202F}? l’accès")
        // Code spans and table rules are left alone.
        XCTAssertEqual(FrenchTypography.apply("`a : b`\n|---|---|"), "`a : b`\n|---|---|")
    }

    /// A signed document names a purpose, a feature or a recipient by its wording, never by a
    /// quoted model id (the ids stay in the technical annex's subject column).
    func testQuotedModelIdsBecomeNames() throws {
        let loaded = try ReportsTestSupport.example("massy-city")
        let fr = try ReportsTestSupport.templates(.fr)
        let names = ModelNames(loaded.document, language: .fr, labels: fr.labels)
        XCTAssertEqual(names.humanise("La finalité « lights-on » analyse l'espace public."),
                       "La finalité « ⟨non traduit⟩ Detect lights left on in public buildings… » analyse l'espace public.")
        XCTAssertEqual(names.humanise("La finalité \"lights-on\" n'a pas de base."),
                       "La finalité « ⟨non traduit⟩ Detect lights left on in public buildings… » n'a pas de base.")
        XCTAssertEqual(names.humanise("sheet-lights-on"), "sheet-lights-on", "bare ids are left")
        // The technical annex keeps the ids.
        let view = names.humanise(view: ["m": "« lights-on »", "annex": ["m": "« lights-on »"]]) as? [String: Any]
        XCTAssertEqual((view?["annex"] as? [String: Any])?["m"] as? String, "« lights-on »")
        XCTAssertNotEqual(view?["m"] as? String, "« lights-on »")
    }
}
