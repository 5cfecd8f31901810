import XCTest

/// Redaction through the real binary on synthetic clips with known boxes: no pixel pattern of
/// a person survives, the output plays with the same frames and duration, zones and the kept
/// track behave, and bad input fails cleanly.
final class RedactCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws { directory = try Clips.directory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func redact(_ clip: URL, _ extra: [String] = [], name: String = "out.mp4") throws -> URL {
        let output = directory.appendingPathComponent(name)
        let result = try Clips.silhouette(["redact", clip.path, "-o", output.path, "--store", directory.appendingPathComponent("s.sqlite").path] + extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        return output
    }

    /// Frames where the box is wholly inside the picture and detection has warmed up.
    private let checkedFrames = Array(stride(from: 16, through: 56, by: 8))

    func testNoBoxPatternSurvivesAnyMethodAndTheOutputKeepsFramesAndDuration() throws {
        let clip = try Clips.movingBoxes(count: 1, in: directory)
        let original = try Clips.grayFrames(clip)
        for method in ["blur", "pixelate", "fill"] {
            let output = try redact(clip, ["--method", method], name: "\(method).mp4")
            let probe = try Clips.probe(output)
            XCTAssertEqual(probe.frames, 60, method)
            XCTAssertEqual(probe.duration, 2.4, accuracy: 0.05, method)
            let redacted = try Clips.grayFrames(output)
            for n in checkedFrames {
                guard let b = Clips.box(0, frame: n) else { continue }
                let before = RegionStats(original[n], x: b.x, y: b.y, w: b.w, h: b.h)
                let after = RegionStats(redacted[n], x: b.x, y: b.y, w: b.w, h: b.h)
                let correlation = RegionStats.correlation(original[n], redacted[n], x: b.x, y: b.y, w: b.w, h: b.h)
                XCTAssertGreaterThan(before.std, 35, "the checkerboard is there before")
                if method != "pixelate" {   // a mosaic keeps block-to-block contrast at the outline, by design
                    XCTAssertLessThan(after.std, before.std * 0.35, "\(method), frame \(n): texture survived (std \(after.std))")
                }
                XCTAssertLessThan(abs(correlation), 0.3, "\(method), frame \(n): pattern survived (r = \(correlation))")
            }
        }
    }

    func testBackgroundAwayFromPeopleIsLeftAlone() throws {
        let clip = try Clips.movingBoxes(count: 1, in: directory)
        let original = try Clips.grayFrames(clip)
        let redacted = try Clips.grayFrames(try redact(clip))
        // Bottom band: no box ever goes there.
        for n in checkedFrames {
            let after = RegionStats(redacted[n], x: 0, y: 180, w: 320, h: 60)
            XCTAssertEqual(after.mean, RegionStats(original[n], x: 0, y: 180, w: 320, h: 60).mean, accuracy: 2, "frame \(n)")
        }
    }

    func testStaticZonesAreRedactedAndOnlyThem() throws {
        let clip = try Clips.movingBoxes(count: 1, in: directory)
        let textured = directory.appendingPathComponent("textured.mkv")
        // A checkerboard everywhere in the right half, so a zone there has something to hide.
        try Clips.ffmpeg(["-i", clip.path, "-vf", "geq=lum='if(gt(X\\,160)\\,if(mod(floor(X/4)+floor(Y/4)\\,2)\\,220\\,60)\\,lum(X\\,Y))':cb=128:cr=128",
                          "-c:v", "ffv1", textured.path])
        let zones = directory.appendingPathComponent("zones.yaml")
        try Data("zones:\n  - id: neighbour-window\n    polygon: [[0.75, 0.5], [1.0, 0.5], [1.0, 1.0], [0.75, 1.0]]\n".utf8).write(to: zones)
        let original = try Clips.grayFrames(textured)
        let redacted = try Clips.grayFrames(try redact(textured, ["--zones", zones.path]))
        for n in [5, 30, 55] {
            let zone = RegionStats(redacted[n], x: 244, y: 124, w: 72, h: 112)
            XCTAssertLessThan(zone.std, 15, "frame \(n): the zone still shows its texture")
            let outside = RegionStats.correlation(original[n], redacted[n], x: 170, y: 124, w: 60, h: 112)
            XCTAssertGreaterThan(outside, 0.9, "frame \(n): texture beside the zone was damaged")
        }
    }

