import Assessment
import DeploymentModel
import XCTest
@testable import Reports

/// The PIA's biometric-free assurance section states what the engine verification tested and
/// what it did not, from the attestation: clips, writes traced or not, events and tracks, time
/// limit, the engine identity (declared digest against the recorded one), checks not exercised.
final class VerificationScopeReportTests: XCTestCase {
    static let recorded = "sha256:" + String(repeating: "b", count: 64)

    /// An untraced run of a vendor engine on two clips (one without a manifest) that hit the
    /// time limit, whose recorded digest differs from the one the model declares.
    func context(declaredDigest: String?) throws -> ReportContext {
        var loaded = try ReportsTestSupport.example("massy-city")
        loaded.document.engine = Engine(name: "acme", version: "2.1", digest: declaredDigest)
        var context = try ReportsTestSupport.context(loaded)
        let scope = ReportVerification.Scope(
            clips: [.init(name: "faces.mp4", sha256: "sha256:0123456789abcdef0123", seconds: 6, faces: 1, people: 1, confirmed: 1),
                    .init(name: "street.mp4", sha256: "sha256:fedcba9876543210fedc", seconds: nil)],
            events: 1_204, tracks: 6, writesTraced: false, untracedBecause: "option", timeLimitHit: true,
            engineKind: "command", recordedDigest: Self.recorded, engineManifestExamined: false, coverageJudged: true,
            skippedChecks: ["manifest-models", "track-lifetime"])
        context.verification = ReportVerification(attestationId: "sha256:0123456789abcdef", engine: "acme", engineVersion: "2.1", passed: true,
                                                  date: ReportsTestSupport.fixedDate, clips: ["faces.mp4", "street.mp4"], checks: [], scope: scope)
        return context
    }

    func testEnglishSectionSaysWhatWasAndWasNotTested() throws {
        let markdown = try PIAReport.render(context(declaredDigest: "sha256:" + String(repeating: "a", count: 64)),
                                            templates: ReportsTestSupport.templates(.en)).markdown
        for line in [
            "What this verification tested:",
            "| Clips run | 2 |",
            "| Writes of the engine | not traced (the --no-trace option was given): only the end state was audited |",
            "| Engine output seen | 1,204 events, 6 distinct tracks |",
            "| Time limit | reached on at least one clip |",
            "| Engine identity | declared sha256:\(String(repeating: "a", count: 64)), recorded \(Self.recorded): they differ, so this attestation does not cover the declared engine |",
            "| faces.mp4 | 6\\.0 s | 0123456789ab | 1 | 1 | 1 |",  // "6." escaped: it would open a list
            "| street.mp4 | — | fedcba987654 | no manifest | no manifest | — |",
            "What it did not test:",
            "- Writes during the run: not traced (the --no-trace option was given); data written then overwritten or deleted during the run could not be seen.",
            "- Clips without a manifest: 1; what they show is not established.",
            "- The time limit was reached: what the engine would have written afterwards was not seen.",
            "- No engine manifest was declared: the models the engine loads were not examined.",
            "- Checks not exercised (nothing to examine): track lifetime.",
        ] {
            XCTAssertTrue(markdown.contains(line + "\n"), "missing: \(line)\n\(section(markdown))")
        }
        XCTAssertFalse(markdown.contains("No clip shows a face"), section(markdown))
    }

    func testIdentityMatchAndUndeclaredDigest() throws {
        let matching = try PIAReport.render(context(declaredDigest: Self.recorded), templates: ReportsTestSupport.templates(.en)).markdown
        XCTAssertTrue(matching.contains("| Engine identity | declared \(Self.recorded), recorded \(Self.recorded): they match |"), section(matching))
        let undeclared = try PIAReport.render(context(declaredDigest: nil), templates: ReportsTestSupport.templates(.en)).markdown
        XCTAssertTrue(undeclared.contains("| Engine identity | recorded \(Self.recorded); the model declares no digest, so nothing binds this attestation to the deployed engine |"), section(undeclared))
    }

    func testFrenchSectionIsFrench() throws {
        let rendered = try PIAReport.render(context(declaredDigest: Self.recorded), templates: ReportsTestSupport.templates(.fr)).markdown
        // The renderer sets French typography (’, narrow no-break spaces): compared without it.
        func plain(_ text: String) -> String {
            text.replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
        }
        let markdown = plain(rendered)
        XCTAssertTrue(rendered.contains("1\u{202F}204 événements"), "thousands are grouped with a narrow no-break space")
        for line in [
            "Ce que cette vérification a testé :",
            "| Écritures du moteur | non tracées (l'option --no-trace a été donnée) : seul l'état final a été examiné |",
            "| Sortie du moteur observée | 1\u{202F}204 événements, 6 pistes distinctes |",
            "| Délai maximal | atteint sur au moins une séquence |",
            "| Identité du moteur | déclarée \(Self.recorded), constatée \(Self.recorded) : elles concordent |",
            "| faces.mp4 | 6,0 s | 0123456789ab | 1 | 1 | 1 |",
            "| street.mp4 | — | fedcba987654 | sans fiche descriptive | sans fiche descriptive | — |",
            "Ce qu'elle n'a pas testé :",
            "- Contrôles non exercés (rien à examiner) : durée de vie des pistes.",
        ] {
            XCTAssertTrue(markdown.contains(plain(line) + "\n"), "missing: \(line)\n\(section(markdown))")
        }
        XCTAssertFalse(section(markdown).contains("⟦"), "a label is missing from labels/fr.yaml")
    }

    func testAttestationWithoutScopeShowsNoScope() throws {
        var context = try context(declaredDigest: nil)
        context.verification?.scope = nil
        let markdown = try PIAReport.render(context, templates: ReportsTestSupport.templates(.en)).markdown
        XCTAssertFalse(markdown.contains("What this verification tested"))
    }

