import Detection
import Foundation
import Subprocess

/// The first pass of a redaction: the whole clip decoded at analysis size (ffmpeg scales it, so
/// this pass moves a quarter of the bytes of the second one at 768×576), frames sampled evenly
/// over the entire clip (at most `2 × sampleBudget`, at least `sampleBudget` when the clip has
/// that many), and the background built from them.
struct BackgroundPass {
    static let sampleBudget = 64

    struct Result: Sendable {
        var scene: SceneBackground
        var frames: Int
    }

    /// A sampler that keeps every `stride`-th frame and halves what it keeps (doubling the
    /// stride) when it holds more than twice the budget: evenly spread samples of a clip whose
    /// length is not known in advance.
    final class Sampler: @unchecked Sendable {  // confined to the decoding task
        var kept: [[UInt8]] = []
        var stride = 1
        var seen = 0
        let budget: Int
        init(budget: Int) { self.budget = budget }

        func offer(_ make: () -> [UInt8]) {
            defer { seen += 1 }
            guard seen % stride == 0 else { return }
            kept.append(make())
            if kept.count > 2 * budget {
                kept = kept.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
                stride *= 2
            }
        }
    }

    /// ffmpeg's side of `AnalysisScale`: the same integer factor, computed from the input width.
    static let scaleFilter = "scale=w='trunc(iw/max(1,trunc(iw/\(AnalysisScale.targetWidth))))':h='trunc(ih/max(1,trunc(iw/\(AnalysisScale.targetWidth))))':flags=area"

    static func run(clip: String, options: RedactionOptions) async throws -> Result {
        let sampler = Sampler(budget: sampleBudget)
        let decoder = FFmpegDecode(clip: clip, ffmpeg: options.ffmpeg, filter: scaleFilter)
        let header = try await decoder.stream { header, frames in
            let lut = header.lumaToGray
            for frame in frames {
                sampler.offer { frame.bytes.prefix(frame.width * frame.height).map { lut[Int($0)] } }
            }
        }
        let duration = header.fps > 0 ? Double(sampler.seen) / header.fps : 0
        var scene = SceneBackground(samples: sampler.kept, width: header.width, height: header.height, duration: duration)
        if let path = options.backgroundFrame {
            scene.useReference(try ReferenceFrame.load(path: path, width: header.width, height: header.height, ffmpeg: options.ffmpeg))
        }
        return Result(scene: scene, frames: sampler.seen)
    }
}

/// An empty-scene reference frame (`--background-frame`): any image ffmpeg reads, scaled to the
/// analysis size, as full-range gray.
enum ReferenceFrame {
    static func load(path: String, width: Int, height: Int, ffmpeg: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw RedactionError.badOption("--background-frame \(path): no such file (hint: an image of the empty scene, e.g. a PNG exported from the camera)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-i", path, "-frames:v", "1",
                             "-vf", "scale=\(width):\(height):flags=area", "-pix_fmt", "gray", "-f", "rawvideo", "-"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw DetectionError.ffmpegNotFound(executable: ffmpeg) }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, data.count == width * height else {
            let reason = message.split(separator: "\n").first.map(String.init) ?? "no image decoded"
            throw RedactionError.badOption("--background-frame \(path): not a readable image (\(reason)) (hint: a PNG or JPEG of the empty scene, same framing as the clip)")
        }
        return [UInt8](data)
    }
}
