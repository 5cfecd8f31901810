import DeploymentModel
import Foundation
import XCTest

/// The label tables in `labels/`: same keys in every language, a label for every value of every
/// model enumeration, French dates, visible markers for missing keys, bounded and positioned errors.
final class LabelTableTests: XCTestCase {
    static let labelsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("labels").path

    func tables() throws -> [LabelTable] {
        try LabelTable.languages.map { try LabelTable.load(language: $0, directory: Self.labelsDirectory) }
    }

    func testEveryKeyExistsInEveryLanguage() throws {
        let tables = try tables()
        XCTAssertEqual(tables.map(\.language), LabelTable.languages)
        let allKeys = tables.reduce(into: Set<String>()) { $0.formUnion($1.entries.keys) }
        XCTAssertGreaterThan(allKeys.count, 300)
        for table in tables {
            let missing = allKeys.subtracting(table.entries.keys).sorted()
            XCTAssertEqual(missing, [], "labels/\(table.language).yaml lacks these keys")
            let blank = table.entries.filter { $0.value.trimmingCharacters(in: .whitespaces).isEmpty }.keys.sorted()
            XCTAssertEqual(blank, [], "labels/\(table.language).yaml has blank labels")
        }
    }

    /// A Canadian regime's words replace keys that exist (a typo under `regime_override` would
    /// otherwise leave the GDPR word in place silently), and only those keys.
    func testRegimeOverridesReplaceExistingKeysOnly() throws {
        for table in try tables() {
            for area in ["qc", "pipeda"] {
                let prefix = "regime_override.\(area)."
                let overridden = table.entries.keys.filter { $0.hasPrefix(prefix) }
                XCTAssertGreaterThan(overridden.count, 10, "\(table.language) \(area)")
                for key in overridden {
                    XCTAssertTrue(table.has(String(key.dropFirst(prefix.count))), "labels/\(table.language).yaml: \(key) names no key")
                }
                let regime = table.overlaid(prefix)
                XCTAssertEqual(regime.label("role.dpo"), table.label("\(prefix)role.dpo"))
                XCTAssertNotEqual(regime.label("role.dpo"), table.label("role.dpo"))
                XCTAssertEqual(regime.label("severity.high"), table.label("severity.high"))
            }
        }
        let fr = try LabelTable.load(language: "fr", directory: Self.labelsDirectory).overlaid("regime_override.qc.")
        XCTAssertEqual(fr.label("role.dpo"), "Responsable de la protection des renseignements personnels")
        XCTAssertEqual(fr.label("role.controller"), "Entreprise")
    }

    func testEveryModelEnumValueHasALabel() throws {
        let groups = ModelSchema.labelledEnums
        // Every enum field of the schema is covered by a label group (apiVersion is not shown to readers).
        for field in ModelSchema.enumFields() where field.path != "apiVersion" {
            XCTAssertTrue(groups.contains { Set($0.values) == Set(field.values) },
                          "enum field \(field.path) (\(field.values)) has no label group in ModelSchema.labelledEnums")
        }
        for table in try tables() {
            for (group, values) in groups {
                for value in values {
                    XCTAssertTrue(table.has("enum.\(group).\(value)"), "labels/\(table.language).yaml: no label for enum.\(group).\(value)")
                }
            }
        }
    }

    func testFrenchAndEnglishDates() throws {
        let tables = try tables()
        let en = tables[0], fr = tables[1]
        XCTAssertEqual(fr.date("2027-12-02"), "2 décembre 2027")
        XCTAssertEqual(fr.date("2025-01-01"), "1er janvier 2025")
        XCTAssertEqual(en.date("2027-12-02"), "December 2, 2027")
        XCTAssertEqual(fr.date("not a date"), "not a date")
        XCTAssertEqual(fr.date(Date(timeIntervalSince1970: 0)), "1er janvier 1970")
        XCTAssertEqual(fr.enumLabel("data_category", "raw-video"), "flux vidéo brut")
        XCTAssertEqual(fr.label("due.days", ["n": "30"]), "sous 30 jours")
    }

    func testMissingKeyIsVisibleNotAnotherLanguage() throws {
        let fr = try tables()[1]
        XCTAssertEqual(fr.label("no.such.key"), "⟦no.such.key⟧")
        XCTAssertEqual(fr.enumLabel("data_category", "holograms"), "⟦enum.data_category.holograms⟧")
    }

    func testBadTablesGiveOnePositionedError() throws {
        XCTAssertThrowsError(try LabelTable.parse("language: fr\nsection:\n  risks: [a, b]\n", path: "t.yaml")) { error in
            XCTAssertEqual("\(error)", "t.yaml:3:10: label `section.risks` must be text, not a list or an alias")
        }
        XCTAssertThrowsError(try LabelTable.parse("section:\n  risks: Risques\n", path: "t.yaml")) { error in
            XCTAssertTrue("\(error)".contains("no `language:` key"), "\(error)")
        }
        XCTAssertThrowsError(try LabelTable.parse("language: fr\nsection: {risks: [\n", path: "t.yaml")) { error in
            guard case .syntax(let path, let line, _, _) = error as? LabelTableError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "t.yaml")
            XCTAssertGreaterThanOrEqual(line, 3)
        }
        // Depth bomb.
        let deep = "language: fr\n" + (0..<12).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined()
            + String(repeating: "  ", count: 12) + "leaf: x\n"
        XCTAssertThrowsError(try LabelTable.parse(deep, path: "t.yaml")) { error in
            XCTAssertTrue("\(error)".contains("nested deeper than 8 levels"), "\(error)")
        }
        // Size bomb.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let big = directory.appendingPathComponent("fr.yaml").path
        try Data(("language: fr\nx: " + String(repeating: "a", count: 1_100_000) + "\n").utf8).write(to: URL(fileURLWithPath: big))
        XCTAssertThrowsError(try LabelTable.load(path: big)) { error in
            XCTAssertTrue("\(error)".contains("more than the 1000000-byte limit"), "\(error)")
        }
        XCTAssertThrowsError(try LabelTable.load(language: "de", directory: directory.path)) { error in
            XCTAssertEqual(error as? LabelTableError, .missing(path: directory.path + "/de.yaml"))
        }
    }
}
