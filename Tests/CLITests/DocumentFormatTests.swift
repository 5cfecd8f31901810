import Foundation
import ProcessTestSupport
import XCTest

/// `report --format pdf|docx|odt`: paged and editable documents made by WeasyPrint and pandoc,
/// the cover, the contents with page numbers, the body length, and the one-line error without
/// the tools. Also the ethics report's isolation between two customers of one store.
final class DocumentFormatTests: XCTestCase {
    func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory
    }

    static func require(_ tools: [String]) throws {
        for tool in tools where !["/usr/bin/", "/usr/local/bin/"].contains(where: { FileManager.default.isExecutableFile(atPath: $0 + tool) }) {
            throw XCTSkip("\(tool) is not installed (scripts/install-deps installs it)")
        }
    }

    /// The text of each page of a PDF (pdftotext, pages separated by form feeds).
    static func pages(_ pdf: String) throws -> [String] {
        let run = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/pdftotext"), ["-layout", pdf, "-"])
        XCTAssertEqual(run.status, 0, run.stderr)
        var pages = run.stdout.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    func testMassyPIAInFrenchAsPDFAndDOCX() throws {
        try SilhouetteBinary.requireBuilt()
        try Self.require(["weasyprint", "pandoc", "pdftotext"])
        let out = try temporaryDirectory()
        let result = try SilhouetteBinary.run(["report", "pia", "examples/massy-city/deployment.yaml", "--lang", "fr", "--format", "pdf,docx",
                                               "--date", "2026-12-03", "-o", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        XCTAssertEqual(files, ["action-plan.csv", "pia.docx", "pia.pdf"])

        let pages = try Self.pages(out.appendingPathComponent("pia.pdf").path)
        // Cover: the kind of document, DRAFT until signed, the model fingerprint.
        XCTAssertTrue(pages[0].contains("Analyse d'impact relative à la protection des données"), pages[0])
        XCTAssertTrue(pages[0].contains("PROJET"), pages[0])
        XCTAssertTrue(pages[0].contains("sha256:"), pages[0])
        // Contents with page numbers: "Synthèse ....... 3".
        XCTAssertNotNil(pages[1].range(of: #"Synthèse[^\n]*\. +\d+"#, options: .regularExpression), pages[1])
        // The body (everything before the annexes) is what a signatory reads: at most 25 pages.
        guard let match = pages[0].range(of: #"Annexes\s+à partir de la page\s+(\d+)"#, options: .regularExpression),
              let annexPage = Int(pages[0][match].split(separator: " ").last ?? "") else {
            return XCTFail("the cover gives no annex page: \(pages[0])")
        }
        XCTAssertLessThanOrEqual(annexPage - 1, 25, "body of the Massy PIA: \(annexPage - 1) pages")
        XCTAssertTrue(pages[annexPage - 1].contains("Annexe A"), pages[annexPage - 1])
        // Every part of the CNIL method is in the body, not pushed to the annexes.
        let body = pages[0..<(annexPage - 1)].joined(separator: "\n")
        for part in ["Ce qui a changé depuis la version précédente", "Principes fondamentaux", "Accès illégitime à des données",
                     "Modification non désirée de données", "Disparition de données", "Sources de risque", "Exactitude des données",
                     "Mesures et plan d’action", "Plan d’action", "Validation", "Décision du",
                     "Consultation préalable", "Avis des personnes"] {
            XCTAssertTrue(body.contains(part), "the body of the Massy PIA lacks « \(part) »")
        }
        // No tool internals in the signed body: no model key, no command.
        for toolWord in ["information_channels", "silhouette verify", "legal_basis_ref", "human_review"] {
            XCTAssertFalse(body.contains(toolWord), "the body of the Massy PIA names « \(toolWord) »")
        }
        XCTAssertGreaterThan(pages.count, annexPage)

        // DOCX: a Word document whose text is the report's.
        let unzip = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-p", out.appendingPathComponent("pia.docx").path, "word/document.xml"])
        XCTAssertEqual(unzip.status, 0, unzip.stderr)
        XCTAssertTrue(unzip.stdout.contains("Inventaire des caméras"))
    }

    func testNoncompliantSheetsInEnglishAsPDFAndDOCX() throws {
        try SilhouetteBinary.requireBuilt()
        try Self.require(["weasyprint", "pandoc", "pdftotext"])
        let out = try temporaryDirectory()
        let run = try SilhouetteBinary.run(["report", "sheet", "examples/noncompliant-store/deployment.yaml",
                                            "--format", "pdf", "--format", "docx", "-o", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        XCTAssertTrue(files.contains { $0.hasPrefix("sheet-") && $0.hasSuffix(".pdf") }, "\(files)")
        XCTAssertTrue(files.contains("register.pdf") && files.contains { $0.hasPrefix("processor-") && $0.hasSuffix(".pdf") }, "\(files)")
        XCTAssertEqual(files.filter { $0.hasSuffix(".pdf") }.count, files.filter { $0.hasSuffix(".docx") }.count)
        for pdf in files where pdf.hasSuffix(".pdf") {
            let pages = try Self.pages(out.appendingPathComponent(pdf).path)
            // Sheets, one Art. 30(2) record per processor, and the whole register (all of them: longer).
            XCTAssertTrue(pages[0].contains(pdf.hasPrefix("processor-") ? "Processor's record" : "Record of processing activities"), pages[0])
            if pdf != "register.pdf" { XCTAssertLessThanOrEqual(pages.count, 8, "\(pdf): \(pages.count) pages") }
        }
    }

    func testMissingConverterIsOneClearErrorAndWritesNothing() throws {
        try SilhouetteBinary.requireBuilt()
        let out = try temporaryDirectory()
        let emptyBin = try temporaryDirectory()
        let target = out.appendingPathComponent("docs")
        let run = try SilhouetteBinary.run(["report", "sheet", "examples/massy-city/deployment.yaml", "--format", "md,pdf", "-o", target.path],
                                           environment: ["PATH": emptyBin.path])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("--format pdf needs weasyprint"), run.stderr)
        XCTAssertTrue(run.stderr.contains("scripts/install-deps"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))

        let bad = try SilhouetteBinary.run(["report", "sheet", "examples/massy-city/deployment.yaml", "--format", "rtf", "-o", target.path])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("unknown --format 'rtf'"), bad.stderr)
        let all = try SilhouetteBinary.run(["report", "sheet", "examples/massy-city/deployment.yaml", "--format", "all", "-o", target.path])
        XCTAssertEqual(all.status, 0, all.stderr)
        let written = try FileManager.default.contentsOfDirectory(atPath: target.path)
        XCTAssertEqual(Set(written.map { ($0 as NSString).pathExtension }), ["md", "html", "json", "csv"])  // csv: register.csv
    }

    /// Two customers in one store: the grocery's vetoed face watch-list must never reach Massy.
    func testEthicsReportShowsNothingOfAnotherCustomer() throws {
        try SilhouetteBinary.requireBuilt()
        let out = try temporaryDirectory()
        let store = out.appendingPathComponent("store.sqlite").path
        let shop = "examples/noncompliant-store/deployment.yaml", massy = "examples/massy-city/deployment.yaml"
        for deployment in [shop, massy] {
            let assess = try SilhouetteBinary.run(["assess", deployment, "--store", store, "--format", "json"])
            XCTAssertLessThan(assess.status, 2, assess.stderr)
        }
        let shopId = try XCTUnwrap(String(contentsOfFile: shop, encoding: .utf8)
            .components(separatedBy: "\n").first { $0.contains("id:") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces))
        let submit = try SilhouetteBinary.run(["ethics", "submit", "--feature", "face-watchlist", "--deployment", shopId,
                                               "--rationale", "Watch-list of suspected shoplifters at the grocery", "--store", store])
        XCTAssertEqual(submit.status, 0, submit.stderr)
        let submission = submit.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let opinion = try SilhouetteBinary.run(["ethics", "opinion", submission, "--decision", "unfavourable", "--members", "A. Chair, B. Member",
                                                "--rationale", "Biometric identification of customers of the grocery", "--store", store])
        XCTAssertEqual(opinion.status, 0, opinion.stderr)
        let kindSubmit = try SilhouetteBinary.run(["ethics", "submit", "--feature-kind", "face-recognition", "--deployment", shopId,
                                                   "--rationale", "Grocery asks about face recognition", "--store", store])
        XCTAssertEqual(kindSubmit.status, 0, kindSubmit.stderr)
        let kindOpinion = try SilhouetteBinary.run(["ethics", "opinion", kindSubmit.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                                                    "--decision", "unfavourable", "--members", "A. Chair",
                                                    "--rationale", "Grocery's request refused", "--store", store])
        XCTAssertEqual(kindOpinion.status, 0, kindOpinion.stderr)

        for lang in ["en", "fr"] {
            let dir = out.appendingPathComponent("massy-\(lang)")
            let run = try SilhouetteBinary.run(["report", "ethics", massy, "--store", store, "--lang", lang, "-o", dir.path])
            XCTAssertEqual(run.status, 0, run.stderr)
            for file in ["ethics.md", "ethics.html", "ethics.json"] {
                let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                for secret in [shopId, "face-watchlist", "grocery", "Grocery", "shoplifters", "Épicerie"] {
                    XCTAssertFalse(text.contains(secret), "Massy's \(lang)/\(file) reveals '\(secret)'")
                }
            }
            // The shop's own report shows its veto, its submission and the kind veto's reasons.
            let shopDir = out.appendingPathComponent("shop-\(lang)")
            let shopRun = try SilhouetteBinary.run(["report", "ethics", shop, "--store", store, "--lang", lang, "--format", "md", "-o", shopDir.path])
            XCTAssertEqual(shopRun.status, 0, shopRun.stderr)
            let shopText = try String(contentsOf: shopDir.appendingPathComponent("ethics.md"), encoding: .utf8)
            XCTAssertTrue(shopText.contains("face-watchlist"))
            XCTAssertTrue(shopText.contains("Watch-list of suspected shoplifters"))
        }
        // The committee's register shows everything.
        let registerDir = out.appendingPathComponent("register")
        let register = try SilhouetteBinary.run(["report", "ethics", massy, "--register", "--store", store, "--format", "md", "-o", registerDir.path])
        XCTAssertEqual(register.status, 0, register.stderr)
        let registerText = try String(contentsOf: registerDir.appendingPathComponent("ethics-register.md"), encoding: .utf8)
        XCTAssertTrue(registerText.contains("face-watchlist"))
        XCTAssertTrue(registerText.contains("Watch-list of suspected shoplifters"))
    }

    /// The Québec mall gets an EFVP (P-39.1 s. 3.3) with no GDPR part, in both languages.
    func testQuebecMallDocumentIsAnEFVPWithoutGDPR() throws {
        try SilhouetteBinary.requireBuilt()
        let out = try temporaryDirectory()
        for (lang, title, gdpr) in [("fr", "# Évaluation des facteurs relatifs à la vie privée", "RGPD"), ("en", "# Privacy impact assessment (Québec, P-39.1 s. 3.3)", "GDPR")] {
            let dir = out.appendingPathComponent(lang)
            let run = try SilhouetteBinary.run(["report", "pia", "examples/mall-visitor-analytics/deployment.yaml", "--lang", lang,
                                                "--format", "md", "--date", "2026-12-03", "-o", dir.path])
            XCTAssertEqual(run.status, 0, run.stderr)
            let md = try String(contentsOf: dir.appendingPathComponent("pia.md"), encoding: .utf8)
            XCTAssertTrue(md.hasPrefix(title), String(md.prefix(200)))
            XCTAssertFalse(md.contains(gdpr), "the Québec document cites the \(gdpr)")
            XCTAssertFalse(md.contains("WP248"))
            XCTAssertTrue(md.contains("P-39.1"))
            // Canada-to-Canada flows are no "transfer outside the EEA"; the body names no tool internal.
            XCTAssertFalse(md.contains(lang == "fr" ? "EEE" : "EEA"), "the Québec document speaks of the EEA")
            let body = String(md[..<(md.range(of: lang == "fr" ? "## Annexe" : "## Annex")?.lowerBound ?? md.endIndex)])
            // (The English rule texts are not yet rewritten this way: French only.)
            for toolWord in lang == "fr" ? ["silhouette verify", "information_channels", "AIPD"] : [] {
                XCTAssertFalse(body.contains(toolWord), "the Québec \(lang) body names « \(toolWord) »")
            }
        }
    }

    /// Massy's cycle-path counting sheet: statistics only — no police, no video, no clip retention.
    func testMassyCycleCountingSheetHasNoPoliceAndNoVideo() throws {
        try SilhouetteBinary.requireBuilt()
        let out = try temporaryDirectory()
        let run = try SilhouetteBinary.run(["report", "sheet", "examples/massy-city/deployment.yaml", "--lang", "fr", "--format", "md", "-o", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let md = try String(contentsOf: out.appendingPathComponent("sheet-cycle-path-counting.md"), encoding: .utf8)
        let wrongWay = try String(contentsOf: out.appendingPathComponent("sheet-wrong-way.md"), encoding: .utf8)
        for absent in ["police", "gendarmerie", "extraits vidéo", "flux vidéo brut", "instantanés"] {
            XCTAssertFalse(md.lowercased().contains(absent), "cycle-path sheet lists \(absent)")
        }
        XCTAssertTrue(md.contains("| statistiques | 5 ans |"), md)
        XCTAssertTrue(wrongWay.lowercased().contains("police"), "the wrong-way sheet lost its police recipient")
        // The whole register as CSV: a header and one row per purpose, same per-purpose scope.
        let csv = try String(contentsOf: out.appendingPathComponent("register.csv"), encoding: .utf8)
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertTrue(rows[0].hasPrefix("purpose,description,legal_basis,"), rows[0])
        let cycle = try XCTUnwrap(rows.first { $0.hasPrefix("cycle-path-counting,") })
        XCTAssertTrue(cycle.contains("statistics=P1825D") || cycle.contains("statistics=P"), cycle)
        XCTAssertFalse(cycle.lowercased().contains("police"), cycle)
    }
}
