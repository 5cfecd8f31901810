import DeploymentModel
import Foundation
import Testing
@testable import SilhouetteCLI
@testable import Verification

/// BIO-007's identity check: an attestation covers the declared engine only when what ran
/// (program, scripts named, digest) is what the model declares. A pass of another command
/// never stands in for it, even under the same name and version.
@Suite("Attestation identity for BIO-007")
struct VerificationIdentityTests {
    static let engines = SilhouetteBinary.root.appendingPathComponent("Tests/Fixtures/engines").path

    static func attest(_ engine: String) async throws -> Attestation {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("identity-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(repeating: 7, count: 512).write(to: URL(fileURLWithPath: directory + "/clip.mp4"))
        var request = VerificationRequest(engineName: "acme", engineVersion: "2", commandTemplate: engines + "/" + engine + " {clip}",
                                          clips: [directory + "/clip.mp4"], traceWrites: false)
        request.judgeCoverage = false
        return try await Verifier.verify(request)
    }

    @Test func onlyTheDeclaredEngineIsCovered() async throws {
        let python = try await Self.attest("clean-python.py")
        let bash = try await Self.attest("clean-bash.sh")
        #expect(python.passed && bash.passed)
        let pythonIdentity = try #require(python.engine.identity)
        let bashIdentity = try #require(bash.engine.identity)
        #expect(pythonIdentity.digest != bashIdentity.digest)
        #expect(pythonIdentity.files.map(\.named) == [], "the script is the program itself here")
        #expect(pythonIdentity.executable?.path.hasSuffix("clean-python.py") == true)
        #expect(pythonIdentity.commandLines.count == 1 && pythonIdentity.commandLines[0].contains("clean-python.py '"))

        let declared = Engine(name: "acme", version: "2", command: python.engine.command, digest: pythonIdentity.digest)
        #expect(VerificationIdentityMatch.matches(attestationJSON: python.jsonData(), declared: declared))
        // Same name and version, another command: not covered.
        #expect(!VerificationIdentityMatch.matches(attestationJSON: bash.jsonData(), declared: declared))
        // The declared digest alone decides even when no command is declared.
        #expect(!VerificationIdentityMatch.matches(attestationJSON: bash.jsonData(),
                                                   declared: Engine(name: "acme", version: "2", digest: pythonIdentity.digest)))
        // No digest declared for a vendor engine: nothing to match, not covered.
        #expect(!VerificationIdentityMatch.matches(attestationJSON: python.jsonData(), declared: Engine(name: "acme", version: "2")))
        // Another version declared: not covered.
        #expect(!VerificationIdentityMatch.matches(attestationJSON: python.jsonData(),
                                                   declared: Engine(name: "acme", version: "3", digest: pythonIdentity.digest)))
        // An attestation written before engine identities existed covers nothing.
        var legacy = try #require(try JSONSerialization.jsonObject(with: python.jsonData()) as? [String: Any])
        var engine = try #require(legacy["engine"] as? [String: Any])
        engine.removeValue(forKey: "identity")
        legacy["engine"] = engine
        #expect(!VerificationIdentityMatch.matches(attestationJSON: try JSONSerialization.data(withJSONObject: legacy), declared: declared))
    }

    @Test func aScriptNamedByTheCommandIsPartOfTheDigest() throws {
        let script = Self.engines + "/clean-python.py"
        let identity = EngineIdentity.resolve(template: "python3 -B \(script) --model=\(Self.engines)/README.md {clip}", commandLines: [],
                                              kind: "command", searchPath: "/usr/bin:/bin", currentDirectory: "/", verifierVersion: "t")
        #expect(identity.executable?.named == "python3")
        #expect(identity.files.map(\.named) == [script, Self.engines + "/README.md"])
        let other = EngineIdentity.resolve(template: "python3 -B \(script) {clip}", commandLines: [],
                                           kind: "command", searchPath: "/usr/bin:/bin", currentDirectory: "/", verifierVersion: "t")
        #expect(identity.digest != other.digest)
    }
}
