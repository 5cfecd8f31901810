import Foundation
import XCTest

/// `silhouette detect` through the real binary: bad input gives one line on stderr and exit 2.
final class DetectCommandTests: XCTestCase {
    typealias Outcome = SilhouetteBinary.Run

    /// `path`, when given, is the whole environment's PATH (to hide ffmpeg).
    func detect(_ arguments: [String], path: String? = nil) throws -> Outcome {
        try SilhouetteBinary.requireBuilt()
        return try SilhouetteBinary.run(["detect"] + arguments, environment: path.map { ["PATH": $0] })
    }

    func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "silhouette-detect-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func assertOneLineError(_ outcome: Outcome, contains text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(outcome.status, 2, outcome.stderr, file: file, line: line)
        XCTAssertEqual(outcome.stdout, "", file: file, line: line)
        XCTAssertTrue(outcome.stderr.hasPrefix("error: "), outcome.stderr, file: file, line: line)
        XCTAssertEqual(outcome.stderr.filter { $0 == "\n" }.count, 1, outcome.stderr, file: file, line: line)
        XCTAssertTrue(outcome.stderr.contains(text), outcome.stderr, file: file, line: line)
    }

    func testMissingFile() throws {
        assertOneLineError(try detect(["/nonexistent/clip.avi"]), contains: "error: /nonexistent/clip.avi: no such file (hint:")
    }

    func testEmptyAndGarbageFiles() throws {
        let dir = try scratch()
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/empty.mp4", contents: Data()))
        assertOneLineError(try detect([dir + "/empty.mp4"]), contains: "empty.mp4: not a readable video (")
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/noise.avi", contents: Data((0..<20000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })))
        assertOneLineError(try detect([dir + "/noise.avi"]), contains: "noise.avi: not a readable video (")
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/empty.y4m", contents: Data()))
        assertOneLineError(try detect([dir + "/empty.y4m"]), contains: "empty.y4m: the clip holds no video frames")
    }

    func testTruncatedY4MIsDamaged() throws {
        let dir = try scratch()
        var bytes = Array("YUV4MPEG2 W4 H2 F10:1 Cmono\n".utf8)
        for _ in 0..<3 { bytes += Array("FRAME\n".utf8) + [UInt8](repeating: 80, count: 8) }
        bytes += Array("FRAME\n".utf8) + [80, 80, 80]
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/cut.y4m", contents: Data(bytes)))
        assertOneLineError(try detect([dir + "/cut.y4m"]), contains: "cut.y4m: truncated or corrupt clip (the last frame is incomplete after 3 frames)")
    }

    func testMissingFFmpeg() throws {
        let dir = try scratch()
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/clip.avi", contents: Data([1, 2, 3])))
        assertOneLineError(try detect([dir + "/clip.avi"], path: dir), contains: "error: ffmpeg: not found on PATH")
    }

    func testBadOptions() throws {
        let dir = try scratch()
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/clip.avi", contents: Data([1, 2, 3])))
        assertOneLineError(try detect([dir + "/clip.avi", "--scale", "2"]), contains: "--scale must be in (0, 1]")
        assertOneLineError(try detect([dir + "/clip.avi", "--deployment", dir + "/d.yaml"]), contains: "--deployment needs --camera")
    }

    /// Both background models run through the binary; an unknown one is a usage error naming
    /// the choices.
    func testBackgroundModels() throws {
        let dir = try scratch()
        var y4m = Array("YUV4MPEG2 W16 H16 F10:1 Cmono\n".utf8)
        for f in 0..<3 { y4m += Array("FRAME\n".utf8) + [UInt8](repeating: UInt8(50 + f), count: 256) }
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/tiny.y4m", contents: Data(y4m)))
        for model in ["gaussian", "mixture"] {
            let outcome = try detect([dir + "/tiny.y4m", "--background", model, "--boxes"])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertEqual(outcome.stdout, """
            {"frame":0,"boxes":[[0,0,16,16]]}
            {"frame":1,"boxes":[]}
            {"frame":2,"boxes":[]}

            """, model)
        }
        let bad = try detect([dir + "/tiny.y4m", "--background", "mog2"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stdout, "")
        XCTAssertTrue(bad.stderr.contains("Please provide one of 'gaussian' and 'mixture'"), bad.stderr)
    }
}
