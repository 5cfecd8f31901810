import Detection
import Foundation
import ProcessTestSupport
import XCTest

/// Deterministic synthetic clips with exact ground truth, made by ffmpeg's `geq` filter (which
/// sees the integer frame number N and pixel X, Y; see ../shared/anchors/video/README.md).
/// Rectangles move linearly in N over a static textured background, optionally with temporal
/// noise; the clip is lossless FFV1 gray, so decoded pixels are exactly what `geq` drew.
struct SyntheticClip {
    struct Object {
        var x0: Int, y0: Int          // top-left at `start`
        var vx: Int, vy: Int          // pixels per frame
        var width: Int, height: Int
        var start: Int, end: Int      // visible in frames start...end
        var luma: Int

        func box(frame n: Int, clipWidth: Int, clipHeight: Int) -> BoundingBox? {
            guard n >= start && n <= end else { return nil }
            let x = x0 + vx * (n - start), y = y0 + vy * (n - start)
            let left = max(x, 0), top = max(y, 0)
            let right = min(x + width, clipWidth), bottom = min(y + height, clipHeight)
            guard right > left && bottom > top else { return nil }
            return BoundingBox(x: left, y: top, width: right - left, height: bottom - top)
        }
    }

    var width = 320
    var height = 240
    var fps = 25
    var frames = 150
    var objects: [Object]
    var noise = 0

    /// Ground truth boxes of frame `n`, sorted like the detector's output.
    func truth(frame n: Int) -> [BoundingBox] {
        objects.compactMap { $0.box(frame: n, clipWidth: width, clipHeight: height) }
            .sorted { ($0.y, $0.x, $0.width, $0.height) < ($1.y, $1.x, $1.width, $1.height) }
    }

    /// The `geq` luma expression: first matching object wins, else the background texture.
    var expression: String {
        var expr = "100+20*sin(X/7)*cos(Y/5)"
        for o in objects.reversed() {
            let x = "(\(o.x0)+\(o.vx)*(N-\(o.start)))", y = "(\(o.y0)+\(o.vy)*(N-\(o.start)))"
            let inside = "between(N\\,\(o.start)\\,\(o.end))*between(X\\,\(x)\\,\(x)+\(o.width - 1))*between(Y\\,\(y)\\,\(y)+\(o.height - 1))"
            expr = "if(\(inside)\\,\(o.luma)\\,\(expr))"
        }
        return expr
    }

    /// Writes the clip to `path` (FFV1 in Matroska); throws XCTSkip when ffmpeg is missing.
    func write(to path: String, loops: Int = 1) throws {
        let duration = Double(frames) / Double(fps)
        var filter = "color=c=black:s=\(width)x\(height):r=\(fps):d=\(duration),format=gray,geq=lum='\(expression)'"
        if noise > 0 { filter += ",noise=alls=\(noise):allf=t" }
        try runFFmpeg(["-f", "lavfi", "-i", filter, "-c:v", "ffv1", "-pix_fmt", "gray",
                       "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1", path])
        if loops > 1 {
            let once = path + ".once.mkv"
            try FileManager.default.moveItem(atPath: path, toPath: once)
            defer { try? FileManager.default.removeItem(atPath: once) }
            try runFFmpeg(["-stream_loop", "\(loops - 1)", "-i", once, "-c", "copy", path])
        }
    }
}

/// Runs ffmpeg quietly; skips the test when it is not installed.
func runFFmpeg(_ arguments: [String]) throws {
    let run = try ProcessRunner.run(tool: "ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"] + arguments)
    if run.status == 127 { throw XCTSkip("ffmpeg is not installed") }
    guard run.status == 0 else {
        throw NSError(domain: "ffmpeg", code: Int(run.status), userInfo: [NSLocalizedDescriptionKey: run.stderr])
    }
}

/// A fresh temporary directory, removed by the caller's `addTeardownBlock`.
func temporaryDirectory(_ test: XCTestCase) throws -> String {
    let path = NSTemporaryDirectory() + "silhouette-detection-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

/// The package root, from this file's path.
let packageRoot = ProcessRunner.packageRoot.path
