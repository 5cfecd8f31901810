import DeploymentModel
import Detection

/// What `silhouette redact` does to a clip.
public struct RedactionOptions: Sendable {
    public var method: RedactionMethod = .blur
    /// Safety margin around every silhouette box: a fraction of its size plus fixed pixels.
    public var marginFraction = 0.15
    public var marginPixels = 4
    /// Static private zones (normalised polygons), e.g. a camera's privacy masks.
    public var zones: [[Point]] = []
    /// The one track left visible (the requester of an access request).
    public var keepTrack: TrackSelector?
    /// Inverts the default for access requests: everything but this track's silhouette box is
    /// redacted (background, other people, zones); overlaps with others are redacted and logged.
    public var keepOnly: TrackSelector?
    /// An image of the empty scene: the background for people who never move.
    public var backgroundFrame: String?
    /// What error messages call `backgroundFrame` (default `--background-frame PATH`; the
    /// store's record when the file is a temporary copy of it).
    public var backgroundFrameLabel: String?
    /// Which reference was used, for the log and the store record (file and SHA-256, or the
    /// store record's id, camera, SHA-256 and date).
    public var backgroundFrameNote: String?
    /// A contact sheet of sampled output frames for review (`.png` or `.html`).
    public var reviewSheet: String?
    /// Seeds the tracker's id generator, so ids are the same in two runs over the same clip.
    public var seed: UInt64?
    public var keepAudio = false
    /// Encoder settings, shared with the benchmark's plain re-encode so the ratio is fair.
    public var encoderArguments = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p"]
    public var ffmpeg = "ffmpeg"

    public init() {}
}

/// Which track `--keep-track` leaves unblurred.
public enum TrackSelector: Sendable, Equatable, CustomStringConvertible {
    /// A track id, as listed by `--list-tracks` with the same `--seed`.
    case id(String)
    /// The track whose box contains pixel (x, y) at time t seconds: stable across runs.
    case at(time: Double, x: Int, y: Int)

    /// Parses `ID` or `T@X,Y` (`12.5@340,210`).
    public init?(parsing text: String) {
        if let at = text.firstIndex(of: "@") {
            let coordinates = text[text.index(after: at)...].split(separator: ",")
            guard let time = Double(text[..<at]), time >= 0, coordinates.count == 2,
                  let x = Int(coordinates[0]), let y = Int(coordinates[1]) else { return nil }
            self = .at(time: time, x: x, y: y)
        } else {
            guard !text.isEmpty, text.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return nil }
            self = .id(text)
        }
    }

    public var description: String {
        switch self {
        case .id(let id): return id
        case .at(let t, let x, let y): return "\(t)@\(x),\(y)"
        }
    }
}

/// Why a redaction could not be done; one line each, with a hint.
public enum RedactionError: Error, CustomStringConvertible, Equatable {
    case badOption(String)
    case trackNotFound(String)
    case encoderFailed(output: String, reason: String)
    case outputUnwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .badOption(let message): return message
        case .trackNotFound(let selector):
            return "\(selector): no track there (hint: run with --list-tracks to see tracks, their times and boxes)"
        case .encoderFailed(let output, let reason):
            return "\(output): encoding failed (ffmpeg: \(reason)) (hint: check the output extension, e.g. .mp4)"
        case .outputUnwritable(let path, let reason):
            return "\(path): cannot write: \(reason)"
        }
    }
}

/// A seeded SplitMix64, so `--seed` makes track ids reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
