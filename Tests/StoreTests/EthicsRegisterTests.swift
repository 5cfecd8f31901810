import Foundation
import Store
import XCTest

/// The register as `assess` reads it (vetoes, reservations, sign-offs) and its YAML round trip.
final class EthicsRegisterTests: XCTestCase {
    private var path = ""

    override func setUpWithError() throws {
        path = try StoreTestSupport.tempDirectory().appendingPathComponent("store.sqlite").path
    }

    func testVetoesReservationsAndSupersededOpinions() throws {
        let store = try StoreTestSupport.populatedStore(at: path)
        let date = Date(timeIntervalSince1970: 1_790_100_000)
        try store.record(EthicsOpinion(submissionId: "ETH-2", decision: .favourableWithReservations, members: ["A"],
                                       rationale: "ok", reservations: ["no snapshot leaves the edge"], reviewBy: "2027-06-30",
                                       issuedAt: date), actor: "committee")
        XCTAssertEqual(try store.activeVetoes(deploymentId: "massy").map(\.submission.id), ["ETH-1"])
        XCTAssertEqual(try store.activeVetoes(deploymentId: "elsewhere").map(\.submission.id), [], "ETH-1 concerns massy only")
        let active = try store.activeOpinions(deploymentId: "elsewhere")
        XCTAssertEqual(active.map(\.opinion.reservations), [["no snapshot leaves the edge"]])
        // A later favourable opinion lifts the veto.
        try store.record(EthicsOpinion(submissionId: "ETH-1", decision: .favourable, members: ["A"], rationale: "reviewed",
                                       issuedAt: date), actor: "committee")
        XCTAssertEqual(try store.activeVetoes().count, 0)
        XCTAssertEqual(try store.ethicsSubmission(id: "ETH-1").opinions.map(\.id), ["OP-1", "OP-3"])
    }

    func testValidationRefusesIncompleteOpinions() throws {
        let store = try StoreTestSupport.populatedStore(at: path)
        let now = Date()
        XCTAssertThrowsError(try store.record(EthicsOpinion(submissionId: "ETH-2", decision: .favourableWithReservations,
                                                            members: ["A"], rationale: "r", issuedAt: now), actor: "x")) {
            XCTAssertEqual("\($0)", "a favourable-with-reservations opinion needs at least one reservation; hint: add --reservation TEXT, or use --decision favourable")
        }
        XCTAssertThrowsError(try store.record(EthicsOpinion(submissionId: "ETH-2", decision: .favourable, members: ["A"],
                                                            rationale: "r", reviewBy: "2027-02-30", issuedAt: now), actor: "x")) {
            XCTAssertEqual("\($0)", "review date '2027-02-30' is not a valid YYYY-MM-DD date; hint: e.g. 2027-06-30")
        }
        XCTAssertThrowsError(try store.record(EthicsOpinion(submissionId: "ETH-9", decision: .favourable, members: ["A"],
                                                            rationale: "r", issuedAt: now), actor: "x")) {
            XCTAssertEqual($0 as? StoreError, .notFound(kind: "ethics submission", id: "ETH-9", path: path))
        }
        XCTAssertEqual(try store.auditEntries().count, 6, "refused writes leave no audit entry")
    }

    func testLatestSignOffPerRole() throws {
        let store = try StoreTestSupport.populatedStore(at: path)
        try store.record(SignOff(deploymentId: "massy", modelHash: "sha256:bb", role: .dpo, name: "C. Durand", opinion: "again",
                                 date: Date(timeIntervalSince1970: 1_790_200_000)), actor: "dpo")
        try store.record(SignOff(deploymentId: "massy", modelHash: "sha256:bb", role: .controller, name: "Mayor", opinion: "ok",
                                 date: Date(timeIntervalSince1970: 1_790_200_001)), actor: "mayor")
        let latest = try store.latestSignOffs(deploymentId: "massy")
        XCTAssertEqual(latest[.dpo]?.opinion, "again")
        XCTAssertEqual(latest[.dpo]?.modelHash, "sha256:bb")
        XCTAssertEqual(latest[.controller]?.name, "Mayor")
        XCTAssertEqual(try store.latestVerification(deploymentId: "massy")?.id, "V-1")
    }

