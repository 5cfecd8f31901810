import Foundation
import ProcessTestSupport
import XCTest

/// Synthetic clips with exact ground truth, and the real binary, for redaction tests.
enum Clips {
    static let binary = ProcessRunner.silhouette

    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("silhouette-redact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A 320x240, 25 fps, 2.4 s (60 frames) lossless clip: flat background (luma 100) and
    /// checkerboard boxes (luma 170/250, 4-px squares) moving right at 5 px/frame from frame 10.
    /// Box `i` is 20x50 at y = 40 + 100 i, starting at x = -20 + 40 i.
    static func movingBoxes(count: Int, in directory: URL, name: String = "boxes.mkv") throws -> URL {
        var inside: [String] = []
        for i in 0..<count {
            let x0 = "(-20+\(40 * i)+5*(N-10))"
            inside.append("between(N\\,10\\,59)*between(X\\,\(x0)\\,\(x0)+19)*between(Y\\,\(40 + 100 * i)\\,\(89 + 100 * i))")
        }
        let expression = "if(\(inside.joined(separator: "+")),if(mod(floor(X/4)+floor(Y/4)\\,2)\\,250\\,170),100)"
        let url = directory.appendingPathComponent(name)
        try ffmpeg(["-f", "lavfi", "-i", "color=c=black:s=320x240:r=25:d=2.4,format=yuv420p,geq=lum='\(expression)':cb=128:cr=128",
                    "-c:v", "ffv1", "-pix_fmt", "yuv420p", url.path])
        return url
    }

    /// Ground-truth box `i` at frame `n`, clipped to the frame, or nil.
    static func box(_ i: Int, frame n: Int) -> (x: Int, y: Int, w: Int, h: Int)? {
        guard (10...59).contains(n) else { return nil }
        let x = -20 + 40 * i + 5 * (n - 10)
        let x0 = max(x, 0), x1 = min(x + 20, 320)
        guard x1 > x0 else { return nil }
        return (x0, 40 + 100 * i, x1 - x0, 50)
    }

    static func ffmpeg(_ arguments: [String]) throws {
        let run = try ProcessRunner.run(tool: "ffmpeg", ["-hide_banner", "-loglevel", "error", "-y"] + arguments)
        guard run.status == 0 else { throw XCTSkip("ffmpeg could not build the test clip (is ffmpeg installed?)") }
    }

    /// Decodes a clip to full-range gray frames.
    static func grayFrames(_ url: URL, width: Int = 320, height: Int = 240) throws -> [[UInt8]] {
        let raw = url.deletingPathExtension().appendingPathExtension("gray")
        try ffmpeg(["-i", url.path, "-f", "rawvideo", "-pix_fmt", "gray", raw.path])
        let data = try Data(contentsOf: raw)
        let size = width * height
        return stride(from: 0, to: data.count, by: size).map { Array(data[$0..<min($0 + size, data.count)]) }
    }

    static func probe(_ url: URL) throws -> (frames: Int, duration: Double) {
        let text = try ProcessRunner.run(tool: "ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0",
                                                           "-show_entries", "stream=nb_read_frames:format=duration",
                                                           "-of", "default=nw=1:nk=1", url.path]).stdout
        let values = text.split(separator: "\n")
        return (Int(values.first ?? "") ?? -1, Double(values.last ?? "") ?? -1)
    }

    @discardableResult
    static func silhouette(_ arguments: [String]) throws -> ProcessRunner.Run {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw XCTSkip("silhouette is not built at \(binary.path)") }
        return try ProcessRunner.run(binary, arguments)
    }
}

/// Pixel statistics of a rectangle.
struct RegionStats {
    let mean: Double
    let std: Double

    init(_ frame: [UInt8], x: Int, y: Int, w: Int, h: Int, width: Int = 320) {
        var sum = 0.0, squares = 0.0
        for r in y..<(y + h) { for c in x..<(x + w) { let v = Double(frame[r * width + c]); sum += v; squares += v * v } }
        let n = Double(w * h)
        mean = sum / n
        std = max(0, squares / n - mean * mean).squareRoot()
    }

    /// Pearson correlation of two frames over a rectangle: 1 when the pattern survived.
    static func correlation(_ a: [UInt8], _ b: [UInt8], x: Int, y: Int, w: Int, h: Int, width: Int = 320) -> Double {
        let sa = RegionStats(a, x: x, y: y, w: w, h: h), sb = RegionStats(b, x: x, y: y, w: w, h: h)
        guard sa.std > 0, sb.std > 0 else { return 0 }
        var covariance = 0.0
        for r in y..<(y + h) { for c in x..<(x + w) { covariance += (Double(a[r * width + c]) - sa.mean) * (Double(b[r * width + c]) - sb.mean) } }
        return covariance / Double(w * h) / (sa.std * sb.std)
    }
}
