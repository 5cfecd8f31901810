import Detection

/// The per-frame decisions of a redaction, separate from decoding and encoding: find the
/// silhouettes against the clip's background (`SceneBackground`, built in a first pass), track
/// them, hold the box of a track that stops being seen until the scene shows it has left
/// (`HeldTracks`), and redact each frame with the boxes of the frame before, the frame itself
/// and the frame after (one frame of look-ahead and look-behind closes the detection lag).
final class FrameRedactor: @unchecked Sendable {  // confined to the decoding task
    struct Record: Codable, Equatable {
        let frame: Int
        let t: Double
        /// Redacted rectangles (frame pixels, margins included, overlapping ones merged).
        let boxes: [PixelRect]
        let kept: PixelRect?
        /// Boxes of tracks no longer detected but not shown to have left, redacted all the same.
        let held: [PixelRect]
        /// `--keep-only`: parts of the requester's box where someone else was, redacted.
        let overlaps: [PixelRect]
        /// Foreground pixels (analysis resolution) that no redacted rectangle covers: the
        /// frame's residual risk — a piece of a person too small to be a box.
        let uncoveredForeground: Int
    }

    private let options: RedactionOptions
    private let scene: SceneBackground
    private let scale: AnalysisScale
    private let model: FixedBackgroundModel
    private let detector: ForegroundDetector
    private let tracker: Tracker
    private let zones: ZoneMask
    private var holds: HeldTracks
    private let width: Int, height: Int, fps: Double
    private var gray: [UInt8]
    private let downscaler: LumaDownscaler
    private struct Pending {
        var frame: YUVFrame
        var index: Int
        var boxes: [PixelRect]
        var held: [PixelRect]
        var kept: PixelRect?
        /// The cleaned foreground mask (0 or 255 per analysis pixel).
        var mask: [UInt8]
    }
    /// The frame waiting for its successor's boxes.
    private var pending: Pending?
    private var previousBoxes: [PixelRect] = []
    private(set) var keptTrackID: String?
    private(set) var tracksSeen: [String: (first: Double, last: Double, box: PixelRect)] = [:]
    /// Where each track was at `probeTime`, to resolve `T@X,Y` selectors.
    var probeTime: Double?
    private(set) var boxesAtProbe: [String: PixelRect] = [:]
    /// `--keep-only`: the first frame where the requester's box touched someone else's. Tracks
    /// carry no appearance (no biometrics), so after two people meet the tracker may follow the
    /// wrong one; from then on the requester is redacted too (fail closed), and the log says so.
    private(set) var requesterHiddenFrom: Int?
    /// Every frame's global gain against the background.
    private(set) var gains: [Double] = []
    /// Called with every finished frame and its record (the review sheet samples them).
    var observer: ((YUVFrame, Record) -> Void)?
    /// Only find and track people (`--list-tracks`, resolving `--keep-track`): no pixel redacted.
    var analyseOnly = false

    init(stream: Y4MStreamHeader, scene: SceneBackground, options: RedactionOptions, keptTrackID: String?) throws {
        width = stream.width; height = stream.height; fps = stream.fps
        scale = AnalysisScale(width: width, height: height)
        downscaler = LumaDownscaler(scale: scale, lut: stream.lumaToGray)
        guard scale.width == scene.width, scale.height == scene.height else {
            throw RedactionError.badOption("the clip changed size between the two passes (\(scene.width)×\(scene.height) analysed, \(scale.width)×\(scale.height) now)")
        }
        self.scene = scene
        self.options = options
        self.keptTrackID = keptTrackID
        model = FixedBackgroundModel(scene: scene)
        detector = ForegroundDetector(width: scale.width, height: scale.height, model: model)
        if let seed = options.seed {
            tracker = Tracker(generator: SeededGenerator(state: seed))
        } else {
            tracker = Tracker()
        }
        holds = HeldTracks(width: scale.width, height: scale.height, threshold: scene.threshold, background: scene.median)
        zones = ZoneMask(polygons: options.zones, width: width, height: height)
        gray = [UInt8](repeating: 0, count: scale.width * scale.height)
    }

