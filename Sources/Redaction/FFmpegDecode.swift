import Detection
import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif
#if canImport(Glibc)
import Glibc
#endif

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

    /// Calls `body` with the stream header and each frame, in order; returns the header. A frame
    /// is handed over, not kept here: redacting it in place then needs no copy. Decoding errors become `DetectionError`s, as in `silhouette detect`.
    /// ffmpeg writes into a 1 MiB pipe that a reader thread (`PipePrefetcher`) keeps drained,
    /// so decoding runs ahead while a frame is analysed instead of waiting to be read.
    func stream(_ body: @Sendable (Y4MStreamHeader, YUVFrame) async throws -> Void) async throws -> Y4MStreamHeader {
        let reader = Y4MColorReader(path: clip)
        let output = try FFmpegFrameSource.makePipe(size: 1 << 20), errors = try FFmpegFrameSource.makePipe(size: nil)
        let ends = WriteEnds(output.write, errors.write)
        let prefetcher = PipePrefetcher(fd: output.read)
        let errorText = PipePrefixCollector(fd: errors.read)
        defer {
            // ffmpeg has exited (run waits for it): with our write ends closed, both threads see
            // the end of their pipe; join them before closing what they read.
            ends.close()
            prefetcher.stopAndJoin()
            _ = errorText.text()
            close(output.read); close(errors.read)
        }
        prefetcher.start()
        errorText.start()
        let result: ExecutionResult<Void, FileDescriptorOutput, FileDescriptorOutput>
        do {
            result = try await Subprocess.run(.resolved(ffmpeg), arguments: Arguments(arguments), input: .none,
                                              output: .fileDescriptor(FileDescriptor(rawValue: output.write), closeAfterSpawningProcess: false),
                                              error: .fileDescriptor(FileDescriptor(rawValue: errors.write), closeAfterSpawningProcess: false)) { execution in
                ends.close()  // ffmpeg holds its own copies now
                do {
                    loop: while true {
                        switch prefetcher.next(wait: true) {
                        case .block(let block):
                            var frames: [YUVFrame]
                            do { defer { prefetcher.recycle(block) }; frames = try reader.push(block.bytes) }
                            guard let header = reader.stream else { continue }
                            frames.reverse()
                            while let frame = frames.popLast() { try await body(header, frame) }
                        case .end(let readError):
                            if readError != 0 {
                                throw DetectionError.damagedClip(path: clip, reason: "reading ffmpeg's output: " + String(cString: strerror(readError)))
                            }
                            break loop
                        case .empty:
                            continue
                        }
                    }
                } catch {
                    // ffmpeg may be blocked writing to the pipe no longer read: only SIGKILL ends it.
                    try? execution.send(signal: .kill)
                    throw error
                }
            }
        } catch let error as SubprocessError where error.code == .executableNotFound {
            throw DetectionError.ffmpegNotFound(executable: ffmpeg)
        }
        ends.close()
        let stderrText = errorText.text().trimmingCharacters(in: .whitespacesAndNewlines)
        let firstLine = stderrText.split(separator: "\n").first.map(String.init) ?? ""
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

/// Our copies of the write ends of ffmpeg's pipes, closed once (after spawning, or on error).
private final class WriteEnds: @unchecked Sendable {  // used by the decoding task alone
    private var fds: [Int32]
    init(_ fds: Int32...) { self.fds = fds }
    func close() {
        for fd in fds { _ = Glibc.close(fd) }
        fds = []
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