    func testKeepTrackLeavesOnlyTheRequesterVisible() throws {
        let clip = try Clips.movingBoxes(count: 2, in: directory)
        // Box 0 at frame 30: x = -20 + 100 = 80, y 40..89 → the point (90, 65) at t = 1.2 s.
        let output = try redact(clip, ["--keep-track", "1.2@90,65"])
        let original = try Clips.grayFrames(clip)
        let redacted = try Clips.grayFrames(output)
        for n in [25, 40, 55] {
            let kept = Clips.box(0, frame: n)!, hidden = Clips.box(1, frame: n)!
            XCTAssertGreaterThan(RegionStats.correlation(original[n], redacted[n], x: kept.x, y: kept.y, w: kept.w, h: kept.h), 0.8,
                                 "frame \(n): the requester was blurred")
            XCTAssertLessThan(abs(RegionStats.correlation(original[n], redacted[n], x: hidden.x, y: hidden.y, w: hidden.w, h: hidden.h)), 0.3,
                              "frame \(n): the other person is visible")
        }
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output.path + ".redaction.json"))) as! [String: Any]
        XCTAssertNotNil((log["summary"] as! [String: Any])["kept_track"])
    }

    func testRedactionIsRecordedInTheAuditLog() throws {
        let clip = try Clips.movingBoxes(count: 1, in: directory)
        _ = try redact(clip)
        let store = directory.appendingPathComponent("s.sqlite").path
        let log = try Clips.silhouette(["audit", "log", "--store", store])
        XCTAssertTrue(log.stdout.contains("redaction/R-1"), log.stdout)
        XCTAssertEqual(try Clips.silhouette(["audit", "verify", "--store", store]).status, 0)
    }

    func testBadInputExitsWithCode2AndLeavesNoFile() throws {
        let output = directory.appendingPathComponent("never.mp4")
        let missing = try Clips.silhouette(["redact", "/nonexistent.mp4", "-o", output.path, "--no-record"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.hasPrefix("error: /nonexistent.mp4: no such file"), missing.stderr)
        let corrupt = directory.appendingPathComponent("corrupt.mp4")
        try Data(repeating: 0x42, count: 10_000).write(to: corrupt)
        let bad = try Clips.silhouette(["redact", corrupt.path, "-o", output.path, "--no-record"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("not a readable video"), bad.stderr)
        let clip = try Clips.movingBoxes(count: 1, in: directory)
        let same = try Clips.silhouette(["redact", clip.path, "-o", clip.path, "--no-record"])
        XCTAssertEqual(same.status, 2)
        XCTAssertTrue(same.stderr.contains("would overwrite the clip"), same.stderr)
        let noSeed = try Clips.silhouette(["redact", clip.path, "-o", output.path, "--keep-track", "a91f"])
        XCTAssertEqual(noSeed.status, 2)
        XCTAssertTrue(noSeed.stderr.contains("needs the --seed"), noSeed.stderr)
        // An encoder that exits at once: its own first line of error is the reason, not the
        // broken pipe the redaction then writes into.
        let unknownFormat = directory.appendingPathComponent("never.notaformat")
        let encoder = try Clips.silhouette(["redact", clip.path, "-o", unknownFormat.path, "--no-record"])
        XCTAssertEqual(encoder.status, 2)
        XCTAssertTrue(encoder.stderr.contains("encoding failed"), encoder.stderr)
        XCTAssertTrue(encoder.stderr.contains("output format"), encoder.stderr)
        XCTAssertFalse(encoder.stderr.contains("Broken pipe"), encoder.stderr)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("never") || $0.contains("partial") }
        XCTAssertEqual(leftovers, [])
    }

    func testListTracksWithASeedGivesIdsThatKeepTrackAccepts() throws {
        let clip = try Clips.movingBoxes(count: 2, in: directory)
        let listing = try Clips.silhouette(["redact", clip.path, "--list-tracks", "--seed", "7"])
        XCTAssertEqual(listing.status, 0, listing.stderr)
        let ids = listing.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
        XCTAssertGreaterThanOrEqual(ids.count, 2, listing.stdout)
        XCTAssertEqual(try Clips.silhouette(["redact", clip.path, "--list-tracks", "--seed", "7"]).stdout, listing.stdout, "same seed, same ids")
        _ = try redact(clip, ["--seed", "7", "--keep-track", ids[0]])
    }
}
