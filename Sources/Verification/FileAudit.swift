import Foundation

/// A file the engine left in its sandbox (or wrote and later removed or overwrote), as
/// listed in the attestation.
public struct LeftFile: Codable, Sendable, Hashable {
    /// Where the engine saw it: `cwd[clip 2]/crop.jpg`, `$HOME/.cache/x`, `$TMPDIR/y`.
    public var path: String
    public var bytes: Int
    /// What the content audit identified: `gzip`, `opencv-yaml`, `pickle`, `jpeg`, `json`,
    /// `csv`, `text`, `binary`, `symlink`, `unreadable`.
    public var kind: String
}

/// Audits every file in the sandbox after the runs through the content audit (identify →
/// unpack → parse → detect) and records each finding under its check, with the whole path
/// inside the file. JSON values also get the stdout value audit (keys, labels, blobs).
struct FileAudit {
    /// Files larger than this are reported as opaque beyond their first megabyte.
    static let fullReadLimit = 256 << 20
    static let headBytes = 1 << 20
    /// A sandbox with more entries than this is reported as such and not walked further.
    static let maxFiles = 20_000

    let sandbox: Sandbox
    var budget = ContentBudget()

    init(sandbox: Sandbox, budget: ContentBudget = ContentBudget()) {
        self.sandbox = sandbox
        self.budget = budget
    }

    func audit(into values: inout ValueAudit, notes: inout [String]) -> [LeftFile] {
        var left: [LeftFile] = []
        let root = URL(fileURLWithPath: sandbox.root)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey],
                                                         options: [], errorHandler: { _, _ in true }) else { return [] }
        var seen = 0
        for case let url as URL in walker {
            let resource = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey])
            if resource?.isSymbolicLink == true {
                let shown = sandbox.display(url.path)
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
                left.append(LeftFile(path: shown, bytes: 0, kind: "symlink"))
                if !target.hasPrefix(sandbox.root) && target.hasPrefix("/") {
                    values.book.add(.sandboxEscape, EvidenceLocation(source: "file", file: shown), "symbolic link to \(target), outside the sandbox")
                }
                continue
            }
            guard resource?.isRegularFile == true else { continue }
            seen += 1
            if seen > Self.maxFiles {
                values.book.add(.writtenFiles, EvidenceLocation(source: "file", file: sandbox.display(root.path)),
                                "more than \(Self.maxFiles) files written; the rest were not examined")
                break
            }
            left.append(auditFile(url.path, size: resource?.fileSize ?? 0, into: &values, notes: &notes))
        }
        return left.sorted { $0.path < $1.path }
    }

    /// Reads and audits one file on disk.
    func auditFile(_ path: String, size: Int, into values: inout ValueAudit, notes: inout [String], source: String = "file", clip: Int? = nil) -> LeftFile {
        let shown = sandbox.display(path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            values.book.add(.writtenFiles, EvidenceLocation(source: source, clip: clip, file: shown), "file of \(size) bytes that cannot be read: opaque")
            return LeftFile(path: shown, bytes: size, kind: "unreadable")
        }
        defer { try? handle.close() }
        let full = size <= Self.fullReadLimit
        let bytes = [UInt8]((try? handle.read(upToCount: full ? max(size, 1) : Self.headBytes)) ?? Data())
        if !full {
            values.book.add(.writtenFiles, EvidenceLocation(source: source, clip: clip, file: shown),
                            "file of \(size) bytes, beyond the \(Self.fullReadLimit)-byte audit budget: only its first megabyte was read; treated as opaque")
        }
        return auditContent(bytes, shown: shown, filePath: full ? path : nil, into: &values, notes: &notes, source: source, clip: clip)
    }

    /// Audits bytes that were (or are) a file: the content audit, then the value audit of
    /// any JSON and the encoded-token scan of any text inside it.
    func auditContent(_ bytes: [UInt8], shown: String, filePath: String?, into values: inout ValueAudit, notes: inout [String],
                      source: String = "file", clip: Int? = nil) -> LeftFile {
        var auditor = ContentAuditor(budget: budget)
        let name = (shown as NSString).lastPathComponent
        let report = auditor.audit(bytes, name: name, filePath: filePath)
        let isSQLite = report.format == ContentFormat.sqlite.rawValue
        for finding in report.findings {
            let inner = finding.path.inner
            let location = EvidenceLocation(source: source, clip: clip, file: shown, within: inner.isEmpty ? nil : inner)
            let check: CheckID
            switch finding.kind {
            case .note:
                notes.append("\(shown)\(inner.isEmpty ? "" : " › " + inner): \(finding.detail)")
                continue
            case .signature: check = isSQLite ? .sqliteBlobs : .signatureVectors
            case .embedding: check = isSQLite ? .sqliteBlobs : .embeddingArrays
            case .landmarks: check = isSQLite ? .sqliteBlobs : .landmarkArrays
            case .imageCrop, .opaque, .budget: check = isSQLite ? .sqliteBlobs : .writtenFiles
            case .sqliteColumn: check = .sqliteBlobs
            }
            values.book.add(check, location, finding.detail)
        }
        for (path, value) in report.jsonValues {
            let inner = path.inner
            let line = inner.hasPrefix("line ") ? Int(inner.dropFirst(5)) : (inner.isEmpty ? 1 : nil)
            let within = inner.isEmpty || inner.hasPrefix("line ") ? nil : inner
            values.audit(value, at: EvidenceLocation(source: source, clip: clip, line: line, file: shown, within: within))
        }
        for (path, text) in report.textPayloads {
            scanTokens(text, shown: shown, within: path.inner.isEmpty ? nil : path.inner, source: source, clip: clip, into: &values)
        }
        return LeftFile(path: shown, bytes: bytes.count, kind: report.format)
    }

    /// Plain text: long encoded tokens (base64, hex, number lists) decoding to templates.
    private func scanTokens(_ bytes: [UInt8], shown: String, within: String?, source: String, clip: Int?, into values: inout ValueAudit) {
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.count >= BlobDecoder.minimumEncodedLength else { continue }
            for token in String(decoding: line, as: UTF8.self).split(whereSeparator: { " \t\"',=;".contains($0) })
            where token.utf8.count >= BlobDecoder.minimumEncodedLength {
                if let finding = BlobDecoder.inspect(String(token)) {
                    values.book.add(.encodedBlobs, EvidenceLocation(source: source, clip: clip, line: lineNumber, file: shown, within: within),
                                    "\(finding.encoding.rawValue) token decodes to \(finding.classification.detail)")
                }
            }
        }
    }
}