    var zoneMask: ZoneMask { zones }

    /// Analyses `frame`; returns the frame before it, redacted, once its successor is known.
    func push(_ frame: YUVFrame, index: Int) -> (YUVFrame, Record)? {
        let next = analyse(frame, index: index)
        var ready: (YUVFrame, Record)?
        if var item = pending {
            pending = nil  // `item` now holds the frame's only reference: redacted in place
            ready = finish(&item, next: next.boxes)
            previousBoxes = item.boxes
        } else {
            previousBoxes = []
        }
        pending = next
        return ready
    }

    /// The last held frame, redacted with what is known.
    func flush() -> (YUVFrame, Record)? {
        guard var last = pending else { return nil }
        pending = nil
        return finish(&last, next: [])
    }

    private func analyse(_ frame: YUVFrame, index: Int) -> Pending {
        frame.bytes.withUnsafeBufferPointer { yuv in
            gray.withUnsafeMutableBufferPointer { out in
                downscaler.downscale(luma: yuv.baseAddress!, stride: width, into: out.baseAddress!)
            }
        }
        model.frameIndex = index
        let raw = gray.withUnsafeBufferPointer { detector.detect($0.baseAddress!) }
        gains.append(model.lastGain)
        let mask = Array(UnsafeBufferPointer(start: detector.lastMask(), count: scale.width * scale.height))
        let time = Double(index) / fps
        let update = tracker.update(raw, time: time)
        var keptBox: BoundingBox?
        for track in update.seen where track.missed == 0 {
            let box = toFrame(track.box)
            let known = tracksSeen[track.id]
            tracksSeen[track.id] = (known?.first ?? time, time, known?.box ?? box)
            if track.id == keptTrackID { keptBox = track.box }
            if let probe = probeTime, abs(time - probe) <= 0.5 / fps { boxesAtProbe[track.id] = box }
        }
        let heldBoxes = holds.update(tracks: tracker.tracks, detections: raw, normalised: model.normalised, exempt: keptTrackID)
        if options.keepOnly != nil, requesterHiddenFrom == nil, let kept = keptBox {
            let others = raw.filter { $0 != kept } + heldBoxes
            if others.contains(where: { Self.touch($0, kept, gap: 2) }) { requesterHiddenFrom = index }
        }
        if options.keepOnly != nil, requesterHiddenFrom != nil { keptBox = nil }
        let boxes = raw.filter { $0 != keptBox }.map(toFrame)
        return Pending(frame: frame, index: index, boxes: boxes, held: heldBoxes.map(toFrame), kept: keptBox.map(toFrame), mask: mask)
    }

    private static func touch(_ a: BoundingBox, _ b: BoundingBox, gap: Int) -> Bool {
        a.x - gap < b.x + b.width && b.x - gap < a.x + a.width && a.y - gap < b.y + b.height && b.y - gap < a.y + a.height
    }

    private func toFrame(_ box: BoundingBox) -> PixelRect {
        scale.frameRect(x: box.x, y: box.y, width: box.width, height: box.height, frameWidth: width, frameHeight: height)
    }

