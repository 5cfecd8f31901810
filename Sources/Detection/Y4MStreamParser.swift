/// Incremental YUV4MPEG2 reader: accepts bytes in chunks of any size (pipe reads split frames
/// anywhere) and hands out complete frames as full-range gray, in batches of up to
/// `batchSize` consecutive frames, each in a buffer of its own.
///
/// Only the luma plane is kept. Limited-range luma (the default for YUV) is expanded through
/// `LUT[v] = clip(round((v - 16) * 255 / 219), 0, 255)`, which is byte-identical to what
/// ffmpeg's `-pix_fmt gray` conversion produces, at a fraction of its cost; `Cmono` and
/// `XCOLORRANGE=FULL` streams are passed through unchanged (with `monoIsLimitedRange`, an untagged
/// `Cmono` stream is luma extracted from YUV, and limited range too). The expansion is fused with the
/// copy out of the chunk, so each byte is touched once.
final class Y4MStreamParser {
    private enum State { case streamHeader, frameHeader, frameData }

    let path: String
    private var state = State.streamHeader
    private var line: [UInt8] = []
    private var offset = 0               // bytes consumed so far, for error positions
    private(set) var info: VideoInfo?
    private var lumaSize = 0             // bytes of the Y plane
    private var frameSize = 0            // bytes of a whole frame (all planes)
    private var filled = 0               // bytes of the current frame received so far
    private var lut = [UInt8](repeating: 0, count: 256)
    private let batchSize: Int
    private let monoIsLimitedRange: Bool
    private var buffers: [UnsafeMutablePointer<UInt8>] = []   // one per frame of a batch
    private var pending: [GrayFrame] = []                      // complete frames not handed out yet
    private var gray: UnsafeMutablePointer<UInt8>?             // the frame being filled
    private(set) var frameCount = 0

    /// `path` only labels errors.
    init(path: String, batchSize: Int = 1, monoIsLimitedRange: Bool = false) {
        self.path = path
        self.batchSize = max(1, batchSize)
        self.monoIsLimitedRange = monoIsLimitedRange
    }

    deinit { for buffer in buffers { buffer.deallocate() } }

    /// True when a frame started but did not finish: the stream was cut short.
    var hasPartialFrame: Bool { state == .frameData || !line.isEmpty }

    /// True when complete frames wait for `flush(_:)` (fewer than a batch).
    var hasPendingFrames: Bool { !pending.isEmpty }

    /// Hands out the complete frames that do not fill a batch (at the end of the stream, or
    /// when no more bytes are ready). Returns what `body` returned, or true if there were none.
    func flush(_ body: ([GrayFrame]) throws -> Bool) throws -> Bool {
        guard !pending.isEmpty else { return true }
        let frames = pending
        // The buffer being filled (possibly half-way) becomes the first of the next batch.
        if pending.count < buffers.count { buffers.swapAt(0, pending.count) }
        gray = buffers[0]
        pending.removeAll(keepingCapacity: true)
        return try body(frames)
    }

    /// Feeds bytes; calls `body` with every `batchSize` frames they complete (buffers valid
    /// during the call only). Returns false once `body` did.
    func push(_ bytes: UnsafeRawBufferPointer, batches body: ([GrayFrame]) throws -> Bool) throws -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            switch state {
            case .streamHeader, .frameHeader:
                // Header lines are short; find the newline and keep what came before it.
                var j = i
                while j < n && bytes[j] != 0x0A { j += 1 }
                line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<j]))
                if line.count > 4096 { throw DetectionError.badY4M(path: path, offset: offset + j, reason: "header line longer than 4096 bytes") }
                offset += j - i
                i = j
                guard j < n else { continue }
                i += 1; offset += 1
                if state == .streamHeader { try parseStreamHeader() } else { try parseFrameHeader() }
                line.removeAll(keepingCapacity: true)
            case .frameData:
                let take = min(n - i, frameSize - filled)
                copyPlane(bytes.baseAddress!.advanced(by: i), count: take)
                filled += take; i += take; offset += take
                if filled == frameSize {
                    state = .frameHeader
                    filled = 0
                    let info = self.info!
                    pending.append(GrayFrame(index: frameCount, time: Double(frameCount) / info.fps,
                                             width: info.width, height: info.height,
                                             pixels: UnsafeBufferPointer(start: gray, count: lumaSize)))
                    frameCount += 1
                    if pending.count == batchSize {
                        if try !flush(body) { return false }
                    } else {
                        gray = buffers[pending.count]
                    }
                }
            }
        }
        return true
    }

    /// Copies the luma part of `count` frame bytes through the LUT; chroma bytes are skipped.
    private func copyPlane(_ src: UnsafeRawPointer, count: Int) {
        let lumaEnd = min(filled + count, lumaSize)
        guard lumaEnd > filled, let gray else { return }
        let source = src.assumingMemoryBound(to: UInt8.self)
        let destination = gray.advanced(by: filled)
        let length = lumaEnd - filled
        lut.withUnsafeBufferPointer { table in
            for k in 0..<length { destination[k] = table[Int(source[k])] }
        }
    }

    private func parseStreamHeader() throws {
        let header = try Y4MStreamHeader(parsing: String(decoding: line, as: UTF8.self), path: path,
                                         monoIsLimitedRange: monoIsLimitedRange)
        info = VideoInfo(width: header.width, height: header.height, fps: header.fps)
        lumaSize = header.lumaBytes
        frameSize = header.frameBytes
        buffers = (0..<batchSize).map { _ in .allocate(capacity: header.lumaBytes) }
        gray = buffers[0]
        lut = header.lumaToGray
        state = .frameHeader
    }

    private func parseFrameHeader() throws {
        guard line.count >= 5, line[0] == 0x46, line[1] == 0x52, line[2] == 0x41, line[3] == 0x4D, line[4] == 0x45 else {
            throw DetectionError.badY4M(path: path, offset: offset - line.count - 1, reason: "expected 'FRAME'")
        }
        state = .frameData
        filled = 0
    }

}
