import Detection
import Foundation
import Subprocess

/// Streams a clip's first video stream out of ffmpeg as whole 4:2:0 frames.
struct FFmpegDecode {
    let clip: String
    let ffmpeg: String
    /// A video filter applied while decoding (the first pass scales frames down).
    var filter: String? = nil

    var arguments: [String] {
        ["-hide_banner", "-nostdin", "-loglevel", "error", "-xerror", "-i", clip, "-map", "0:v:0", "-an", "-sn"]
            + (filter.map { ["-vf", $0] } ?? [])
            + ["-pix_fmt", "yuv420p", "-f", "yuv4mpegpipe", "-strict", "-1", "-"]
    }

    /// Calls `body` with the stream header and the frames each pipe chunk completes; returns
    /// the header. Decoding errors become `DetectionError`s, as in `silhouette detect`.
    func stream(_ body: @Sendable (Y4MStreamHeader, [YUVFrame]) async throws -> Void) async throws -> Y4MStreamHeader {
        let reader = Y4MColorReader(path: clip)
        let result: ExecutionResult<String, SequenceOutput, SequenceOutput>
        do {
            result = try await Subprocess.run(.name(ffmpeg), arguments: Arguments(arguments), input: .none,
                                              output: .sequence, error: .sequence) { execution in
                async let errors = StreamText.prefix(execution.standardError, limit: 4096)
                do {
                    for try await chunk in execution.standardOutput {
                        let frames = try chunk.withUnsafeBytes { try reader.push($0) }
                        if !frames.isEmpty, let header = reader.stream { try await body(header, frames) }
                    }
                } catch {
                    try? execution.send(signal: .terminate)
                    _ = try? await errors
                    throw error
                }
                return try await errors
            }
        } catch let error as SubprocessError where error.code == .executableNotFound {
            throw DetectionError.ffmpegNotFound(executable: ffmpeg)
        }
        let firstLine = result.closureResult.split(separator: "\n").first.map(String.init) ?? ""
        let reason = firstLine.hasPrefix(clip + ": ") ? String(firstLine.dropFirst(clip.count + 2)) : firstLine
        guard let header = reader.stream else {
            throw reason.isEmpty ? DetectionError.noFrames(path: clip) : DetectionError.unreadableClip(path: clip, reason: reason)
        }
        if !result.terminationStatus.isSuccess || !reason.isEmpty || reader.hasPartialFrame {
            throw DetectionError.damagedClip(path: clip, reason: reason.isEmpty ? "decoding stopped (\(result.terminationStatus))" : reason)
        }
        guard reader.framesRead > 0 else { throw DetectionError.noFrames(path: clip) }
        return header
    }
}

/// The first bytes of a process's stderr, read to the end so the process never blocks on it.
enum StreamText {
    static func prefix(_ sequence: SubprocessOutputSequence, limit: Int) async throws -> String {
        var kept: [UInt8] = []
        for try await chunk in sequence {
            if kept.count < limit { chunk.withUnsafeBytes { kept.append(contentsOf: $0.prefix(limit - kept.count)) } }
        }
        return String(decoding: kept, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
