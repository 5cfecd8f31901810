import DeploymentModel
import Foundation
import ProcessTestSupport
import Rules
@testable import Signage
import XCTest

/// Second-layer notices, staff documents, the QR code read back by zbarimg, the command end to
/// end with the store, and the transparency check of posted signs.
final class NoticeAndCheckTests: XCTestCase {
    /// GDPR Art. 13 items, written out here independently of the tables.
    static let article13 = ["Art. 13(1)(a)", "Art. 13(1)(b)", "Art. 13(1)(c)", "Art. 13(1)(d)", "Art. 13(1)(e)", "Art. 13(1)(f)",
                            "Art. 13(2)(a)", "Art. 13(2)(b)", "Art. 13(2)(c)", "Art. 13(2)(d)", "Art. 13(2)(e)", "Art. 13(2)(f)"]

    /// Directive (EU) 2016/680 Art. 13 items.
    static let directive13 = ["Art. 13(1)(a)", "Art. 13(1)(b)", "Art. 13(1)(c)", "Art. 13(1)(d)", "Art. 13(1)(e)",
                              "Art. 13(2)(a)", "Art. 13(2)(b)", "Art. 13(2)(c)"]

    func testNoticeCarriesEveryArticle13ItemPerPurpose() throws {
        let loaded = try SignageFixtures.example("massy-city")
        let composer = try SignageFixtures.composer(loaded)
        for language in Language.allCases {
            let markdown = SecondLayerNotice(composer: composer, language: language).render().markdown
            let sections = markdown.components(separatedBy: "\n## ").dropFirst()
            XCTAssertEqual(sections.count, loaded.document.purposes.count, "one section per purpose")
            let lawEnforcement = Set(loaded.document.purposes.filter(\.lawEnforcement).map(\.id))
            XCTAssertFalse(lawEnforcement.isEmpty, "Massy detects offences (illegal dumping)")
            for (purpose, section) in zip(loaded.document.purposes.filter { p in loaded.document.cameras.contains { $0.purposes.contains(p.id) } }, sections) {
                // Police-directive purposes: Directive (EU) 2016/680 Art. 13; the others GDPR Art. 13.
                let items = lawEnforcement.contains(purpose.id) ? Self.directive13 : Self.article13
                for item in items {
                    // "Art. 13(1)(a)" in English, "art. 13, § 1, a)" in French.
                    let law = lawEnforcement.contains(purpose.id) ? (language == .en ? "Directive (EU) 2016/680 " : "directive (UE) 2016/680, ") : (language == .en ? "GDPR " : "RGPD, ")
                    let cited = language == .en ? law + item
                        : law + "art. 13, § \(item.dropFirst(8).prefix(1)), \(item.dropFirst(11).prefix(1)))"
                    XCTAssertTrue(section.contains(cited), "\(language) \(purpose.id): \(cited) missing in « \(section.prefix(80)) »")
                }
                XCTAssertEqual(section.contains("GDPR"), language == .en && !lawEnforcement.contains(purpose.id), purpose.id)
                // Rows carry a statement, never an empty cell.
                XCTAssertFalse(section.contains("|  |  |"), section)
            }
            if language == .fr {
                XCTAssertTrue(markdown.contains("mission d'intérêt public"))
                XCTAssertTrue(markdown.contains("texte non traduit"), "English free text must be marked")
                XCTAssertFalse(markdown.contains("| **Recipients**"))
            } else {
                XCTAssertTrue(markdown.contains("| **Recipients** |"))
            }
        }
        // Recipients follow what the purpose produces: cyclist counts go to the mobility
        // department, not to the national police.
        let en = SecondLayerNotice(composer: composer, language: .en).render().markdown
        let cycling = try XCTUnwrap(en.components(separatedBy: "\n## ").first { $0.contains("cyclists") })
        XCTAssertTrue(cycling.contains("municipal mobility department"))
        XCTAssertFalse(cycling.contains("national police"))
    }

