import DeploymentModel
import Foundation
import XCTest

/// Free text per language (`{fr: …, en: …}`): read, validated at its position, hashed with
/// every variant, given to Swift (and rules) in the text language, localised for documents.
final class FreeTextTests: XCTestCase {
    static let bilingual = LoaderBasicsTests.minimal
        .replacingOccurrences(of: "    description: Count visitors\n", with: """
            description:
              fr: Compter les visiteurs à l'entrée
              en: Count visitors at the entrance

        """)
        .replacingOccurrences(of: "necessity: Staffing the entrance needs hourly counts.",
                              with: "necessity: {fr: \"Organiser l'accueil demande des comptages horaires.\"}")

    func load(_ yaml: String) throws -> LoadedDeployment {
        try DeploymentLoader.load(yaml: yaml, file: "m.yaml", baseDirectory: ".")
    }

    func testAMapGivesTheTextLanguageToSwiftAndKeepsEveryVariant() throws {
        let loaded = try load(Self.bilingual)
        let purpose = try XCTUnwrap(loaded.document.purposes.first)
        // No declared language: English when given, else the first language given.
        XCTAssertEqual(purpose.description, "Count visitors at the entrance")
        XCTAssertEqual(purpose.necessity, "Organiser l'accueil demande des comptages horaires.")
        let path: [ModelPathStep] = [.key("purposes"), .index(0), .key("description")]
        XCTAssertEqual(loaded.document.translations?.texts(at: path),
                       ["fr": "Compter les visiteurs à l'entrée", "en": "Count visitors at the entrance"])
        // The declared language wins.
        let french = try load(Self.bilingual.replacingOccurrences(of: "  name: Demo\n", with: "  name: Demo\n  language: fr\n"))
        XCTAssertEqual(french.document.purposes.first?.description, "Compter les visiteurs à l'entrée")
        XCTAssertEqual(french.sourceMap.position(of: "purposes[0].description.fr")?.description, "m.yaml:11:11")
    }

