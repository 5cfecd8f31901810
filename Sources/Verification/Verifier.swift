import Crypto
import Foundation

/// What to verify: an engine command, the clips to run it on, and its identity as the
/// deployment declares it.
public struct VerificationRequest: Sendable {
    public var engineName: String
    public var engineVersion: String
    /// Shell command per clip; `{clip}` is replaced by the quoted clip path (appended if absent).
    public var commandTemplate: String
    public var clips: [String]
    /// The engine manifest (YAML with `models:`), when the deployment declares one.
    public var manifestPath: String?
    public var deploymentID: String?
    public var deploymentFile: String?
    public var limits: VerificationLimits
    /// Trace file writes with strace when it is installed and permitted.
    public var traceWrites: Bool
    /// PATH given to the engine; defaults to this process's PATH.
    public var searchPath: String

    public init(engineName: String, engineVersion: String, commandTemplate: String, clips: [String],
                manifestPath: String? = nil, deploymentID: String? = nil, deploymentFile: String? = nil,
                limits: VerificationLimits = VerificationLimits(), traceWrites: Bool = true,
                searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin") {
        self.engineName = engineName
        self.engineVersion = engineVersion
        self.commandTemplate = commandTemplate
        self.clips = clips
        self.manifestPath = manifestPath
        self.deploymentID = deploymentID
        self.deploymentFile = deploymentFile
        self.limits = limits
        self.traceWrites = traceWrites
        self.searchPath = searchPath
    }
}

public enum Verifier {
    /// Runs the engine on every clip in turn and audits everything it printed and wrote.
    /// Throws for errors that prevent a verdict (unreadable clip, engine crash, timeout,
    /// flood); a leak is a failed check in the returned attestation.
    public static func verify(_ request: VerificationRequest) async throws(VerificationError) -> Attestation {
        guard !request.clips.isEmpty else { throw .noClips }
        let startedAt = Date()
        var clipHashes: [(path: String, sha256: String, bytes: Int)] = []
        for clip in request.clips { clipHashes.append(try hashClip(clip)) }

        var manifestBook = EvidenceBook()
        var manifestModels = 0
        if let manifest = request.manifestPath {
            manifestModels = try ManifestAudit.audit(path: manifest, into: &manifestBook)
        }

        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let tracer = request.traceWrites ? EngineRunner.findTracer(searchPath: request.searchPath) : nil
        let runner = EngineRunner(sandbox: sandbox, limits: request.limits, tracer: tracer, searchPath: request.searchPath)
        let auditor = OutputAuditor(trackWindow: request.limits.trackWindowSeconds)
        var clipInfos: [Attestation.ClipInfo] = []
        for (offset, clip) in clipHashes.enumerated() {
            let absolute = URL(fileURLWithPath: clip.path).standardizedFileURL.path
            let run = try await runner.run(template: request.commandTemplate, clip: absolute, index: offset + 1, auditor: auditor)
            clipInfos.append(.init(path: clip.path, sha256: clip.sha256, bytes: clip.bytes, exitStatus: run.exitStatus,
                                   seconds: run.seconds, stdoutBytes: run.stdoutBytes))
        }

        var values = auditor.values
        let filesLeft = FileAudit(sandbox: sandbox).audit(into: &values)
        EscapeAudit(sandbox: sandbox, started: startedAt).audit(mentioned: values.mentionedPaths, into: &values.book)
        let book = values.book

        var checks: [CheckResult] = []
        let clipCount = "\(request.clips.count) clip\(request.clips.count == 1 ? "" : "s")"
        let outputScope = "\(auditor.stdoutLines) stdout lines (\(auditor.events) events) over \(clipCount)"
        for id in CheckID.allCases {
            let log = id == .manifestModels ? manifestBook.log(id) : book.log(id)
            switch id {
            case .contractFields:
                checks.append(log.result(id, examined: outputScope))
            case .biometricKeys, .embeddingArrays, .encodedBlobs, .landmarkArrays, .faceBoxes:
                checks.append(log.result(id, examined: outputScope + ", stderr and \(filesLeft.count) file\(filesLeft.count == 1 ? "" : "s") left"))
            case .trackLifetime:
                var scope = "\(auditor.tracks.observations) tracked events over \(clipCount) (window \(format(request.limits.trackWindowSeconds)) s)"
                if !auditor.tracks.overflowedClips.isEmpty {
                    scope += "; over \(TrackAudit.capacityPerClip) ids in clip \(auditor.tracks.overflowedClips.map(String.init).joined(separator: ", ")), later ids not followed"
                }
                checks.append(log.result(id, examined: scope))
            case .writtenFiles, .sqliteBlobs:
                checks.append(log.result(id, examined: "\(filesLeft.count) file\(filesLeft.count == 1 ? "" : "s") left in the working directories, $HOME and $TMPDIR"))
            case .sandboxEscape:
                let how = tracer != nil ? "every file opened for writing (strace)" : "paths the engine printed (strace unavailable)"
                checks.append(log.result(id, examined: how))
            case .manifestModels:
                if request.manifestPath == nil {
                    checks.append(log.result(id, examined: "no engine manifest declared", skipped: true))
                } else {
                    checks.append(log.result(id, examined: "\(manifestModels) model\(manifestModels == 1 ? "" : "s") declared in \(request.manifestPath!)"))
                }
            }
        }
        let finishedAt = Date()
        let failed = checks.contains { $0.status == .fail }
        let seconds = auditor.auditSeconds
        return Attestation(
            id: attestationID(request: request, hashes: clipHashes.map(\.sha256), startedAt: startedAt),
            deploymentID: request.deploymentID, deploymentFile: request.deploymentFile,
            engine: .init(name: request.engineName, version: request.engineVersion, command: request.commandTemplate, manifest: request.manifestPath),
            clips: clipInfos,
            limits: .init(timeoutSeconds: request.limits.timeoutSeconds, maxOutputBytes: request.limits.maxOutputBytes,
                          trackWindowSeconds: request.limits.trackWindowSeconds),
            writesTraced: tracer != nil,
            checks: checks, filesLeft: filesLeft,
            audit: .init(stdoutBytes: auditor.stdoutBytes, stdoutLines: auditor.stdoutLines, events: auditor.events,
                         auditSeconds: seconds, megabytesPerSecond: seconds > 0 ? Double(auditor.stdoutBytes) / seconds / 1e6 : 0),
            verdict: failed ? .fail : .pass,
            startedAt: startedAt, finishedAt: finishedAt,
            tool: "silhouette"
        )
    }

    /// "sha256:<hex>" of a clip, streamed in 1 MiB blocks.
    static func hashClip(_ path: String) throws(VerificationError) -> (path: String, sha256: String, bytes: Int) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .clipUnreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .clipUnreadable(path: path, reason: "is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .clipUnreadable(path: path, reason: "permission denied") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var total = 0
        while true {
            let block: Data
            do { block = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                throw .clipUnreadable(path: path, reason: error.localizedDescription)
            }
            if block.isEmpty { break }
            total += block.count
            hasher.update(data: block)
        }
        return (path, "sha256:" + hex(hasher.finalize()), total)
    }

    static func attestationID(request: VerificationRequest, hashes: [String], startedAt: Date) -> String {
        var hasher = SHA256()
        let material = ([request.engineName, request.engineVersion, request.commandTemplate] + hashes + ["\(startedAt.timeIntervalSince1970)"]).joined(separator: "\n")
        hasher.update(data: Data(material.utf8))
        return "sha256:" + hex(hasher.finalize())
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String($0, radix: 16).leftPadded(2) }.joined()
    }
}
