/// The audits `silhouette verify` runs. Raw values are stable identifiers used in the
/// attestation JSON, in tests and by the PIA report; never rename one.
public enum CheckID: String, Codable, Sendable, CaseIterable, Comparable {
    /// Every stdout line is a JSON object with only the contract's keys and types.
    case contractFields = "contract-fields"
    /// No key, at any depth, names biometric data (embedding, descriptor, landmarks, face…).
    case biometricKeys = "biometric-keys"
    /// No numeric array is shaped like an embedding (64–2048 floats).
    case embeddingArrays = "embedding-arrays"
    /// No numeric vector of one fixed length (16…100,000 values) repeated per person, however
    /// sparse (embeddings, LBP/HOG/colour histograms), in any format or container.
    case signatureVectors = "signature-vectors"
    /// No string decodes (base64, hex, numeric list) to a float array, image, npy, pickle or database.
    case encodedBlobs = "encoded-blobs"
    /// No nested array of points shaped like landmarks (≥ 5 points of 2–3 coordinates).
    case landmarkArrays = "landmark-arrays"
    /// No box is labelled as a face.
    case faceBoxes = "face-boxes"
    /// Track ids neither reappear across clips nor live longer than the allowed window.
    case trackLifetime = "track-lifetime"
    /// No file the engine wrote holds an image crop or data that cannot be opened (opaque).
    case writtenFiles = "written-files"
    /// No SQLite table holds a template: BLOB values or per-track vector columns.
    case sqliteBlobs = "sqlite-blobs"
    /// The engine wrote nothing outside its sandbox.
    case sandboxEscape = "sandbox-escape"
    /// The engine manifest declares no face or re-identification model.
    case manifestModels = "manifest-models"
    /// The clips could have revealed a leak: each has a manifest matching its SHA-256, one
    /// at least shows a face, and silhouette's own detector confirms the declared people.
    case clipCoverage = "clip-coverage"
    /// Published counts (`count` events) reach the deployment's minimum group size, in
    /// windows of at least a minute. A warning: it does not change the verdict.
    case publishedCounts = "published-counts"

    public var title: String {
        switch self {
        case .contractFields: return "Output keeps to the engine contract"
        case .biometricKeys: return "No key names biometric data"
        case .embeddingArrays: return "No embedding-shaped numeric array"
        case .signatureVectors: return "No per-person signature vectors"
        case .encodedBlobs: return "No encoded float array, image or binary blob"
        case .landmarkArrays: return "No landmark-shaped point arrays"
        case .faceBoxes: return "No face boxes"
        case .trackLifetime: return "Track ids are short-lived and per clip"
        case .writtenFiles: return "No image crop or opaque data written"
        case .sqliteBlobs: return "No SQLite table holding templates"
        case .sandboxEscape: return "Nothing written outside the sandbox"
        case .manifestModels: return "Manifest declares no face or re-identification model"
        case .clipCoverage: return "Clips could reveal a leak (manifests, faces, people confirmed)"
        case .publishedCounts: return "Published counts reach the minimum group size"
        }
    }

    /// Which verdict a failure of this check leads to.
    public var category: CheckCategory {
        switch self {
        case .sandboxEscape: return .sandbox
        case .clipCoverage: return .coverage
        case .publishedCounts: return .disclosure
        default: return .biometric
        }
    }

    public static func < (lhs: CheckID, rhs: CheckID) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Checks fall in three families, each with its own failing verdict.
public enum CheckCategory: String, Codable, Sendable {
    /// Biometric data (or data outside the contract) left the engine.
    case biometric
    /// The engine wrote outside its sandbox (content not biometric).
    case sandbox
    /// The clips could not have revealed a leak.
    case coverage
    /// Published counts could single a person out: a warning beside the verdict.
    case disclosure
}

public enum CheckStatus: String, Codable, Sendable {
    case pass, fail
    /// The check had nothing to examine (e.g. no manifest declared); does not fail the verdict.
    case skipped
    /// Found something to act on that is not a failure (published-counts).
    case warn
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
    /// Where inside the file, through containers: `zlib › pickle › ndarray[6×128] f8`.
    public var within: String?

    public init(source: String, clip: Int? = nil, line: Int? = nil, jsonPath: String? = nil, file: String? = nil, offset: Int? = nil,
                within: String? = nil) {
        self.source = source; self.clip = clip; self.line = line; self.jsonPath = jsonPath; self.file = file; self.offset = offset
        self.within = within
    }

    public var description: String {
        var parts: [String] = []
        if let clip { parts.append("clip \(clip)") }
        if let file { parts.append(within.map { file + " › " + $0 } ?? file) } else { parts.append(source) }
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
        let status: CheckStatus = count > 0 ? (id.category == .disclosure ? .warn : .fail) : (skipped ? .skipped : .pass)
        let summary: String
        switch status {
        case .fail, .warn: summary = "\(count) finding\(count == 1 ? "" : "s") in \(examined)"
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

    /// Findings of every check in the biometric family.
    var biometricCount: Int { logs.filter { $0.key.category == .biometric }.reduce(0) { $0 + $1.value.count } }
}
