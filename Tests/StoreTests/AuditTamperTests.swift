import Foundation
import Store
import XCTest

/// Tampering with the SQLite file directly (as anyone with write access to it could) must be
/// detected, and the first bad entry named — both by the library and by `silhouette audit verify`.
final class AuditTamperTests: XCTestCase {
    private var path = ""

    override func setUpWithError() throws {
        path = try StoreTestSupport.tempDirectory().appendingPathComponent("store.sqlite").path
        _ = try StoreTestSupport.populatedStore(at: path)
    }

    private func firstProblem() throws -> String? {
        try SilhouetteStore.open(at: path, access: .readOnly).verifyAudit().problems.first?.description
    }

    func testIntactStoreVerifiesThroughTheBinary() throws {
        let out = try StoreTestSupport.run(["audit", "verify", "--store", path])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdout.hasPrefix("audit log valid: 6 entries, head "), out.stdout)
    }

    func testEditedEntryIsNamed() throws {
        try StoreTestSupport.sql(path, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")
        XCTAssertEqual(try firstProblem(), "entry #3 (assessment/A-1): hash does not match its content: the entry was edited")
        let out = try StoreTestSupport.run(["audit", "verify", "--store", path])
        XCTAssertEqual(out.status, 1)
        XCTAssertEqual(out.stdout.split(separator: "\n").first.map(String.init),
                       "audit log TAMPERED: first bad entry #3 (assessment/A-1): hash does not match its content: the entry was edited")
    }

    func testEditedPayloadWithRecomputedHashBreaksTheNextLink() throws {
        // The attacker rewrites entry #2 and recomputes its own hash; #3 still points at the old one.
        let store = try SilhouetteStore.open(at: path, access: .readOnly)
        var entry = try store.auditEntries()[1]
        entry.actor = "mallory"
        let content = "[\(entry.seq),\"\(entry.timestamp)\",\"mallory\",\"\(entry.action)\",\"\(entry.entity)\",\(try jsonString(entry.payload))]"
        let forged = StoreHashing.sha256Hex(Data((entry.prevHash + content).utf8))
        try StoreTestSupport.sql(path, "UPDATE audit_log SET actor = 'mallory', hash = '\(forged)' WHERE seq = 2")
        XCTAssertEqual(try firstProblem(),
                       "entry #3 (assessment/A-1): prev_hash does not match the hash of entry #2: an entry was removed, inserted or reordered")
    }

    func testDeletedEntryIsNamed() throws {
        try StoreTestSupport.sql(path, "DELETE FROM audit_log WHERE seq = 4")
        XCTAssertEqual(try firstProblem(), "entry #4: missing: the log jumps from #3 to #5, an entry was deleted")
    }

    func testDeletedLastEntryLeavesAnUnauditedRow() throws {
        try StoreTestSupport.sql(path, "DELETE FROM audit_log WHERE seq = 6")
        XCTAssertEqual(try firstProblem(),
                       "no entry (ethics-submission/ETH-2): ethics_submissions row 'ETH-2' has no audit entry: inserted outside silhouette")
    }

    func testReorderedEntriesAreNamed() throws {
        try StoreTestSupport.sql(path, "UPDATE audit_log SET seq = 100 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 100")
        XCTAssertEqual(try firstProblem(),
                       "entry #2 (assessment/A-1): prev_hash does not match the hash of entry #1: an entry was removed, inserted or reordered")
    }

    func testInsertedEntryIsNamed() throws {
        try StoreTestSupport.sql(path, """
            UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3; UPDATE audit_log SET seq = seq - 99 WHERE seq >= 103;
            INSERT INTO audit_log VALUES (3, '2026-01-01T00:00:00.000Z', 'mallory', 'submit', 'ethics-submission/X', '{}',
              (SELECT hash FROM audit_log WHERE seq = 2), 'ff');
            """)
        XCTAssertEqual(try firstProblem(), "entry #3 (ethics-submission/X): hash does not match its content: the entry was edited")
    }

    func testRowEditedBehindTheChainIsNamed() throws {
        // Lifting a veto by editing the table, leaving the audit log alone.
        try StoreTestSupport.sql(path, "UPDATE ethics_opinions SET decision = 'favourable' WHERE id = 'OP-1'")
        XCTAssertEqual(try firstProblem(),
                       "entry #2 (ethics-opinion/OP-1): the ethics_opinions row differs from the audited content: edited outside silhouette")
        XCTAssertEqual(try StoreTestSupport.run(["audit", "verify", "--store", path]).status, 1)
    }

    func testBlobEditIsDetected() throws {
        try StoreTestSupport.sql(path, "UPDATE assessments SET findings_json = '[{\"ruleId\":\"X\"}]' WHERE id = 'A-1'")
        XCTAssertEqual(try firstProblem(),
                       "entry #3 (assessment/A-1): the assessments row differs from the audited content: edited outside silhouette")
    }

    func testDeletedRowIsNamed() throws {
        try StoreTestSupport.sql(path, "DELETE FROM sign_offs WHERE id = 'S-1'")
        XCTAssertEqual(try firstProblem(),
                       "entry #5 (sign-off/S-1): the audited row is missing from its table: deleted outside silhouette")
    }

    func testRowInsertedBehindTheChainIsNamed() throws {
        try StoreTestSupport.sql(path, """
            INSERT INTO sign_offs (id, deployment_id, model_hash, role, name, opinion, date) VALUES ('S-9', 'massy', 'sha256:bb', 'dpo', 'Mallory', 'fine', '2026-01-01T00:00:00.000Z')
            """)
        XCTAssertEqual(try firstProblem(),
                       "no entry (sign-off/S-9): sign_offs row 'S-9' has no audit entry: inserted outside silhouette")
    }

    private func jsonString(_ s: String) throws -> String {
        String(decoding: try JSONEncoder().encode(s), as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }
}
