import DeploymentModel

/// How `silhouette detect` analyses a clip.
public struct DetectionOptions: Sendable {
    /// Resize factor before analysis (0.5 halves each side), or nil for full resolution.
    public var scale: Double?
    /// Analyse one frame in `every` (the others are decoded and skipped).
    public var every = 1
    /// The per-pixel background model.
    public var background = BackgroundModelKind.gaussian
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

/// Runs source → detector → tracker → events on the calling task. Frames come in batches
/// (see `ForegroundDetector.detect(frames:)`); the tracker and the events still see them one at
/// a time, in order, so the output does not depend on how the frames were batched.
public enum DetectionPipeline {
    /// Frames per batch at most: eight 768×576 frames are 3.5 MiB of buffers, and batches
    /// beyond that gained little when measured (`scripts/bench-detect`).
    public static let batchFrames = 8

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
        let summary = try await source.forEachBatch(maxFrames: batchFrames) { frames in
            var analysed: [GrayFrame] = []
            for frame in frames {
                lastTime = frame.time
                progress?(frame.index, frame.time)
                if frame.index % options.every == 0 { analysed.append(frame) }
            }
            guard let first = analysed.first else { return true }
            if detector == nil {
                detector = ForegroundDetector(width: first.width, height: first.height, background: options.background)
                engine = EventEngine(layout: options.layout, camera: options.camera,
                                     width: first.width, height: first.height,
                                     scaleBack: 1 / (options.scale ?? 1), parameters: eventParameters)
            }
            let boxesPerFrame = detector!.detect(frames: analysed.map { $0.pixels.baseAddress! })
            for (frame, boxes) in zip(analysed, boxesPerFrame) {
                switch output {
                case .boxes:
                    emit(boxesJSONLine(frame: frame.index, boxes: boxes))
                case .events:
                    let update = tracker.update(boxes, time: frame.time)
                    for event in engine!.process(time: frame.time, update: update) { emit(event.jsonLine) }
                }
            }
            return true
        }
        if output == .events, let engine {
            for event in engine.finish(time: lastTime, remaining: tracker.finish()) { emit(event.jsonLine) }
        }
        return summary
    }
}