    private func finish(_ item: inout Pending, next: [PixelRect]) -> (YUVFrame, Record) {
        var frame = item.frame
        item.frame = YUVFrame(width: 0, height: 0, bytes: [])  // `frame` is left the only owner
        let window = previousBoxes + item.boxes + next + item.held
        let grown = window.compactMap { $0.expanded(fraction: options.marginFraction, pixels: options.marginPixels, width: width, height: height) }
        let redacted = PixelRect.mergeOverlapping(grown)
        var overlaps: [PixelRect] = []
        if analyseOnly {
            // Nothing is written: the frame is not redacted.
        } else if options.keepOnly != nil {
            let original = frame
            frame.redact(PixelRect(x: 0, y: 0, width: width, height: height), method: options.method)
            if let kept = item.kept {
                frame.restore(kept, from: original)
                frame.redact(zones: zones, method: options.method)
                overlaps = redacted.compactMap { $0.intersection(kept) }
                for overlap in overlaps { frame.redact(overlap, method: options.method) }
            }
        } else {
            frame.redact(zones: zones, method: options.method)
            for rect in redacted { frame.redact(rect, method: options.method) }
        }
        let uncovered = options.keepOnly != nil ? 0 : uncoveredForeground(item.mask, by: redacted)
        let record = Record(frame: item.index, t: Double(item.index) / fps, boxes: redacted, kept: item.kept,
                            held: item.held, overlaps: overlaps, uncoveredForeground: uncovered)
        observer?(frame, record)
        return (frame, record)
    }

    /// Foreground pixels of `mask` outside every rectangle of `rects` (frame pixels).
    private func uncoveredForeground(_ mask: [UInt8], by rects: [PixelRect]) -> Int {
        var copy = mask
        let f = scale.factor, w = scale.width
        return copy.withUnsafeMutableBufferPointer { remaining in
            // Clear what the rectangles cover, then count what is left.
            for r in rects {
                let x0 = r.x / f, y0 = r.y / f
                let x1 = min(w, (r.x + r.width) / f), y1 = min(scale.height, (r.y + r.height) / f)
                guard x1 > x0, y1 > y0 else { continue }
                for y in y0..<y1 { (remaining.baseAddress! + y * w + x0).update(repeating: 0, count: x1 - x0) }
            }
            var count = 0
            for value in remaining where value != 0 { count &+= 1 }
            return count
        }
    }
}

/// Tracks that stopped being detected keep their last box redacted until the scene shows that
/// the person has left: the box's pixels have changed since the track was last seen, and no
/// detection overlaps it. A person who stands still and fades from the detection therefore stays
/// hidden; one who walks on releases the hold as soon as the spot shows the background again.
/// Only confirmed tracks (seen in three frames) are held, so flicker never holds a box.
struct HeldTracks {
    struct Hold {
        let box: BoundingBox
        let snapshot: [UInt8]
    }

    let width: Int
    let height: Int
    let threshold: [UInt8]
    let background: [UInt8]
    private(set) var holds: [String: Hold] = [:]
    /// The previous frame, divided by its gain: the snapshot of a track that has just gone.
    private var previous: [UInt8] = []
    /// Tracks whose hold was released, not held again unless seen again: the tracker keeps a
    /// lost track for a few frames, and a new snapshot taken after the person left would show
    /// the empty spot — which never changes, so the box would stay redacted to the end.
    private var released: Set<String> = []

    init(width: Int, height: Int, threshold: [UInt8], background: [UInt8]) {
        self.width = width
        self.height = height
        self.threshold = threshold
        self.background = background
    }

    /// Share of a box's pixels that must differ from the snapshot for the spot to count as changed.
    static let changedShare = 0.2

    mutating func update(tracks: [Track], detections: [BoundingBox], normalised: [UInt8], exempt: String?) -> [BoundingBox] {
        for track in tracks where track.id != exempt {
            if track.missed == 0 {
                holds[track.id] = nil
                released.remove(track.id)
            } else if holds[track.id] == nil, !released.contains(track.id), track.isConfirmed(minHits: 3), !previous.isEmpty {
                holds[track.id] = Hold(box: track.box, snapshot: patch(previous, track.box))
            }
        }
        for (id, hold) in holds where !tracks.contains(where: { $0.id == id && $0.missed == 0 }) {
            let overlapped = detections.contains { $0.iou(hold.box) > 0 || Self.intersects($0, hold.box) }
            // Left: the spot changed since the track was last seen, or it differed from the
            // background then and matches it now.
            let left = changedShare(normalised, hold) > Self.changedShare
                || (foregroundShare(hold.snapshot, hold.box) >= 0.1 && foregroundShare(patch(normalised, hold.box), hold.box) < 0.02)
            if !overlapped && left {
                holds[id] = nil
                released.insert(id)
            }
        }
        previous = normalised
        return holds.keys.sorted().compactMap { holds[$0]?.box }
    }

