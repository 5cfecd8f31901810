import Foundation
import Store
import XCTest

/// A writer killed with SIGKILL leaves a store that SQLite finds intact and whose audit log
/// verifies: the killed transaction vanishes whole, record and audit entry together.
final class CrashTests: XCTestCase {
    func testKillInsideAnOpenWriteTransaction() throws {
        let path = try StoreTestSupport.tempDirectory().appendingPathComponent("store.sqlite").path
        let writer = try StoreTestSupport.start(["store", "stress-write", "--count", "40", "--tag", "k",
                                                 "--hold-seconds", "60", "--store", path])
        // Wait until the writer says it is inside the transaction (row and audit entry written, no COMMIT).
        let stdout = (writer.standardOutput as! Pipe).fileHandleForReading
        var seen = ""
        while !seen.contains("holding") {
            let chunk = stdout.availableData
            XCTAssertFalse(chunk.isEmpty, "writer ended before holding its transaction")
            if chunk.isEmpty { return }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        XCTAssertEqual(writer.terminationReason, .uncaughtSignal)

        // Reading is fine and the killed transaction left nothing behind.
        let store = try SilhouetteStore.open(at: path, access: .readOnly)
        XCTAssertEqual(try store.integrityCheck(), ["ok"])
        XCTAssertEqual(try store.auditEntries().count, 40)
        XCTAssertFalse(try store.ethicsSubmissions().contains { $0.featureKind == "held-k" })
        let verify = try StoreTestSupport.run(["audit", "verify", "--store", path])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
        XCTAssertTrue(verify.stdout.hasPrefix("audit log valid: 40 entries"), verify.stdout)

        // And the next writer carries on the same chain.
        XCTAssertEqual(try StoreTestSupport.run(["ethics", "submit", "--feature-kind", "after", "--rationale", "r",
                                                 "--store", path]).stdout, "ETH-11\n")
        XCTAssertTrue(try StoreTestSupport.run(["audit", "verify", "--store", path]).stdout.hasPrefix("audit log valid: 41 entries"))
    }

    /// Killing a fast writer at an arbitrary moment (wherever it is: BEGIN, INSERT, COMMIT,
    /// checkpoint) must also leave a valid store. The moment varies; the outcome may not.
    func testKillAtArbitraryMomentsDuringABurst() throws {
        let path = try StoreTestSupport.tempDirectory().appendingPathComponent("store.sqlite").path
        // Create the store first, so every kill lands in the burst of writes, not in start-up.
        XCTAssertEqual(try StoreTestSupport.run(["ethics", "submit", "--feature-kind", "first", "--rationale", "r",
                                                 "--store", path]).status, 0)
        for round in 1...3 {
            let writer = try StoreTestSupport.start(["store", "stress-write", "--count", "100000", "--tag", "r\(round)",
                                                     "--store", path])
            Thread.sleep(forTimeInterval: 0.4 * Double(round))
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
            let store = try SilhouetteStore.open(at: path, access: .readOnly)
            XCTAssertEqual(try store.integrityCheck(), ["ok"], "round \(round)")
            let report = try store.verifyAudit()
            XCTAssertTrue(report.isValid, "round \(round): \(report.problems.first?.description ?? "")")
        }
        XCTAssertGreaterThan(try SilhouetteStore.open(at: path, access: .readOnly).auditEntries().count, 0,
                             "the writers were killed before writing anything: the test proved nothing")
    }
}
