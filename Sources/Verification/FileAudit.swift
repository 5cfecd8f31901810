import Foundation
import GRDB

/// A file the engine left in its sandbox, as listed in the attestation.
public struct LeftFile: Codable, Sendable, Hashable {
    /// Where the engine saw it: `cwd[clip 2]/crop.jpg`, `$HOME/.cache/x`, `$TMPDIR/y`.
    public var path: String
    public var bytes: Int
    /// `BinaryKind` raw value, `json`, `text` or `unknown`.
    public var kind: String
}

/// Audits every file in the sandbox after the runs: formats by magic bytes (never by
/// extension), SQLite contents, and JSON text re-audited like stdout.
struct FileAudit {
    /// Files larger than this are classified from their first megabyte only.
    static let fullReadLimit = 64 << 20
    static let headBytes = 1 << 20
    /// A sandbox with more entries than this is reported as such and not walked further.
    static let maxFiles = 20_000

    let sandbox: Sandbox

    func audit(into values: inout ValueAudit) -> [LeftFile] {
        var left: [LeftFile] = []
        let root = URL(fileURLWithPath: sandbox.root)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey],
                                                         options: [], errorHandler: { _, _ in true }) else { return [] }
        var seen = 0
        for case let url as URL in walker {
            let values_ = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey])
            if values_?.isSymbolicLink == true {
                let shown = sandbox.display(url.path)
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
                left.append(LeftFile(path: shown, bytes: 0, kind: "symlink"))
                if !target.hasPrefix(sandbox.root) && target.hasPrefix("/") {
                    values.book.add(.sandboxEscape, EvidenceLocation(source: "file", file: shown), "symbolic link to \(target), outside the sandbox")
                }
                continue
            }
            guard values_?.isRegularFile == true else { continue }
            seen += 1
            if seen > Self.maxFiles {
                values.book.add(.writtenFiles, EvidenceLocation(source: "file", file: sandbox.display(root.path)),
                                "more than \(Self.maxFiles) files written; the rest were not examined")
                break
            }
            left.append(auditFile(url.path, size: values_?.fileSize ?? 0, into: &values))
        }
        return left.sorted { $0.path < $1.path }
    }

    /// Classifies one file and records evidence; used for sandbox files and for files the
    /// engine wrote outside it.
    func auditFile(_ path: String, size: Int, into values: inout ValueAudit, check: CheckID = .writtenFiles) -> LeftFile {
        let shown = sandbox.display(path)
        let location = EvidenceLocation(source: "file", file: shown, offset: 0)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return LeftFile(path: shown, bytes: size, kind: "unreadable")
        }
        defer { try? handle.close() }
        let full = size <= Self.fullReadLimit
        var bytes = [UInt8]((try? handle.read(upToCount: full ? max(size, 1) : Self.headBytes)) ?? Data())
        if !full, size > 0, (try? handle.seek(toOffset: UInt64(size - 1))) != nil, let last = try? handle.read(upToCount: 1) {
            // Pickles end with STOP ('.'): keep the real last byte for the magic test.
            bytes.append(contentsOf: last)
        }
        if let kind = BinaryClassifier.magicKind(bytes) {
            values.book.add(check, location, "\(kind.label) (\(size) bytes, magic \(BinaryClassifier.hexPrefix(bytes)))")
            if kind == .sqlite { SQLiteCensus.audit(path: path, shown: shown, into: &values.book) }
            return LeftFile(path: shown, bytes: size, kind: kind.rawValue)
        }
        if let floats = BinaryClassifier.floatArrayDescription(full ? bytes : Array(bytes.prefix(Self.headBytes))) {
            values.book.add(check, location, floats.detail + " (\(size) bytes)")
            return LeftFile(path: shown, bytes: size, kind: floats.kind.rawValue)
        }
        if full, let kind = auditText(bytes, shown: shown, into: &values) {
            return LeftFile(path: shown, bytes: size, kind: kind)
        }
        return LeftFile(path: shown, bytes: size, kind: "unknown")
    }

    /// UTF-8 text: JSON (whole file or one value per line) gets the same value audit as
    /// stdout; other text is scanned for encoded tokens.
    private func auditText(_ bytes: [UInt8], shown: String, into values: inout ValueAudit) -> String? {
        guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
        let whole: JSONValue? = bytes.withUnsafeBufferPointer { try? JSONScanner.parse($0) }
        if let whole {
            values.audit(whole, at: EvidenceLocation(source: "file", line: 1, file: shown))
            return "json"
        }
        var lineNumber = 0
        var sawJSON = false
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let location = EvidenceLocation(source: "file", line: lineNumber, file: shown)
            let parsed: JSONValue? = Array(line).withUnsafeBufferPointer { try? JSONScanner.parse($0) }
            if let parsed {
                sawJSON = true
                values.audit(parsed, at: location)
            } else {
                for token in String(decoding: line, as: UTF8.self).split(whereSeparator: { " \t\"',=;".contains($0) })
                where token.utf8.count >= BlobDecoder.minimumEncodedLength {
                    if let finding = BlobDecoder.inspect(String(token)) {
                        values.book.add(.encodedBlobs, location, "\(finding.encoding.rawValue) token decodes to \(finding.classification.detail)")
                    }
                }
            }
        }
        return sawJSON ? "json" : "text"
    }
}

/// Counts BLOB values in every column of every table of a SQLite file the engine left, and
/// classifies the first one (a face crop, a float32 template…).
enum SQLiteCensus {
    static func audit(path: String, shown: String, into book: inout EvidenceBook) {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA trusted_schema = OFF") }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                for table in tables {
                    let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(quote(table)))").map { $0["name"] as String }
                    for column in columns {
                        let where_ = "WHERE typeof(\(quote(column))) = 'blob'"
                        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(quote(table)) \(where_)") ?? 0
                        guard count > 0 else { continue }
                        let first = try Data.fetchOne(db, sql: "SELECT \(quote(column)) FROM \(quote(table)) \(where_) LIMIT 1") ?? Data()
                        let what = BinaryClassifier.classify([UInt8](first))?.detail ?? "\(first.count) bytes of unrecognised binary data"
                        book.add(.sqliteBlobs, EvidenceLocation(source: "file", file: shown),
                                 "\(count) BLOB value\(count == 1 ? "" : "s") in \(table).\(column); first: \(what)")
                    }
                }
            }
        } catch {
            book.add(.sqliteBlobs, EvidenceLocation(source: "file", file: shown), "SQLite file could not be read (\(error)); treated as a leak")
        }
    }

    private static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
