import Foundation
import XCTest

/// The empty-scene reference frame recorded per camera in the store (`store background set`),
/// used by `redact --camera` without `--background-frame`; a reference of the wrong size is
/// refused (exit 2, one line, nothing written).
final class CameraReferenceRedactionTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws { directory = try Clips.directory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func testTheCameraReferenceFrameRecordedInTheStoreHidesAPersonWhoNeverMoves() throws {
        let input = try Exposure.generate("t-static", in: directory)
        let store = path("store.sqlite")
        let set = try Clips.silhouette(["store", "background", "set", "--camera", "cam-1", path("t-static-empty.png"), "--store", store])
        XCTAssertEqual(set.status, 0, set.stderr)
        XCTAssertTrue(set.stdout.hasPrefix("recorded BG-1: camera cam-1, 320×240, sha256 "), set.stdout)
        let output = directory.appendingPathComponent("out.mp4")
        let run = try Clips.silhouette(["redact", input.path, "-o", output.path, "--camera", "cam-1", "--store", store, "--seed", "3"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stderr.contains("static people cannot be excluded"), run.stderr)
        XCTAssertTrue(run.stdout.contains("recorded as R-1"), run.stdout)
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output.path + ".redaction.json"))) as! [String: Any]
        let detection = (log["summary"] as! [String: Any])["detection"] as! [String: Any]
        XCTAssertEqual(detection["background"] as? String, "reference-frame")
        XCTAssertEqual(detection["static_people_excluded"] as? Bool, true)
        let sha = try String(XCTUnwrap(set.stdout.components(separatedBy: "sha256 ").last?.split(separator: ",").first))
        let reference = try XCTUnwrap(detection["reference"] as? String)
        XCTAssertTrue(reference.hasPrefix("store BG-1 (camera cam-1, recorded "), reference)
        XCTAssertTrue(reference.hasSuffix("sha256 \(sha))"), reference)
        let figures = try Exposure.measure(input, output: output)
        XCTAssertLessThanOrEqual(figures.exposureWorst, 0.001, "frame \(figures.worstFrame) shows \(figures.exposureWorst * 100) % of the person")
        XCTAssertLessThanOrEqual(figures.overRedactionMean, 0.10)
        // --background-frame wins over the store, and the log names the file and its hash.
        let explicit = directory.appendingPathComponent("explicit.mp4")
        let withFile = try Clips.silhouette(["redact", input.path, "-o", explicit.path, "--camera", "cam-1", "--store", store, "--no-record",
                                             "--background-frame", path("t-static-empty.png")])
        XCTAssertEqual(withFile.status, 0, withFile.stderr)
        let fileLog = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: explicit.path + ".redaction.json"))) as! [String: Any]
        let fileNote = ((fileLog["summary"] as! [String: Any])["detection"] as! [String: Any])["reference"] as? String
        XCTAssertEqual(fileNote, "\(path("t-static-empty.png")) (sha256 \(sha))")
        // A camera with nothing recorded: the clip's median, and the warning.
        let other = try Clips.silhouette(["redact", input.path, "-o", path("other.mp4"), "--camera", "cam-9", "--store", store, "--no-record"])
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertTrue(other.stderr.contains("no reference frame recorded for camera cam-9"), other.stderr)
        XCTAssertTrue(other.stderr.contains("warning: static people cannot be excluded"), other.stderr)
    }

    func testAReferenceFrameOfAnotherSizeIsRefusedAndNothingIsWritten() throws {
        let input = try Exposure.generate("t-static", in: directory)
        try Clips.ffmpeg(["-i", path("t-static-empty.png"), "-vf", "scale=160:120", path("small.png")])
        let output = path("never.mp4")
        let direct = try Clips.silhouette(["redact", input.path, "-o", output, "--no-record", "--background-frame", path("small.png"),
                                           "--review-sheet", path("never.png")])
        XCTAssertEqual(direct.status, 2)
        XCTAssertEqual(direct.stderr, "error: --background-frame \(path("small.png")): the image is 160×120, the clip 320×240 (hint: a still of the empty scene from the same camera, at the clip's size)\n")
        let store = path("store.sqlite")
        XCTAssertEqual(try Clips.silhouette(["store", "background", "set", "--camera", "cam-2", path("small.png"), "--store", store]).status, 0)
        let recorded = try Clips.silhouette(["redact", input.path, "-o", output, "--camera", "cam-2", "--store", store])
        XCTAssertEqual(recorded.status, 2)
        XCTAssertEqual(recorded.stderr, "error: camera cam-2's reference frame BG-1 in the store: the image is 160×120, the clip 320×240 (hint: a still of the empty scene from the same camera, at the clip's size)\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("never") || $0.contains("partial") }
        XCTAssertEqual(leftovers, [])
        let redactions = try Clips.silhouette(["audit", "log", "--store", store])
        XCTAssertFalse(redactions.stdout.contains("redaction/"), "a refused redaction was recorded: \(redactions.stdout)")
        let temporary = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("silhouette-reference-") }
        XCTAssertEqual(temporary, [], "the store's reference frame copy is removed")
    }
}
