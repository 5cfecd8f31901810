import DeploymentModel
@testable import Detection
import XCTest

/// End-to-end checks on synthetic clips whose ground truth is exact (see SyntheticClip).
final class SyntheticClipTests: XCTestCase {
    /// A: bright box walking right along the top; B: dark box walking left lower down.
    static let scene = SyntheticClip(objects: [
        .init(x0: -20, y0: 95, vx: 3, vy: 0, width: 20, height: 50, start: 20, end: 149, luma: 230),
        .init(x0: 320, y0: 160, vx: -2, vy: 0, width: 20, height: 50, start: 30, end: 149, luma: 30),
    ], noise: 6)

    /// A vertical line down the middle (crossing it rightwards is "in"), and the west half.
    static let layout = SceneLayout(
        zones: [.init(id: "west", polygon: [Point(x: 0, y: 0), Point(x: 0.5, y: 0), Point(x: 0.5, y: 1), Point(x: 0, y: 1)])],
        lines: [.init(id: "middle", from: Point(x: 0.5, y: 0), to: Point(x: 0.5, y: 1), wrongWay: "out")])

    func testDetectedBoxesAreTheGroundTruth() async throws {
        let path = try temporaryDirectory(self) + "/two.mkv"
        try Self.scene.write(to: path)
        var detector: ForegroundDetector?
        var mismatches: [String] = []
        var compared = 0
        let summary = try await FFmpegFrameSource(path: path).forEachFrame { frame in
            if detector == nil { detector = ForegroundDetector(width: frame.width, height: frame.height) }
            let boxes = detector!.detect(frame)
            // While the learning rate 1/(2n) is still high (first 50 frames, the warm-up the
            // OpenCV reference comparison skips too), the columns a box has covered for several
            // frames already join the background; compare after that. Inside the image the 3x3
            // opening erases strips under 3 px wide; against the border 2 px survive (outside
            // pixels never win a min), as in OpenCV.
            if frame.index >= 50 {
                let truth = Self.scene.truth(frame: frame.index).filter {
                    $0.width >= 3 || ($0.width == 2 && ($0.x == 0 || $0.x + $0.width == 320))
                }
                compared += 1
                if boxes.map(\.description) != truth.map(\.description) {
                    mismatches.append("frame \(frame.index): got \(boxes) expected \(truth)")
                }
            }
            return true
        }
        XCTAssertEqual(summary.frameCount, 150)
        XCTAssertEqual(summary.info, VideoInfo(width: 320, height: 240, fps: 25))
        XCTAssertEqual(compared, 100)
        XCTAssertEqual(mismatches.count, 0, "\(mismatches.count) frames differ, frames: \(mismatches.map { $0.prefix(9) })")
    }

    func testCrossingDirectionsZonesAndCountsAreExact() async throws {
        let path = try temporaryDirectory(self) + "/two.mkv"
        try Self.scene.write(to: path)
        var options = DetectionOptions()
        options.camera = "cam-test"
        options.layout = Self.layout
        options.events.dwellSeconds = 1
        var lines: [String] = []
        _ = try await DetectionPipeline.run(path: path, options: options, emit: { lines.append($0) })
        let events = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        func of(_ type: String) -> [[String: Any]] { events.filter { $0["type"] as? String == type } }

        let crossings = of("line-crossing")
        XCTAssertEqual(crossings.map { $0["direction"] as? String }, ["in", "out"])
        // A's bottom centre passes x = 160 between frames 76 and 77; B's between 115 and 116.
        XCTAssertEqual(crossings.map { $0["t"] as? Double }, [3.08, 4.64])
        XCTAssertEqual(crossings.map { $0["zone"] as? String }, ["middle", "middle"])
        XCTAssertEqual(crossings.map { $0["bbox"] as? [Int] }, [[151, 95, 20, 50], [148, 160, 20, 50]])
        let wrongWay = of("wrong-way")
        XCTAssertEqual(wrongWay.count, 1)
        XCTAssertEqual(wrongWay.first?["track"] as? String, crossings[1]["track"] as? String)
        XCTAssertNotEqual(crossings[0]["track"] as? String, crossings[1]["track"] as? String)

        // A is confirmed on its third detection (frame 23) inside the west zone; B enters it at 116.
        XCTAssertEqual(of("intrusion").map { $0["t"] as? Double }, [0.92, 4.64])
        XCTAssertEqual(of("dwell").map { $0["count"] as? Double }, [2.16, 1.32])

        let counts = of("count")
        XCTAssertEqual(counts.count, 2)
        XCTAssertEqual(counts.map { $0["count"] as? Int }, [2, 2])
        XCTAssertEqual(counts.map { $0["zone"] as? String }, [nil, "west"])
        XCTAssertEqual(of("density").count, 2)
        let allowed: Set<String> = ["t", "camera", "type", "class", "bbox", "track", "zone", "direction", "count"]
        for event in events { XCTAssertTrue(Set(event.keys).isSubset(of: allowed), "\(event)") }
        XCTAssertTrue(events.allSatisfy { $0["camera"] as? String == "cam-test" })
    }

    func testMemoryStaysFlatOnALongClip() async throws {
        var scene = SyntheticClip(objects: [
            .init(x0: -10, y0: 30, vx: 2, vy: 0, width: 10, height: 30, start: 10, end: 99, luma: 220),
        ], noise: 4)
        scene.width = 160; scene.height = 120; scene.frames = 100
        let path = try temporaryDirectory(self) + "/long.mkv"
        try scene.write(to: path, loops: 20)
        var rssAfterWarmUp = 0, rssMax = 0
        var lines = 0
        let summary = try await DetectionPipeline.run(path: path, options: DetectionOptions(), emit: { _ in lines += 1 },
                                                      progress: { index, _ in
            guard index % 100 == 0 else { return }
            let rss = residentKilobytes()
            if index == 200 { rssAfterWarmUp = rss }
            if index > 200 { rssMax = max(rssMax, rss) }
        })
        XCTAssertEqual(summary.frameCount, 2000)
        XCTAssertGreaterThan(rssAfterWarmUp, 0)
        print("memory: VmRSS \(rssAfterWarmUp) kB after 200 frames, at most \(rssMax) kB over 2000 frames")
        XCTAssertLessThan(rssMax - rssAfterWarmUp, 4096, "resident memory grew by \(rssMax - rssAfterWarmUp) kB")
    }
}

/// VmRSS of this process in kB, from /proc (0 where there is none).
func residentKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
    return 0
}
