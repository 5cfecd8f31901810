import Foundation

/// The signed-off record of one verification: which engine, on which clips (by SHA-256),
/// every check with its evidence, and the verdict. Stored in the store and cited by the
/// PIA report ("biometric-free assurance").
public struct Attestation: Codable, Sendable {
    public static let schema = "silhouette/verification-attestation/v1"

    public struct EngineInfo: Codable, Sendable {
        public var name: String
        public var version: String
        /// The command template run per clip (`{clip}` stands for the clip path).
        public var command: String
        public var manifest: String?
    }

    public struct ClipInfo: Codable, Sendable {
        public var path: String
        /// "sha256:<hex>" of the clip file.
        public var sha256: String
        public var bytes: Int
        public var exitStatus: String
        public var seconds: Double
        public var stdoutBytes: Int
    }

    public struct AuditFigures: Codable, Sendable {
        public var stdoutBytes: Int
        public var stdoutLines: Int
        public var events: Int
        /// Time spent parsing and auditing output (not waiting for the engine).
        public var auditSeconds: Double
        /// stdoutBytes / auditSeconds, in MB (10^6 bytes) per second.
        public var megabytesPerSecond: Double
    }

    public enum Verdict: String, Codable, Sendable { case pass, fail }

    public var schema: String = Attestation.schema
    /// "sha256:<hex>" over engine, clip hashes and start time: stable name for citations.
    public var id: String
    public var deploymentID: String?
    public var deploymentFile: String?
    public var engine: EngineInfo
    public var clips: [ClipInfo]
    public var limits: Limits
    /// True when every file write was traced (strace); false when only printed paths were followed.
    public var writesTraced: Bool
    public var checks: [CheckResult]
    public var filesLeft: [LeftFile]
    public var audit: AuditFigures
    public var verdict: Verdict
    public var startedAt: Date
    public var finishedAt: Date
    public var tool: String

    public struct Limits: Codable, Sendable {
        public var timeoutSeconds: Double
        public var maxOutputBytes: Int
        public var trackWindowSeconds: Double
    }

    public var passed: Bool { verdict == .pass }

    /// Pretty, key-sorted JSON with ISO 8601 dates.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Encoding plain value types cannot fail.
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    public static func decode(_ data: Data) throws -> Attestation {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Attestation.self, from: data)
    }

    /// The human report: verdict first, then each check, evidence indented under failures.
    public func text() -> String {
        var lines: [String] = []
        let verdictWord = passed ? "PASS — no biometric leak found" : "FAIL — biometric leak found"
        lines.append("Verification of engine \(engine.name) \(engine.version): \(verdictWord)")
        if let deploymentID { lines.append("Deployment: \(deploymentID)") }
        lines.append("Attestation: \(id)")
        for (index, clip) in clips.enumerated() {
            lines.append("Clip \(index + 1): \(clip.path) \(clip.sha256) (\(clip.stdoutBytes) bytes of output, \(format(clip.seconds, digits: 2)) s)")
        }
        if !writesTraced { lines.append("Note: file writes were not traced (strace unavailable); outside writes are detected from printed paths only.") }
        lines.append("")
        for check in checks {
            let mark: String
            switch check.status {
            case .pass: mark = "pass"
            case .fail: mark = "FAIL"
            case .skipped: mark = "skip"
            }
            lines.append("[\(mark)] \(check.id.rawValue): \(check.title) — \(check.summary)")
            for evidence in check.evidence {
                lines.append("       \(evidence.location): \(evidence.detail)")
            }
            if check.evidenceCount > check.evidence.count {
                lines.append("       … and \(check.evidenceCount - check.evidence.count) more")
            }
        }
        if !filesLeft.isEmpty {
            lines.append("")
            lines.append("Files left by the engine:")
            for file in filesLeft { lines.append("  \(file.path) (\(file.bytes) bytes, \(file.kind))") }
        }
        lines.append("")
        lines.append("Audited \(audit.stdoutBytes) bytes, \(audit.events) events in \(format(audit.auditSeconds, digits: 3)) s (\(format(audit.megabytesPerSecond, digits: 1)) MB/s)")
        return lines.joined(separator: "\n") + "\n"
    }
}