    func testSkippedAndWarnedChecksAreNotFailuresAndFrenchNamesComeFromLabels() throws {
        var context = try context(declaredDigest: Self.recorded)
        context.verification?.checks = [
            .init(name: "Manifest declares no face or re-identification model", passed: true, detail: "no engine manifest declared",
                  id: "manifest-models", skipped: true),
            .init(name: "Published counts reach the minimum group size", passed: true, detail: "1 finding in 1 count cell", id: "published-counts"),
        ]
        context.verification?.coversDeclaredEngine = true
        let english = try PIAReport.render(context, templates: ReportsTestSupport.templates(.en)).markdown
        XCTAssertTrue(english.contains("| Result | **no biometric leakage found in 2 test clips** |"), section(english))
        XCTAssertTrue(english.contains("| Manifest declares no face or re\\-identification model | not exercised | no engine manifest declared |")
                      || english.contains("| Manifest declares no face or re-identification model | not exercised | no engine manifest declared |"), section(english))
        XCTAssertFalse(english.contains("is not the version that was verified"), section(english))
        let french = try PIAReport.render(context, templates: ReportsTestSupport.templates(.fr)).markdown
        XCTAssertTrue(french.contains("| Modèles du manifeste du moteur | non testé |"), section(french))
        XCTAssertTrue(french.contains("| Comptages publiés | réussi |"), section(french))
        context.verification?.coversDeclaredEngine = false
        let other = try PIAReport.render(context, templates: ReportsTestSupport.templates(.en)).markdown
        XCTAssertTrue(other.contains("**The engine declared in the model is not the version that was verified: the attestation does not cover it.**"), section(other))
    }

    /// Every form of detail the verifier records reads in French in a French PIA (label tables'
    /// `verification_detail`), unmarked; the English PIA shows the recorded sentence unchanged; a
    /// detail the tables do not cover stays marked untranslated.
    func testCheckDetailsAreWrittenInFrenchFromTheLabelTables() throws {
        let details: [(String, String)] = [
            ("nothing found in 6 stdout lines (6 events) over 2 clips", "rien relevé dans 6 lignes de sortie standard (6 événements) sur 2 séquences"),
            ("3 findings in 120 stdout lines (118 events) over 1 clip, stderr and 2 files written",
             "3 constats dans 120 lignes de sortie standard (118 événements) sur 1 séquence, la sortie d’erreur et 2 fichiers écrits"),
            ("nothing found in 0 tracked events over 2 clips (window 600 s)", "rien relevé dans 0 événements suivis sur 2 séquences (fenêtre de 600 s)"),
            ("nothing found in 1 file written in the working directories, $HOME and $TMPDIR",
             "rien relevé dans 1 fichier écrit dans les répertoires de travail, $HOME et $TMPDIR"),
            ("nothing found in every file opened for writing (strace)", "rien relevé dans chaque fichier ouvert en écriture (strace)"),
            ("nothing found in 1 of 2 clips with a manifest, 1 face declared, 3 tracks confirmed by silhouette's detector",
             "rien relevé dans 1 séquence sur 2 avec un manifeste, 1 visage déclaré, 3 pistes confirmées par le détecteur de silhouettes"),
            ("1 finding in 4 count cells (k = 10, from the model); 1 would need suppression or coarsening",
             "1 constat dans 4 cellules de comptage (k = 10, from the model) ; 1 à supprimer ou à regrouper"),
            ("nothing found in 2 of 3 clips with a manifest, 0 faces declared, 1 track confirmed by silhouette's detector",
             "rien relevé dans 2 séquences sur 3 avec un manifeste, 0 visages déclarés, 1 piste confirmée par le détecteur de silhouettes"),
            ("no engine manifest declared", "aucun manifeste de moteur déclaré"),
            ("nothing found in 2 models declared in engine/manifest.json", "rien relevé dans 2 modèles déclarés dans engine/manifest.json"),
        ]
        let french = VerificationDetail(Labels.table(.fr))
        let english = VerificationDetail(Labels.table(.en))
        for (recorded, expected) in details {
            XCTAssertEqual(french.text(recorded), expected)
            XCTAssertEqual(english.text(recorded), recorded, "English keeps the recorded text")
        }
        var context = try context(declaredDigest: Self.recorded)
        context.verification?.checks = [
            .init(name: "Output keeps to the engine contract", passed: true, detail: details[0].0, id: "contract-fields"),
            .init(name: "Manifest declares no face or re-identification model", passed: true, detail: "no engine manifest declared",
                  id: "manifest-models", skipped: true),
            .init(name: "Some future check", passed: true, detail: "nothing found in the newly audited frames of every clip", id: "future"),
        ]
        let fr = try PIAReport.render(context, templates: ReportsTestSupport.templates(.fr)).markdown
            .replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
        XCTAssertTrue(fr.contains("| rien relevé dans 6 lignes de sortie standard (6 événements) sur 2 séquences |"), section(fr))
        XCTAssertTrue(fr.contains("| aucun manifeste de moteur déclaré |"), section(fr))
        XCTAssertTrue(fr.contains("⟨non traduit⟩ rien relevé dans the newly audited frames of every clip"), section(fr))
        let en = try PIAReport.render(context, templates: ReportsTestSupport.templates(.en)).markdown
        XCTAssertTrue(en.contains("| nothing found in 6 stdout lines (6 events) over 2 clips |"), section(en))
    }

    private func section(_ markdown: String) -> String {
        guard let start = markdown.range(of: "## 9.") else { return markdown }
        let rest = markdown[start.lowerBound...]
        return String(rest.prefix(4000))
    }
}
