import Detection

/// Incremental YUV4MPEG2 reader that keeps whole 4:2:0 frames (the detection engine's reader
/// keeps only luma, which is all analysis needs; redaction must re-encode every plane).
/// Bytes arrive in pipe chunks of any size; complete frames come out in order.
/// Confined to the one task that decodes (hence `@unchecked Sendable`: it crosses into
/// swift-subprocess's body closure, never into a second task).
final class Y4MColorReader: @unchecked Sendable {
    /// The stream's geometry, once its header is read.
    struct Geometry: Sendable { let header: String; let width: Int; let height: Int; let fps: Double }
    var geometry: Geometry? { header.map { Geometry(header: $0, width: width, height: height, fps: fps) } }

    private(set) var header: String?
    private(set) var width = 0
    private(set) var height = 0
    private(set) var fps = 0.0
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
                    frames.append(YUVFrame(width: width, height: height, bytes: current))
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
            if header == nil {
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
        let fields = line.split(separator: " ")
        guard fields.first == "YUV4MPEG2" else {
            throw DetectionError.badY4M(path: path, offset: 0, reason: "missing 'YUV4MPEG2' signature")
        }
        var chroma = "420jpeg"
        for field in fields.dropFirst() {
            let value = field.dropFirst()
            switch field.first {
            case "W": width = Int(value) ?? 0
            case "H": height = Int(value) ?? 0
            case "F":
                let parts = value.split(separator: ":")
                if parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), b > 0 { fps = a / b }
            case "C": chroma = String(value)
            default: break
            }
        }
        guard width > 0, height > 0, width <= 16_384, height <= 16_384, fps > 0 else {
            throw DetectionError.badY4M(path: path, offset: 0, reason: "invalid stream header '\(line)'")
        }
        guard chroma.hasPrefix("420"), !chroma.contains("p1"), !chroma.contains("p9") else {
            throw DetectionError.badY4M(path: path, offset: 0, reason: "redaction needs 8-bit 4:2:0, got C\(chroma)")
        }
        header = line
        frameSize = YUVFrame.byteCount(width: width, height: height)
        current.reserveCapacity(frameSize)
    }
}
