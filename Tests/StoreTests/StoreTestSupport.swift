import Foundation
import ProcessTestSupport
import Store
import XCTest

/// Helpers shared by the store tests: temp directories, running the real binary, poking at
/// the SQLite file behind the store's back with the `sqlite3` shell.
enum StoreTestSupport {
    static let packageRoot = ProcessRunner.packageRoot
    static let binary = ProcessRunner.silhouette.path

    static func requireBinary() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw XCTSkip("silhouette binary not built at \(binary) (run `swift build --build-tests` first)")
        }
        return binary
    }

    static func sqlite3() throws -> String {
        for path in ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"] where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        throw XCTSkip("sqlite3 shell not installed (scripts/install-deps installs it)")
    }

    static func tempDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("silhouette-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    typealias Output = ProcessRunner.Run

    /// Runs the real binary to completion.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Output {
        try ProcessRunner.run(URL(fileURLWithPath: try requireBinary()), arguments, in: directory,
                              environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
    }

    /// Starts the real binary with piped output (caller waits).
    static func start(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try requireBinary())
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }

    /// Runs SQL on the file directly, as an attacker with write access would.
    static func sql(_ path: String, _ statements: String) throws {
        let run = try ProcessRunner.run(URL(fileURLWithPath: try sqlite3()), [path, statements])
        XCTAssertEqual(run.status, 0, "sqlite3 failed: \(run.stderr)")
    }

    static func sha256(_ path: String) throws -> String {
        StoreHashing.sha256Hex(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A store holding one record of every kind (entries #1…#6).
    static func populatedStore(at path: String) throws -> SilhouetteStore {
        let store = try SilhouetteStore.open(at: path, access: .readWrite(createDirectory: false))
        let date = Date(timeIntervalSince1970: 1_790_000_000)
        let s = try store.submit(EthicsSubmission(featureKind: "face-detection", rationale: "blur", deployments: ["massy"],
                                                  submittedAt: date, submittedBy: "dpo"), actor: "dpo")
        try store.record(EthicsOpinion(submissionId: s.id, decision: .unfavourable, members: ["A. Martin", "B. Okafor"],
                                       rationale: "biometric", issuedAt: date), actor: "committee")
        try store.record(StoredAssessment(deploymentId: "massy", deploymentName: "Massy", modelHash: "sha256:aa",
                                          rulesVersion: "sha256:rr", verdict: "vetoed", assessedAt: date,
                                          findingsJSON: Data("[]".utf8), modelJSON: Data("{}".utf8),
                                          counts: FindingCounts(critical: 1)), actor: "dpo")
        try store.record(StoredVerification(deploymentId: "massy", engine: "builtin", engineVersion: "1", passed: true,
                                            date: date, attestationJSON: Data("{}".utf8)), actor: "dpo")
        try store.record(SignOff(deploymentId: "massy", modelHash: "sha256:aa", role: .dpo, name: "C. Durand",
                                 opinion: "favourable", date: date), actor: "dpo")
        try store.submit(EthicsSubmission(feature: "wrong-way", rationale: "alerts", submittedAt: date, submittedBy: "dpo"),
                         actor: "dpo")
        return store
    }
}
