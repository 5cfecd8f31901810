#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads a `.y4m` file directly, without ffmpeg, one 1 MiB block at a time.
public struct Y4MFileSource: FrameSource {
    public let path: String

    public init(path: String) { self.path = path }

    public func forEachBatch(maxFrames: Int, _ body: ([GrayFrame]) throws -> Bool) async throws -> FrameStreamSummary {
        guard FileManager.default.fileExists(atPath: path) else { throw DetectionError.fileNotFound(path: path) }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw DetectionError.unreadableClip(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let parser = Y4MStreamParser(path: path, batchSize: maxFrames)
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { block.deallocate() }
        while true {
            let n = read(fd, block.baseAddress, block.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw DetectionError.unreadableClip(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            if try !parser.push(UnsafeRawBufferPointer(rebasing: block[0..<n]), batches: body) {
                return FrameStreamSummary(info: parser.info!, frameCount: parser.frameCount)
            }
        }
        if try !parser.flush(body) {
            return FrameStreamSummary(info: parser.info!, frameCount: parser.frameCount)
        }
        guard let info = parser.info else {
            if parser.hasPartialFrame { throw DetectionError.badY4M(path: path, offset: 0, reason: "header not terminated") }
            throw DetectionError.noFrames(path: path)
        }
        if parser.hasPartialFrame {
            throw DetectionError.damagedClip(path: path, reason: "the last frame is incomplete after \(parser.frameCount) frames")
        }
        guard parser.frameCount > 0 else { throw DetectionError.noFrames(path: path) }
        return FrameStreamSummary(info: info, frameCount: parser.frameCount)
    }
}

/// Picks the reader for a clip: Y4M files are read directly, anything else through ffmpeg.
public func makeFrameSource(path: String, scale: Double? = nil, ffmpeg: String = "ffmpeg") -> any FrameSource {
    if path.lowercased().hasSuffix(".y4m") && (scale == nil || scale == 1) {
        return Y4MFileSource(path: path)
    }
    return FFmpegFrameSource(path: path, scale: scale, ffmpeg: ffmpeg)
}
