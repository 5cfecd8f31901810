import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Decodes any container ffmpeg can read and streams its first video stream as gray frames.
///
/// ffmpeg writes a Y4M stream (`-f yuv4mpegpipe`, 8-bit yuv420p, or gray for gray sources) to a
/// pipe read through swift-subprocess; the header gives size and frame rate, so no separate
/// probe is needed. Decoding to yuv420p and expanding the luma range with a table is
/// byte-identical to `-pix_fmt gray` and about twice as fast (see ../shared/PITFALLS.md).
/// Decoding runs in the ffmpeg process, in parallel with the analysis on the calling task.
/// Only one frame buffer is alive at any time.
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
        filters.append("format=pix_fmts=yuv420p|gray")
        return ["-hide_banner", "-nostdin", "-loglevel", "error", "-xerror", "-i", path,
                "-map", "0:v:0", "-an", "-sn", "-vf", filters.joined(separator: ","),
                "-f", "yuv4mpegpipe", "-strict", "-1", "-"]
    }

    public func forEachFrame(_ body: (GrayFrame) throws -> Bool) async throws -> FrameStreamSummary {
        guard FileManager.default.fileExists(atPath: path) else { throw DetectionError.fileNotFound(path: path) }
        let parser = Y4MStreamParser(path: path)
        var stoppedEarly = false
        let result: ExecutionResult<String, SequenceOutput, SequenceOutput>
        do {
            result = try await run(.name(ffmpeg), arguments: Arguments(arguments), input: .none,
                                   output: .sequence, error: .sequence) { execution in
                // Drain stderr concurrently so ffmpeg never blocks on a full pipe; keep the start.
                async let errorText = Self.collectPrefix(execution.standardError, limit: 4096)
                do {
                    for try await chunk in execution.standardOutput {
                        let keepGoing = try chunk.withUnsafeBytes { bytes in try parser.push(bytes, body) }
                        if !keepGoing { stoppedEarly = true; break }
                    }
                } catch {
                    // Stop ffmpeg first: it may be blocked writing to the pipe we no longer read, and
                    // its SIGTERM handler lets that write restart, so only SIGKILL ends it.
                    try? execution.send(signal: .kill)
                    _ = try? await errorText
                    throw error
                }
                if stoppedEarly { try? execution.send(signal: .kill) }
                return try await errorText
            }
        } catch let error as SubprocessError where error.code == .executableNotFound {
            throw DetectionError.ffmpegNotFound(executable: ffmpeg)
        }
        let stderrText = result.closureResult.trimmingCharacters(in: .whitespacesAndNewlines)
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

    /// ffmpeg prefixes messages with the input path; the error already names it.
    private static func strip(_ line: String, path: String) -> String {
        var text = line
        if text.hasPrefix(path + ": ") { text.removeFirst(path.count + 2) }
        return text
    }

    private static func collectPrefix(_ sequence: SubprocessOutputSequence, limit: Int) async throws -> String {
        var kept: [UInt8] = []
        for try await chunk in sequence where kept.count < limit {
            chunk.withUnsafeBytes { kept.append(contentsOf: $0.prefix(limit - kept.count)) }
        }
        return String(decoding: kept, as: UTF8.self)
    }
}
