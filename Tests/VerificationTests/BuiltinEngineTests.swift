import Foundation
import ProcessTestSupport
import Testing
@testable import Verification

/// The built-in engine (`silhouette detect`) is the third clean engine: it must pass every
/// check on real footage and on a synthetic clip.
@Suite("Built-in engine passes")
struct BuiltinEngineTests {
    static let binary = Fixtures.packageRoot.appendingPathComponent(".build/debug/silhouette").path
    static let vtest = Fixtures.packageRoot.appendingPathComponent("../shared/clips/vtest.avi").standardizedFileURL.path

    static func ffmpeg(_ arguments: [String]) throws {
        let run = try ProcessRunner.run(tool: "ffmpeg", ["-hide_banner", "-loglevel", "error"] + arguments)
        guard run.status == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "needs the debug binary (swift build)"))
    func builtinEnginePassesOnSyntheticAndRealClips() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("verify-builtin-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A 6-second clip with moving shapes (ffmpeg's testsrc2), and the first 8 seconds of
        // vtest.avi (the whole clip takes minutes in a debug build).
        try Self.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10:duration=6", "-pix_fmt", "yuv420p", directory + "/synthetic.mp4"])
        var clips = [directory + "/synthetic.mp4"]
        if FileManager.default.fileExists(atPath: Self.vtest) {
            try Self.ffmpeg(["-i", Self.vtest, "-t", "8", "-c", "copy", directory + "/vtest-8s.avi"])
            clips.append(directory + "/vtest-8s.avi")
        } else {
            print("BuiltinEngineTests: ../shared/clips/vtest.avi absent; verifying on the synthetic clip only")
        }
        var request = VerificationRequest(engineName: "builtin", engineVersion: "1", commandTemplate: "'\(Self.binary)' detect {clip}",
                                          clips: clips, limits: VerificationLimits(timeoutSeconds: 300))
        // Neither clip shows a face: coverage is judged in CoverageTests; here, every other check.
        request.judgeCoverage = false
        let attestation = try await Verifier.verify(request)
        #expect(attestation.failedChecks == [], "\(attestation.text())")
        #expect(attestation.filesLeft == [])
        #expect(attestation.clips.count == clips.count)
        #expect(attestation.audit.events > 0)
    }
}
