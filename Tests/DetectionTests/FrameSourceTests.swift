@testable import Detection
import Foundation
import XCTest

/// The ffmpeg frame source hands out exactly the bytes of ffmpeg's own `-pix_fmt gray`
/// conversion, whatever the source's range, in batches or one by one.
final class FrameSourceTests: XCTestCase {
    /// Limited-range YUV (expanded by the table), full-range JPEG YUV and gray (passed through).
    func testLumaEqualsFFmpegGrayForEveryRange() async throws {
        let dir = try temporaryDirectory(self)
        let clips = [
            ("limited.mkv", ["-pix_fmt", "yuv420p", "-c:v", "ffv1"]),
            ("jpeg.avi", ["-pix_fmt", "yuvj420p", "-c:v", "mjpeg"]),
            ("gray.mkv", ["-pix_fmt", "gray", "-c:v", "ffv1"]),
        ]
        for (name, encoding) in clips {
            let clip = dir + "/" + name, raw = dir + "/" + name + ".gray"
            try runFFmpeg(["-f", "lavfi", "-i", "testsrc2=s=96x64:d=0.8:r=25"] + encoding + [clip])
            try runFFmpeg(["-i", clip, "-f", "rawvideo", "-pix_fmt", "gray", raw])
            let expected = try Data(contentsOf: URL(fileURLWithPath: raw))
            var got = Data()
            var batchSizes: [Int] = []
            let summary = try await FFmpegFrameSource(path: clip).forEachBatch(maxFrames: 8) { frames in
                batchSizes.append(frames.count)
                for frame in frames {
                    XCTAssertEqual(frame.index * 96 * 64, got.count)
                    got.append(contentsOf: frame.pixels)
                }
                return true
            }
            XCTAssertEqual(summary.frameCount, 20, name)
            XCTAssertEqual(batchSizes.reduce(0, +), 20, name)
            XCTAssertTrue(batchSizes.allSatisfy { (1...8).contains($0) }, "\(name): \(batchSizes)")
            XCTAssertEqual(got.count, expected.count, name)
            XCTAssertTrue(got == expected, "\(name): luma differs from ffmpeg -pix_fmt gray")
        }
    }

    /// Stopping after a few frames ends ffmpeg (blocked on a full pipe) and returns at once.
    func testStoppingEarlyEndsTheDecoder() async throws {
        let clip = try temporaryDirectory(self) + "/long.mkv"
        try runFFmpeg(["-f", "lavfi", "-i", "testsrc2=s=320x240:d=60:r=25", "-c:v", "ffv1", clip])
        let started = Date()
        var seen = 0
        let summary = try await FFmpegFrameSource(path: clip).forEachBatch(maxFrames: 4) { frames in
            seen += frames.count
            return seen < 10
        }
        XCTAssertGreaterThanOrEqual(summary.frameCount, 10)
        XCTAssertLessThan(summary.frameCount, 1500)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "the decoder must not run to the end of the clip")
    }
}
