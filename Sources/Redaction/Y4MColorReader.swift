import Detection

/// Incremental YUV4MPEG2 reader that keeps whole 4:2:0 frames (the detection engine's reader
/// keeps only luma, which is all analysis needs; redaction must re-encode every plane).
/// Bytes arrive in pipe chunks of any size; complete frames come out in order.
/// Confined to the one task that decodes (hence `@unchecked Sendable`: it crosses into
/// swift-subprocess's body closure, never into a second task).
final class Y4MColorReader: @unchecked Sendable {
    /// The stream header, once read.
    private(set) var stream: Y4MStreamHeader?

    private var frameSize = 0
    private var pending: [UInt8] = []
    private var inFrame = false
    private var current: [UInt8] = []
    private(set) var framesRead = 0
    let path: String

    init(path: String) { self.path = path }

    var hasPartialFrame: Bool { inFrame || !pending.isEmpty }

    /// Feeds bytes; returns the frames they complete.
    func push(_ bytes: UnsafeRawBufferPointer) throws -> [YUVFrame] {
        var frames: [YUVFrame] = []
        var i = 0
        let n = bytes.count
        while i < n {
            if inFrame {
                let take = min(n - i, frameSize - current.count)
                current.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<(i + take)]))
                i += take
                if current.count == frameSize {
                    frames.append(YUVFrame(width: stream!.width, height: stream!.height, bytes: current))
                    current.removeAll(keepingCapacity: true)
                    inFrame = false
                    framesRead += 1
                }
                continue
            }
            // A header line: the stream header once, then "FRAME…" before every frame.
            var j = i
            while j < n && bytes[j] != 0x0A { j += 1 }
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<j]))
            if pending.count > 4096 { throw DetectionError.badY4M(path: path, offset: 0, reason: "header line longer than 4096 bytes") }
            i = j
            guard j < n else { break }
            i += 1
            let line = String(decoding: pending, as: UTF8.self)
            pending.removeAll(keepingCapacity: true)
            if stream == nil {
                try parseStreamHeader(line)
            } else {
                guard line.hasPrefix("FRAME") else {
                    throw DetectionError.badY4M(path: path, offset: 0, reason: "expected FRAME, found '\(line.prefix(20))'")
                }
                inFrame = true
            }
        }
        return frames
    }

    private func parseStreamHeader(_ line: String) throws {
        let header = try Y4MStreamHeader(parsing: line, path: path)
        guard header.isYUV420 else {
            throw DetectionError.badY4M(path: path, offset: 0, reason: "redaction needs 8-bit 4:2:0, got C\(header.chroma)")
        }
        stream = header
        frameSize = header.frameBytes
        current.reserveCapacity(frameSize)
    }
}
