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
        /// What actually ran (command lines, digests, libraries, verifier version).
        public var identity: EngineIdentity?
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
        /// Bytes of written files (and traced versions) audited, and the time it took.
        public var fileBytes: Int = 0
        public var fileAuditSeconds: Double = 0
        /// Distinct track ids in the engine's events, summed over clips.
        public var tracks: Int?
    }

    /// One verdict per kind of failure; only `pass` exits 0 and satisfies BIO-007.
    public enum Verdict: String, Codable, Sendable {
        case pass
        /// Biometric data (or data outside the engine contract) was found: evidence attached.
        case biometricDataFound = "biometric-data-found"
        /// The engine wrote outside its sandbox; what it wrote is not biometric (content shown).
        case sandboxViolation = "sandbox-violation"
        /// The clips could not have revealed a leak (no faces, no people confirmed, no manifest).
        case notExercised = "not-exercised"

        public init(from decoder: Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            // Attestations recorded before verification v2 said "fail" for any failure.
            self = text == "fail" ? .biometricDataFound : Verdict(rawValue: text) ?? .biometricDataFound
        }

        public var headline: String {
            switch self {
            case .pass: return "PASS — no biometric data found"
            case .biometricDataFound: return "FAIL — biometric data found"
            case .sandboxViolation: return "FAIL — sandbox violation (written outside the sandbox; content not biometric)"
            case .notExercised: return "FAIL — not exercised (the clips could not have revealed a leak)"
            }
        }
    }

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
    /// What the file audit covered: every write during the run, or only the end state and why.
    public var fileAuditScope: String = ""
    /// Why writes were not traced, as a code for documents: `option` (--no-trace),
    /// `not-installed`, `not-permitted`, `not-started`; nil when they were traced.
    public var untracedBecause: String?
    /// True when an engine run hit the time limit (what it wrote until then was audited).
    public var timeLimitHit: Bool?
    /// Harmless writes recognised by content (semaphores, bytecode) and other remarks.
    public var notes: [String] = []
    /// Runs that did not end normally (crash, timeout, flood); what they wrote was audited.
    public var engineFailures: [String] = []
    /// What this verification did not test, in plain words (for the PIA).
    public var notTested: [String] = []
    /// Per clip (in order): its manifest and the people silhouette's detector confirmed.
    public var coverage: [ClipCoverage] = []
    /// Published-count figures (cells, cells below k, short windows).
    public var disclosure: DisclosureSummary?
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
        lines.append("Verification of engine \(engine.name) \(engine.version): \(verdict.headline)")
        if let deploymentID { lines.append("Deployment: \(deploymentID)") }
        lines.append("Attestation: \(id)")
        for (index, clip) in clips.enumerated() {
            lines.append("Clip \(index + 1): \(clip.path) \(clip.sha256) (\(clip.stdoutBytes) bytes of output, \(format(clip.seconds, digits: 2)) s)")
        }
        if let identity = engine.identity {
            lines.append("Engine identity: \(identity.digest) (\(identity.kind)\(identity.executable.map { "; program \($0.path) \($0.sha256)" } ?? ""))")
            for file in identity.files { lines.append("  file \(file.named): \(file.sha256) (\(file.bytes) bytes)") }
            if !identity.libraries.isEmpty {
                lines.append("  libraries reported: " + identity.libraries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
            if let first = identity.commandLines.first { lines.append("  command: \(first)\(identity.commandLines.count > 1 ? " (and per clip)" : "")") }
            lines.append("  verifier: silhouette \(identity.verifierVersion)")
        }
        lines.append("Files audited: \(fileAuditScope)")
        for failure in engineFailures { lines.append("Engine failure: \(failure)") }
        lines.append("")
        for check in checks {
            let mark: String
            switch check.status {
            case .pass: mark = "pass"
            case .fail: mark = "FAIL"
            case .skipped: mark = "skip"
            case .warn: mark = "WARN"
            }
            lines.append("[\(mark)] \(check.id.rawValue): \(check.title) — \(check.summary)")
            for evidence in check.evidence {
                lines.append("       \(evidence.location): \(evidence.detail)")
            }
            if check.evidenceCount > check.evidence.count {
                lines.append("       … and \(check.evidenceCount - check.evidence.count) more")
            }
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes:")
            for note in notes { lines.append("  \(note)") }
        }
        if !notTested.isEmpty {
            lines.append("")
            lines.append("Not tested:")
            for item in notTested { lines.append("  \(item)") }
        }
        if !filesLeft.isEmpty {
            lines.append("")
            lines.append("Files left by the engine:")
            for file in filesLeft { lines.append("  \(file.path) (\(file.bytes) bytes, \(file.kind))") }
        }
        lines.append("")
        lines.append("Audited \(audit.stdoutBytes) bytes, \(audit.events) events in \(format(audit.auditSeconds, digits: 3)) s (\(format(audit.megabytesPerSecond, digits: 1)) MB/s)")
        lines.append("Audited \(audit.fileBytes) bytes of written files in \(format(audit.fileAuditSeconds, digits: 3)) s")
        return lines.joined(separator: "\n") + "\n"
    }
}
