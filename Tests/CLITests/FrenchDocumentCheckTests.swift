import Foundation
import ProcessTestSupport
import XCTest

/// A French document is entirely French: `scripts/check-french-documents` (no English word from
/// its list, no model enum id, no model key and no ISO date in the body) on every French document
/// of two examples — Massy (GDPR with a police-directive part) and the Québec mall (EFVP). The
/// HTML of the same documents shows no literal backtick and no Markdown escape. `make check-full`
/// runs the same check on every example (`scripts/check-full-docs`).
final class FrenchDocumentCheckTests: XCTestCase {
    func testFrenchDocumentsOfTwoExamplesPassTheFrenchCheck() throws {
        try SilhouetteBinary.requireBuilt()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("french-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: out) }
        let schema = try SilhouetteBinary.run(["schema"])
        XCTAssertEqual(schema.status, 0, schema.stderr)
        let enumIds = try Self.enumValues(Data(schema.stdout.utf8))
        XCTAssertTrue(enumIds.contains("raw-video"))
        let idsFile = out.appendingPathComponent("enum-ids.txt")
        try enumIds.sorted().joined(separator: "\n").write(to: idsFile, atomically: true, encoding: .utf8)

        for example in ["massy-city", "mall-visitor-analytics"] {
            try Self.checkDocuments(of: example, lang: "fr", idsFile: idsFile, out: out)
            if example == "massy-city" {
                // The rules' reference titles and notes are cited in French (`{en, fr}` in the packs).
                let pia = try String(contentsOfFile: out.appendingPathComponent("massy-city/fr/pia/pia.md").path, encoding: .utf8)
                XCTAssertTrue(pia.contains("RGPD, art. 23.1 (Limitation des droits par une mesure législative) — Les motifs légitimes impérieux"), "French reference note missing")
                XCTAssertFalse(pia.contains("⟨non traduit⟩"), "the Massy French PIA has an untranslated text")
            }
        }
    }

    /// English documents of the same examples: no model key (`objection.how`), model path
    /// (`features[0]`), `silhouette …` command or backtick in the body — rule remediations keep
    /// them in the parenthesis that only the technical annex shows.
    func testEnglishDocumentBodiesShowNoToolInternals() throws {
        try SilhouetteBinary.requireBuilt()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("english-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: out) }
        let idsFile = out.appendingPathComponent("enum-ids.txt")
        try "".write(to: idsFile, atomically: true, encoding: .utf8)
        for example in ["massy-city", "mall-visitor-analytics"] {
            try Self.checkDocuments(of: example, lang: "en", idsFile: idsFile, out: out)
        }
    }

    /// Renders the PIA, the sheets and the ethics report of `example` in `lang` (md, html), checks
    /// the HTML for literal backticks and Markdown escapes and runs `scripts/check-french-documents`
    /// (`--english` for English) on the Markdown.
    static func checkDocuments(of example: String, lang: String, idsFile: URL, out: URL) throws {
        let model = "examples/\(example)/deployment.yaml"
        var markdown: [String] = []
        for kind in ["pia", "sheet", "ethics"] {
            let dir = out.appendingPathComponent("\(example)/\(lang)/\(kind)")
            let run = try SilhouetteBinary.run(["report", kind, model, "--lang", lang, "--format", "md,html", "--date", "2026-12-03", "-o", dir.path])
            XCTAssertEqual(run.status, 0, run.stderr)
            for file in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
                let path = dir.appendingPathComponent(file).path
                if file.hasSuffix(".md") { markdown.append(path) }
                if file.hasSuffix(".html") {
                    let html = try String(contentsOfFile: path, encoding: .utf8)
                    let text = html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
                    XCTAssertFalse(text.contains("`"), "\(example)/\(file) shows a literal backtick")
                    XCTAssertFalse(text.contains("\\["), "\(example)/\(file) shows a Markdown escape")
                }
            }
        }
        XCTAssertTrue(markdown.contains { $0.hasSuffix("/pia.md") }, "\(markdown)")
        let flags = lang == "fr" ? [] : ["--english"]
        let check = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"),
                                          ["python3", "scripts/check-french-documents"] + flags + ["--model", model, idsFile.path] + markdown,
                                          in: SilhouetteBinary.root)
        XCTAssertEqual(check.status, 0, "\(lang) check of \(example):\n\(check.stdout)\(check.stderr)")
    }

    /// Every `enum` value of the model's JSON Schema.
    static func enumValues(_ schema: Data) throws -> Set<String> {
        var values = Set<String>()
        func walk(_ node: Any) {
            if let object = node as? [String: Any] {
                for value in object["enum"] as? [Any] ?? [] { if let text = value as? String { values.insert(text) } }
                object.values.forEach(walk)
            } else if let list = node as? [Any] {
                list.forEach(walk)
            }
        }
        walk(try JSONSerialization.jsonObject(with: schema))
        return values
    }
}
