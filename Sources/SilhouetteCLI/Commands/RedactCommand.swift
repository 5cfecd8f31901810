import ArgumentParser
import DeploymentModel
import Foundation
import Redaction
import Store

/// `silhouette redact`: footage safe to hand over or share.
struct RedactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Blur every person (moving or standing still) and every private zone in a clip, for access requests and safe sharing.",
        discussion: """
        Decodes the clip with ffmpeg, finds moving silhouettes with the built-in engine, redacts \
        each one with a safety margin (and the frames just before and after, so a moving person \
        is never a frame ahead of the blur), redacts the static private zones, and re-encodes \
        with ffmpeg (H.264). Audio is dropped unless --keep-audio.

        People are found against a background built from the whole clip in a first pass \
        (temporal median of sampled frames), so people who stop, or are there from the first \
        frame, stay foreground; tracks that stop being detected stay redacted until the scene \
        shows they have left. A person who never moves during the whole clip cannot be told \
        from the background: give an image of the empty scene with --background-frame, or the \
        log and review sheet say that static people cannot be excluded. With --camera and no \
        --background-frame, the camera's reference frame recorded in the store (store \
        background set) is used; the log names the reference used and its SHA-256.

        For a data subject's access request, keep the requester visible with --keep-track: \
        either a point and a time ('12.5@340,210': the person at pixel 340,210 at 12.5 s), or \
        an id from --list-tracks run with the same --seed. --keep-only (same selector) redacts \
        everything but the requester's box, background included.

        A redaction log (JSON: every frame, every redacted box) is written beside the output, \
        and the redaction is recorded with the SHA-256 of clip, output and log in the store's \
        audit log (unless --no-record).

        Examples:
          silhouette redact lobby.mp4 -o lobby-redacted.mp4
          silhouette redact lobby.mp4 -o request-42.mp4 --keep-track 12.5@340,210 --method pixelate
          silhouette redact cam.mp4 -o shared.mp4 --deployment site.yaml --camera cam-012
        """
    )

    @Argument(help: "The clip to redact (any format ffmpeg reads).")
    var clip: String

    @Option(name: .shortAndLong, help: "The redacted video to write (.mp4).")
    var output: String?

    @Option(help: "How to redact: blur, pixelate or fill.")
    var method: RedactionMethod = .blur

    @Option(help: ArgumentHelp("A YAML file of static zones: zones: [{id, polygon: [[x, y], …]}], normalised coordinates.", valueName: "file"))
    var zones: String?

    @Option(help: "A deployment model whose camera's privacy masks are redacted (with --camera).")
    var deployment: String?

    @Option(help: "The camera id: its privacy masks in --deployment, its reference frame in the store (store background set).")
    var camera: String?

    @Option(name: .customLong("keep-track"), help: ArgumentHelp("The one person left visible: T@X,Y or a track id.", valueName: "selector"))
    var keepTrack: String?

    @Option(name: .customLong("keep-only"), help: ArgumentHelp("Access requests: redact everything but this person's box (T@X,Y or a track id); overlaps with others are redacted and logged.", valueName: "selector"))
    var keepOnly: String?

    @Option(name: .customLong("background-frame"), help: ArgumentHelp("An image of the empty scene, so people who never move are found too.", valueName: "image"))
    var backgroundFrame: String?

    @Option(name: .customLong("review-sheet"), help: ArgumentHelp("Write a contact sheet of sampled output frames, riskiest first (.png or .html).", valueName: "file"))
    var reviewSheet: String?

    @Option(help: "Seed for track ids, so --list-tracks and --keep-track ID agree across runs.")
    var seed: UInt64?

    @Flag(help: "Keep the audio track (dropped by default: voices are personal data too).")
    var keepAudio = false

    @Option(help: ArgumentHelp("Where to write the redaction log (default: OUTPUT.redaction.json).", valueName: "file"))
    var log: String?

    @Flag(help: "List the tracks in the clip (id, first and last time, first box) and write nothing.")
    var listTracks = false

    @Flag(help: "Do not record the redaction in the store.")
    var noRecord = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if !listTracks && output == nil { throw ValidationError("give the output file with -o OUT.mp4 (or --list-tracks)") }
        if deployment != nil && camera == nil { throw ValidationError("--deployment needs --camera (the camera whose privacy masks are redacted)") }
        if let keepTrack, TrackSelector(parsing: keepTrack) == nil {
            throw ValidationError("--keep-track \(keepTrack): expected T@X,Y (e.g. 12.5@340,210) or a track id")
        }
        if let keepTrack, case .id = TrackSelector(parsing: keepTrack), seed == nil {
            throw ValidationError("--keep-track with a track id needs the --seed used by --list-tracks (ids are random per run otherwise)")
        }
        if keepOnly != nil && keepTrack != nil { throw ValidationError("--keep-only and --keep-track exclude each other (--keep-only also redacts the background)") }
        if let keepOnly, TrackSelector(parsing: keepOnly) == nil {
            throw ValidationError("--keep-only \(keepOnly): expected T@X,Y (e.g. 12.5@340,210) or a track id")
        }
        if let keepOnly, case .id = TrackSelector(parsing: keepOnly), seed == nil {
            throw ValidationError("--keep-only with a track id needs the --seed used by --list-tracks (ids are random per run otherwise)")
        }
        if let reviewSheet, !["png", "html", "htm"].contains((reviewSheet as NSString).pathExtension.lowercased()) {
            throw ValidationError("--review-sheet \(reviewSheet): the sheet is a .png or an .html file")
        }
    }

    func run() async throws {
        var options = RedactionOptions()
        options.method = method
        options.seed = seed
        options.keepAudio = keepAudio
        options.keepTrack = keepTrack.flatMap(TrackSelector.init(parsing:))
        options.keepOnly = keepOnly.flatMap(TrackSelector.init(parsing:))
        options.reviewSheet = reviewSheet
        var storedReference: URL?
        defer { if let storedReference { try? FileManager.default.removeItem(at: storedReference) } }
        if let backgroundFrame {
            options.backgroundFrame = backgroundFrame
            if FileManager.default.fileExists(atPath: backgroundFrame) {
                options.backgroundFrameNote = "\(backgroundFrame) (sha256 \(try FileDigest.sha256(backgroundFrame)))"
            }
        } else if let camera, let recorded = try recordedReference(camera: camera) {
            storedReference = try recorded.writeTemporaryCopy()
            options.backgroundFrame = storedReference!.path
            options.backgroundFrameLabel = "camera \(camera)'s reference frame \(recorded.id) in the store"
            options.backgroundFrameNote = recorded.note
        }
        if let zones { options.zones += try ZoneSource.load(file: zones) }
        if let deployment, let camera {
            let loaded = try DeploymentLoader.load(path: deployment)
            guard let entry = loaded.document.cameras.first(where: { $0.id == camera }) else {
                throw RedactionError.badOption("\(deployment): no camera '\(camera)' (hint: cameras: \(loaded.document.cameras.prefix(10).map(\.id).joined(separator: ", ")))")
            }
            let masks = ZoneSource.privacyMasks(of: entry)
            options.zones += masks.polygons
            if !masks.withoutGeometry.isEmpty {
                FileHandle.standardError.write(Data("warning: privacy masks without a polygon are not applied: \(masks.withoutGeometry.joined(separator: ", "))\n".utf8))
            }
        }
        if listTracks {
            let tracks = try await RedactionPipeline.listTracks(clip: clip, options: options)
            print("seed \(options.seed.map(String.init) ?? "random (pass --seed to reuse these ids)")")
            for track in tracks {
                let b = track.firstBox
                print(String(format: "%@  %7.2f s – %7.2f s  first box [%d,%d,%d,%d]", track.id, track.firstSeen, track.lastSeen, b.x, b.y, b.width, b.height))
            }
            return
        }
        let output = self.output!
        let logPath = log ?? output + ".redaction.json"
        let progress = isatty(STDERR_FILENO) == 1 ? SendableProgress() : nil
        let summary = try await RedactionPipeline.run(clip: clip, output: output, logPath: logPath, options: options) { frame in
            progress?.update(frame: frame)
        }
        progress?.done()
        for warning in summary.detection.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        if !noRecord {
            let store = try storeOptions.openForWriting(deploymentFile: deployment)
            let recorded = try store.record(StoredRedaction(
                clip: clip, clipSHA256: try FileDigest.sha256(clip), output: output, outputSHA256: try FileDigest.sha256(output),
                method: summary.method.rawValue, frames: summary.frames, boxesRedacted: summary.boxesRedacted,
                keptTrack: summary.keptTrack, date: Date(), logJSON: try Data(contentsOf: URL(fileURLWithPath: logPath))),
                actor: StoreLocation.currentActor())
            print("recorded as \(recorded.id) in \(store.path)")
        }
        print("\(output): \(summary.frames) frames, \(summary.boxesRedacted) silhouette boxes redacted in \(summary.framesWithPeople) frames"
              + (summary.zonePixels > 0 ? ", \(summary.zonePixels) px of private zones" : "")
              + (summary.keptTrack.map { ", track \($0) kept visible" } ?? "") + (summary.audioKept ? ", audio kept" : ", audio dropped"))
        print("log: \(logPath)")
        if let reviewSheet { print("review sheet: \(reviewSheet)") }
    }
}

