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
    /// `builtin` when the engine is this binary's `detect`, else `command`.
    public var engineKind: String = "command"
    /// silhouette's own version, recorded in the attestation.
    public var verifierVersion: String = "unknown"
    /// Budgets of the content audit of every file written.
    public var contentBudget = ContentBudget()
    /// Judge the coverage floor (clip manifests, faces, people confirmed). Only library
    /// callers that test other checks in isolation turn it off; the CLI never does.
    public var judgeCoverage = true
    /// k for the published-count check, and where it comes from.
    public var minGroupSize = 10
    public var minGroupSizeSource = "GDPR-MIN-004's default k_min"

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
        let tracing: (path: String?, reason: String) = request.traceWrites
            ? EngineRunner.findTracer(searchPath: request.searchPath) : (nil, "--no-trace was given")
        let tracer = tracing.path
        let runner = EngineRunner(sandbox: sandbox, limits: request.limits, tracer: tracer, searchPath: request.searchPath)
        let auditor = OutputAuditor(trackWindow: request.limits.trackWindowSeconds)
        var clipInfos: [Attestation.ClipInfo] = []
        var failures: [VerificationError] = []
        var commandLines: [String] = []
        let program = EngineRunner.absolutized(request.commandTemplate, currentDirectory: FileManager.default.currentDirectoryPath)
        for (offset, clip) in clipHashes.enumerated() {
            let absolute = URL(fileURLWithPath: clip.path).standardizedFileURL.path
            commandLines.append(EngineRunner.commandLine(program, clip: absolute))
            let run = try await runner.run(template: request.commandTemplate, clip: absolute, index: offset + 1, auditor: auditor)
            clipInfos.append(.init(path: clip.path, sha256: clip.sha256, bytes: clip.bytes, exitStatus: run.exitStatus,
                                   seconds: run.seconds, stdoutBytes: run.stdoutBytes))
            if let failure = run.failure { failures.append(failure) }
        }

        var values = auditor.values
        var notes: [String] = []
        var coverage: [ClipCoverage] = []
        if request.judgeCoverage {
            coverage = try await CoverageAudit.audit(clips: clipHashes.map { ($0.path, $0.sha256) }, into: &values.book)
        }
        let disclosure = auditor.disclosure.audit(minGroupSize: request.minGroupSize, into: &values.book)
        let files = FileAudit(sandbox: sandbox, budget: request.contentBudget)
        let fileAuditStarted = ContinuousClock.now
        var filesLeft = files.audit(into: &values, notes: &notes)
        let trace = tracer != nil ? WriteTrace.read(directory: sandbox.traces) : nil
        var rewritten = 0
        if let trace {
            // What files held during the run and no longer hold (overwritten, deleted, renamed).
            for snapshot in trace.snapshots where sandbox.contains(snapshot.path) {
                if let onDisk = FileManager.default.contents(atPath: snapshot.path), onDisk.elementsEqual(snapshot.bytes) { continue }
                if snapshot.fate == "at the end", !FileManager.default.fileExists(atPath: snapshot.path) {
                    // Removed by a call the trace did not see as such (e.g. by a child's rmtree).
                }
                let fate = snapshot.fate == "at the end" ? "as written, differs from the file left" : snapshot.fate + " during the run"
                filesLeft.append(files.auditContent(snapshot.bytes, shown: sandbox.display(snapshot.path) + " (\(fate))", filePath: nil,
                                                    into: &values, notes: &notes, source: "trace", clip: snapshot.clip))
                rewritten += 1
            }
            if trace.captureOverflow {
                values.book.add(.writtenFiles, EvidenceLocation(source: "trace"),
                                "more than \(WriteTrace.captureLimit) bytes written: later writes were not captured; treated as opaque")
            }
        }
        var identity = EngineIdentity.resolve(template: program, commandLines: commandLines, kind: request.engineKind,
                                              searchPath: request.searchPath, currentDirectory: FileManager.default.currentDirectoryPath,
                                              verifierVersion: request.verifierVersion)
        // Without the trace, where an engine writes beside its inputs is looked at in its end state.
        let places = clipHashes.map { (URL(fileURLWithPath: $0.path).standardizedFileURL.path as NSString).deletingLastPathComponent }
            + identity.files.map { ($0.path as NSString).deletingLastPathComponent }
        EscapeAudit(sandbox: sandbox, started: startedAt, files: files)
            .audit(trace: trace, mentioned: values.mentionedPaths, places: places, into: &values, notes: &notes)
        let book = values.book
        let fileAuditSeconds = (ContinuousClock.now - fileAuditStarted).seconds

        var checks: [CheckResult] = []
        let clipCount = "\(request.clips.count) clip\(request.clips.count == 1 ? "" : "s")"
        let outputScope = "\(auditor.stdoutLines) stdout lines (\(auditor.events) events) over \(clipCount)"
        let fileScope = "\(filesLeft.count) file\(filesLeft.count == 1 ? "" : "s") written"
        for id in CheckID.allCases {
            let log = id == .manifestModels ? manifestBook.log(id) : book.log(id)
            switch id {
            case .contractFields:
                checks.append(log.result(id, examined: outputScope))
            case .biometricKeys, .embeddingArrays, .signatureVectors, .encodedBlobs, .landmarkArrays, .faceBoxes:
                checks.append(log.result(id, examined: outputScope + ", stderr and \(fileScope)"))
            case .trackLifetime:
                var scope = "\(auditor.tracks.observations) tracked events over \(clipCount) (window \(format(request.limits.trackWindowSeconds)) s)"
                if !auditor.tracks.overflowedClips.isEmpty {
                    scope += "; over \(TrackAudit.capacityPerClip) ids in clip \(auditor.tracks.overflowedClips.map(String.init).joined(separator: ", ")), later ids not followed"
                }
                checks.append(log.result(id, examined: scope))
            case .writtenFiles, .sqliteBlobs:
                checks.append(log.result(id, examined: fileScope + " in the working directories, $HOME and $TMPDIR"))
            case .sandboxEscape:
                let how = tracer != nil ? "every file opened for writing (strace)"
                    : "end state only (writes not traced: \(tracing.reason)): files modified during the run in the clips' directories and those of the files the command names, and paths the engine printed"
                checks.append(log.result(id, examined: how))
            case .clipCoverage:
                if !request.judgeCoverage {
                    checks.append(log.result(id, examined: "coverage not judged (library call without it)", skipped: true))
                } else {
                    let faces = coverage.compactMap { $0.manifest?.faces }.reduce(0, +)
                    let confirmed = coverage.compactMap(\.confirmedTracks).reduce(0, +)
                    checks.append(log.result(id, examined: "\(coverage.filter { $0.manifest != nil }.count) of \(clipCount) with a manifest, \(faces) face\(faces == 1 ? "" : "s") declared, \(confirmed) track\(confirmed == 1 ? "" : "s") confirmed by silhouette's detector"))
                }
            case .publishedCounts:
                checks.append(log.result(id, examined: "\(disclosure.cells) count cell\(disclosure.cells == 1 ? "" : "s") (k = \(disclosure.minGroupSize), \(request.minGroupSizeSource)); \(disclosure.cellsBelowMinimum) would need suppression or coarsening"))
            case .manifestModels:
                if request.manifestPath == nil {
                    checks.append(log.result(id, examined: "no engine manifest declared", skipped: true))
                } else {
                    checks.append(log.result(id, examined: "\(manifestModels) model\(manifestModels == 1 ? "" : "s") declared in \(request.manifestPath!)"))
                }
            }
        }
        let finishedAt = Date()
        let verdict = Self.verdict(checks)
        // A run that crashed, timed out or flooded is an error unless what it wrote already
        // gives a finding (biometric data, or a write outside the sandbox): then that verdict.
        if verdict == .pass || verdict == .notExercised, let failure = failures.first { throw failure }
        var notTested: [String] = []
        if tracer == nil {
            notTested.append("Writes were not traced (\(tracing.reason)): only the end state was audited; data written then overwritten or deleted during the run, and writes outside the sandbox elsewhere than beside the clips or the engine's files and not printed, could not be seen.")
        }
        if request.manifestPath == nil { notTested.append("No engine manifest was declared: the models the engine loads were not examined.") }
        if !request.judgeCoverage {
            notTested.append("Coverage was not judged: nothing shows that the clips could have revealed a leak.")
        } else if coverage.compactMap({ $0.manifest?.faces }).reduce(0, +) == 0 {
            notTested.append("No clip shows a face: whether the engine keeps face data was not tested.")
        }
        if !failures.isEmpty { notTested.append("The engine did not finish every clip normally; what it would have written afterwards was not seen.") }
        let fileAuditScope = tracer != nil
            ? "every file written during the run, from the strace write trace (\(rewritten) overwritten or deleted version\(rewritten == 1 ? "" : "s") audited too), and the files left at the end"
            : "only the end state (writes not traced: \(tracing.reason)): the files left in the sandbox, and files modified during the run beside the clips and the engine's files or printed by it"
        identity.libraries = auditor.engineLibraries
        let seconds = auditor.auditSeconds
        var attestation = Attestation(
            id: attestationID(request: request, hashes: clipHashes.map(\.sha256), startedAt: startedAt),
            deploymentID: request.deploymentID, deploymentFile: request.deploymentFile,
            engine: .init(name: request.engineName, version: request.engineVersion, command: request.commandTemplate,
                          manifest: request.manifestPath, identity: identity),
            clips: clipInfos,
            limits: .init(timeoutSeconds: request.limits.timeoutSeconds, maxOutputBytes: request.limits.maxOutputBytes,
                          trackWindowSeconds: request.limits.trackWindowSeconds),
            writesTraced: tracer != nil,
            checks: checks, filesLeft: filesLeft,
            audit: .init(stdoutBytes: auditor.stdoutBytes, stdoutLines: auditor.stdoutLines, events: auditor.events,
                         auditSeconds: seconds, megabytesPerSecond: seconds > 0 ? Double(auditor.stdoutBytes) / seconds / 1e6 : 0),
            verdict: verdict,
            startedAt: startedAt, finishedAt: finishedAt,
            tool: "silhouette"
        )
        attestation.fileAuditScope = fileAuditScope
        attestation.untracedBecause = tracer != nil ? nil : Self.untracedCode(tracing.reason)
        attestation.timeLimitHit = failures.contains { if case .timedOut = $0 { return true } else { return false } }
        attestation.audit.tracks = auditor.tracks.distinctTracks
        attestation.audit.fileBytes = filesLeft.reduce(0) { $0 + $1.bytes }
        attestation.audit.fileAuditSeconds = fileAuditSeconds
        attestation.notes = notes
        attestation.engineFailures = failures.map(\.description)
        attestation.notTested = notTested
        attestation.coverage = coverage
        attestation.disclosure = disclosure
        return attestation
    }

    /// Why writes were not traced, as a code documents translate (see `findTracer`'s reasons).
    static func untracedCode(_ reason: String) -> String {
        if reason.hasPrefix("--no-trace") { return "option" }
        if reason.contains("not installed") { return "not-installed" }
        if reason.contains("cannot trace") { return "not-permitted" }
        return "not-started"
    }

    /// The verdict from the failed checks: biometric data first, then a sandbox violation,
    /// then coverage; a pass only when nothing failed.
    static func verdict(_ checks: [CheckResult]) -> Attestation.Verdict {
        let failed = Set(checks.filter { $0.status == .fail }.map(\.id.category))
        if failed.contains(.biometric) { return .biometricDataFound }
        if failed.contains(.sandbox) { return .sandboxViolation }
        if failed.contains(.coverage) { return .notExercised }
        return .pass
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
