/// The audits `silhouette verify` runs. Raw values are stable identifiers used in the
/// attestation JSON, in tests and by the PIA report; never rename one.
public enum CheckID: String, Codable, Sendable, CaseIterable, Comparable {
    /// Every stdout line is a JSON object with only the contract's keys and types.
    case contractFields = "contract-fields"
    /// No key, at any depth, names biometric data (embedding, descriptor, landmarks, face…).
    case biometricKeys = "biometric-keys"
    /// No numeric array is shaped like an embedding (64–2048 floats).
    case embeddingArrays = "embedding-arrays"
    /// No string decodes (base64, hex, numeric list) to a float array, image, npy, pickle or database.
    case encodedBlobs = "encoded-blobs"
    /// No nested array of points shaped like landmarks (≥ 5 points of 2–3 coordinates).
    case landmarkArrays = "landmark-arrays"
    /// No box is labelled as a face.
    case faceBoxes = "face-boxes"
    /// Track ids neither reappear across clips nor live longer than the allowed window.
    case trackLifetime = "track-lifetime"
    /// No image, numpy, pickle, SQLite, HDF5 or raw float file left where the engine could write.
    case writtenFiles = "written-files"
    /// No SQLite file left by the engine holds BLOB values.
    case sqliteBlobs = "sqlite-blobs"
    /// The engine wrote nothing outside its sandbox.
    case sandboxEscape = "sandbox-escape"
    /// The engine manifest declares no face or re-identification model.
    case manifestModels = "manifest-models"

    public var title: String {
        switch self {
        case .contractFields: return "Output keeps to the engine contract"
        case .biometricKeys: return "No key names biometric data"
        case .embeddingArrays: return "No embedding-shaped numeric array"
        case .encodedBlobs: return "No encoded float array, image or binary blob"
        case .landmarkArrays: return "No landmark-shaped point arrays"
        case .faceBoxes: return "No face boxes"
        case .trackLifetime: return "Track ids are short-lived and per clip"
        case .writtenFiles: return "No image, array or database file written"
        case .sqliteBlobs: return "No SQLite database holding blobs"
        case .sandboxEscape: return "Nothing written outside the sandbox"
        case .manifestModels: return "Manifest declares no face or re-identification model"
        }
    }

    public static func < (lhs: CheckID, rhs: CheckID) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public enum CheckStatus: String, Codable, Sendable {
    case pass, fail
    /// The check had nothing to examine (e.g. no manifest declared); does not fail the verdict.
    case skipped
}

/// Where a piece of evidence was found. Exactly the fields that apply are set.
public struct EvidenceLocation: Codable, Sendable, Hashable, CustomStringConvertible {
    /// `stdout`, `stderr`, `file` or `manifest`.
    public var source: String
    /// 1-based index of the clip in the order given, when the evidence belongs to one clip run.
    public var clip: Int?
    /// 1-based line number in stdout/stderr or in a text file.
    public var line: Int?
    /// JSONPath-like path inside the JSON value: `$.meta.vec[3]`.
    public var jsonPath: String?
    /// A file path (written file, manifest).
    public var file: String?
    /// Byte offset inside `file`.
    public var offset: Int?

    public init(source: String, clip: Int? = nil, line: Int? = nil, jsonPath: String? = nil, file: String? = nil, offset: Int? = nil) {
        self.source = source; self.clip = clip; self.line = line; self.jsonPath = jsonPath; self.file = file; self.offset = offset
    }

    public var description: String {
        var parts: [String] = []
        if let clip { parts.append("clip \(clip)") }
        if let file { parts.append(file) } else { parts.append(source) }
        if let line { parts.append("line \(line)") }
        if let offset { parts.append("offset \(offset)") }
        var text = parts.joined(separator: " ")
        if let jsonPath { text += " \(jsonPath)" }
        return text
    }
}

public struct Evidence: Codable, Sendable, Hashable {
    public var location: EvidenceLocation
    public var detail: String

    public init(location: EvidenceLocation, detail: String) {
        self.location = location
        self.detail = detail
    }
}

public struct CheckResult: Codable, Sendable {
    public var id: CheckID
    public var title: String
    public var status: CheckStatus
    /// One sentence: what was examined and what was found.
    public var summary: String
    /// Total findings; `evidence` keeps the first `Verifier.evidenceLimit` of them.
    public var evidenceCount: Int
    public var evidence: [Evidence]
}

/// Collects evidence for one check with a cap, so a leak on every one of a million lines
/// costs bounded memory while the count stays exact.
struct EvidenceLog {
    static let limit = 20
    private(set) var items: [Evidence] = []
    private(set) var count = 0

    mutating func add(_ location: EvidenceLocation, _ detail: @autoclosure () -> String) {
        count += 1
        if items.count < Self.limit { items.append(Evidence(location: location, detail: detail())) }
    }

    func result(_ id: CheckID, examined: String, skipped: Bool = false) -> CheckResult {
        let status: CheckStatus = count > 0 ? .fail : (skipped ? .skipped : .pass)
        let summary: String
        switch status {
        case .fail: summary = "\(count) finding\(count == 1 ? "" : "s") in \(examined)"
        case .pass: summary = "nothing found in \(examined)"
        case .skipped: summary = examined
        }
        return CheckResult(id: id, title: id.title, status: status, summary: summary, evidenceCount: count, evidence: items)
    }
}

/// All evidence logs of one verification, keyed by check.
struct EvidenceBook {
    private var logs: [CheckID: EvidenceLog] = [:]

    mutating func add(_ check: CheckID, _ location: EvidenceLocation, _ detail: @autoclosure () -> String) {
        logs[check, default: EvidenceLog()].add(location, detail())
    }

    func log(_ check: CheckID) -> EvidenceLog { logs[check] ?? EvidenceLog() }

    func count(_ check: CheckID) -> Int { logs[check]?.count ?? 0 }
}
