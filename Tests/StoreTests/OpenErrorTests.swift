import Foundation
import Store
import XCTest

/// Bad stores give one clear line (path + hint), exit 2, and the file is byte-for-byte unchanged.
final class OpenErrorTests: XCTestCase {
    private var dir: URL!
    private var path = ""

    override func setUpWithError() throws {
        dir = try StoreTestSupport.tempDirectory()
        path = dir.appendingPathComponent("store.sqlite").path
    }

    /// Runs a writing and a reading command; both must fail with exit 2 and `expected` in the
    /// single stderr line, leaving the file's SHA-256 unchanged.
    private func assertRefused(_ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try StoreTestSupport.sha256(path)
        for arguments in [["ethics", "submit", "--feature-kind", "lpr", "--rationale", "r", "--store", path],
                          ["audit", "verify", "--store", path]] {
            let out = try StoreTestSupport.run(arguments)
            XCTAssertEqual(out.status, 2, "\(arguments[0]): \(out.stdout)", file: file, line: line)
            XCTAssertEqual(out.stderr.split(separator: "\n").count, 1, out.stderr, file: file, line: line)
            XCTAssertTrue(out.stderr.hasPrefix("error: \(path): "), out.stderr, file: file, line: line)
            XCTAssertTrue(out.stderr.contains(expected), "\(out.stderr) lacks \(expected)", file: file, line: line)
            XCTAssertTrue(out.stderr.contains("hint: "), out.stderr, file: file, line: line)
        }
        XCTAssertEqual(try StoreTestSupport.sha256(path), before, "the file was modified", file: file, line: line)
    }

    func testReadOnlyFileRefusesWritesButStillReads() throws {
        _ = try StoreTestSupport.populatedStore(at: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        let before = try StoreTestSupport.sha256(path)
        let out = try StoreTestSupport.run(["ethics", "submit", "--feature-kind", "lpr", "--rationale", "r", "--store", path])
        XCTAssertEqual(out.status, 2)
        XCTAssertEqual(out.stderr, "error: \(path): store is read-only (file is not writable); hint: fix the permissions or pass --store PATH to a writable copy\n")
        let list = try StoreTestSupport.run(["ethics", "list", "--store", path])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("ETH-1  kind face-detection  deployments: massy  VETO (unfavourable)"), list.stdout)
        XCTAssertEqual(try StoreTestSupport.sha256(path), before)
    }

    func testMissingDirectory() throws {
        let missing = dir.appendingPathComponent("nope/store.sqlite").path
        for arguments in [["ethics", "submit", "--feature-kind", "lpr", "--rationale", "r", "--store", missing],
                          ["history", "--store", missing]] {
            let out = try StoreTestSupport.run(arguments)
            XCTAssertEqual(out.status, 2)
            XCTAssertEqual(out.stderr, "error: \(missing): directory \(dir.path)/nope does not exist; hint: create it or pass --store PATH in an existing directory\n")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("nope").path))
    }

    func testMissingStoreForAReadingCommandIsNotCreated() throws {
        let out = try StoreTestSupport.run(["audit", "log", "--store", path])
        XCTAssertEqual(out.status, 2)
        XCTAssertEqual(out.stderr, "error: \(path): no store here yet; hint: record an assessment or decision first, or pass --store PATH\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testGarbageFile() throws {
        try Data("this is not a database, just some text that is long enough to be read as a header ........".utf8)
            .write(to: URL(fileURLWithPath: path))
        try assertRefused("store is corrupt (not an SQLite database file)")
    }

    func testDamagedPages() throws {
        _ = try StoreTestSupport.populatedStore(at: path)
        // Keep the header, overwrite the rest of the first pages with junk.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: 200)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 12_000))
        try handle.close()
        try assertRefused("store is corrupt")
    }

    func testNewerMigration() throws {
        _ = try StoreTestSupport.populatedStore(at: path)
        try StoreTestSupport.sql(path, "INSERT INTO grdb_migrations VALUES ('v9-from-the-future')")
        try assertRefused("store was written by a newer silhouette (unknown migrations v9-from-the-future)")
    }

    func testNewerUserVersion() throws {
        _ = try StoreTestSupport.populatedStore(at: path)
        try StoreTestSupport.sql(path, "PRAGMA user_version = 7")
        try assertRefused("store was written by a newer silhouette (user_version 7 > 6)")
    }

    func testForeignSQLiteDatabase() throws {
        try StoreTestSupport.sql(path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos VALUES (1, 'x')")
        try assertRefused("SQLite database not created by silhouette")
    }

    func testLibraryReportsTypedErrors() throws {
        try Data("garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage !!".utf8)
            .write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try SilhouetteStore.open(at: path, access: .readWrite(createDirectory: false))) { error in
            XCTAssertEqual(error as? StoreError, .corrupt(path: path, reason: "not an SQLite database file"))
        }
    }
}