    func testTheHashCoversEveryLanguageAndRoundTrips() throws {
        let plain = try load(LoaderBasicsTests.minimal)
        let loaded = try load(Self.bilingual)
        XCTAssertNotEqual(plain.modelHash, loaded.modelHash)
        XCTAssertEqual(LoadedDeployment.hash(of: loaded.document), loaded.modelHash, "hash of the decoded document = loader's")
        let json = String(decoding: ModelEncoding.canonicalJSON(loaded.document), as: UTF8.self)
        XCTAssertTrue(json.contains(#""description":{"en":"Count visitors at the entrance","fr":"Compter les visiteurs à l'entrée"}"#), json)
        // Canonical JSON reads back to the same document and hash (what the store keeps).
        let again = try ModelEncoding.document(fromCanonicalJSON: ModelEncoding.canonicalJSON(loaded.document))
        XCTAssertEqual(again, loaded.document)
        // Changing only the French text changes the hash.
        let changed = try load(Self.bilingual.replacingOccurrences(of: "à l'entrée", with: "au guichet"))
        XCTAssertNotEqual(changed.modelHash, loaded.modelHash)
        // A plain string still hashes as before (no map, no translations).
        XCTAssertNil(plain.document.translations)
    }

    func testADocumentGetsItsLanguageOrTheMarkedText() throws {
        let document = try load(Self.bilingual).document
        let mark: (String) -> String = { "⟨untranslated⟩ " + $0 }
        let french = document.localised(to: "fr", untranslated: mark)
        XCTAssertEqual(french.purposes[0].description, "Compter les visiteurs à l'entrée")
        XCTAssertEqual(french.purposes[0].necessity, "Organiser l'accueil demande des comptages horaires.")
        let english = document.localised(to: "en", untranslated: mark)
        XCTAssertEqual(english.purposes[0].description, "Count visitors at the entrance")
        XCTAssertEqual(english.purposes[0].necessity, "⟨untranslated⟩ Organiser l'accueil demande des comptages horaires.")
        XCTAssertEqual(english.deployment.name, "Demo", "plain strings stay as written")
        XCTAssertEqual(document.missingTranslations, ["en": 1])
    }

    func testBadLanguageMapsAreErrorsAtTheirPosition() throws {
        let cases: [(String, String)] = [
            ("description: {fe: Compter, en: Count}", "m.yaml:9:19: error: unknown language 'fe' in purposes[0].description (hint: did you mean 'fr'?"),
            ("description: {fr: \"\", en: Count}", "m.yaml:9:23: error: purposes[0].description.fr must not be empty"),
            ("description: {}", "m.yaml:9:18: error: purposes[0].description has no text"),
            ("description: {fr: [a, b]}", "m.yaml:9:23: error: purposes[0].description.fr must be text, not a list"),
            ("description: [Count]", "m.yaml:9:18: error: purposes[0].description must be text, or text per language ({fr: …, en: …}), not a list"),
        ]
        for (line, expected) in cases {
            let yaml = LoaderBasicsTests.minimal.replacingOccurrences(of: "description: Count visitors", with: line)
            XCTAssertThrowsError(try load(yaml), line) { error in
                let text = (error as? ModelError)?.description ?? "\(error)"
                XCTAssertTrue(text.hasPrefix(expected), "\(line)\n\(text)")
            }
        }
        // `language` is checked too.
        XCTAssertThrowsError(try load(LoaderBasicsTests.minimal.replacingOccurrences(of: "  name: Demo\n", with: "  name: Demo\n  language: de\n"))) { error in
            XCTAssertTrue("\(error)".contains("invalid value 'de' for deployment.language"), "\(error)")
        }
    }

    /// The texts people type in one language that documents show — a purpose's legal basis
    /// reference, who may see a retained category — take the per-language form too; plain
    /// strings keep working, and a bad map is an error at its position.
    func testLegalBasisReferenceAndRetentionAccessTakeTextPerLanguage() throws {
        let yaml = LoaderBasicsTests.minimal
            .replacingOccurrences(of: "    legal_basis: legitimate-interests\n", with: """
                    legal_basis: legitimate-interests
                    legal_basis_ref: {en: "CQLR c P-39.1 s. 4", fr: "RLRQ c P-39.1, art. 4"}

                """)
            .replacingOccurrences(of: "{data: statistics, duration: 1y, anonymised: true}",
                                  with: "{data: statistics, duration: 1y, anonymised: true, access: {en: the store manager, fr: le gérant du magasin}}")
        let loaded = try load(yaml)
        XCTAssertEqual(loaded.document.purposes[0].legalBasisRef, "CQLR c P-39.1 s. 4")
        XCTAssertEqual(loaded.document.retention[1].access, "the store manager")
        let french = loaded.document.localised(to: "fr", untranslated: { "⟨non traduit⟩ " + $0 })
        XCTAssertEqual(french.purposes[0].legalBasisRef, "RLRQ c P-39.1, art. 4")
        XCTAssertEqual(french.retention[1].access, "le gérant du magasin")
        XCTAssertEqual(loaded.sourceMap.position(of: "purposes[0].legal_basis_ref.fr")?.description, "m.yaml:11:53")
        // Only English given: the French document shows it marked (fail closed).
        let englishOnly = try load(yaml.replacingOccurrences(of: ", fr: le gérant du magasin", with: ""))
        XCTAssertEqual(englishOnly.document.localised(to: "fr", untranslated: { "⟨non traduit⟩ " + $0 }).retention[1].access,
                       "⟨non traduit⟩ the store manager")
        // Plain strings still load as before.
        let plain = try load(LoaderBasicsTests.minimal.replacingOccurrences(
            of: "    legal_basis: legitimate-interests\n", with: "    legal_basis: legitimate-interests\n    legal_basis_ref: CSI L251-2\n"))
        XCTAssertEqual(plain.document.purposes[0].legalBasisRef, "CSI L251-2")
        XCTAssertNil(plain.document.translations)
        // A bad language code is reported where it is written.
        XCTAssertThrowsError(try load(yaml.replacingOccurrences(of: "{en: \"CQLR", with: "{eng: \"CQLR"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("m.yaml:11:23: error: unknown language 'eng' in purposes[0].legal_basis_ref"), "\(error)")
        }
        XCTAssertThrowsError(try load(yaml.replacingOccurrences(of: "fr: le gérant du magasin", with: "fr: [a]"))) { error in
            XCTAssertTrue("\(error)".contains("error: retention[1].access.fr must be text, not a list"), "\(error)")
        }
    }

    func testTheJSONSchemaAcceptsBothForms() throws {
        let schema = ModelSchema.jsonSchema()
        let data = Data(schema.utf8)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let defs = try XCTUnwrap(root["$defs"] as? [String: Any])
        let purpose = try XCTUnwrap((defs["Purpose"] as? [String: Any])?["properties"] as? [String: Any])
        let description = try XCTUnwrap(purpose["description"] as? [String: Any])
        let forms = try XCTUnwrap(description["anyOf"] as? [[String: Any]])
        XCTAssertEqual(forms.count, 2)
        XCTAssertEqual((forms[1]["propertyNames"] as? [String: Any])?["enum"] as? [String], ["en", "fr"])
        let deployment = try XCTUnwrap((defs["Deployment"] as? [String: Any])?["properties"] as? [String: Any])
        XCTAssertEqual((deployment["language"] as? [String: Any])?["enum"] as? [String], ["en", "fr"])
        for (type, field) in [("Purpose", "legal_basis_ref"), ("RetentionRule", "access")] {
            let properties = try XCTUnwrap((defs[type] as? [String: Any])?["properties"] as? [String: Any])
            XCTAssertEqual((properties[field] as? [String: Any])?["anyOf"].map { ($0 as? [Any])?.count }, 2, "\(type).\(field)")
        }
    }
}
