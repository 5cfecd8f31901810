#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Decodes any container ffmpeg can read and streams its first video stream as gray frames.
///
/// ffmpeg, started through swift-subprocess, writes the luma plane as a Y4M stream
/// (`format=yuv420p|yuvj420p,extractplanes=y`, `-f yuv4mpegpipe`) to a pipe; the header gives
/// size and frame rate, so no separate probe is needed. Decoding to YUV and expanding the luma
/// range with a table is byte-identical to `-pix_fmt gray` and about twice as fast (see
/// ../shared/PITFALLS.md); sending only the luma plane saves a third of the pipe traffic.
/// Decoding runs in the ffmpeg process, in parallel with the analysis on the calling task; a
/// reader thread (`PipePrefetcher`) keeps the pipe drained meanwhile. Memory is bounded: 8 MiB
/// of read-ahead plus one buffer per frame of a batch.
public struct FFmpegFrameSource: FrameSource {
    public let path: String
    /// Resize factor applied by ffmpeg before analysis (`scale=iw*s:ih*s:flags=area`), or nil.
    public let scale: Double?
    public let ffmpeg: String

    public init(path: String, scale: Double? = nil, ffmpeg: String = "ffmpeg") {
        self.path = path; self.scale = scale; self.ffmpeg = ffmpeg
    }

    /// The ffmpeg command line, for logs and benchmarks.
    public var arguments: [String] {
        var filters: [String] = []
        if let scale, scale != 1 {
            // Even sizes keep 4:2:0 chroma exact; area averaging matches cv2.INTER_AREA's intent.
            filters.append("scale=trunc(iw*\(scale)/2)*2:trunc(ih*\(scale)/2)*2:flags=area")
        }
        // Only the Y plane travels; yuvj420p keeps full-range sources (and gray ones, converted
        // without loss) tagged `XCOLORRANGE=FULL`, so untagged mono means limited range.
        filters.append("format=pix_fmts=yuv420p|yuvj420p")
        filters.append("extractplanes=y")
        return ["-hide_banner", "-nostdin", "-loglevel", "error", "-xerror", "-i", path,
                "-map", "0:v:0", "-an", "-sn", "-vf", filters.joined(separator: ","),
                "-f", "yuv4mpegpipe", "-strict", "-1", "-"]
    }

    public func forEachBatch(maxFrames: Int, _ body: ([GrayFrame]) throws -> Bool) async throws -> FrameStreamSummary {
        guard FileManager.default.fileExists(atPath: path) else { throw DetectionError.fileNotFound(path: path) }
        let output = try Self.makePipe(size: 1 << 20), errors = try Self.makePipe(size: nil)
        var writeEndsOpen = true
        func closeWriteEnds() {
            if writeEndsOpen { close(output.write); close(errors.write); writeEndsOpen = false }
        }
        let prefetcher = PipePrefetcher(fd: output.read)
        let errorText = PipePrefixCollector(fd: errors.read)
        defer {
            // ffmpeg has exited by now (run waits for it), so with our write ends closed both
            // reader threads see the end of their pipe; join them before closing what they read.
            closeWriteEnds()
            prefetcher.stopAndJoin()
            _ = errorText.text()
            close(output.read); close(errors.read)
        }
        prefetcher.start()
        errorText.start()

        let parser = Y4MStreamParser(path: path, batchSize: maxFrames, monoIsLimitedRange: true)
        var stoppedEarly = false
        let result: ExecutionResult<Void, FileDescriptorOutput, FileDescriptorOutput>
        do {
            result = try await run(.name(ffmpeg), arguments: Arguments(arguments), input: .none,
                                   output: .fileDescriptor(FileDescriptor(rawValue: output.write), closeAfterSpawningProcess: false),
                                   error: FileDescriptorOutput.fileDescriptor(FileDescriptor(rawValue: errors.write),
                                                                             closeAfterSpawningProcess: false)) { execution in
                // ffmpeg holds its own copies now; ours would keep the pipes open after it exits.
                closeWriteEnds()
                do {
                    stoppedEarly = try !Self.consume(prefetcher, parser: parser, body: body)
                } catch {
                    // Stop ffmpeg first: it may be blocked writing to the pipe we no longer read, and
                    // its SIGTERM handler lets that write restart, so only SIGKILL ends it.
                    try? execution.send(signal: .kill)
                    throw error
                }
                if stoppedEarly { try? execution.send(signal: .kill) }
            }
        } catch let error as SubprocessError where error.code == .executableNotFound {
            throw DetectionError.ffmpegNotFound(executable: ffmpeg)
        }
        closeWriteEnds()
        let stderrText = errorText.text().trimmingCharacters(in: .whitespacesAndNewlines)
        let firstLine = stderrText.split(separator: "\n").first.map(String.init) ?? ""
        if stoppedEarly {
            return FrameStreamSummary(info: parser.info!, frameCount: parser.frameCount)
        }
        guard let info = parser.info else {
            if !firstLine.isEmpty { throw DetectionError.unreadableClip(path: path, reason: Self.strip(firstLine, path: path)) }
            throw DetectionError.noFrames(path: path)
        }
        if !result.terminationStatus.isSuccess || !firstLine.isEmpty || parser.hasPartialFrame {
            let reason = firstLine.isEmpty ? "decoding stopped (\(result.terminationStatus))" : Self.strip(firstLine, path: path)
            if parser.frameCount == 0 && !parser.hasPartialFrame {
                throw DetectionError.unreadableClip(path: path, reason: reason)
            }
            throw DetectionError.damagedClip(path: path, reason: "ffmpeg: " + reason)
        }
        guard parser.frameCount > 0 else { throw DetectionError.noFrames(path: path) }
        return FrameStreamSummary(info: info, frameCount: parser.frameCount)
    }

    /// Parses the prefetched bytes into batches for `body` until the end of the stream.
    /// Whenever no bytes are ready, the frames already complete go out as a short batch instead
    /// of waiting: batches fill up only while the analysis is the slower side. Returns false if
    /// `body` asked to stop.
    private static func consume(_ prefetcher: PipePrefetcher, parser: Y4MStreamParser,
                                body: ([GrayFrame]) throws -> Bool) throws -> Bool {
        while true {
            var next = prefetcher.next(wait: false)
            if case .empty = next {
                if parser.hasPendingFrames, try !parser.flush(body) { return false }
                next = prefetcher.next(wait: true)
            }
            switch next {
            case .block(let block):
                defer { prefetcher.recycle(block) }
                if try !parser.push(block.bytes, batches: body) { return false }
            case .end(let readError):
                if try !parser.flush(body) { return false }
                if readError != 0 {
                    throw DetectionError.damagedClip(path: parser.path, reason: "reading ffmpeg's output: " + String(cString: strerror(readError)))
                }
                return true
            case .empty:
                continue
            }
        }
    }

    /// A close-on-exec pipe; `size` asks Linux for a larger buffer (best effort).
    package static func makePipe(size: Int?) throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw DetectionError.unreadableClip(path: "ffmpeg", reason: "cannot create a pipe: " + String(cString: strerror(errno)))
        }
        // Only the descriptors swift-subprocess maps to ffmpeg's stdout/stderr belong in it.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        #if os(Linux)
        if let size { _ = fcntl(fds[1], 1031 /* F_SETPIPE_SZ */, Int32(size)) }
        #endif
        return (fds[0], fds[1])
    }

    /// ffmpeg prefixes messages with the input path; the error already names it.
    private static func strip(_ line: String, path: String) -> String {
        var text = line
        if text.hasPrefix(path + ": ") { text.removeFirst(path.count + 2) }
        return text
    }
}
