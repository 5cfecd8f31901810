import Detection

/// The per-frame decisions of a redaction, separate from decoding and encoding: find the
/// silhouettes on the luma plane, track them, and redact each frame with the boxes of the
/// frame before, the frame itself and the frame after (detection lags a moving person by a
/// frame; one frame of look-ahead and look-behind closes that gap).
final class FrameRedactor: @unchecked Sendable {  // confined to the decoding task
    struct Record: Codable, Equatable {
        let frame: Int
        let t: Double
        let boxes: [PixelRect]
        let kept: PixelRect?
    }

    private let options: RedactionOptions
    private let detector: ForegroundDetector
    private let tracker: Tracker
    private let zones: ZoneMask
    private let width: Int, height: Int, fps: Double
    private var gray: [UInt8]
    /// The stream's luma → full-range gray table, as `silhouette detect` reads it.
    private let lut: [UInt8]
    /// The frame waiting for its successor's boxes, with its own and its predecessor's.
    private var held: (frame: YUVFrame, index: Int, boxes: [PixelRect], kept: PixelRect?)?
    private var previousBoxes: [PixelRect] = []
    private(set) var keptTrackID: String?
    private(set) var tracksSeen: [String: (first: Double, last: Double, box: PixelRect)] = [:]
    /// Where each track was at `probeTime`, to resolve `--keep-track T@X,Y`.
    var probeTime: Double?
    private(set) var boxesAtProbe: [String: PixelRect] = [:]

    init(stream: Y4MStreamHeader, options: RedactionOptions, keptTrackID: String?) {
        width = stream.width; height = stream.height; fps = stream.fps
        lut = stream.lumaToGray
        self.options = options
        self.keptTrackID = keptTrackID
        detector = ForegroundDetector(width: width, height: height)
        if let seed = options.seed {
            tracker = Tracker(generator: SeededGenerator(state: seed))
        } else {
            tracker = Tracker()
        }
        zones = ZoneMask(polygons: options.zones, width: width, height: height)
        gray = [UInt8](repeating: 0, count: width * height)
    }

    var zoneMask: ZoneMask { zones }

    /// Analyses `frame`; returns the frame before it, redacted, once its successor is known.
    func push(_ frame: YUVFrame, index: Int) -> (YUVFrame, Record)? {
        let (boxes, kept) = analyse(frame, index: index)
        let ready = held.map { finish($0, next: boxes) }
        previousBoxes = held?.boxes ?? []
        held = (frame, index, boxes, kept)
        return ready
    }

    /// The last held frame, redacted with what is known.
    func flush() -> (YUVFrame, Record)? {
        guard let last = held else { return nil }
        held = nil
        return finish(last, next: [])
    }

    private func analyse(_ frame: YUVFrame, index: Int) -> ([PixelRect], PixelRect?) {
        frame.bytes.withUnsafeBufferPointer { yuv in
            gray.withUnsafeMutableBufferPointer { out in
                lut.withUnsafeBufferPointer { table in
                    for i in 0..<(width * height) { out[i] = table[Int(yuv[i])] }
                }
            }
        }
        let raw = gray.withUnsafeBufferPointer { detector.detect($0.baseAddress!) }
        let time = Double(index) / fps
        let update = tracker.update(raw, time: time)
        var kept: PixelRect?
        for track in update.seen where track.missed == 0 {
            let box = PixelRect(track.box)
            let known = tracksSeen[track.id]
            tracksSeen[track.id] = (known?.first ?? time, time, known?.box ?? box)
            if track.id == keptTrackID { kept = box }
            if let probe = probeTime, abs(time - probe) <= 0.5 / fps { boxesAtProbe[track.id] = box }
        }
        let boxes = raw.map(PixelRect.init).filter { $0 != kept }
        return (boxes, kept)
    }

    private func finish(_ held: (frame: YUVFrame, index: Int, boxes: [PixelRect], kept: PixelRect?), next: [PixelRect]) -> (YUVFrame, Record) {
        var frame = held.frame
        frame.redact(zones: zones, method: options.method)
        let window = previousBoxes + held.boxes + next
        var redacted: [PixelRect] = []
        for box in window {
            guard let grown = box.expanded(fraction: options.marginFraction, pixels: options.marginPixels, width: width, height: height),
                  !redacted.contains(grown) else { continue }
            frame.redact(grown, method: options.method)
            redacted.append(grown)
        }
        return (frame, Record(frame: held.index, t: Double(held.index) / fps, boxes: redacted, kept: held.kept))
    }
}