    func testQuebecAndPIPEDANoticesFollowTheirLaw() throws {
        let mall = try SignageFixtures.example("mall-visitor-analytics")
        let qc = SecondLayerNotice(composer: try SignageFixtures.composer(mall), language: .fr).render().markdown
        for reference in ["P-39.1 art. 8, al. 1, par. 1°", "P-39.1 art. 8, al. 1, par. 3°", "P-39.1 art. 8.1", "P-39.1 art. 3.1", "P-39.1 art. 81"] {
            XCTAssertTrue(qc.contains(reference), reference)
        }
        XCTAssertFalse(qc.contains("Art. 13"), "no GDPR article in a Québec notice")
        XCTAssertTrue(qc.contains("Aucune communication à l'extérieur du Québec"))
        let ontario = try SignageFixtures.variant("mall-visitor-analytics", [("jurisdictions: [CA, CA-QC]", "jurisdictions: [CA]")])
        let pipeda = SecondLayerNotice(composer: try SignageFixtures.composer(ontario), language: .en).render().markdown
        for reference in ["PIPEDA Sch. 1, 4.2", "PIPEDA Sch. 1, 4.9", "PIPEDA Sch. 1, 4.10"] { XCTAssertTrue(pipeda.contains(reference), reference) }
        XCTAssertFalse(pipeda.contains("Art. 13"))
    }

    func testEmployeeLetterAndStaffCouncilSummaryWhereCamerasFilmWorkers() throws {
        let construction = try SignageFixtures.variant("construction-timelapse", [
            ("site office and the site gate panel", "bureau du chantier et panneau de l'entrée du chantier")])
        let staff = StaffDocuments(composer: try SignageFixtures.composer(construction), language: .fr)
        XCTAssertTrue(staff.applies)
        let letter = try staff.letter().markdown
        XCTAssertTrue(letter.contains("article L. 1222-4 du code du travail"))
        for camera in construction.document.cameras { XCTAssertTrue(letter.contains(camera.id), camera.id) }
        XCTAssertTrue(letter.contains("bureau du chantier"))
        let summary = try staff.staffCouncilSummary().markdown
        XCTAssertTrue(summary.contains("art. L. 2312-38"))
        XCTAssertTrue(summary.contains("zone chantier"))
        // No staff filmed in the mall, and Québec labour law is not encoded: no letter.
        let mall = try SignageFixtures.example("mall-visitor-analytics")
        XCTAssertFalse(StaffDocuments(composer: try SignageFixtures.composer(mall), language: .fr).applies)
    }

    func testQRCodeDecodesToTheSecondLayerURL() throws {
        for (example, size) in [("mall-visitor-analytics", SignSize.a5), ("massy-city", SignSize.a3)] {
            let sign = try XCTUnwrap(SignageFixtures.signs(try SignageFixtures.example(example), .en).first)
            let url = try XCTUnwrap(sign.secondLayerURL)
            let png = try ExternalRenderer.png(svg: try SignageFixtures.svg(sign, size: size), dpi: 150)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
            defer { try? FileManager.default.removeItem(at: file) }
            try png.write(to: file)
            let decoded = try ProcessRunner.run(tool: "zbarimg", ["--quiet", "--raw", file.path])
            XCTAssertEqual(decoded.status, 0, decoded.stderr)
            XCTAssertEqual(decoded.stdout.trimmingCharacters(in: .newlines), url, "\(example) \(size)")
        }
        XCTAssertNil(QRCode(encoding: String(repeating: "x", count: QRCode.maximumLength + 1)))
        XCTAssertNil(QRCode(encoding: ""))
    }

