import Foundation
import Store
import XCTest

/// Several processes writing the same store at once: nothing lost, the chain stays one chain.
final class ConcurrencyTests: XCTestCase {
    /// Four processes × 250 records each, started together on a store that does not exist yet
    /// (so they also race to create and migrate it). Uses the hidden `store stress-write` test
    /// aid, which writes through the same library calls as the real commands, one transaction
    /// per record, as fast as it can.
    func testFourWritersOf250RecordsEach() throws {
        let path = try StoreTestSupport.tempDirectory().appendingPathComponent("store.sqlite").path
        try runWritersAtOnce(4, records: 250, tagPrefix: "", store: path)
        let store = try SilhouetteStore.open(at: path, access: .readOnly)
        let entries = try store.auditEntries()
        XCTAssertEqual(entries.count, 1000)
        XCTAssertTrue(entries.map(\.seq) == Array(1...1000), "audit seq is not 1…1000")
        // Each writer's 250 records, by kind: 63 submissions, 63 assessments, 62 verifications, 62 sign-offs.
        for w in 1...4 {
            XCTAssertEqual(entries.filter { $0.actor == "stress-w\(w)" }.count, 250, "writer w\(w)")
            XCTAssertEqual(try store.assessments(deploymentId: "d-w\(w)").count, 63)
            XCTAssertEqual(try store.verifications(deploymentId: "d-w\(w)").count, 62)
            XCTAssertEqual(try store.signOffs(deploymentId: "d-w\(w)").count, 62)
        }
        XCTAssertEqual(try store.ethicsSubmissions().count, 252)
        XCTAssertEqual(Set(try store.ethicsSubmissions().map(\.id)).count, 252, "ids are unique across processes")
        XCTAssertEqual(try store.integrityCheck(), ["ok"])
        let report = try store.verifyAudit()
        XCTAssertTrue(report.isValid, report.problems.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(report.entryCount, 1000)
    }

    /// The real command, four shells at once, 25 submissions each.
    func testConcurrentEthicsSubmitCommands() throws {
        let dir = try StoreTestSupport.tempDirectory()
        let path = dir.appendingPathComponent("store.sqlite").path
        let binary = try StoreTestSupport.requireBinary()
        let shells = try (1...4).map { w -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", """
                i=0; while [ $i -lt 25 ]; do
                  "\(binary)" ethics submit --feature-kind k\(w)-$i --rationale r --store "\(path)" >/dev/null || exit 1
                  i=$((i+1)); done
                """]
            try p.run()
            return p
        }
        for shell in shells { shell.waitUntilExit(); XCTAssertEqual(shell.terminationStatus, 0) }
        let out = try StoreTestSupport.run(["audit", "verify", "--store", path])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdout.hasPrefix("audit log valid: 100 entries"), out.stdout)
        let store = try SilhouetteStore.open(at: path, access: .readOnly)
        XCTAssertEqual(Set(try store.ethicsSubmissions().map(\.featureKind)).count, 100)
    }

    /// The moment a new store is created is the one where SQLite refuses a lock at once
    /// instead of waiting (two processes each want to switch the empty file to WAL): six
    /// processes create the same new store at once, ten times over; none may fail.
    func testManyProcessesCreatingOneStoreAtOnce() throws {
        for round in 1...10 {
            let path = try StoreTestSupport.tempDirectory().appendingPathComponent("store.sqlite").path
            try runWritersAtOnce(6, records: 1, tagPrefix: "r\(round)", store: path)
            let store = try SilhouetteStore.open(at: path, access: .readOnly)
            XCTAssertEqual(try store.auditEntries().count, 6, "round \(round)")
        }
    }

    /// Starts `count` `store stress-write` processes on `store` together (tags
    /// `<tagPrefix>w1`…), waits for all of them, and checks that each exited 0.
    private func runWritersAtOnce(_ count: Int, records: Int, tagPrefix: String, store: String,
                                  file: StaticString = #filePath, line: UInt = #line) throws {
        let writers = try (1...count).map { w in
            try StoreTestSupport.start(["store", "stress-write", "--count", "\(records)", "--tag", "\(tagPrefix)w\(w)", "--store", store])
        }
        for (i, writer) in writers.enumerated() {
            let err = (writer.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
            writer.waitUntilExit()
            XCTAssertEqual(writer.terminationStatus, 0, "\(tagPrefix) writer \(i + 1): \(String(decoding: err, as: UTF8.self))",
                           file: file, line: line)
        }
    }
}
