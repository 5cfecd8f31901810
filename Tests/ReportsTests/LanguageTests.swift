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
    }

    func testFrenchTypography() {
        XCTAssertEqual(FrenchTypography.apply("Conclusion : « oui » ; vraiment ? l'accès"),
                       "Conclusion\u{00A0}: «\u{202F}oui\u{202F}»\u{202F}; vraiment\u{202F}? l’accès")
        // Code spans and table rules are left alone.
        XCTAssertEqual(FrenchTypography.apply("`a : b`\n|---|---|"), "`a : b`\n|---|---|")
    }
}
