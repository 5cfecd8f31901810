/// A short-lived anonymous track: a random id, where the silhouette is, and for how long it
/// has been seen. Nothing about its appearance is kept — association uses box overlap and
/// position only — and ids are drawn from the system's random generator for every run, so
/// the same person gets unrelated ids in two clips or two runs.
public struct Track: Sendable, Equatable {
    /// 8 random hex digits, unique within a run.
    public let id: String
    /// Where it was last seen (processing-resolution pixels).
    public var box: BoundingBox
    public var firstSeen: Double
    public var lastSeen: Double
    /// Frames in which a detection was matched to it.
    public var hits: Int
    /// Consecutive frames without a match.
    public var missed: Int
    /// Frames in which its box was taller than wide; decides `objectClass`.
    public var uprightHits: Int

    /// True once it has been matched in `minHits` frames; flicker never becomes a track.
    public func isConfirmed(minHits: Int) -> Bool { hits >= minHits }

    /// "person" when its box is mostly taller than wide (a standing silhouette), else "object".
    /// A blob detector cannot tell more; the class is a shape hint, not a recognition.
    public var objectClass: String { uprightHits * 2 >= hits ? "person" : "object" }
}

/// Associates each frame's boxes with the live tracks: greedy by box overlap (IoU), then by
/// centre distance for fast or partly hidden silhouettes; unmatched boxes start tracks;
/// tracks unseen for more than `maxMissedFrames` processed frames end.
public final class Tracker {
    public struct Parameters: Sendable, Equatable {
        public var minIoU = 0.2
        /// Largest centre jump, as a multiple of the track's box diagonal, for a distance match.
        public var maxJump = 0.75
        public var maxMissedFrames = 10
        public var minHits = 3
        public init() {}
    }

    public let parameters: Parameters
    public private(set) var tracks: [Track] = []
    private var generator: any RandomNumberGenerator
    private var usedIds: Set<String> = []

    public init(parameters: Parameters = .init(), generator: any RandomNumberGenerator = SystemRandomNumberGenerator()) {
        self.parameters = parameters
        self.generator = generator
    }

    /// Result of one update: the tracks matched in this frame (new ones included), and the
    /// tracks that expired.
    public struct Update: Sendable {
        public var seen: [Track]
        public var ended: [Track]
    }

    public func update(_ boxes: [BoundingBox], time: Double) -> Update {
        var trackTaken = [Bool](repeating: false, count: tracks.count)
        var boxTaken = [Bool](repeating: false, count: boxes.count)
        var pairs: [(score: Double, track: Int, box: Int)] = []
        for (t, track) in tracks.enumerated() {
            for (b, box) in boxes.enumerated() {
                let iou = track.box.iou(box)
                if iou >= parameters.minIoU { pairs.append((iou, t, b)) }
            }
        }
        pairs.sort { $0.score > $1.score || ($0.score == $1.score && ($0.track, $0.box) < ($1.track, $1.box)) }
        var matches: [(Int, Int)] = []
        func take(_ list: [(score: Double, track: Int, box: Int)]) {
            for pair in list where !trackTaken[pair.track] && !boxTaken[pair.box] {
                trackTaken[pair.track] = true; boxTaken[pair.box] = true
                matches.append((pair.track, pair.box))
            }
        }
        take(pairs)
        // Second chance by centre distance (negated so larger is better).
        var near: [(score: Double, track: Int, box: Int)] = []
        for (t, track) in tracks.enumerated() where !trackTaken[t] {
            let diagonal = Double(track.box.width * track.box.width + track.box.height * track.box.height).squareRoot()
            for (b, box) in boxes.enumerated() where !boxTaken[b] {
                let d = Self.centreDistance(track.box, box)
                if d <= parameters.maxJump * diagonal { near.append((-d, t, b)) }
            }
        }
        near.sort { $0.score > $1.score || ($0.score == $1.score && ($0.track, $0.box) < ($1.track, $1.box)) }
        take(near)

        var seen: [Track] = []
        for (t, b) in matches {
            tracks[t].box = boxes[b]
            tracks[t].lastSeen = time
            tracks[t].hits += 1
            tracks[t].missed = 0
            if boxes[b].height > boxes[b].width { tracks[t].uprightHits += 1 }
            seen.append(tracks[t])
        }
        var ended: [Track] = []
        var kept: [Track] = []
        for (t, var track) in tracks.enumerated() {
            if !trackTaken[t] {
                track.missed += 1
                if track.missed > parameters.maxMissedFrames { ended.append(track); continue }
            }
            kept.append(track)
        }
        for (b, box) in boxes.enumerated() where !boxTaken[b] {
            let track = Track(id: newId(), box: box, firstSeen: time, lastSeen: time, hits: 1, missed: 0,
                              uprightHits: box.height > box.width ? 1 : 0)
            kept.append(track)
            seen.append(track)
        }
        tracks = kept
        return Update(seen: seen, ended: ended)
    }

    /// Ends every live track (end of stream).
    public func finish() -> [Track] {
        defer { tracks = [] }
        return tracks
    }

    private func newId() -> String {
        while true {
            let value = UInt32.random(in: .min ... .max, using: &generator)
            let hex = String(value, radix: 16)
            let id = String(repeating: "0", count: 8 - hex.count) + hex
            if usedIds.insert(id).inserted { return id }
        }
    }

    static func centreDistance(_ a: BoundingBox, _ b: BoundingBox) -> Double {
        let dx = Double(2 * a.x + a.width - 2 * b.x - b.width) / 2
        let dy = Double(2 * a.y + a.height - 2 * b.y - b.height) / 2
        return (dx * dx + dy * dy).squareRoot()
    }
}
