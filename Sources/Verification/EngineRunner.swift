import Foundation
import Subprocess
import Synchronization
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Limits applied to every engine run.
public struct VerificationLimits: Sendable, Equatable {
    /// Wall-clock seconds per clip before the engine's process group is killed.
    public var timeoutSeconds: Double
    /// Bytes of stdout per clip before the engine is killed as flooding.
    public var maxOutputBytes: Int
    /// Bytes of stderr per clip before the engine is killed as flooding.
    public var maxErrorBytes: Int
    /// Longest a track id may live, in seconds of clip time.
    public var trackWindowSeconds: Double

    public init(timeoutSeconds: Double = 600, maxOutputBytes: Int = 256 << 20, maxErrorBytes: Int = 16 << 20, trackWindowSeconds: Double = 600) {
        self.timeoutSeconds = timeoutSeconds
        self.maxOutputBytes = maxOutputBytes
        self.maxErrorBytes = maxErrorBytes
        self.trackWindowSeconds = trackWindowSeconds
    }
}

/// What one clip run produced, for the attestation.
struct ClipRun {
    var exitStatus: String
    var seconds: Double
    var stdoutBytes: Int
    /// Why the run did not end normally (crash, timeout, flood); its output is still audited.
    var failure: VerificationError?
}

/// Runs one engine command on one clip: `/bin/sh -c "umask 077; exec CMD"` in a new session
/// (so the whole process group can be killed), in the clip's empty working directory, with
/// only PATH, HOME and TMPDIR set, optionally under `strace` to see every file opened for
/// writing. stdout is audited as it streams; stderr is collected up to its limit.
struct EngineRunner {
    let sandbox: Sandbox
    let limits: VerificationLimits
    let tracer: String?
    let searchPath: String

    /// Opens, renames and links (where files go), writes with their data dumped (what they
    /// held, even if later overwritten), seeks (where writes land) and unlinks (deletions).
    static let tracedCalls = "open,openat,openat2,creat,rename,renameat,renameat2,link,linkat,symlink,symlinkat,truncate,"
        + "write,writev,pwrite64,pwritev,pwritev2,lseek,unlink,unlinkat"

