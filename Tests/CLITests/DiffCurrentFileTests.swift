import Foundation
import XCTest

/// `silhouette diff A FILE`: what changed since a recorded assessment, assessing the file now.
final class DiffCurrentFileTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func run(_ arguments: [String], in directory: URL) throws -> (code: Int32, out: String, err: String) {
        let binary = root.appendingPathComponent(".build/debug/silhouette")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw XCTSkip("silhouette is not built") }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func testShortenedRetentionShowsAsModelChangeAndResolvedFindings() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("diff-current-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = directory.appendingPathComponent("deployment.yaml")
        try FileManager.default.copyItem(at: root.appendingPathComponent("examples/noncompliant-store/deployment.yaml"), to: model)
        XCTAssertEqual(try run(["assess", "deployment.yaml"], in: directory).code, 1)

        let text = try String(contentsOf: model, encoding: .utf8)
        XCTAssertTrue(text.contains("duration: 365d"), "the example keeps raw video 365 days")
        try text.replacingOccurrences(of: "duration: 365d", with: "duration: 30d").write(to: model, atomically: true, encoding: .utf8)

        let diff = try run(["diff", "A-1", "deployment.yaml"], in: directory)
        XCTAssertEqual(diff.code, 0, diff.err)
        XCTAssertTrue(diff.out.contains("→ current ("), diff.out)
        XCTAssertTrue(diff.out.contains("~ retention[0].duration: 1y → 30d"), diff.out)
        XCTAssertTrue(diff.out.contains("- FR-CSI-002 retention[0] [high]"), diff.out)
        XCTAssertTrue(diff.out.contains("findings added: 0"), diff.out)
        let history = try run(["history", "deployment.yaml"], in: directory)
        XCTAssertEqual(history.out.split(separator: "\n").count, 1, "diff against the file records nothing")
    }

    func testAnUnknownAssessmentIdIsAnInputError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("diff-current-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: root.appendingPathComponent("examples/noncompliant-store/deployment.yaml"),
                                         to: directory.appendingPathComponent("deployment.yaml"))
        _ = try run(["assess", "deployment.yaml"], in: directory)
        let diff = try run(["diff", "A-9", "deployment.yaml"], in: directory)
        XCTAssertEqual(diff.code, 2)
        XCTAssertTrue(diff.err.hasPrefix("error: "), diff.err)
        XCTAssertEqual(diff.err.split(separator: "\n").count, 1, diff.err)
    }
}
