import Detection
import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// What a finished redaction did.
public struct RedactionSummary: Sendable, Codable, Equatable {
    public var clip: String
    public var output: String
    public var method: RedactionMethod
    public var width: Int
    public var height: Int
    public var fps: Double
    public var frames: Int
    public var framesWithPeople: Int
    public var boxesRedacted: Int
    public var zonePixels: Int
    public var keptTrack: String?
    public var audioKept: Bool
    /// How people were found, and what that cannot find.
    public var detection: RedactionMethodNote
    /// What the redaction itself can tell about what it may have left visible.
    public var exposure: ExposureEstimate
}

/// The detection method of a redaction, for the log and the store record.
public struct RedactionMethodNote: Sendable, Codable, Equatable {
    /// `clip-median` (temporal median of frames sampled over the whole clip) or `reference-frame`.
    public var background: String
    /// The reference frame used, when one was: its file and SHA-256, or its store record.
    public var reference: String?
    public var samples: Int
    public var analysisWidth: Int
    public var analysisHeight: Int
    /// Share of the picture where something stood for a long part of the clip, always redacted.
    public var contestedShare: Double
    /// `--keep-only`: everything but the requester's box redacted.
    public var keepOnly: Bool
    /// False without an empty-scene reference frame: a person who never moves during the clip
    /// is indistinguishable from the background and may be left visible.
    public var staticPeopleExcluded: Bool
    public var warnings: [String]
}

/// The residual risk the redaction can measure on its own (no ground truth): foreground pixels
/// that no redacted rectangle covers, frames with held tracks, and whether static people can be
/// excluded. `scripts/bench-redact-exposure` measures the true exposure on clips with exact masks.
public struct ExposureEstimate: Sendable, Codable, Equatable {
    /// Frames with foreground left outside every redacted rectangle.
    public var framesWithUncoveredForeground: Int
    /// Largest share of a frame's pixels that was foreground and left uncovered.
    public var worstUncoveredShare: Double
    public var worstFrame: Int?
    public var meanUncoveredShare: Double
    /// Frames where a track no longer detected was kept redacted (held).
    public var framesWithHeldTracks: Int
    /// `--keep-only`: frames where someone overlapped the requester (the overlap is redacted).
    public var framesWithOverlaps: Int
    /// `--keep-only`: the frame from which the requester is redacted too, because they met
    /// someone and the tracker (no appearance, no biometrics) may have swapped them.
    public var requesterHiddenFrom: Int?
    /// Frames whose overall light differed by more than 10 % from the clip's usual light
    /// (corrected by a global gain before detection).
    public var framesWithLightingChange: Int
    public var staticPeople: String
}

/// A track seen in a clip, for `--list-tracks`.
public struct TrackListing: Sendable, Codable, Equatable {
    public var id: String
    public var firstSeen: Double
    public var lastSeen: Double
    public var firstBox: PixelRect
    /// Where the track was at the probe time asked for, if it was seen then.
    public var boxAtProbe: PixelRect?
}