    /// The engine runs in its sandbox, so a relative program path (`./engine`, `bin/run`) is
    /// made absolute against the directory `verify` was started in. Bare names are left to PATH.
    static func absolutized(_ template: String, currentDirectory: String) -> String {
        let trimmed = template.drop { $0 == " " }
        guard let first = trimmed.split(separator: " ", maxSplits: 1).first,
              first.contains("/"), !first.hasPrefix("/"), !first.contains("'"), !first.contains("\""), !first.contains("{") else { return template }
        let absolute = URL(fileURLWithPath: String(first), relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true)).standardizedFileURL.path
        let quoted = "'" + absolute.replacingOccurrences(of: "'", with: "'\\''") + "'"
        return quoted + trimmed.dropFirst(first.count)
    }

    /// `template` with `{clip}` replaced by the single-quoted clip path (appended when absent).
    static func commandLine(_ template: String, clip: String) -> String {
        let quoted = "'" + clip.replacingOccurrences(of: "'", with: "'\\''") + "'"
        return template.contains("{clip}") ? template.replacingOccurrences(of: "{clip}", with: quoted) : template + " " + quoted
    }

    func run(template: String, clip: String, index: Int, auditor: OutputAuditor) async throws(VerificationError) -> ClipRun {
        let cwd = try sandbox.workingDirectory(clip: index)
        let program = Self.absolutized(template, currentDirectory: FileManager.default.currentDirectoryPath)
        let script = "umask 077; exec " + Self.commandLine(program, clip: clip)
        let executable: Executable
        var arguments: [String]
        if let tracer {
            executable = .path(FilePath(tracer))
            arguments = ["-f", "-ff", "-qq", "-y", "--seccomp-bpf", "-e", "trace=" + Self.tracedCalls, "-e", "signal=none",
                         "-e", "write=!0,1,2",
                         "-o", sandbox.traces + "/clip-\(index)", "/bin/sh", "-c", script]
        } else {
            executable = .path(FilePath("/bin/sh"))
            arguments = ["-c", script]
        }
        var options = PlatformOptions()
        options.createSession = true
        let environment = Environment.custom(["PATH": searchPath, "HOME": sandbox.home, "TMPDIR": sandbox.tmp])
        let flags = RunFlags()
        let limits = self.limits
        let started = ContinuousClock.now
        auditor.startClip(index)
        let status: TerminationStatus
        var stderrData = Data()
        var leaderPID: pid_t = 0
        do {
            let result = try await Subprocess.run(
                executable, arguments: Arguments(arguments), environment: environment,
                workingDirectory: FilePath(cwd), platformOptions: options,
                input: .none, output: .sequence, error: .sequence
            ) { execution in
                let pid = execution.processIdentifier.value
                return try await withThrowingTaskGroup(of: Side.self) { group in
                    group.addTask {
                        do { try await Task.sleep(for: .seconds(limits.timeoutSeconds)) } catch { return .timerCancelled }
                        flags.mark(\.timedOut)
                        kill(-pid, SIGKILL)
                        return .timerFired
                    }
                    group.addTask {
                        var collected = Data()
                        for try await chunk in execution.standardError {
                            if collected.count + chunk.count > limits.maxErrorBytes {
                                flags.mark(\.stderrFlooded)
                                kill(-pid, SIGKILL)
                                break
                            }
                            chunk.withUnsafeBytes { collected.append(contentsOf: $0) }
                        }
                        return .stderr(collected)
                    }
                    var bytes = 0
                    for try await chunk in execution.standardOutput {
                        bytes += chunk.count
                        if bytes > limits.maxOutputBytes {
                            flags.mark(\.stdoutFlooded)
                            kill(-pid, SIGKILL)
                            break
                        }
                        chunk.withUnsafeBytes { auditor.stdout($0) }
                    }
                    var stderr = Data()
                    while let side = try await group.next() {
                        if case .stderr(let data) = side {
                            stderr = data
                            group.cancelAll()
                        }
                    }
                    return Collected(pid: pid, stderr: stderr)
                }
            }
            status = result.terminationStatus
            stderrData = result.closureResult.stderr
            leaderPID = result.closureResult.pid
        } catch {
            throw .engineDidNotStart(command: template, reason: "\(error)")
        }
        // Children that outlived the engine's main process (daemons) die with their group.
        if leaderPID > 0 { kill(-leaderPID, SIGKILL) }
        stderrData.withUnsafeBytes { auditor.stderr($0) }
        auditor.finishClip()
        let seconds = (ContinuousClock.now - started).seconds
        let state = flags.snapshot
        let described = Self.describe(status)
        var failure: VerificationError?
        if state.timedOut { failure = .timedOut(clip: index, path: clip, seconds: limits.timeoutSeconds) }
        else if state.stdoutFlooded { failure = .outputFlood(clip: index, path: clip, stream: "stdout", limit: limits.maxOutputBytes) }
        else if state.stderrFlooded { failure = .outputFlood(clip: index, path: clip, stream: "stderr", limit: limits.maxErrorBytes) }
        else if !status.isSuccess { failure = .engineFailed(clip: index, path: clip, status: described, stderr: auditor.stderrTail.last) }
        return ClipRun(exitStatus: failure == nil ? described : failure!.description, seconds: seconds,
                       stdoutBytes: auditor.lastClipStdoutBytes, failure: failure)
    }

    static func describe(_ status: TerminationStatus) -> String {
        switch status {
        case .exited(let code): return code == 0 ? "exited 0" : "exited with status \(code)"
        case .signaled(let signal): return "was killed by signal \(signal)"
        @unknown default: return "ended abnormally (\(status))"
        }
    }

    /// `strace` when it is installed and can trace a child here (it needs ptrace, often
    /// denied in containers); otherwise why not, for the attestation.
    static func findTracer(searchPath: String) -> (path: String?, reason: String) {
        for directory in searchPath.split(separator: ":") {
            let candidate = String(directory) + "/strace"
            guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: candidate)
            probe.arguments = ["-f", "-qq", "-o", "/dev/null", "/bin/true"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            do { try probe.run() } catch { return (nil, "strace at \(candidate) could not be started (\(error.localizedDescription))") }
            probe.waitUntilExit()
            return probe.terminationStatus == 0 ? (candidate, "every write traced with \(candidate)")
                : (nil, "strace is installed (\(candidate)) but cannot trace here (ptrace not permitted)")
        }
        return (nil, "strace is not installed")
    }
}

private enum Side: Sendable {
    case timerFired, timerCancelled
    case stderr(Data)
}

private struct Collected: Sendable {
    var pid: pid_t
    var stderr: Data
}

/// Flags set by the watchdog and readers, read after the run.
private final class RunFlags: Sendable {
    struct State { var timedOut = false; var stdoutFlooded = false; var stderrFlooded = false }
    private let state = Mutex(State())

    func mark(_ flag: WritableKeyPath<State, Bool> & Sendable) {
        state.withLock { $0[keyPath: flag] = true }
    }

    var snapshot: State { state.withLock { $0 } }
}
