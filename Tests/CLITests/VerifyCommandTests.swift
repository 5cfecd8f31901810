import Foundation
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

    /// A directory with a deployment (from `init`) and one clip.
    static func workspace() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("verify-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let made = try run(["init", "--template", "retail", "-o", "deployment.yaml"], in: directory)
        #expect(made.status == 0, "\(made.stderr)")
        try Data((0..<2048).map { UInt8($0 % 251) }).write(to: URL(fileURLWithPath: directory + "/clip.mp4"))
        return directory
    }

    @Test func cleanEnginePassesAndIsRecorded() throws {
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try Self.run(["verify", "deployment.yaml", "--clips", "clip.mp4", "--engine-cmd", Self.engines + "/clean-python.py {clip}"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Verification of engine builtin 0.1.0: PASS — no biometric leak found\n"))
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
        #expect(json["verdict"] as? String == "fail")
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
