import Foundation
@testable import Verification

/// Locates the fixture engines and runs them through the real `Verifier`.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let engines = packageRoot.appendingPathComponent("Tests/Fixtures/engines").path

    static func engine(_ name: String) -> String { engines + "/" + name }

    /// A fresh directory with `count` small "clips" (random bytes: fixture engines do not decode them).
    static func clips(_ count: Int) throws -> (directory: String, paths: [String]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("verify-clips-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        for index in 1...count {
            let path = directory + "/clip-\(index).mp4"
            var bytes = [UInt8](repeating: 0, count: 4096)
            for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        return (directory, paths)
    }

    static func verify(_ engine: String, clips count: Int = 2, manifest: String? = nil,
                       limits: VerificationLimits = VerificationLimits(timeoutSeconds: 60),
                       traceWrites: Bool = true) async throws -> Attestation {
        let (directory, paths) = try clips(count)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var request = VerificationRequest(engineName: engine, engineVersion: "test", commandTemplate: Fixtures.engine(engine) + " {clip}",
                                          clips: paths, manifestPath: manifest.map { Fixtures.engine("manifests/" + $0) },
                                          limits: limits, traceWrites: traceWrites)
        // These clips are random bytes: the coverage floor has its own tests (CoverageTests).
        request.judgeCoverage = false
        return try await Verifier.verify(request)
    }
}

extension Attestation {
    var failedChecks: Set<CheckID> { Set(checks.filter { $0.status == .fail }.map(\.id)) }
    func check(_ id: CheckID) -> CheckResult { checks.first { $0.id == id }! }
}
