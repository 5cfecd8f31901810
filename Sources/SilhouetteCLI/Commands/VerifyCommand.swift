import ArgumentParser
import DeploymentModel
import Foundation
import Store
import Verification

/// `silhouette verify DEPLOYMENT --clips …`: runs the deployment's engine on sample clips in a
/// sandbox and audits everything it prints and writes for biometric leakage.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run the detection engine on sample clips and prove that no biometric data leaves it.",
        discussion: """
        The claim "no biometric templates are produced" is tested, not trusted. For each clip the \
        engine runs in an empty working directory, with only PATH, HOME and TMPDIR set (HOME and \
        TMPDIR are private to the run), a time limit and an output limit; its process group is \
        killed when a limit is hit. With strace (unless --no-trace), every write is traced with \
        its bytes, so files later overwritten or deleted are audited too; without it only the \
        files left at the end are, and the attestation says so.

        Every file written is identified by content (never by name), unpacked (zip/npz, gzip, \
        zlib as joblib writes it, bz2, xz, tar, pickle frames holding NumPy arrays, SQLite \
        tables) and parsed (OpenCV FileStorage YAML/XML/JSON, CSV/TSV, JSON at any nesting) \
        within size, depth and time budgets; what cannot be opened is reported as opaque. The \
        numeric arrays found, with their path (knn.joblib › zlib › pickle › ndarray[412×128]), \
        go through the detectors. The rules:
          contract-fields    stdout lines are contract events (t, camera, type, class, bbox,
                             track, zone, direction, count) and nothing else
          biometric-keys     keys naming biometric data at any depth (embedding, faceVec, re_id…)
          embedding-arrays   a vector of 64–2048 floats, unit-norm or float-distributed; raw
                             float dumps
          signature-vectors  a vector of one length (16–100,000 values) repeated per person,
                             however sparse (embeddings, LBP/HOG/colour histograms); a per-track
                             row of a few scalars (times, entry/exit, dwell) is a trajectory
                             summary, not a signature
          encoded-blobs      base64/hex/number-list strings decoding to floats, images, npy…
          landmark-arrays    5/68/98/468 points as [x, y(, z)] or flattened to 2N/3N values
          face-boxes         boxes labelled as faces
          track-lifetime     track ids alive longer than --track-window, or shared across clips
          written-files      an image crop (file or 8-bit array), or data that cannot be opened
                             (opaque: unknown container, encrypted, over budget)
          sqlite-blobs       SQLite tables judged by column: BLOB templates, per-track vector
                             columns (a counts table passes)
          sandbox-escape     a write outside the sandbox, its content audited and shown; POSIX
                             semaphores (a few dozen bytes under /dev/shm) and Python bytecode
                             are recognised by content and listed as notes
          manifest-models    the engine manifest declares a face or re-identification model
          clip-coverage      every clip has a manifest (CLIP.manifest.yaml: sha256, people,
                             faces, licence) matching its SHA-256, one shows a face at least,
                             and silhouette's own detector confirms the declared people
          published-counts   (warning) count cells below statistics.min_group_size, windows
                             under a minute

        The engine is the deployment's `engine` entry (`name: builtin`, or `command:` with \
        `{clip}` where the clip path goes), or --engine builtin, or --engine-cmd. The \
        attestation records the exact command lines, the SHA-256 of the program and of every \
        script or model file the command names, the digest over them (declare it as the \
        engine's `digest:`), the library versions the engine reports, the clips' SHA-256 and \
        silhouette's version; it is recorded in the store (rule BIO-007 accepts it only when \
        the recorded identity is the declared engine) unless --no-record.

        Exit codes: 0 pass; 1 biometric data found, sandbox violation, or not exercised (the \
        clips could not have revealed a leak); 2 error (unreadable clip or deployment, engine \
        crashed, timed out or flooded its output without any finding).

        Examples:
          silhouette verify deployment.yaml --clips clips-cache/faces.mp4 --engine builtin
          silhouette verify deployment.yaml --clips a.mp4 b.mp4 --engine-cmd "/opt/acme/run --json {clip}"
          silhouette verify deployment.yaml --clips a.mp4 --timeout 120 --max-output 64M --format json
        """
    )

    @Argument(help: "The deployment file (its engine entry names the engine and its version).")
    var deployment: String

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Sample clips to run the engine on.", valueName: "path"))
    var clips: [String] = []

    @Option(help: ArgumentHelp("`builtin`: this binary's `silhouette detect`.", valueName: "builtin"))
    var engine: BuiltinEngine?

    @Option(name: .customLong("engine-cmd"), help: ArgumentHelp("Engine command; {clip} is replaced by the quoted clip path.", valueName: "command"))
    var engineCommand: String?

    @Option(help: ArgumentHelp("Engine manifest (YAML with models:); default: the deployment's engine.manifest.", valueName: "path"))
    var manifest: String?

    @Option(help: ArgumentHelp("Seconds per clip before the engine is killed.", valueName: "seconds"))
    var timeout: Double = 600

    @Option(name: .customLong("max-output"), help: ArgumentHelp("Bytes of stdout per clip before the engine is killed (suffixes K, M, G).", valueName: "bytes"))
    var maxOutput: ByteCount = ByteCount(value: 256 << 20)

    @Option(name: .customLong("track-window"), help: ArgumentHelp("Longest allowed track lifetime, in seconds of clip time.", valueName: "seconds"))
    var trackWindow: Double = 600

    @Option(help: "text or json.")
    var format: ListingFormat = .text

    @Option(help: ArgumentHelp("Also write the attestation JSON to this file.", valueName: "path"))
    var output: String?

    @Flag(name: .customLong("no-record"), help: "Do not record the attestation in the store.")
    var noRecord = false

    @Flag(name: .customLong("no-trace"), help: "Do not trace writes with strace: only the end state is audited (the sandbox, files modified beside the clips and the engine's files, printed paths).")
    var noTrace = false

    @OptionGroup var storeOptions: StoreOptions

    enum BuiltinEngine: String, ExpressibleByArgument { case builtin }

    func validate() throws {
        guard !clips.isEmpty else { throw ValidationError("--clips needs at least one clip (e.g. --clips sample.mp4)") }
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds (got \(timeout))") }
        guard trackWindow > 0 else { throw ValidationError("--track-window must be more than 0 seconds (got \(trackWindow))") }
        if engine != nil && engineCommand != nil { throw ValidationError("give --engine builtin or --engine-cmd, not both") }
    }

    func run() async throws {
        let loaded = try DeploymentLoader.load(path: deployment)
        let declared = loaded.document.engine
        let baseDirectory = (deployment as NSString).deletingLastPathComponent
        let command: String
        var runsBuiltin = false
        if let engineCommand {
            command = engineCommand
        } else if engine == .builtin || declared?.name == "builtin" && declared?.command == nil {
            command = EngineCommand.builtin()
            runsBuiltin = true
        } else if let declaredCommand = declared?.command {
            command = declaredCommand
        } else {
            throw VerifyCommandError.noEngine(file: loaded.file)
        }
        let manifestPath = manifest ?? declared?.manifest.map { EngineCommand.resolve($0, against: baseDirectory) }
        var request = VerificationRequest(
            // The built-in engine is this binary: attest the version that actually ran, so a model
            // that declares another version is not covered (BIO-007) until it is verified again.
            // A command given with --engine-cmd is named after the declared vendor engine (its
            // digest decides whether it is that engine), never after the built-in one.
            engineName: runsBuiltin ? "builtin" : (declared.map { $0.name == "builtin" ? "command" : $0.name } ?? "command"),
            engineVersion: runsBuiltin ? SilhouetteVersion.string : (declared.map { $0.name == "builtin" ? "unknown" : $0.version } ?? "unknown"),
            commandTemplate: command, clips: clips, manifestPath: manifestPath,
            deploymentID: loaded.document.deployment.id, deploymentFile: loaded.file,
            limits: VerificationLimits(timeoutSeconds: timeout, maxOutputBytes: maxOutput.value, trackWindowSeconds: trackWindow),
            traceWrites: !noTrace)
        request.engineKind = runsBuiltin ? "builtin" : "command"
        request.verifierVersion = SilhouetteVersion.string
        if let k = loaded.document.statistics?.minGroupSize {
            request.minGroupSize = k
            request.minGroupSizeSource = "statistics.min_group_size"
        }
        let attestation = try await Verifier.verify(request)
        let json = attestation.jsonData()
        if let output {
            // Absolute, so that an error names the whole path.
            let path = output.hasPrefix("/") ? output : FileManager.default.currentDirectoryPath + "/" + output
            do { try AtomicFile.write(json + Data("\n".utf8), to: path) } catch { throw InitError.cannotWrite(path, error.reason) }
        }
        var recorded: String?
        if !noRecord {
            let store = try storeOptions.openForWriting(deploymentFile: deployment)
            let stored = try store.record(StoredVerification(deploymentId: loaded.document.deployment.id, engine: attestation.engine.name,
                                                    engineVersion: attestation.engine.version, passed: attestation.passed,
                                                    date: attestation.finishedAt, attestationJSON: json),
                                 actor: StoreLocation.currentActor())
            recorded = "Recorded as \(stored.id) in \(store.path)"
        }
        switch format {
        case .json: print(String(decoding: json, as: UTF8.self))
        case .text:
            print(attestation.text(), terminator: "")
            if let recorded { print(recorded) }
        }
        if !attestation.passed { throw ExitCode(1) }
        if let identity = attestation.engine.identity, identity.kind == "command", declared?.digest != identity.digest, format == .text {
            print("Engine digest: \(identity.digest) (declare it as the engine's `digest:` so that BIO-007 can match this attestation)")
        }
    }
}

