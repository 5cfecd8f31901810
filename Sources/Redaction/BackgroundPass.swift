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
        // The reference frame is checked first: a wrong one fails before the clip is decoded.
        var reference: ReferenceFrame?
        if let path = options.backgroundFrame {
            let label = options.backgroundFrameLabel ?? "--background-frame \(path)"
            let image = try ReferenceFrame.read(path: path, ffmpeg: options.ffmpeg, label: label)
            let clipSize = try ReferenceFrame.frameSize(of: clip, ffmpeg: options.ffmpeg)
            guard image.width == clipSize.width, image.height == clipSize.height else {
                throw RedactionError.badOption("\(label): the image is \(image.width)×\(image.height), the clip \(clipSize.width)×\(clipSize.height) (hint: a still of the empty scene from the same camera, at the clip's size)")
            }
            reference = image
        }
        let sampler = Sampler(budget: sampleBudget)
        let decoder = FFmpegDecode(clip: clip, ffmpeg: options.ffmpeg, filter: scaleFilter)
        let header = try await decoder.stream { header, frame in
            let lut = header.lumaToGray
            sampler.offer { frame.bytes.prefix(frame.width * frame.height).map { lut[Int($0)] } }
        }
        let duration = header.fps > 0 ? Double(sampler.seen) / header.fps : 0
        var scene = SceneBackground(samples: sampler.kept, width: header.width, height: header.height, duration: duration, stride: sampler.stride)
        if let reference { scene.useReference(reference.analysisGray(width: header.width, height: header.height)) }
        return Result(scene: scene, frames: sampler.seen)
    }
}
