import Foundation
@testable import Store
import XCTest

/// The DPO's review of a PIA (`silhouette review import`) and the record of an ethics
/// deliberation (`silhouette ethics deliberation`), end to end through the real binary, on
/// SQLite and on PostgreSQL (skipped with a printed reason without a server).
final class ReviewAndDeliberationTests: XCTestCase {
    private func onBothBackends(_ body: (TestBackend, String) throws -> Void) throws {
        var skipped: [String] = []
        for backend in TestBackend.allCases {
            do {
                try body(backend, try backend.freshStore())
            } catch let skip as XCTSkip {
                skipped.append("\(backend.rawValue): \(skip.message ?? "skipped")")
            }
        }
        if !skipped.isEmpty { print("ReviewAndDeliberationTests.\(name): " + skipped.joined(separator: "; ")) }
    }

    /// A French document with French typography undone (no-break spaces, typographic apostrophes).
    static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
            .replacingOccurrences(of: "’", with: "'")
    }

    static let review = """
    review: silhouette/pia-review/v1
    deployment: my-shop-footfall
    reviewer: Claire Martin
    date: 2026-12-04
    principles:
      - principle: minimisation
        status: to-improve
        comment: Le champ de la caméra d'entrée couvre le trottoir.
      - principle: purposes
        status: acceptable
    risks:
      - risk: chilling-effect
        severity: 1
        severity_justification: Seuls des comptages anonymes sortent du capteur.
    reservations:
      - action: Recadrer la caméra door-main pour exclure le trottoir
        owner: Directeur du magasin
        due: 2027-01-31
    dpo_opinion:
      opinion: favourable-with-reservations
      text: Mise en œuvre possible sous réserve du recadrage.
    data_subjects_opinion:
      who: Comité social et économique
      text: Avis favorable du 2 décembre 2026.
    prior_consultation:
      decision: not-required
      reason: risques résiduels acceptables
    controller_decision:
      decision: accepted-with-conditions
      by: Jeanne Dupont, gérante
      date: 2026-12-05
      conditions: [Recadrage de la caméra d'entrée avant le 31 janvier 2027]
      residual_risks_accepted: [chilling-effect]
    """

    func testAReviewFillsThePIAAndGoesStaleWhenTheModelChanges() throws {
        try onBothBackends { backend, location in
            let dir = try StoreTestSupport.tempDirectory()
            let model = dir.appendingPathComponent("deployment.yaml").path
            XCTAssertEqual(try StoreTestSupport.run(["init", "--template", "retail", "-o", model]).status, 0)
            let reviewFile = dir.appendingPathComponent("review.yaml").path
            try Self.review.write(toFile: reviewFile, atomically: true, encoding: .utf8)

            let imported = try StoreTestSupport.run(["review", "import", model, reviewFile, "--store", location])
            XCTAssertEqual(imported.status, 0, "\(backend): \(imported.stderr)")
            XCTAssertTrue(imported.stdout.hasPrefix("REV-1 review of my-shop-footfall by Claire Martin (principles, risks, reservations, dpo-opinion, data-subjects-opinion, prior-consultation, controller-decision)"), imported.stdout)

            let listed = try StoreTestSupport.run(["review", "show", model, "--format", "json", "--store", location])
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any], listed.stderr)
            let reviews = try XCTUnwrap(json["reviews"] as? [[String: Any]])
            XCTAssertEqual(reviews.map { $0["id"] as? String }, ["REV-1"])
            XCTAssertEqual(reviews.first?["current"] as? Bool, true, "\(backend)")

            let out = dir.appendingPathComponent("out").path
            let report = try StoreTestSupport.run(["report", "pia", model, "--lang", "fr", "--format", "md", "-o", out, "--store", location])
            XCTAssertEqual(report.status, 0, "\(backend): \(report.stderr)")
            let pia = Self.plain(try String(contentsOfFile: out + "/pia.md", encoding: .utf8))
            for expected in [
                "À améliorer — Le champ de la caméra d'entrée couvre le trottoir.",              // principles table
                // Risk section: the DPO's score replaces the computed one, with the DPO's reason.
                "1 — négligeable → 1 — négligeable — Seuls des comptages anonymes sortent du capteur (appréciation du délégué du 4 décembre 2026)",
                "Acceptée sous conditions — Jeanne Dupont, gérante, 5 décembre 2026. Conditions : Recadrage", // validation page
                "Recadrage de la caméra d'entrée avant le 31 janvier 2027",
                "Effet dissuasif sur les libertés",                                              // residual risk accepted
                "Non requise",                                                                   // Art. 36
                "Comité social et économique",
                "Mise en œuvre possible sous réserve du recadrage. (Claire Martin, 4 décembre 2026)",
                "Recadrer la caméra door-main pour exclure le trottoir",                         // action plan
                "Réserve du délégué",
                "Examen de Claire Martin du 4 décembre 2026 (enregistrement REV-1",
            ] {
                XCTAssertTrue(pia.contains(expected), "\(backend): missing «\(expected)»")
            }
            let csv = try String(contentsOfFile: out + "/action-plan.csv", encoding: .utf8)
            XCTAssertTrue(csv.contains("Recadrer la caméra door-main pour exclure le trottoir"), csv)

            let store = try SilhouetteStore.open(at: location, access: .readOnly)
            XCTAssertTrue(try store.auditEntries().contains { $0.entity == "pia-review/REV-1" && $0.action == "record-pia-review" })
            XCTAssertTrue(try store.verifyAudit().isValid, "\(backend)")
            store.close()

            // The model changes: the review was made on another version.
            var text = try String(contentsOfFile: model, encoding: .utf8)
            text = text.replacingOccurrences(of: "estimated_daily_subjects: ", with: "estimated_daily_subjects: 1")
            try text.write(toFile: model, atomically: true, encoding: .utf8)
            let again = try StoreTestSupport.run(["report", "pia", model, "--lang", "fr", "--format", "md,html", "-o", out, "--store", location])
            XCTAssertEqual(again.status, 0, "\(backend): \(again.stderr)")
            let stale = Self.plain(try String(contentsOfFile: out + "/pia.md", encoding: .utf8))
            XCTAssertTrue(stale.contains("Le dernier examen du délégué à la protection des données (REV-1, par Claire Martin, du 4 décembre 2026, saisi le"), "\(backend)")
            XCTAssertTrue(stale.contains("porte sur une autre version du modèle"))
            XCTAssertFalse(stale.contains("À améliorer — Le champ de la caméra"), "a stale review's statuses are not shown as current")
            XCTAssertFalse(stale.contains("Réserve du délégué"))
            let html = try String(contentsOfFile: out + "/pia.html", encoding: .utf8)
            XCTAssertTrue(html.contains("PROJET"), "\(backend): the cover stays a draft")
            let show = try StoreTestSupport.run(["review", "show", model, "--store", location])
            XCTAssertTrue(show.stdout.contains("REV-1  2026-12-04  Claire Martin") && show.stdout.contains("stale"), show.stdout)
        }
    }

    /// The review shipped with the Massy example (and imported by `make demo`) stays valid, and
    /// in the French PIA its reservations name the owner's role in words, not `controller`.
    func testTheMassyExampleReviewImportsAndReadsInFrench() throws {
        let directory = try StoreTestSupport.tempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let example = StoreTestSupport.packageRoot.appendingPathComponent("examples/massy-city").path
        let store = directory.appendingPathComponent("store.sqlite").path
        let imported = try StoreTestSupport.run(["review", "import", example + "/deployment.yaml", example + "/pia-review.yaml", "--store", store])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let out = directory.appendingPathComponent("out").path
        let report = try StoreTestSupport.run(["report", "pia", example + "/deployment.yaml", "--lang", "fr", "--format", "md", "-o", out, "--store", store])
        XCTAssertEqual(report.status, 0, report.stderr)
        let pia = Self.plain(try String(contentsOfFile: out + "/pia.md", encoding: .utf8))
        let reservation = try XCTUnwrap(pia.split(separator: "\n").first { $0.contains("Compléter les panneaux d'information des 18 caméras") })
        XCTAssertTrue(reservation.contains("| Réserve du délégué |"), String(reservation))
        // Every action has the same owner here, so the plan names it once above its table.
        XCTAssertTrue(pia.contains("Responsable de toutes les actions : Responsable de traitement"), pia)
        XCTAssertFalse(pia.contains("controller"), pia)
        XCTAssertTrue(pia.contains("Acceptée sous conditions — Le maire de Massy, 2 décembre 2026"))
    }

    func testABadReviewFileIsRefusedAtItsPositionAndNothingIsRecorded() throws {
        let dir = try StoreTestSupport.tempDirectory()
        let model = dir.appendingPathComponent("deployment.yaml").path
        XCTAssertEqual(try StoreTestSupport.run(["init", "--template", "retail", "-o", model]).status, 0)
        let bad = Self.review
            .replacingOccurrences(of: "status: to-improve", with: "status: to-improved")
            .replacingOccurrences(of: "    severity: 1\n", with: "    severity: 5\n    likelihood: 2\n")
            .replacingOccurrences(of: "deployment: my-shop-footfall", with: "deployment: other-shop")
        let file = dir.appendingPathComponent("review.yaml").path
        try bad.write(toFile: file, atomically: true, encoding: .utf8)
        let store = dir.appendingPathComponent("store.sqlite").path
        let result = try StoreTestSupport.run(["review", "import", model, file, "--store", store])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("review.yaml:2:13: error: this review is about deployment 'other-shop', not 'my-shop-footfall'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("review.yaml:7:13: error: invalid value 'to-improved' for principles[0].status (hint: did you mean 'to-improve'?"), result.stderr)
        XCTAssertTrue(result.stderr.contains("review.yaml:13:15: error: risks[0].severity must be between 1 and 4, not 5"), result.stderr)
        XCTAssertTrue(result.stderr.contains("review.yaml:12:5: error: risks[0] gives a likelihood score without likelihood_justification"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: store), "nothing recorded: the store was not even created")
        // The template teaches the format and does not import as written.
        let template = try StoreTestSupport.run(["review", "template", model])
        XCTAssertEqual(template.status, 0)
        XCTAssertTrue(template.stdout.contains("review: silhouette/pia-review/v1\ndeployment: my-shop-footfall\n"))
        XCTAssertTrue(template.stdout.contains("  - principle: restriction-objection"))
        try template.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try StoreTestSupport.run(["review", "import", model, file, "--store", store]).status, 2)
    }

    /// Two customers in one store; the committee deliberates on one customer's submission about
    /// a kind of feature both use. The other customer's report shows the opinion, its quorum and
    /// votes, never the submission, the dissent or the documents (which name the first customer).
    func testDeliberationRecordIsShownAndKeptConfidential() throws {
        try onBothBackends { backend, location in
            let dir = try StoreTestSupport.tempDirectory()
            let shopA = dir.appendingPathComponent("a.yaml").path, shopB = dir.appendingPathComponent("b.yaml").path
            XCTAssertEqual(try StoreTestSupport.run(["init", "--template", "retail", "-o", shopA]).status, 0)
            let b = try String(contentsOfFile: shopA, encoding: .utf8).replacingOccurrences(of: "my-shop-footfall", with: "rival-shop")
            try b.write(toFile: shopB, atomically: true, encoding: .utf8)
            let run = { (arguments: [String]) throws -> StoreTestSupport.Output in
                try StoreTestSupport.run(arguments + ["--store", location])
            }
            XCTAssertEqual(try run(["ethics", "submit", "--feature-kind", "line-crossing", "--rationale", "Counting for Epicerie Durand",
                                    "--deployment", "my-shop-footfall"]).stdout, "ETH-1\n")
            XCTAssertEqual(try run(["ethics", "opinion", "ETH-1", "--decision", "favourable-with-reservations", "--members", "A. Martin, B. Okafor, C. Diallo",
                                    "--rationale", "Anonymous counts", "--reservation", "No image leaves the sensor", "--review-by", "2026-06-30"]).status, 0)
            // Refused: quorum not reached, votes that do not add up, a vote against without dissent.
            let base = ["ethics", "deliberation", "OP-1", "--meeting-date", "2026-11-20", "--present", "A. Martin, B. Okafor, C. Diallo",
                        "--document", "PIA of Epicerie Durand, model sha256:abc", "--chair", "A. Martin"]
            let inquorate = try run(base + ["--quorum", "3", "--votes", "2:0:0", "--conflict", "C. Diallo"])
            XCTAssertEqual(inquorate.status, 2)
            XCTAssertTrue(inquorate.stderr.contains("quorum not reached: 2 member(s) could vote, the rule requires 3"), inquorate.stderr)
            XCTAssertTrue(try run(base + ["--quorum", "3", "--votes", "2:0:0"]).stderr.contains("2 vote(s) and abstention(s) for 3 voting member(s)"))
            XCTAssertTrue(try run(base + ["--quorum", "3", "--votes", "2:1:0"]).stderr.contains("voted against but no dissent is recorded"))
            XCTAssertTrue(try run(["ethics", "deliberation", "OP-9"] + Array(base.dropFirst(3)) + ["--quorum", "1", "--votes", "3:0:0"])
                .stderr.contains("no ethics opinion with id 'OP-9'"))
            let recorded = try run(base + ["--quorum", "3", "--votes", "2:1:0", "--dissent", "C. Diallo: Epicerie Durand films the street"])
            XCTAssertEqual(recorded.status, 0, "\(backend): \(recorded.stderr)")
            XCTAssertEqual(recorded.stdout, "DEL-1 deliberation of OP-1 on 2026-11-20: 2 for, 1 against, 0 abstaining\n")

            let out = dir.appendingPathComponent("out").path
            XCTAssertEqual(try run(["report", "ethics", shopA, "--format", "md", "-o", out + "/a"]).status, 0)
            let own = try String(contentsOfFile: out + "/a/ethics.md", encoding: .utf8)
            for expected in ["| Meeting | November 20, 2026 |", "| Quorum | 3 members able to vote; the rule requires 3: quorum reached |",
                             "| Votes | for: 2; against: 1; abstentions: 0 |", "| Dissent | C. Diallo: Epicerie Durand films the street |",
                             "| Documents reviewed | PIA of Epicerie Durand, model sha256:abc |",
                             "A. Martin, chair of the meeting of November 20, 2026 (record DEL-1) — signature:",
                             "**overdue**"] {
                XCTAssertTrue(own.contains(expected), "\(backend): missing \(expected)\n\(own)")
            }
            XCTAssertEqual(try run(["report", "ethics", shopB, "--lang", "fr", "--format", "md", "-o", out + "/b"]).status, 0)
            let other = Self.plain(try String(contentsOfFile: out + "/b/ethics.md", encoding: .utf8))
            XCTAssertTrue(other.contains("| Votes | pour : 2 ; contre : 1 ; abstentions : 0 |"), "\(backend): \(other)")
            XCTAssertTrue(other.contains("conservés dans le registre du comité"))
            XCTAssertFalse(other.contains("Epicerie"), "\(backend): another customer's name leaked")
            XCTAssertFalse(other.contains("my-shop-footfall"))
            XCTAssertEqual(try run(["report", "ethics", shopB, "--register", "--format", "md", "-o", out + "/r"]).status, 0)
            let register = try String(contentsOfFile: out + "/r/ethics-register.md", encoding: .utf8)
            XCTAssertTrue(register.contains("| Dissent | C. Diallo: Epicerie Durand films the street |"), "\(backend)")

            let store = try SilhouetteStore.open(at: location, access: .readOnly)
            XCTAssertTrue(try store.auditEntries().contains { $0.entity == "ethics-deliberation/DEL-1" })
            XCTAssertTrue(try store.verifyAudit().isValid, "\(backend)")
            store.close()
        }
    }
}