enum VerifyCommandError: Error, CustomStringConvertible {
    case noEngine(file: String)

    var description: String {
        switch self {
        case .noEngine(let file):
            return "\(file): no engine to run (hint: add `engine: {name: builtin, version: \"\(SilhouetteVersion.string)\"}` or `engine: {name: …, version: …, command: \"… {clip}\"}`, or pass --engine builtin / --engine-cmd)"
        }
    }
}

/// A byte count with an optional K/M/G (binary) suffix.
struct ByteCount: ExpressibleByArgument {
    var value: Int

    init(value: Int) { self.value = value }

    init?(argument: String) {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var text = argument.uppercased()
        if text.hasSuffix("B") && text.count > 1 && units[text.dropLast().last ?? " "] != nil { text.removeLast() }
        var multiplier = 1
        if let last = text.last, let unit = units[last] { multiplier = unit; text.removeLast() }
        guard let number = Int(text), number > 0 else { return nil }
        value = number * multiplier
    }

    var defaultValueDescription: String { "\(value)" }
}

enum EngineCommand {
    /// `'<this binary>' detect {clip}`: the built-in engine, run like any vendor engine.
    static func builtin() -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        return "'" + executable.replacingOccurrences(of: "'", with: "'\\''") + "' detect {clip}"
    }

    static func resolve(_ path: String, against base: String) -> String {
        path.hasPrefix("/") || base.isEmpty ? path : base + "/" + path
    }
}
