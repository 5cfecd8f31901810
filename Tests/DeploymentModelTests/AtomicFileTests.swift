import DeploymentModel
import Foundation
import XCTest

/// `AtomicFile`: the target is replaced whole or left as it was, and no temporary file stays.
final class AtomicFileTests: XCTestCase {
    func testReplacesWholeOrLeavesEverythingAsItWas() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("out.yaml").path

        try AtomicFile.write(Data("first\n".utf8), to: target)
        try AtomicFile.write(Data("second\n".utf8), to: target)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "second\n")

        // The rename fails (a directory is in the way): nothing is replaced, nothing is left.
        let blocked = directory.appendingPathComponent("blocked").path
        try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: false)
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: blocked)) { error in
            XCTAssertFalse((error as? AtomicFile.Failure)?.reason.isEmpty ?? true)
        }
        // The temporary file cannot be written (no such directory).
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: directory.appendingPathComponent("missing/out.yaml").path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["blocked", "out.yaml"])
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "second\n")
    }
}