    func testExportImportRoundTripIsIdempotent() throws {
        let source = try StoreTestSupport.populatedStore(at: path)
        let yaml = try EthicsRegisterYAML.export(source)
        let otherPath = (path as NSString).deletingLastPathComponent + "/other.sqlite"
        let other = try SilhouetteStore.open(at: otherPath, access: .readWrite(createDirectory: false))
        let first = try EthicsRegisterYAML.importRegister(yaml, file: "e.yaml", into: other, actor: "git")
        XCTAssertEqual(first.added, ["ethics-submission/ETH-1", "ethics-opinion/OP-1", "ethics-submission/ETH-2"])
        let second = try EthicsRegisterYAML.importRegister(yaml, file: "e.yaml", into: other, actor: "git")
        XCTAssertEqual(second.added, [])
        XCTAssertEqual(second.unchanged, 3)
        XCTAssertEqual(try EthicsRegisterYAML.export(other), yaml)
        XCTAssertEqual(try other.ethicsSubmissions(), try source.ethicsSubmissions())
        XCTAssertEqual(try other.activeVetoes().map(\.opinion), try source.activeVetoes().map(\.opinion))
        XCTAssertTrue(try other.verifyAudit().isValid)
    }

    /// A deliberation record travels with its opinion through export and import, and an
    /// imported record is checked like a recorded one (quorum, votes, dissent).
    func testDeliberationsRoundTripAndAreValidatedOnImport() throws {
        let source = try StoreTestSupport.populatedStore(at: path)
        let deliberation = try source.record(EthicsDeliberation(
            opinionId: "OP-1", meetingDate: "2026-11-20", present: ["A. Martin", "B. Okafor", "C. Diallo"], quorum: 2,
            votesFor: 1, votesAgainst: 1, abstentions: 0, dissent: "B. Okafor: blurring would do", conflicts: ["C. Diallo"],
            documents: ["PIA massy, model sha256:aa"], chair: "A. Martin", recordedAt: Date(timeIntervalSince1970: 1_790_000_100)),
            actor: "secretary")
        XCTAssertEqual(deliberation.id, "DEL-1")
        let yaml = try EthicsRegisterYAML.export(source)
        XCTAssertTrue(yaml.contains("deliberations:"), yaml)
        let other = try SilhouetteStore.open(at: (path as NSString).deletingLastPathComponent + "/other.sqlite", access: .readWrite(createDirectory: false))
        let first = try EthicsRegisterYAML.importRegister(yaml, file: "e.yaml", into: other, actor: "git")
        XCTAssertEqual(first.added, ["ethics-submission/ETH-1", "ethics-opinion/OP-1", "ethics-deliberation/DEL-1", "ethics-submission/ETH-2"])
        XCTAssertEqual(try other.deliberations(), try source.deliberations())
        XCTAssertEqual(try EthicsRegisterYAML.importRegister(yaml, file: "e.yaml", into: other, actor: "git").unchanged, 4)
        XCTAssertEqual(try EthicsRegisterYAML.export(other), yaml)
        XCTAssertTrue(try other.verifyAudit().isValid)
        // A file whose votes no longer add up is refused, at the deliberation's position.
        let bad = yaml.replacingOccurrences(of: "DEL-1", with: "DEL-2").replacingOccurrences(of: "votes_for: 1", with: "votes_for: 2")
        XCTAssertTrue(bad.contains("votes_for: 2"), bad)
        XCTAssertThrowsError(try EthicsRegisterYAML.importRegister(bad, file: "e.yaml", into: other, actor: "git")) {
            XCTAssertTrue("\($0)".contains("3 vote(s) and abstention(s) for 2 voting member(s)"), "\($0)")
            XCTAssertTrue("\($0)".hasPrefix("e.yaml:"), "\($0)")
        }
    }