    private static func intersects(_ a: BoundingBox, _ b: BoundingBox) -> Bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    private func patch(_ image: [UInt8], _ box: BoundingBox) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(box.width * box.height)
        for y in box.y..<min(height, box.y + box.height) {
            for x in box.x..<min(width, box.x + box.width) { out.append(image[y * width + x]) }
        }
        return out
    }

    /// Share of a patch's pixels farther from the background than their threshold.
    private func foregroundShare(_ patch: [UInt8], _ box: BoundingBox) -> Double {
        var count = 0, i = 0
        for y in box.y..<min(height, box.y + box.height) {
            for x in box.x..<min(width, box.x + box.width) {
                let p = y * width + x
                if abs(Int(patch[i]) - Int(background[p])) > Int(threshold[p]) { count += 1 }
                i += 1
            }
        }
        return i == 0 ? 0 : Double(count) / Double(i)
    }

    private func changedShare(_ image: [UInt8], _ hold: Hold) -> Double {
        var changed = 0, i = 0
        for y in hold.box.y..<min(height, hold.box.y + hold.box.height) {
            for x in hold.box.x..<min(width, hold.box.x + hold.box.width) {
                let p = y * width + x
                if abs(Int(image[p]) - Int(hold.snapshot[i])) > Int(threshold[p]) { changed += 1 }
                i += 1
            }
        }
        return i == 0 ? 1 : Double(changed) / Double(i)
    }
}

extension PixelRect {
    /// The rectangles with every overlapping pair replaced by their union, until none overlap:
    /// the pieces of one person's silhouette become one redacted rectangle.
    static func mergeOverlapping(_ rects: [PixelRect]) -> [PixelRect] {
        var result: [PixelRect] = []
        for rect in rects where rect.width > 0 && rect.height > 0 {
            var current = rect
            var merged = true
            while merged {
                merged = false
                if let i = result.firstIndex(where: { $0.intersection(current) != nil }) {
                    current = current.union(result.remove(at: i))
                    merged = true
                }
            }
            result.append(current)
        }
        return result.sorted { ($0.y, $0.x, $0.width, $0.height) < ($1.y, $1.x, $1.width, $1.height) }
    }

    func intersection(_ other: PixelRect) -> PixelRect? {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        let x1 = min(x + width, other.x + other.width), y1 = min(y + height, other.y + other.height)
        guard x1 > x0, y1 > y0 else { return nil }
        return PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    func union(_ other: PixelRect) -> PixelRect {
        let x0 = min(x, other.x), y0 = min(y, other.y)
        let x1 = max(x + width, other.x + other.width), y1 = max(y + height, other.y + other.height)
        return PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}

extension YUVFrame {
    /// Copies `rect` (luma pixels) in all planes back from `original`.
    mutating func restore(_ rect: PixelRect, from original: YUVFrame) {
        for plane in planes {
            let x0 = rect.x / plane.scale, y0 = rect.y / plane.scale
            let x1 = min(plane.width, (rect.x + rect.width + plane.scale - 1) / plane.scale)
            let y1 = min(plane.height, (rect.y + rect.height + plane.scale - 1) / plane.scale)
            guard x1 > x0, y1 > y0 else { continue }
            for y in y0..<y1 {
                let start = plane.offset + y * plane.width
                bytes.replaceSubrange((start + x0)..<(start + x1), with: original.bytes[(start + x0)..<(start + x1)])
            }
        }
    }
}
