import DeploymentModel

/// How `silhouette detect` analyses a clip.
public struct DetectionOptions: Sendable {
    /// Resize factor before analysis (0.5 halves each side), or nil for full resolution.
    public var scale: Double?
    /// Analyse one frame in `every` (the others are decoded and skipped).
    public var every = 1
    /// Camera id written in events, and zones/lines from its `analytics` entry.
    public var camera: String?
    public var layout = SceneLayout()
    public var tracker = Tracker.Parameters()
    public var events = EventEngine.Parameters()
    public var ffmpeg = "ffmpeg"

    public init() {}
}

/// What the pipeline writes: contract events, or the detector's raw per-frame boxes (the
/// reference format of ../shared/anchors/video, in processing-resolution pixels).
public enum DetectionOutputKind: Sendable {
    case events
    case boxes
}

/// Runs source → detector → tracker → events, one frame at a time, on the calling task.
public enum DetectionPipeline {
    /// Analyses `path` and hands every output line (JSON, no newline) to `emit`. `progress` is
    /// called after each frame with the frame index and its time.
    public static func run(path: String, options: DetectionOptions, output: DetectionOutputKind = .events,
                           emit: (String) -> Void,
                           progress: ((Int, Double) -> Void)? = nil) async throws -> FrameStreamSummary {
        guard options.every >= 1 else { throw DetectionError.badParameter("--every must be 1 or more (got \(options.every))") }
        if let scale = options.scale, !(scale > 0 && scale <= 1) {
            throw DetectionError.badParameter("--scale must be in (0, 1] (got \(scale)); 0.5 halves each side")
        }
        let source = makeFrameSource(path: path, scale: options.scale, ffmpeg: options.ffmpeg)
        var detector: ForegroundDetector?
        var engine: EventEngine?
        let tracker = Tracker(parameters: options.tracker)
        var eventParameters = options.events
        eventParameters.minHits = options.tracker.minHits
        var lastTime = 0.0
        let summary = try await source.forEachFrame { frame in
            lastTime = frame.time
            progress?(frame.index, frame.time)
            guard frame.index % options.every == 0 else { return true }
            if detector == nil {
                detector = ForegroundDetector(width: frame.width, height: frame.height)
                engine = EventEngine(layout: options.layout, camera: options.camera,
                                     width: frame.width, height: frame.height,
                                     scaleBack: 1 / (options.scale ?? 1), parameters: eventParameters)
            }
            let boxes = detector!.detect(frame)
            switch output {
            case .boxes:
                emit(boxesJSONLine(frame: frame.index, boxes: boxes))
            case .events:
                let update = tracker.update(boxes, time: frame.time)
                for event in engine!.process(time: frame.time, update: update) { emit(event.jsonLine) }
            }
            return true
        }
        if output == .events, let engine {
            for event in engine.finish(time: lastTime, remaining: tracker.finish()) { emit(event.jsonLine) }
        }
        return summary
    }
}
