import Foundation
import ProcessTestSupport
import Testing

/// `silhouette verify` through the real binary: exit codes, one-line errors, the store record.
@Suite("silhouette verify (end to end)")
struct VerifyCommandTests {
    static let root = SilhouetteBinary.root
    static let engines = root.appendingPathComponent("Tests/Fixtures/engines").path

    typealias Run = SilhouetteBinary.Run

    static func run(_ arguments: [String], in directory: String) throws -> Run {
        try SilhouetteBinary.run(arguments, in: URL(fileURLWithPath: directory))
    }

    /// A directory with a deployment (from `init`), one clip of random bytes and, with
    /// `exercised`, a clip of moving shapes (ffmpeg's testsrc2) whose manifest declares a face —
    /// a declaration made by the test, as a clip's maker would make it.
    static func workspace(exercised: Bool = false) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("verify-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let made = try run(["init", "--template", "retail", "-o", "deployment.yaml"], in: directory)
        #expect(made.status == 0, "\(made.stderr)")
        try Data((0..<2048).map { UInt8($0 % 251) }).write(to: URL(fileURLWithPath: directory + "/clip.mp4"))
        if exercised {
            let clip = directory + "/shapes.mp4"
            let made = try ProcessRunner.run(tool: "ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                                                                "testsrc2=size=320x240:rate=10:duration=4", "-pix_fmt", "yuv420p", clip])
            #expect(made.status == 0, "\(made.stderr)")
            let sha = try ProcessRunner.run(tool: "sha256sum", [clip]).stdout.prefix(64)
            try Data("""
                sha256: "sha256:\(sha)"
                people: 1
                faces: 1
                licence: "made by the test (ffmpeg testsrc2)"
                """.utf8).write(to: URL(fileURLWithPath: clip + ".manifest.yaml"))
        }
        return directory
    }

    @Test func cleanEnginePassesAndIsRecorded() throws {
        let directory = try Self.workspace(exercised: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try Self.run(["verify", "deployment.yaml", "--clips", "shapes.mp4", "--engine-cmd", Self.engines + "/clean-python.py {clip}"], in: directory)
        #expect(result.status == 0, "\(result.stderr)\(result.stdout)")
        #expect(result.stdout.hasPrefix("Verification of engine command unknown: PASS — no biometric data found\n"))
        #expect(result.stdout.contains("[pass] clip-coverage:"))
        #expect(result.stdout.contains("[pass] embedding-arrays: No embedding-shaped numeric array"))
        #expect(result.stdout.contains("Recorded as V-1 in ./.silhouette/store.sqlite"))
        let log = try Self.run(["audit", "log", "--store", ".silhouette/store.sqlite"], in: directory)
        #expect(log.stdout.contains("V-1"), "\(log.stdout)\(log.stderr)")
    }

    @Test func leakExitsOneWithEvidenceInJSON() throws {
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try Self.run(["verify", "deployment.yaml", "--clips", "clip.mp4", "--engine-cmd", Self.engines + "/leak-hex-blob.py {clip}",
                                   "--format", "json", "--no-record", "--output", "attestation.json"], in: directory)
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["verdict"] as? String == "biometric-data-found")
        let checks = try #require(json["checks"] as? [[String: Any]])
        let blobs = try #require(checks.first { $0["id"] as? String == "encoded-blobs" })
        #expect(blobs["status"] as? String == "fail")
        let evidence = try #require((blobs["evidence"] as? [[String: Any]])?.first)
        let location = try #require(evidence["location"] as? [String: Any])
        #expect(location["line"] as? Int == 6)
        #expect(location["json_path"] as? String == "$.sig")
        let written = try Data(contentsOf: URL(fileURLWithPath: directory + "/attestation.json"))
        #expect(String(decoding: written, as: UTF8.self) == result.stdout)
        #expect(!FileManager.default.fileExists(atPath: directory + "/.silhouette"))
    }

    @Test func crashingEngineIsAOneLineErrorWithExitTwo() throws {
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try Self.run(["verify", "deployment.yaml", "--clips", "clip.mp4", "--engine-cmd", Self.engines + "/crash.sh {clip}", "--no-record"], in: directory)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("error: engine exited with status 3 on clip 1 ("))
        #expect(result.stderr.hasSuffix("its last error line: model file /opt/engine/model.bin is corrupt (hint: run the engine by hand on that clip)\n"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func hangingEngineTimesOutWithExitTwo() throws {
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try Self.run(["verify", "deployment.yaml", "--clips", "clip.mp4", "--engine-cmd", Self.engines + "/hang.sh {clip}",
                                   "--timeout", "1", "--no-record"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr == "error: engine timed out after 1 s on clip 1 (\(directory)/clip.mp4); its process group was killed (hint: raise --timeout if the clip is long)\n")
    }

    @Test func floodIsStoppedAtMaxOutput() throws {
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try Self.run(["verify", "deployment.yaml", "--clips", "clip.mp4", "--engine-cmd", Self.engines + "/flood.sh {clip}",
                                   "--max-output", "64K", "--no-record"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr == "error: engine stdout exceeded 65536 bytes on clip 1 (\(directory)/clip.mp4); the engine was killed (hint: raise --max-output if the clip is long)\n")
    }

    @Test func missingClipAndBadOptionsExitTwo() throws {
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let missing = try Self.run(["verify", "deployment.yaml", "--clips", "nope.mp4", "--engine-cmd", "true", "--no-record"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: cannot read clip nope.mp4: no such file (hint: pass existing video files to --clips)\n")
        let both = try Self.run(["verify", "deployment.yaml", "--clips", "clip.mp4", "--engine", "builtin", "--engine-cmd", "true"], in: directory)
        #expect(both.status == 2)
        #expect(both.stderr.contains("give --engine builtin or --engine-cmd, not both"))
    }
}

extension VerifyCommandTests {
    /// Random bytes with no manifest: the run cannot count, whatever the engine does.
    @Test func clipsWithoutManifestOrFacesAreNotExercised() throws {
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try Self.run(["verify", "deployment.yaml", "--clips", "clip.mp4", "--no-record", "--engine-cmd", Self.engines + "/clean-python.py {clip}"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("Verification of engine command unknown: FAIL — not exercised (the clips could not have revealed a leak)\n"))
        #expect(result.stdout.contains("clip 1 clip.mp4: no manifest (clip.mp4.manifest.yaml) says what this clip shows"))
        #expect(result.stdout.contains("no clip shows a face (manifests declare 0)"))
    }

    @Test func helpListsTheRules() throws {
        let result = try SilhouetteBinary.run(["verify", "--help"], in: URL(fileURLWithPath: NSTemporaryDirectory()))
        for rule in ["contract-fields", "signature-vectors", "landmark-arrays", "written-files", "sqlite-blobs", "sandbox-escape", "clip-coverage", "published-counts"] {
            #expect(result.stdout.contains(rule), "\(rule)")
        }
    }

    @Test func noTraceSaysOnlyTheEndStateWasAudited() throws {
        let directory = try Self.workspace(exercised: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try Self.run(["verify", "deployment.yaml", "--clips", "shapes.mp4", "--no-record", "--no-trace", "--engine-cmd", Self.engines + "/clean-python.py {clip}"], in: directory)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("Files audited: only the end state (writes not traced: --no-trace was given)"))
        #expect(!result.stdout.contains("strace unavailable"))
    }

    @Test func piaStatesWhatTheRecordedVerificationTested() throws {
        let directory = try Self.workspace(exercised: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let verified = try Self.run(["verify", "deployment.yaml", "--clips", "shapes.mp4", "--store", "s.sqlite", "--no-trace",
                                     "--engine-cmd", Self.engines + "/clean-python.py {clip}"], in: directory)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        for lang in ["en", "fr"] {
            let report = try Self.run(["report", "pia", "deployment.yaml", "--store", "s.sqlite", "--lang", lang, "--format", "md", "-o", "out-" + lang], in: directory)
            #expect(report.status == 0, "\(report.stderr)")
            let markdown = try String(contentsOfFile: directory + "/out-\(lang)/pia.md", encoding: .utf8)
                .replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
            let expected = lang == "en"
                ? ["| Writes of the engine | not traced (the --no-trace option was given): only the end state was audited |",
                   "| Time limit | not reached |", "| shapes.mp4 | 4\\.0 s | ", " | 1 | 1 | ", "- No engine manifest was declared"]
                : ["| Écritures du moteur | non tracées (l'option --no-trace a été donnée) : seul l'état final a été examiné |",
                   "| Délai maximal | non atteint |", "| shapes.mp4 | 4,0 s | ", "- Aucun manifeste du moteur n'a été déclaré"]
            for text in expected { #expect(markdown.contains(text), "\(lang): \(text)") }
            #expect(!markdown.contains("FAILED") && !markdown.contains("ÉCHEC"), "a passing attestation reads as passed")
        }
    }
}