    func testLabelTablesHaveTheSameKeysInEveryLanguage() throws {
        let en = SignageFixtures.tables.labels(.en), fr = SignageFixtures.tables.labels(.fr)
        XCTAssertEqual(Set(en.texts.keys), Set(fr.texts.keys))
        XCTAssertTrue(fr.foreignMarkers.contains("the"))
        XCTAssertEqual(fr.longDate("2027-12-02"), "2 décembre 2027")
        XCTAssertEqual(fr.duration(.seconds(30 * 86_400)), "30 jours")
        XCTAssertEqual(en.duration(.seconds(365 * 86_400)), "1 year")
        // A reference the tables could not confirm says so.
        let csi = SignageFixtures.tables.requirements.csi.refs
        XCTAssertTrue(csi.contains { $0.uncertain == true && $0.note?.contains("2023-1102") == true })
    }

    // MARK: The command, end to end

    func run(_ arguments: [String]) throws -> ProcessRunner.Run {
        XCTAssertTrue(FileManager.default.fileExists(atPath: ProcessRunner.silhouette.path), "build first: swift build --build-tests")
        return try ProcessRunner.run(ProcessRunner.silhouette, arguments, in: ProcessRunner.packageRoot)
    }

    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("signage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testBadInputGivesOneLineExitTwoAndWritesNothing() throws {
        let dir = try scratch()
        let out = dir.appendingPathComponent("out").path
        let store = dir.appendingPathComponent("store.sqlite").path
        // A French sign cannot print a second-layer place given only in English: the example
        // gives it in both languages, so a copy keeps only the English text.
        let example = try String(contentsOfFile: "examples/construction-timelapse/deployment.yaml", encoding: .utf8)
        let bilingualPlace = #"second_layer_place: {en: "site office and the site gate panel", fr: "bureau de chantier et panneau du portail du chantier"}"#
        XCTAssertTrue(example.contains(bilingualPlace))
        let englishOnly = example.replacingOccurrences(of: bilingualPlace, with: #"second_layer_place: "site office and the site gate panel""#)
        let englishOnlyPath = dir.appendingPathComponent("english-place.yaml").path
        try englishOnly.write(toFile: englishOnlyPath, atomically: true, encoding: .utf8)
        let placeLine = (englishOnly.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("second_layer_place") } ?? -1) + 1
        let cases: [([String], String)] = [
            (["examples/massy-city/deployment.yaml", "--camera", "nope"], "error: no camera 'nope' in the deployment"),
            (["examples/massy-city/deployment.yaml", "--site", "nowhere"], "error: no site 'nowhere'"),
            (["examples/vtest-plaza/deployment.yaml"], "error: examples/vtest-plaza/deployment.yaml:"),
            ([englishOnlyPath, "--lang", "fr"], "error: \(englishOnlyPath):\(placeLine):"),
        ]
        for (arguments, expected) in cases {
            let result = try run(["signage"] + arguments + ["-o", out, "--store", store, "--date", "2026-12-07"])
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix(expected), "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
            XCTAssertEqual(result.stdout, "")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), "\(arguments) wrote \(out)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: store), "\(arguments) created the store")
        }
    }

    func testPDFSignsAndNoticeForPrinting() throws {
        let dir = try scratch()
        let out = dir.appendingPathComponent("pdf").path
        let result = try run(["signage", "examples/mall-visitor-analytics/deployment.yaml", "--site", "food-court", "--lang", "en",
                              "--size", "A4", "--format", "pdf", "-o", out, "--no-record", "--date", "2026-12-07"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        XCTAssertEqual(files, ["notice.html", "notice.md", "notice.pdf", "sign-01-occupancy.pdf"])
        for pdf in ["notice.pdf", "sign-01-occupancy.pdf"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent(pdf))
            XCTAssertEqual(String(decoding: data.prefix(5), as: UTF8.self), "%PDF-", pdf)
        }
        // The sign's PDF page is A4 (595 × 842 pt) and its text is real text, not pixels.
        let text = try ProcessRunner.run(tool: "pdftotext", [URL(fileURLWithPath: out).appendingPathComponent("sign-01-occupancy.pdf").path, "-"])
        XCTAssertTrue(text.stdout.squeezed.contains("Les Galeries du Fleuve Inc."), text.stdout)
        let info = try ProcessRunner.run(tool: "pdfinfo", [URL(fileURLWithPath: out).appendingPathComponent("sign-01-occupancy.pdf").path])
        XCTAssertTrue(info.stdout.contains("595.276 x 841.89 pts") || info.stdout.contains("595.28 x 841.89 pts"), info.stdout)
    }

    func testOversizedTableRefused() throws {
        let dir = try scratch()
        for file in ["requirements.yaml", "en.yaml", "fr.yaml"] {
            try FileManager.default.copyItem(at: SignageFixtures.root.appendingPathComponent("signage/\(file)"), to: dir.appendingPathComponent(file))
        }
        let padding = "# " + String(repeating: "x", count: 1000) + "\n"
        try (String(repeating: padding, count: 600)).write(to: dir.appendingPathComponent("en.yaml"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SignageTables.load(directory: dir.path)) {
            XCTAssertTrue("\($0)".contains("en.yaml: signage table unreadable: larger than"), "\($0)")
        }
    }

    func testUncoveredLawGetsNoSign() throws {
        let dir = try scratch()
        let text = try String(contentsOfFile: SignageFixtures.root.appendingPathComponent("examples/mall-visitor-analytics/deployment.yaml").path, encoding: .utf8)
            .replacingOccurrences(of: "jurisdictions: [CA, CA-QC]", with: "jurisdictions: [UK]")
        let model = dir.appendingPathComponent("uk.yaml")
        try text.write(to: model, atomically: true, encoding: .utf8)
        let result = try run(["signage", model.path, "-o", dir.appendingPathComponent("out").path, "--no-record"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasPrefix("error: applicable law not covered for purpose 'footfall': United Kingdom"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    func testProhibitedUseRefusedByTheCommand() throws {
        let dir = try scratch()
        var text = try String(contentsOfFile: SignageFixtures.root.appendingPathComponent("examples/mall-visitor-analytics/deployment.yaml").path, encoding: .utf8)
        text = text.replacingOccurrences(of: "jurisdictions: [CA, CA-QC]", with: "jurisdictions: [EU, FR]")
            .replacingOccurrences(of: "sector: retail", with: "sector: education").replacingOccurrences(of: "kind: dwell,", with: "kind: emotion,")
        let model = dir.appendingPathComponent("school.yaml")
        try text.write(to: model, atomically: true, encoding: .utf8)
        let result = try run(["signage", model.path, "-o", dir.appendingPathComponent("out").path, "--no-record", "--date", "2026-12-07"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("school.yaml:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("prohibited (AI Act (Regulation (EU) 2024/1689) Art. 5(1)(f)); see finding AI-PROHIBITED-002"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    func testSignsAreRecordedAndPostedSignsChecked() throws {
        let dir = try scratch()
        let store = dir.appendingPathComponent("store.sqlite").path
        let out = dir.appendingPathComponent("signs").path
        let original = try String(contentsOfFile: SignageFixtures.root.appendingPathComponent("examples/mall-visitor-analytics/deployment.yaml").path, encoding: .utf8)
        let model = dir.appendingPathComponent("mall.yaml")
        try original.write(to: model, atomically: true, encoding: .utf8)
        let generated = try run(["signage", model.path, "--lang", "fr", "--format", "svg", "-o", out, "--store", store, "--date", "2026-12-07"])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        let lines = generated.stdout.split(separator: "\n").filter { $0.hasPrefix("SIGN-") }
        XCTAssertGreaterThanOrEqual(lines.count, 2, generated.stdout)
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        XCTAssertTrue(files.contains("notice.md") && files.contains("notice.html"), "\(files)")
        XCTAssertEqual(files.filter { $0.hasPrefix("sign-") && $0.hasSuffix(".svg") }.count, lines.count)
        // Which cameras each sign covers, from the recorded signs.
        let composerSigns = try SignageFixtures.signs(try SignageFixtures.example("mall-visitor-analytics"), .fr)
        // The examples' sign channels have no recorded version yet: unchecked, flagged.
        let unchecked = try run(["signage", "check", model.path, "--store", store, "--date", "2026-12-07"])
        XCTAssertEqual(unchecked.status, 1, unchecked.stdout + unchecked.stderr)
        XCTAssertTrue(unchecked.stdout.contains("unchecked sign channel 'entrance-notice': no sign_version"), unchecked.stdout)
        let posted = zip(lines, composerSigns).enumerated().map { offset, pair in
            "  - {id: posted-\(offset), kind: sign, states: [controller-identity, purposes, rights, second-layer], cameras: [\(pair.1.cameras.joined(separator: ", "))], sign_version: \(pair.0.split(separator: "\t")[0])}"
        }.joined(separator: "\n")
        let channels = "information_channels:\n"
        XCTAssertTrue(original.contains(channels))
        let withPosted = original.replacingOccurrences(of: "  - id: entrance-notice\n    kind: sign\n", with: "  - id: entrance-notice\n    kind: website\n")
            .replacingOccurrences(of: channels, with: channels + posted + "\n")
        try withPosted.write(to: model, atomically: true, encoding: .utf8)
        let current = try run(["signage", "check", model.path, "--store", store, "--date", "2026-12-07"])
        XCTAssertEqual(current.status, 0, current.stdout + current.stderr)
        XCTAssertEqual(current.stdout.split(separator: "\n").filter { $0.contains("current  SIGN-") }.count, lines.count, current.stdout)
        XCTAssertFalse(current.stdout.contains("no posted sign for"), current.stdout)

        // A longer retention since the signs were printed: the posted signs are outdated and say what they lack.
        let changed = withPosted.replacingOccurrences(of: "duration: 3y", with: "duration: 5y")
        XCTAssertNotEqual(changed, withPosted, "fixture: the mall keeps statistics 3y")
        try changed.write(to: model, atomically: true, encoding: .utf8)
        let outdated = try run(["signage", "check", model.path, "--store", store, "--date", "2026-12-07"])
        XCTAssertEqual(outdated.status, 1, outdated.stdout + outdated.stderr)
        XCTAssertTrue(outdated.stdout.contains("mall.yaml:"), outdated.stdout)
        XCTAssertTrue(outdated.stdout.contains("lacks:      Conservation — Aucune image conservée\u{202F}; statistiques conservées 5 ans."), outdated.stdout)
        XCTAssertTrue(outdated.stdout.contains("no longer:  Conservation — Aucune image conservée\u{202F}; statistiques conservées 3 ans."), outdated.stdout)

        // A posted sign naming a record the store does not hold is bad input.
        try original.replacingOccurrences(of: channels, with: channels + "  - {id: hall, kind: sign, cameras: [ent-nord-1], sign_version: SIGN-99}\n")
            .write(to: model, atomically: true, encoding: .utf8)
        let unknown = try run(["signage", "check", model.path, "--store", store])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("posted sign refers to SIGN-99"), unknown.stderr)
        // The audit log verifies with the sign records in it, and notices a sign edited behind its back.
        let audit = try run(["audit", "verify", "--store", store])
        XCTAssertEqual(audit.status, 0, audit.stdout + audit.stderr)
        let edit = try ProcessRunner.run(tool: "sqlite3", [store, "UPDATE signs SET content_hash = 'sha256:0' WHERE id = 'SIGN-1'"])
        XCTAssertEqual(edit.status, 0, edit.stderr)
        let tampered = try run(["audit", "verify", "--store", store])
        XCTAssertEqual(tampered.status, 1, tampered.stdout + tampered.stderr)
        XCTAssertTrue((tampered.stdout + tampered.stderr).contains("sign/SIGN-1"), tampered.stdout + tampered.stderr)
    }
}
