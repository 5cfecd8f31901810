/// Why a verification could not reach a verdict (exit code 2). A leak is not an error: it is
/// a failed check in a completed attestation (exit code 1).
public enum VerificationError: Error, Sendable, CustomStringConvertible, Equatable {
    case clipUnreadable(path: String, reason: String)
    case noClips
    case sandbox(String)
    case engineDidNotStart(command: String, reason: String)
    case engineFailed(clip: Int, path: String, status: String, stderr: String?)
    case timedOut(clip: Int, path: String, seconds: Double)
    case outputFlood(clip: Int, path: String, stream: String, limit: Int)
    case manifestUnreadable(path: String, reason: String)
    case clipManifestInvalid(path: String, reason: String)

    public var description: String {
        switch self {
        case .clipUnreadable(let path, let reason):
            return "cannot read clip \(path): \(reason) (hint: pass existing video files to --clips)"
        case .noClips:
            return "no clips given (hint: --clips sample1.mp4 sample2.mp4)"
        case .sandbox(let reason):
            return "cannot prepare the engine sandbox: \(reason)"
        case .engineDidNotStart(let command, let reason):
            return "engine command `\(command)` could not be started: \(reason)"
        case .engineFailed(let clip, let path, let status, let stderr):
            let tail = stderr.map { "; its last error line: \($0)" } ?? ""
            return "engine \(status) on clip \(clip) (\(path))\(tail) (hint: run the engine by hand on that clip)"
        case .timedOut(let clip, let path, let seconds):
            return "engine timed out after \(format(seconds)) s on clip \(clip) (\(path)); its process group was killed (hint: raise --timeout if the clip is long)"
        case .outputFlood(let clip, let path, let stream, let limit):
            return "engine \(stream) exceeded \(limit) bytes on clip \(clip) (\(path)); the engine was killed (hint: raise --max-output if the clip is long)"
        case .manifestUnreadable(let path, let reason):
            return "cannot read engine manifest \(path): \(reason)"
        case .clipManifestInvalid(let path, let reason):
            return "\(path): \(reason) (hint: scripts/fetch-face-clip writes an example manifest)"
        }
    }
}
