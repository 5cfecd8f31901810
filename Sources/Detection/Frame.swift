/// Geometry and timing of a decoded video stream, known once its header has been read.
public struct VideoInfo: Sendable, Equatable {
    /// Width and height of the frames handed to the detector (after any scaling).
    public var width: Int
    public var height: Int
    /// Frames per second declared by the stream; timestamps are `index / fps`.
    public var fps: Double

    public init(width: Int, height: Int, fps: Double) {
        self.width = width; self.height = height; self.fps = fps
    }
}

/// One decoded frame as full-range 8-bit gray (byte-identical to ffmpeg's `-pix_fmt gray`),
/// row-major, `width` bytes per row.
///
/// The pixel buffer is borrowed from the frame source and valid only during the callback
/// that receives it (never keep it): sources reuse one buffer per frame of a batch so that
/// memory stays flat on clips of any length.
public struct GrayFrame {
    /// 0-based position of the frame in the stream.
    public let index: Int
    /// Presentation time in seconds, `index / fps`.
    public let time: Double
    public let width: Int
    public let height: Int
    public let pixels: UnsafeBufferPointer<UInt8>

    public init(index: Int, time: Double, width: Int, height: Int, pixels: UnsafeBufferPointer<UInt8>) {
        self.index = index; self.time = time; self.width = width; self.height = height; self.pixels = pixels
    }
}

/// A push stream of frames: the source decodes and calls `body` with consecutive frames, in
/// order, on the calling task, in buffers it reuses. Return `false` from `body` to stop early.
public protocol FrameSource {
    /// Streams every frame to `body` in batches of 1 to `maxFrames` consecutive frames, each
    /// in a buffer of its own (valid during the call only). Batches are full while frames come
    /// faster than `body` takes them; a source may hand out a shorter batch rather than wait.
    /// Returns what the stream declared and how many frames came.
    func forEachBatch(maxFrames: Int, _ body: ([GrayFrame]) throws -> Bool) async throws -> FrameStreamSummary
}

extension FrameSource {
    /// Streams every frame to `body`, one at a time.
    public func forEachFrame(_ body: (GrayFrame) throws -> Bool) async throws -> FrameStreamSummary {
        try await forEachBatch(maxFrames: 1) { frames in try frames.allSatisfy(body) }
    }
}

/// What a finished stream looked like.
public struct FrameStreamSummary: Sendable, Equatable {
    public var info: VideoInfo
    public var frameCount: Int

    public init(info: VideoInfo, frameCount: Int) {
        self.info = info; self.frameCount = frameCount
    }
}

/// Why a clip could not be read or analysed. Every case renders as one line with a hint.
public enum DetectionError: Error, CustomStringConvertible, Equatable {
    case fileNotFound(path: String)
    case ffmpegNotFound(executable: String)
    case unreadableClip(path: String, reason: String)
    case damagedClip(path: String, reason: String)
    case noFrames(path: String)
    case badY4M(path: String, offset: Int, reason: String)
    case badParameter(String)
    case unknownCamera(id: String, deployment: String, known: [String])

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file (hint: check the path, or run scripts/fetch-sample-clips for the sample clip)"
        case .ffmpegNotFound(let exe):
            return "\(exe): not found on PATH; it is needed to decode clips (hint: run scripts/install-deps or apt-get install ffmpeg)"
        case .unreadableClip(let path, let reason):
            return "\(path): not a readable video (\(reason)) (hint: check that ffmpeg can open it: ffprobe \(path))"
        case .damagedClip(let path, let reason):
            return "\(path): truncated or corrupt clip (\(reason)) (hint: fetch or copy the clip again, or re-encode it)"
        case .noFrames(let path):
            return "\(path): the clip holds no video frames (hint: check that it has a video stream: ffprobe \(path))"
        case .badY4M(let path, let offset, let reason):
            return "\(path):byte \(offset): invalid Y4M stream: \(reason) (hint: a Y4M file starts with 'YUV4MPEG2 W<w> H<h> F<n>:<d>')"
        case .badParameter(let message):
            return message
        case .unknownCamera(let id, let deployment, let known):
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            return "\(deployment): no camera '\(id)' (hint: cameras in this deployment: \(list))"
        }
    }
}
