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
        killed when a limit is hit. Every stdout line must be a contract event (t, camera, type, \
        class, bbox, track, zone, direction, count). Then silhouette audits:
          contract-fields   keys or types outside the engine contract, non-JSON lines
          biometric-keys    keys naming biometric data at any depth (embedding, faceVec, re_id…)
          embedding-arrays  arrays of 64–2048 floats, unit-norm or float-distributed
          encoded-blobs     base64/hex/number-list strings decoding to floats, images, npy…
          landmark-arrays   5 or more nested [x, y(, z)] points
          face-boxes        boxes labelled as faces
          track-lifetime    track ids alive longer than --track-window, or shared across clips
          written-files     images, npy/npz, pickle, SQLite, HDF5, raw floats left anywhere the
                            engine could write (by magic bytes, not by name); JSON files left
                            are audited like stdout
          sqlite-blobs      SQLite files holding BLOB values
          sandbox-escape    files written outside the sandbox (traced with strace when
                            available; otherwise paths the engine printed)
          manifest-models   the engine manifest declares a face or re-identification model

        The engine is the deployment's `engine` entry (`name: builtin`, or `command:` with \
        `{clip}` where the clip path goes), or --engine builtin, or --engine-cmd. The \
        attestation (engine, version, clip SHA-256s, checks with evidence, verdict) is recorded \
        in the store (rule BIO-007 and the PIA report read it) unless --no-record.

        Exit codes: 0 every check passed; 1 a leak was found; 2 error (engine crashed, exited \
        non-zero, timed out or flooded its output; unreadable clip or deployment).

        Examples:
          silhouette verify deployment.yaml --clips clips-cache/vtest.avi --engine builtin
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

    @Flag(name: .customLong("no-trace"), help: "Do not trace file writes with strace (only printed paths are followed).")
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
        let request = VerificationRequest(
            // The built-in engine is this binary: attest the version that actually ran, so a model
            // that declares another version is not covered (BIO-007) until it is verified again.
            engineName: runsBuiltin ? "builtin" : declared?.name ?? "unnamed",
            engineVersion: runsBuiltin ? SilhouetteVersion.string : declared?.version ?? "unknown",
            commandTemplate: command, clips: clips, manifestPath: manifestPath,
            deploymentID: loaded.document.deployment.id, deploymentFile: loaded.file,
            limits: VerificationLimits(timeoutSeconds: timeout, maxOutputBytes: maxOutput.value, trackWindowSeconds: trackWindow),
            traceWrites: !noTrace)
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
