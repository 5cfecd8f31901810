import Foundation
import Testing
@testable import Verification

@Suite("Clean engines pass; broken engines are errors")
struct CleanAndFailingEngineTests {
    @Test(arguments: ["clean-python.py", "clean-bash.sh", "clean-counter.sh"])
    func cleanEnginePassesWithNoFalseAlarm(_ engine: String) async throws {
        let attestation = try await Fixtures.verify(engine, clips: 3, manifest: "clean.yaml")
        #expect(attestation.failedChecks == [], "\(attestation.text())")
        #expect(attestation.verdict == .pass)
        #expect(attestation.checks.map(\.id) == CheckID.allCases)
        #expect(attestation.clips.count == 3)
        #expect(attestation.clips.allSatisfy { $0.sha256.hasPrefix("sha256:") && $0.sha256.count == 71 && $0.exitStatus == "exited 0" })
        #expect(attestation.audit.events > 0)
    }

    @Test func counterEngineLeavesItsLogAsPlainText() async throws {
        let attestation = try await Fixtures.verify("clean-counter.sh", clips: 2)
        #expect(attestation.filesLeft.map(\.path) == ["cwd[clip 1]/engine.log", "cwd[clip 2]/engine.log"])
        #expect(attestation.filesLeft.allSatisfy { $0.kind == "text" })
    }

    @Test func manifestCheckIsSkippedWithoutManifest() async throws {
        let attestation = try await Fixtures.verify("clean-bash.sh", clips: 1)
        #expect(attestation.check(.manifestModels).status == .skipped)
        #expect(attestation.check(.manifestModels).summary == "no engine manifest declared")
        #expect(attestation.verdict == .pass)
    }

    @Test func hangingEngineTimesOut() async throws {
        let limits = VerificationLimits(timeoutSeconds: 1)
        await #expect(throws: VerificationError.self) { _ = try await Fixtures.verify("hang.sh", clips: 1, limits: limits) }
        do {
            _ = try await Fixtures.verify("hang.sh", clips: 1, limits: limits)
        } catch let error as VerificationError {
            guard case .timedOut(let clip, _, let seconds) = error else { Issue.record("\(error)"); return }
            #expect(clip == 1 && seconds == 1)
            #expect(error.description.contains("engine timed out after 1 s on clip 1"))
            #expect(error.description.contains("its process group was killed"))
        }
    }

    @Test func floodingEngineIsKilled() async throws {
        do {
            _ = try await Fixtures.verify("flood.sh", clips: 1, limits: VerificationLimits(timeoutSeconds: 60, maxOutputBytes: 200_000))
            Issue.record("flood was not stopped")
        } catch let error as VerificationError {
            #expect(error == .outputFlood(clip: 1, path: error.clipPath, stream: "stdout", limit: 200_000))
            #expect(error.description.hasPrefix("engine stdout exceeded 200000 bytes on clip 1 ("))
        }
    }

    @Test func crashingEngineReportsStatusAndLastErrorLine() async throws {
        do {
            _ = try await Fixtures.verify("crash.sh", clips: 2)
            Issue.record("crash was not reported")
        } catch let error as VerificationError {
            guard case .engineFailed(let clip, _, let status, let stderr) = error else { Issue.record("\(error)"); return }
            #expect(clip == 1)
            #expect(status == "exited with status 3")
            #expect(stderr == "model file /opt/engine/model.bin is corrupt")
        }
    }

    @Test func missingClipIsAnError() async throws {
        let request = VerificationRequest(engineName: "x", engineVersion: "1", commandTemplate: "true", clips: ["/nonexistent/clip.mp4"])
        await #expect(throws: VerificationError.clipUnreadable(path: "/nonexistent/clip.mp4", reason: "no such file")) {
            _ = try await Verifier.verify(request)
        }
    }

    @Test func attestationRoundTripsThroughJSON() async throws {
        let attestation = try await Fixtures.verify("leak-face-boxes.sh", clips: 1)
        let decoded = try Attestation.decode(attestation.jsonData())
        #expect(decoded.id == attestation.id)
        #expect(decoded.checks.map(\.status) == attestation.checks.map(\.status))
        #expect(decoded.check(.faceBoxes).evidence == attestation.check(.faceBoxes).evidence)
        let json = String(decoding: attestation.jsonData(), as: UTF8.self)
        #expect(json.contains("\"schema\" : \"silhouette/verification-attestation/v1\""))
        #expect(json.contains("\"json_path\" : \"$.class\""))
    }
}

extension VerificationError {
    var clipPath: String {
        if case .outputFlood(_, let path, _, _) = self { return path }
        return ""
    }
}
