import Foundation
import XCTest

/// Fail-closed redaction on short synthetic clips with exact person masks (the exposure
/// benchmark's generator): people who stop, who are there from the first frame, who never move
/// (with an empty-scene reference frame), who cross, who move very slowly, under a lighting change — exposure at most
/// 0.1 % of person pixels in every frame, over-redaction at most 10 % on average. The long
/// clips of the benchmark run in `make check-full` (scripts/check-full-redact).
final class FailClosedRedactionTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws { directory = try Clips.directory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func redact(_ clip: URL, _ extra: [String] = [], name: String = "out.mp4") throws -> (URL, [String: Any]) {
        let output = directory.appendingPathComponent(name)
        let result = try Clips.silhouette(["redact", clip.path, "-o", output.path, "--no-record", "--seed", "3"] + extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output.path + ".redaction.json"))) as! [String: Any]
        return (output, log)
    }

    private func assertWithinBounds(_ clip: String, _ extra: (URL) -> [String] = { _ in [] }, file: StaticString = #filePath, line: UInt = #line) throws {
        let input = try Exposure.generate(clip, in: directory)
        let (output, _) = try redact(input, extra(directory), name: "\(clip).mp4")
        let figures = try Exposure.measure(input, output: output)
        XCTAssertEqual(figures.frames, try Clips.probe(output).frames, "frame count kept", file: file, line: line)
        XCTAssertLessThanOrEqual(figures.exposureWorst, 0.001, "\(clip): frame \(figures.worstFrame) shows \(figures.exposureWorst * 100) % of a person", file: file, line: line)
        XCTAssertLessThanOrEqual(figures.overRedactionMean, 0.10, "\(clip): over-redaction \(figures.overRedactionMean)", file: file, line: line)
    }

    func testAPersonWhoStandsForMostOfTheClipStaysHidden() throws { try assertWithinBounds("t-stop") }

    func testPeopleThereFromTheFirstFrameAreHidden() throws { try assertWithinBounds("t-first-frame") }

    func testPeopleWhoCrossAreHidden() throws { try assertWithinBounds("t-cross") }

    /// Slow enough that the person covers some pixels for half the clip: the steady-part rule
    /// for contested pixels must neither expose them nor redact their whole path.
    func testAPersonWhoMovesVerySlowlyIsHidden() throws { try assertWithinBounds("t-slow") }

    func testAStandingPersonStaysHiddenThroughNoiseAndALightingChange() throws { try assertWithinBounds("t-light") }

    func testAPersonWhoNeverMovesIsHiddenWithAReferenceFrame() throws {
        try assertWithinBounds("t-static") { ["--background-frame", $0.appendingPathComponent("t-static-empty.png").path] }
    }

    func testWithoutAReferenceFrameTheLogAndTheSheetSayStaticPeopleCannotBeExcluded() throws {
        let input = try Exposure.generate("t-static", in: directory)
        let sheet = directory.appendingPathComponent("review.html")
        let output = directory.appendingPathComponent("static.mp4")
        let result = try Clips.silhouette(["redact", input.path, "-o", output.path, "--no-record", "--review-sheet", sheet.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("warning: static people cannot be excluded"), result.stderr)
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output.path + ".redaction.json"))) as! [String: Any]
        let summary = log["summary"] as! [String: Any]
        let detection = summary["detection"] as! [String: Any]
        XCTAssertEqual(detection["static_people_excluded"] as? Bool, false)
        XCTAssertEqual(detection["background"] as? String, "clip-median")
        XCTAssertTrue((detection["warnings"] as! [String]).contains { $0.hasPrefix("static people cannot be excluded") })
        XCTAssertEqual((summary["exposure"] as! [String: Any])["static_people"] as? String,
                       "cannot be excluded: no empty-scene reference frame (--background-frame)")
        let html = try String(contentsOf: sheet, encoding: .utf8)
        XCTAssertTrue(html.contains("static people cannot be excluded"), "the review sheet says it")
        XCTAssertTrue(html.contains("data:image/png;base64,"), "the sheet shows frames")
        // With the reference frame, the same run says they are excluded, and warns of nothing.
        let (_, withReference) = try redact(input, ["--background-frame", directory.appendingPathComponent("t-static-empty.png").path], name: "ref.mp4")
        let note = (withReference["summary"] as! [String: Any])["detection"] as! [String: Any]
        XCTAssertEqual(note["static_people_excluded"] as? Bool, true)
        XCTAssertEqual(note["background"] as? String, "reference-frame")
        XCTAssertEqual(note["warnings"] as? [String], [])
    }

    func testKeepOnlyLeavesTheRequesterAndNobodyElseOutsideTheLoggedOverlaps() throws {
        let input = try Exposure.generate("t-cross", in: directory)
        // Person 1 walks right from (-10, 100); at 1.0 s (frame 10) its top-left is near (42, 101).
        let (output, log) = try redact(input, ["--keep-only", "1@54,130"], name: "keep-only.mp4")
        let logURL = URL(fileURLWithPath: output.path + ".redaction.json")
        let others = try Exposure.measure(input, output: output, othersOf: 1, log: logURL)
        XCTAssertEqual(others.exposureWorst, 0, "frame \(others.worstFrame): someone else is visible outside the logged overlap")
        let summary = log["summary"] as! [String: Any]
        XCTAssertNotNil(summary["kept_track"])
        XCTAssertEqual((summary["detection"] as! [String: Any])["keep_only"] as? Bool, true)
        // They cross near frame 28: the tracker cannot tell them apart after that, so the
        // requester is hidden too from the frame they meet, and the log says from when.
        let hiddenFrom = try XCTUnwrap((summary["exposure"] as! [String: Any])["requester_hidden_from"] as? Int)
        XCTAssertTrue((20...32).contains(hiddenFrom), "hidden from \(hiddenFrom)")
        // The requester is visible where no one else is: the original pattern survives at frame 10.
        let original = try Clips.grayFrames(input), redacted = try Clips.grayFrames(output)
        XCTAssertGreaterThan(RegionStats.correlation(original[10], redacted[10], x: 46, y: 115, w: 14, h: 20), 0.8, "the requester was hidden")
        // Everything else is redacted: the background far from both people lost its texture.
        let background = RegionStats(original[10], x: 150, y: 180, w: 60, h: 50)
        XCTAssertLessThan(RegionStats(redacted[10], x: 150, y: 180, w: 60, h: 50).std, background.std * 0.35, "the background kept its texture")
    }

    func testReviewSheetPNGIsWrittenAndBadReferenceFramesFailCleanly() throws {
        let input = try Exposure.generate("t-stop", in: directory)
        let sheet = directory.appendingPathComponent("sheet.png")
        let (_, _) = try redact(input, ["--review-sheet", sheet.path], name: "sheet.mp4")
        let png = try Data(contentsOf: sheet)
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertGreaterThan(png.count, 20_000)
        let never = directory.appendingPathComponent("never.mp4")
        let missing = try Clips.silhouette(["redact", input.path, "-o", never.path, "--no-record", "--background-frame", "/nonexistent.png"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.hasPrefix("error: --background-frame /nonexistent.png: no such file"), missing.stderr)
        let garbage = directory.appendingPathComponent("garbage.png")
        try Data(repeating: 7, count: 5000).write(to: garbage)
        let bad = try Clips.silhouette(["redact", input.path, "-o", never.path, "--no-record", "--background-frame", garbage.path,
                                        "--review-sheet", directory.appendingPathComponent("never.png").path])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("not a readable image"), bad.stderr)
        let sheetType = try Clips.silhouette(["redact", input.path, "-o", never.path, "--review-sheet", directory.appendingPathComponent("never.pdf").path])
        XCTAssertEqual(sheetType.status, 2)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("never") || $0.contains("partial") }
        XCTAssertEqual(leftovers, [])
    }
}
