import DeploymentModel

/// Turns tracks into contract events, using the camera's zones and counting lines.
///
/// A track's position is the bottom centre of its box (where a silhouette touches the ground).
/// Only confirmed tracks (see `Tracker.Parameters.minHits`) produce events.
/// - `line-crossing` when the position passes from one side of a line to the other between
///   the line's end points; `direction` is `in` when it moves to the left of `from → to` as
///   seen on screen, else `out`; a crossing in the line's `wrong_way` direction also gives a
///   `wrong-way` event.
/// - `intrusion` when a track enters a zone.
/// - `dwell` when a track leaves a zone (or ends) after at least `dwellSeconds` in it;
///   `count` is the time spent, in seconds.
/// - `count` and `density` per time bucket, for each zone and for the whole frame (no `zone`
///   key): distinct tracks seen, and the mean number present per processed frame. They are
///   stamped with the start of their bucket.
public final class EventEngine {
    public struct Parameters: Sendable, Equatable {
        public var bucketSeconds = 60.0
        public var dwellSeconds = 10.0
        public var minHits = 3
        public init() {}
    }

    private struct TrackState {
        var lineSides: [Int]
        var lastPoints: [PixelPoint?]
        var zoneEntry: [Double?]
        var reported = false
    }

    private let parameters: Parameters
    private let camera: String?
    private let zones: [PixelZone]
    private let lines: [PixelLine]
    /// Original-clip pixels per processing pixel (1 / scale).
    private let scaleBack: Double
    private var states: [String: TrackState] = [:]
    private var bucket: Int?
    private var bucketTracks: [Set<String>]        // index 0: whole frame, then zones
    private var bucketPresence: [Int]
    private var bucketFrames = 0

    public init(layout: SceneLayout, camera: String?, width: Int, height: Int, scaleBack: Double = 1,
                parameters: Parameters = .init()) {
        self.parameters = parameters
        self.camera = camera
        zones = layout.zones.map { PixelZone($0, width: width, height: height) }
        lines = layout.lines.map { PixelLine($0, width: width, height: height) }
        self.scaleBack = scaleBack
        bucketTracks = Array(repeating: [], count: zones.count + 1)
        bucketPresence = Array(repeating: 0, count: zones.count + 1)
    }

    /// Events for one processed frame at `time`, given the tracker's update.
    public func process(time: Double, update: Tracker.Update) -> [DetectionEvent] {
        var events: [DetectionEvent] = []
        let index = Int((time / parameters.bucketSeconds).rounded(.down))
        if let current = bucket, index != current { events += flushBucket() }
        if bucket == nil || index != bucket { bucket = index }
        bucketFrames += 1

        for track in update.seen {
            var state = states[track.id] ?? TrackState(lineSides: Array(repeating: 0, count: lines.count),
                                                       lastPoints: Array(repeating: nil, count: lines.count),
                                                       zoneEntry: Array(repeating: nil, count: zones.count))
            let confirmed = track.isConfirmed(minHits: parameters.minHits)
            let point = PixelPoint(x: Double(track.box.x) + Double(track.box.width) / 2,
                                   y: Double(track.box.y + track.box.height))
            for (l, line) in lines.enumerated() {
                let side = line.side(point)
                guard side != 0 else { continue }
                let previous = state.lineSides[l]
                if previous != 0, side != previous, let last = state.lastPoints[l], confirmed,
                   line.segmentCrosses(from: last, to: point) {
                    let direction = side < 0 ? "in" : "out"
                    events.append(event(time, .lineCrossing, track, zone: line.id, direction: direction))
                    if line.wrongWay == direction {
                        events.append(event(time, .wrongWay, track, zone: line.id, direction: direction))
                    }
                }
                state.lineSides[l] = side
                state.lastPoints[l] = point
            }
            if confirmed {
                bucketTracks[0].insert(track.id)
                bucketPresence[0] += 1
                for (z, zone) in zones.enumerated() {
                    let inside = zone.contains(point)
                    if inside {
                        bucketTracks[z + 1].insert(track.id)
                        bucketPresence[z + 1] += 1
                        if state.zoneEntry[z] == nil {
                            state.zoneEntry[z] = time
                            events.append(event(time, .intrusion, track, zone: zone.id))
                        }
                    } else if let entry = state.zoneEntry[z] {
                        events += dwell(track, zone: z, entry: entry, exit: time)
                        state.zoneEntry[z] = nil
                    }
                }
            }
            states[track.id] = state
        }
        for track in update.ended { events += end(track) }
        return events
    }

    /// Closes every zone stay and the last bucket at the end of the stream.
    public func finish(time: Double, remaining: [Track]) -> [DetectionEvent] {
        var events: [DetectionEvent] = []
        for track in remaining { events += end(track, at: time) }
        if bucket != nil { events += flushBucket() }
        return events
    }

    private func end(_ track: Track, at time: Double? = nil) -> [DetectionEvent] {
        guard let state = states.removeValue(forKey: track.id) else { return [] }
        var events: [DetectionEvent] = []
        for (z, entry) in state.zoneEntry.enumerated() {
            if let entry { events += dwell(track, zone: z, entry: entry, exit: time ?? track.lastSeen) }
        }
        return events
    }

    private func dwell(_ track: Track, zone z: Int, entry: Double, exit: Double) -> [DetectionEvent] {
        let seconds = exit - entry
        guard seconds >= parameters.dwellSeconds else { return [] }
        return [event(exit, .dwell, track, zone: zones[z].id, count: seconds)]
    }

    private func flushBucket() -> [DetectionEvent] {
        guard let bucket else { return [] }
        let start = Double(bucket) * parameters.bucketSeconds
        var events: [DetectionEvent] = []
        for k in 0..<bucketTracks.count {
            let zone = k == 0 ? nil : zones[k - 1].id
            events.append(DetectionEvent(t: start, camera: camera, type: .count, zone: zone, count: Double(bucketTracks[k].count)))
            let density = bucketFrames > 0 ? Double(bucketPresence[k]) / Double(bucketFrames) : 0
            events.append(DetectionEvent(t: start, camera: camera, type: .density, zone: zone, count: density))
            bucketTracks[k].removeAll(keepingCapacity: true)
            bucketPresence[k] = 0
        }
        bucketFrames = 0
        self.bucket = nil
        return events
    }

    private func event(_ time: Double, _ kind: DetectionEvent.Kind, _ track: Track, zone: String? = nil,
                       direction: String? = nil, count: Double? = nil) -> DetectionEvent {
        let b = track.box
        let bbox = [b.x, b.y, b.width, b.height].map { Int((Double($0) * scaleBack).rounded()) }
        return DetectionEvent(t: time, camera: camera, type: kind, objectClass: track.objectClass, bbox: bbox,
                              track: track.id, zone: zone, direction: direction, count: count)
    }
}