/// Decodes with ffmpeg, redacts every frame, re-encodes with ffmpeg: three stages that run at
/// once (two ffmpeg processes and this task), so redaction costs little more than a re-encode.
/// The output and the log are written to temporary files and renamed only when everything
/// succeeded: a failed redaction leaves no partial video behind.
public enum RedactionPipeline {
    public static func run(clip: String, output: String, logPath: String?, options: RedactionOptions,
                           progress: (@Sendable (Int) -> Void)? = nil) async throws -> RedactionSummary {
        guard FileManager.default.fileExists(atPath: clip) else { throw DetectionError.fileNotFound(path: clip) }
        let outputURL = URL(fileURLWithPath: output)
        guard outputURL.standardizedFileURL.path != URL(fileURLWithPath: clip).standardizedFileURL.path else {
            throw RedactionError.badOption("-o \(output): the output would overwrite the clip being redacted")
        }
        var options = options
        var keptID: String?
        let background = try await BackgroundPass.run(clip: clip, options: options)
        if let selector = options.keepOnly ?? options.keepTrack {
            if options.seed == nil { options.seed = UInt64.random(in: 1...UInt64.max) }
            var probe: Double?
            if case .at(let time, _, _) = selector { probe = time }
            let tracks = try await listTracks(clip: clip, options: options, background: background, probeTime: probe)
            keptID = try resolve(selector, in: tracks, option: options.keepOnly != nil ? "--keep-only" : "--keep-track")
        }
        let sheet = options.reviewSheet.map { ReviewSheetCollector(path: $0, frames: background.frames) }
        let temporary = outputURL.deletingLastPathComponent()
            .appendingPathComponent(".\(outputURL.deletingPathExtension().lastPathComponent).\(getpid()).partial.\(outputURL.pathExtension.isEmpty ? "mp4" : outputURL.pathExtension)")
        let state = PipelineState()
        var encoderArguments = ["-hide_banner", "-loglevel", "error", "-f", "yuv4mpegpipe", "-i", "-"]
        encoderArguments += options.keepAudio ? ["-i", clip, "-map", "0:v:0", "-map", "1:a?", "-c:a", "aac"] : ["-an"]
        encoderArguments += options.encoderArguments + ["-y", temporary.path]
        let decoder = FFmpegDecode(clip: clip, ffmpeg: options.ffmpeg)
        let feed = try EncoderFeed()
        do {
            let encoded = try await Subprocess.run(.resolved(options.ffmpeg), arguments: Arguments(encoderArguments),
                                                   input: .fileDescriptor(FileDescriptor(rawValue: feed.readEnd), closeAfterSpawningProcess: true),
                                                   output: .discarded, error: .sequence) { encoder in
                async let encoderErrors = StreamText.prefix(encoder.standardError, limit: 4096)
                let header: Y4MStreamHeader
                do {
                    header = try await decoder.stream { [options, keptID] header, frame in
                        if state.redactor == nil {
                            state.redactor = try FrameRedactor(stream: header, scene: background.scene, options: options, keptTrackID: keptID)
                            if let sheet { state.redactor!.observer = { frame, record in sheet.offer(frame, record) } }
                            try feed.send(Array((header.line + "\n").utf8))
                        }
                        if let (done, record) = state.redactor!.push(frame, index: state.framesIn) {
                            try emit(done, to: feed)
                            state.records.append(record)
                        }
                        state.framesIn += 1
                        progress?(state.framesIn)
                    }
                    if let (done, record) = state.redactor?.flush() {
                        try emit(done, to: feed)
                        state.records.append(record)
                    }
                } catch let closed as EncoderInputClosed {
                    // The encoder exited early: its first line of error says why, not the pipe.
                    feed.cancel()
                    let text = (try? await encoderErrors) ?? ""
                    throw RedactionError.encoderFailed(output: output, reason: text.split(separator: "\n").first.map(String.init)
                                                       ?? String(cString: strerror(closed.errno)))
                } catch {
                    feed.cancel()
                    _ = try? await encoderErrors
                    throw error
                }
                feed.finish()
                // The summary and the log are made while the encoder drains its last frames.
                let summary = summarise(clip: clip, output: output, options: options, stream: header, scene: background.scene,
                                        state: state, keptID: keptID)
                let log = try logPath.map { _ in
                    try RedactionLog(summary: summary, zones: state.redactor?.zoneMask.zones.map(\.bounds) ?? [], frames: state.records).encoded()
                }
                return (summary, log, try await encoderErrors)
            }
            let (summary, log, encoderErrors) = encoded.closureResult
            guard encoded.terminationStatus.isSuccess else {
                throw RedactionError.encoderFailed(output: output, reason: encoderErrors.split(separator: "\n").first.map(String.init) ?? "\(encoded.terminationStatus)")
            }
            try sheet?.write(summary: summary)
            if let logPath, let log { try RedactionLog.write(log, to: logPath) }
            guard rename(temporary.path, outputURL.path) == 0 else {
                for written in [logPath, options.reviewSheet].compactMap({ $0 }) { try? FileManager.default.removeItem(atPath: written) }
                throw RedactionError.outputUnwritable(path: output, reason: String(cString: strerror(errno)))
            }
            return summary
        } catch let error as SubprocessError where error.code == .executableNotFound {
            feed.cancel()
            try? FileManager.default.removeItem(at: temporary)
            throw DetectionError.ffmpegNotFound(executable: options.ffmpeg)
        } catch {
            feed.cancel()
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    private static func summarise(clip: String, output: String, options: RedactionOptions, stream: Y4MStreamHeader,
                                  scene: SceneBackground, state: PipelineState, keptID: String?) -> RedactionSummary {
        let note = RedactionMethodNote.describe(scene: scene, keepOnly: options.keepOnly != nil,
                                              reference: scene.fromReference ? options.backgroundFrameNote ?? options.backgroundFrame : nil)
        let exposure = ExposureEstimate(records: state.records, analysisPixels: scene.width * scene.height,
                                        gains: state.redactor?.gains ?? [], note: note,
                                        requesterHiddenFrom: state.redactor?.requesterHiddenFrom)
        return RedactionSummary(clip: clip, output: output, method: options.method, width: stream.width, height: stream.height,
                                fps: stream.fps, frames: state.records.count,
                                framesWithPeople: state.records.filter { !$0.boxes.isEmpty }.count,
                                boxesRedacted: state.records.reduce(0) { $0 + $1.boxes.count },
                                zonePixels: state.redactor?.zoneMask.pixelCount ?? 0, keptTrack: keptID, audioKept: options.keepAudio,
                                detection: note, exposure: exposure)
    }

    /// Tracks in the clip with ids from `options.seed`, without writing any video.
    public static func listTracks(clip: String, options: RedactionOptions, probeTime: Double? = nil) async throws -> [TrackListing] {
        guard FileManager.default.fileExists(atPath: clip) else { throw DetectionError.fileNotFound(path: clip) }
        let background = try await BackgroundPass.run(clip: clip, options: options)
        return try await listTracks(clip: clip, options: options, background: background, probeTime: probeTime)
    }

    static func listTracks(clip: String, options: RedactionOptions, background: BackgroundPass.Result, probeTime: Double?) async throws -> [TrackListing] {
        let state = PipelineState()
        _ = try await FFmpegDecode(clip: clip, ffmpeg: options.ffmpeg).stream { header, frame in
            if state.redactor == nil {
                state.redactor = try FrameRedactor(stream: header, scene: background.scene, options: options, keptTrackID: nil)
                state.redactor!.probeTime = probeTime
                state.redactor!.analyseOnly = true
            }
            _ = state.redactor!.push(frame, index: state.framesIn)
            state.framesIn += 1
        }
        let atProbe = state.redactor?.boxesAtProbe ?? [:]
        return (state.redactor?.tracksSeen ?? [:]).map {
            TrackListing(id: $0.key, firstSeen: $0.value.first, lastSeen: $0.value.last, firstBox: $0.value.box, boxAtProbe: atProbe[$0.key])
        }
            .sorted { ($0.firstSeen, $0.id) < ($1.firstSeen, $1.id) }
    }

    static func resolve(_ selector: TrackSelector, in tracks: [TrackListing], option: String) throws -> String {
        switch selector {
        case .id(let id):
            guard tracks.contains(where: { $0.id == id }) else { throw RedactionError.trackNotFound("\(option) \(selector)") }
            return id
        case .at(_, let x, let y):
            // The person at (x, y) when the probe frame was analysed; a box that contains the
            // point wins, else the nearest box within its own size.
            let present = tracks.compactMap { track in track.boxAtProbe.map { (track.id, $0) } }
            if let hit = present.first(where: { $0.1.contains(x: x, y: y) }) { return hit.0 }
            func distance(_ r: PixelRect) -> Double {
                let cx = Double(r.x) + Double(r.width) / 2, cy = Double(r.y) + Double(r.height) / 2
                return ((cx - Double(x)) * (cx - Double(x)) + (cy - Double(y)) * (cy - Double(y))).squareRoot()
            }
            guard let nearest = present.min(by: { distance($0.1) < distance($1.1) }),
                  distance(nearest.1) <= Double(max(nearest.1.width, nearest.1.height)) else {
                throw RedactionError.trackNotFound("\(option) \(selector)")
            }
            return nearest.0
        }
    }

    private static let frameLine = Array("FRAME\n".utf8)

    private static func emit(_ frame: YUVFrame, to feed: EncoderFeed) throws {
        try feed.send(frameLine)
        try feed.send(frame.bytes)
    }
}

/// The pipeline's running state, owned by the decoding task alone.
private final class PipelineState: @unchecked Sendable {
    var redactor: FrameRedactor?
    var records: [FrameRedactor.Record] = []
    var framesIn = 0
}