extension RedactCommand {
    /// The camera's reference frame recorded in the store, if there is a store and one; its
    /// bytes must still match the SHA-256 recorded with them.
    func recordedReference(camera: String) throws -> StoredCameraBackground? {
        let store: SilhouetteStore
        do { store = try storeOptions.openForReading(deploymentFile: deployment) } catch StoreError.missingStore { return nil }
        defer { store.close() }
        guard let recorded = try store.cameraBackground(camera: camera) else {
            FileHandle.standardError.write(Data("note: no reference frame recorded for camera \(camera) in \(store.path) (silhouette store background set)\n".utf8))
            return nil
        }
        guard StoreHashing.sha256Hex(recorded.image) == recorded.imageSHA256 else {
            throw RedactionError.badOption("\(store.path): the reference frame \(recorded.id) of camera \(camera) no longer matches its SHA-256 (hint: silhouette audit verify; record it again with store background set)")
        }
        return recorded
    }
}

extension StoredCameraBackground {
    /// For the redaction log: which record, camera, hash and date.
    var note: String { "store \(id) (camera \(camera), recorded \(StoreDates.string(date)), sha256 \(imageSHA256))" }

    /// The image in a private temporary file, for ffmpeg to read.
    func writeTemporaryCopy() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("silhouette-reference-\(getpid())-\(UUID().uuidString)")
        do { try image.write(to: url, options: .atomic) } catch {
            throw RedactionError.outputUnwritable(path: url.path, reason: error.localizedDescription)
        }
        return url
    }
}

extension RedactionMethod: ExpressibleByArgument {}

/// The progress line, shared with the pipeline's frame callback.
final class SendableProgress: @unchecked Sendable {
    private let line = ProgressLine()
    private let lock = NSLock()
    func update(frame: Int) { lock.withLock { line.update(frame: frame - 1, time: 0) } }
    func done() { lock.withLock { line.done() } }
}

/// SHA-256 of a file, streamed.
enum FileDigest {
    static func sha256(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RedactionError.outputUnwritable(path: path, reason: "cannot read it back to hash it")
        }
        return StoreHashing.sha256Hex(data)
    }
}
