import Foundation
import XCTest

/// `silhouette diff A FILE`: what changed since a recorded assessment, assessing the file now.
final class DiffCurrentFileTests: XCTestCase {
    private let root = SilhouetteBinary.root

    private func run(_ arguments: [String], in directory: URL) throws -> SilhouetteBinary.Run {
        try SilhouetteBinary.requireBuilt()
        return try SilhouetteBinary.run(arguments, in: directory)
    }

    func testShortenedRetentionShowsAsModelChangeAndResolvedFindings() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("diff-current-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = directory.appendingPathComponent("deployment.yaml")
        try FileManager.default.copyItem(at: root.appendingPathComponent("examples/noncompliant-store/deployment.yaml"), to: model)
        XCTAssertEqual(try run(["assess", "deployment.yaml"], in: directory).status, 1)

        let text = try String(contentsOf: model, encoding: .utf8)
        XCTAssertTrue(text.contains("duration: 365d"), "the example keeps raw video 365 days")
        try text.replacingOccurrences(of: "duration: 365d", with: "duration: 30d").write(to: model, atomically: true, encoding: .utf8)

        let diff = try run(["diff", "A-1", "deployment.yaml"], in: directory)
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertTrue(diff.stdout.contains("→ current ("), diff.stdout)
        XCTAssertTrue(diff.stdout.contains("~ retention[0].duration: 1y → 30d"), diff.stdout)
        XCTAssertTrue(diff.stdout.contains("- FR-CSI-002 retention[0] [high]"), diff.stdout)
        XCTAssertTrue(diff.stdout.contains("findings added: 0"), diff.stdout)
        let history = try run(["history", "deployment.yaml"], in: directory)
        XCTAssertEqual(history.stdout.split(separator: "\n").count, 1, "diff against the file records nothing")
    }

    func testAnUnknownAssessmentIdIsAnInputError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("diff-current-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: root.appendingPathComponent("examples/noncompliant-store/deployment.yaml"),
                                         to: directory.appendingPathComponent("deployment.yaml"))
        _ = try run(["assess", "deployment.yaml"], in: directory)
        let diff = try run(["diff", "A-9", "deployment.yaml"], in: directory)
        XCTAssertEqual(diff.status, 2)
        XCTAssertTrue(diff.stderr.hasPrefix("error: "), diff.stderr)
        XCTAssertEqual(diff.stderr.split(separator: "\n").count, 1, diff.stderr)
    }
}
