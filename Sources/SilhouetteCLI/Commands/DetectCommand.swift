import ArgumentParser
import DeploymentModel
import Detection
import Foundation

/// `silhouette detect CLIP`: the built-in anonymous silhouette engine.
struct DetectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Detect anonymous moving silhouettes in a clip and print contract events (JSON Lines).",
        discussion: """
        The built-in engine: an adaptive per-pixel background model, a 3x3 opening and \
        closing, 8-connected components, and short-lived tracks with random ids. Nothing \
        about appearance is kept and no image is written.

        Background models (--background):
          gaussian  one Gaussian per pixel in fixed point (default); about 4 times faster than \
        the mixture, its boxes agree with OpenCV's MOG2 at a mean per-frame F1 of about 0.92
          mixture   Zivkovic's Gaussian mixture, bit for bit OpenCV's MOG2 (the same boxes as \
        OpenCV on the same frames); use it to compare with an OpenCV-based engine

        Events follow the engine contract, one JSON object per line on stdout, with only the \
        keys t, camera, type, class, bbox, track, zone, direction, count:
          line-crossing  a track crossed a counting line (zone = line id); direction "in" when \
        it moves to the left of from -> to as seen on screen, "out" otherwise
          wrong-way      the same crossing, when its direction is the line's wrong_way
          intrusion      a track entered a zone
          dwell          a track stayed in a zone at least --dwell seconds (count = seconds)
          count          distinct tracks per zone (and for the whole frame, without zone) per bucket
          density        mean number of tracks present per frame, per zone and bucket
        Zones and lines come from the camera's `analytics` entry in the deployment, in \
        normalised [0,1] image coordinates. Positions are the bottom centre of each box.

        Clips are decoded by ffmpeg (any container); .y4m files are read directly. A \
        progress line is drawn on stderr only when stderr is a terminal.

        Examples:
          silhouette detect clips-cache/vtest.avi
          silhouette detect clip.mp4 --deployment deployment.yaml --camera cam-012
          silhouette detect clips-cache/vtest.avi --scale 0.5 --every 2
          silhouette detect clips-cache/vtest.avi --boxes > boxes.jsonl
          silhouette detect clips-cache/vtest.avi --background mixture --boxes
        """
    )

    @Argument(help: "The clip to analyse (any format ffmpeg reads, or .y4m).")
    var clip: String

    @Option(help: "Deployment file whose camera entry gives zones and lines.")
    var deployment: String?

    @Option(help: "Camera id: written in every event; with --deployment, selects its zones and lines.")
    var camera: String?

    @Option(help: "Resize factor before analysis, in (0, 1]: 0.5 is about 4 times faster.")
    var scale: Double?

    @Option(help: "Background model: gaussian (fast, default) or mixture (OpenCV's MOG2, exact).")
    var background: BackgroundModelKind = .gaussian

    @Option(help: "Analyse one frame in N.")
    var every: Int = 1

    @Option(help: "Seconds per count/density bucket.")
    var bucket: Double = 60

    @Option(help: "Minimum seconds in a zone for a dwell event.")
    var dwell: Double = 10

    @Flag(help: "Print the detector's per-frame boxes instead of events: {\"frame\":i,\"boxes\":[[x,y,w,h],...]}, in analysed pixels.")
    var boxes = false

    func run() async throws {
        var options = DetectionOptions()
        options.scale = scale
        options.every = every
        options.background = background
        options.camera = camera
        options.events.bucketSeconds = bucket
        options.events.dwellSeconds = dwell
        guard bucket > 0 else { throw DetectionError.badParameter("--bucket must be more than 0 seconds (got \(bucket))") }
        if let deployment {
            guard let camera else {
                throw DetectionError.badParameter("--deployment needs --camera ID to pick the camera whose zones and lines apply")
            }
            options.layout = try SceneLayout.load(deployment: deployment, camera: camera)
        }
        let writer = LineWriter()
        let progress = isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
        defer { progress?.done() }
        _ = try await DetectionPipeline.run(path: clip, options: options, output: boxes ? .boxes : .events,
                                            emit: { writer.write($0) },
                                            progress: progress.map { p in { p.update(frame: $0, time: $1) } })
        writer.flush()
    }
}

/// Buffered stdout for JSON Lines: one write per 64 KiB, flushed at the end.
final class LineWriter {
    private var buffer: [UInt8] = []

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Foundation.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// "frames 412  41.2 s  512 fps" redrawn in place on stderr, a few times per second.
final class ProgressLine {
    private let start = Date()
    private var lastDraw = Date.distantPast

    func update(frame: Int, time: Double) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(start)
        let fps = elapsed > 0 ? Double(frame + 1) / elapsed : 0
        let text = String(format: "\rframes %6d  clip %7.1f s  %6.0f fps ", frame + 1, time, fps)
        FileHandle.standardError.write(Data(text.utf8))
    }

    func done() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

extension BackgroundModelKind: ExpressibleByArgument {}