    func testImportConflictWritesNothing() throws {
        let source = try StoreTestSupport.populatedStore(at: path)
        let changed = try EthicsRegisterYAML.export(source).replacingOccurrences(of: "rationale: biometric", with: "rationale: changed")
            + ""
        let withNew = changed.replacingOccurrences(of: "submissions:\n", with: """
            submissions:
            - id: ETH-NEW
              feature_kind: lpr
              rationale: new
              deployments: []
              submitted_at: '2026-11-23T10:00:00.000Z'
              submitted_by: git
              opinions: []

            """)
        let result = try EthicsRegisterYAML.importRegister(withNew, file: "e.yaml", into: source, actor: "git")
        XCTAssertEqual(result.conflicts, ["e.yaml:18:5: ethics-opinion/OP-1 already exists with different content"])
        XCTAssertEqual(result.added, [])
        XCTAssertEqual(try source.ethicsSubmissions().count, 2, "ETH-NEW was not imported")
    }

    func testImportValidationErrorsCarryPositions() throws {
        let store = try SilhouetteStore.open(at: path, access: .readWrite(createDirectory: false))
        let cases: [(String, String)] = [
            ("api_version: silhouette/ethics-v1\nsubmissions:\n- id: X\n  feature_kind: a\n  rationale: r\n  submitted_at: bad\n  submitted_by: me\n",
             "e.yaml:6:17: 'submitted_at' is not an ISO 8601 UTC timestamp; hint: e.g. 2026-11-23T10:00:00.000Z"),
            ("api_version: silhouette/ethics-v1\nsubmissions:\n- id: X\n  feature_kind: a\n  rationale: r\n  submitted_at: '2026-11-23T10:00:00.000Z'\n  submitted_by: me\n  opinions:\n  - {id: O, decision: maybe, members: [A], rationale: r, reservations: [], issued_at: '2026-11-23T10:00:00.000Z'}\n",
             "e.yaml:9:23: unknown decision 'maybe'; hint: favourable | favourable-with-reservations | unfavourable"),
            ("api_version: silhouette/ethics-v1\nsubmissions:\n- id: X\n  feature_kind: a\n  featur: b\n",
             "e.yaml:5:3: unknown key 'featur' in a submission; hint: allowed: deployments, feature, feature_kind, id, opinions, rationale, submitted_at, submitted_by"),
            ("api_version: silhouette/ethics-v1\nsubmissions:\n- id: X\n  feature: f\n  feature_kind: a\n  rationale: r\n  submitted_at: '2026-11-23T10:00:00.000Z'\n  submitted_by: me\n",
             "e.yaml:3:3: ethics submission 'X' needs exactly one of feature or feature kind; hint: a submission is about one feature id (--feature) or every feature of a kind (--feature-kind)"),
        ]
        for (yaml, message) in cases {
            XCTAssertThrowsError(try EthicsRegisterYAML.importRegister(yaml, file: "e.yaml", into: store, actor: "git")) {
                XCTAssertEqual("\($0)", message)
            }
        }
        XCTAssertEqual(try store.auditEntries().count, 0)
    }

    func testCLIExportImportRoundTrip() throws {
        let dir = (path as NSString).deletingLastPathComponent
        _ = try StoreTestSupport.populatedStore(at: path)
        let file = dir + "/ethics.yaml"
        XCTAssertEqual(try StoreTestSupport.run(["ethics", "export", "-o", file, "--store", path]).status, 0)
        let other = dir + "/other.sqlite"
        let first = try StoreTestSupport.run(["ethics", "import", file, "--store", other])
        XCTAssertEqual(first.stdout, "imported 3 record(s), 0 already present\n", first.stderr)
        let again = try StoreTestSupport.run(["ethics", "import", file, "--store", other])
        XCTAssertEqual(again.stdout, "imported 0 record(s), 3 already present\n")
        let show = try StoreTestSupport.run(["ethics", "show", "ETH-1", "--store", other])
        XCTAssertTrue(show.stdout.contains("opinion OP-1 (in force): unfavourable — VETO"), show.stdout)
    }
}
