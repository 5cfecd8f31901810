import Detection
import Foundation

/// The coverage floor: a verification counts only if its clips could have revealed a leak.
/// Each clip needs a manifest (`ClipManifest`) whose SHA-256 is the clip's; the set must show
/// at least one face (any engine may process faces it never declares); and silhouette's own
/// detector must confirm people moving in every clip whose manifest declares people. None of
/// this is judged from the engine under test.
/// What was established about one clip: its manifest and the people silhouette confirmed.
public struct ClipCoverage: Codable, Sendable, Equatable {
    public var manifest: ClipManifest?
    /// Tracks silhouette's own detector confirmed (nil when not run).
    public var confirmedTracks: Int?
    /// The clip's length (frames / declared frame rate) as silhouette's detector read it.
    public var durationSeconds: Double?
}

struct CoverageAudit {
    /// Runs silhouette's detector on `clip`; returns the most distinct tracks it counted in
    /// one bucket over the whole frame (its `count` events without a zone).
    static func confirmPeople(clip: String) async -> Result<(tracks: Int, seconds: Double?), Error> {
        var most = 0
        do {
            let summary = try await DetectionPipeline.run(path: clip, options: DetectionOptions(), emit: { line in
                guard line.contains("\"type\": \"count\""), !line.contains("\"zone\""),
                      let value = try? Array(line.utf8).withUnsafeBufferPointer({ try JSONScanner.parse($0) }),
                      case .object(let members) = value,
                      case .number(let count, _)? = members.first(where: { $0.key == "count" })?.value else { return }
                most = max(most, Int(count))
            })
            return .success((most, summary.info.fps > 0 ? Double(summary.frameCount) / summary.info.fps : nil))
        } catch {
            return .failure(error)
        }
    }

    /// Records coverage findings for the clips (1-based order) and returns what was established.
    static func audit(clips: [(path: String, sha256: String)], into book: inout EvidenceBook) async throws(VerificationError) -> [ClipCoverage] {
        var result: [ClipCoverage] = []
        var faces = 0
        for (offset, clip) in clips.enumerated() {
            let location = EvidenceLocation(source: "clip", clip: offset + 1, file: clip.path)
            guard let manifest = try ClipManifest.load(for: clip.path) else {
                book.add(.clipCoverage, location, "no manifest (\(ClipManifest.path(for: clip.path))) says what this clip shows: it cannot count towards coverage")
                result.append(ClipCoverage(manifest: nil, confirmedTracks: nil))
                continue
            }
            guard manifest.sha256 == clip.sha256 else {
                book.add(.clipCoverage, location, "the manifest describes another file (\(manifest.sha256), clip is \(clip.sha256))")
                result.append(ClipCoverage(manifest: manifest, confirmedTracks: nil))
                continue
            }
            faces += manifest.faces
            var confirmed: Int?
            var seconds: Double?
            if manifest.people > 0 {
                switch await confirmPeople(clip: clip.path) {
                case .success(let read):
                    confirmed = read.tracks
                    seconds = read.seconds
                    if read.tracks == 0 {
                        book.add(.clipCoverage, location, "the manifest declares \(manifest.people) \(manifest.people == 1 ? "person" : "people") but silhouette's detector confirmed none moving")
                    }
                case .failure(let error):
                    book.add(.clipCoverage, location, "silhouette's detector could not read the clip to confirm people (\(error))")
                }
            }
            result.append(ClipCoverage(manifest: manifest, confirmedTracks: confirmed, durationSeconds: seconds))
        }
        if faces == 0 {
            book.add(.clipCoverage, EvidenceLocation(source: "clip"),
                     "no clip shows a face (manifests declare 0): an engine may process faces it never declares, so this set cannot show that it keeps none (hint: scripts/fetch-sample-clips --faces)")
        }
        return result
    }
}
