import Foundation

/// Splits a byte stream into lines across chunk boundaries, in bounded memory: a line longer
/// than `maxLineBytes` is cut and reported as oversized instead of growing the buffer.
struct LineSplitter {
    let maxLineBytes: Int
    private var pending: [UInt8] = []
    private var discarding = false
    private(set) var lineNumber = 0

    init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

    enum Line {
        case complete(UnsafeBufferPointer<UInt8>)
        case oversized(bytes: Int)
    }

    private var oversizedBytes = 0

    /// Calls `handle` for every complete line in `chunk` (with its 1-based number).
    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ handle: (Int, Line) -> Void) {
        let bytes = chunk.bindMemory(to: UInt8.self)
        var start = 0
        while start < bytes.count {
            let rest = UnsafeBufferPointer(rebasing: bytes[start...])
            // `rest` is rebased: its indices start at 0.
            guard let offset = rest.firstIndex(of: 0x0A) else {
                append(rest)
                return
            }
            let newline = start + offset
            let segment = UnsafeBufferPointer(rebasing: bytes[start..<newline])
            start = newline + 1
            lineNumber += 1
            if discarding {
                handle(lineNumber, .oversized(bytes: oversizedBytes + segment.count))
                discarding = false
                oversizedBytes = 0
            } else if pending.isEmpty {
                if segment.count > maxLineBytes { handle(lineNumber, .oversized(bytes: segment.count)) }
                else { handle(lineNumber, .complete(segment)) }
            } else {
                append(segment)
                if discarding {
                    handle(lineNumber, .oversized(bytes: oversizedBytes))
                    discarding = false
                    oversizedBytes = 0
                } else {
                    pending.withUnsafeBufferPointer { handle(lineNumber, .complete($0)) }
                }
                pending.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Flushes a last line without a trailing newline.
    mutating func finish(_ handle: (Int, Line) -> Void) {
        if discarding {
            lineNumber += 1
            handle(lineNumber, .oversized(bytes: oversizedBytes))
        } else if !pending.isEmpty {
            lineNumber += 1
            pending.withUnsafeBufferPointer { handle(lineNumber, .complete($0)) }
        }
        pending.removeAll()
        discarding = false
        oversizedBytes = 0
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if discarding { oversizedBytes += bytes.count; return }
        if pending.count + bytes.count > maxLineBytes {
            discarding = true
            oversizedBytes = pending.count + bytes.count
            pending.removeAll()
            return
        }
        pending.append(contentsOf: bytes)
    }
}

/// Audits what an engine prints, line by line as it arrives: stdout lines are contract
/// events; stderr lines are diagnostics, audited for payloads when they are JSON or carry
/// encoded blobs. Memory stays bounded whatever the volume (evidence is capped, lines are
/// parsed one at a time, track ids are capped per clip).
final class OutputAuditor {
    static let maxLineBytes = 8 << 20

    private(set) var values = ValueAudit()
    private(set) var disclosure = DisclosureAudit()
    private(set) var tracks: TrackAudit
    private(set) var stdoutBytes = 0
    /// stdout bytes of the clip being (or last) audited.
    private(set) var lastClipStdoutBytes = 0
    private(set) var stdoutLines = 0
    private(set) var events = 0
    /// Time spent parsing and auditing, excluding waiting for the engine.
    private(set) var auditSeconds = 0.0
    private var clip = 0
    private var stdoutSplitter = LineSplitter(maxLineBytes: OutputAuditor.maxLineBytes)
    private var stderrSplitter = LineSplitter(maxLineBytes: OutputAuditor.maxLineBytes)
    /// The last few stderr lines, for error messages.
    private(set) var stderrTail: [String] = []
    /// Library versions the engine reported on stderr (`{"engine_info": {"libraries": {…}}}`).
    private(set) var engineLibraries: [String: String] = [:]

    init(trackWindow: Double) { tracks = TrackAudit(window: trackWindow) }

    var book: EvidenceBook { values.book }

    func startClip(_ clip: Int) {
        self.clip = clip
        lastClipStdoutBytes = 0
        stdoutSplitter = LineSplitter(maxLineBytes: Self.maxLineBytes)
        stderrSplitter = LineSplitter(maxLineBytes: Self.maxLineBytes)
        stderrTail = []
        tracks.startClip(clip)
    }

    func finishClip() {
        let started = ContinuousClock.now
        stdoutSplitter.finish { self.stdoutLine($0, $1) }
        stderrSplitter.finish { self.stderrLine($0, $1) }
        tracks.finishClip(into: &values.book)
        auditSeconds += (ContinuousClock.now - started).seconds
    }

    func stdout(_ chunk: UnsafeRawBufferPointer) {
        let started = ContinuousClock.now
        stdoutBytes += chunk.count
        lastClipStdoutBytes += chunk.count
        stdoutSplitter.feed(chunk) { self.stdoutLine($0, $1) }
        auditSeconds += (ContinuousClock.now - started).seconds
    }

    func stderr(_ chunk: UnsafeRawBufferPointer) {
        stderrSplitter.feed(chunk) { self.stderrLine($0, $1) }
    }

    private func stdoutLine(_ number: Int, _ line: LineSplitter.Line) {
        stdoutLines += 1
        let location = EvidenceLocation(source: "stdout", clip: clip, line: number)
        switch line {
        case .oversized(let bytes):
            values.book.add(.contractFields, location, "line of \(bytes) bytes exceeds \(Self.maxLineBytes) bytes: not an event; not parsed")
        case .complete(let bytes):
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            let value: JSONValue
            do { value = try JSONScanner.parse(bytes) } catch {
                values.book.add(.contractFields, location, "not JSON (\(error)): \(preview(bytes))")
                inspectText(bytes, location: location)
                return
            }
            events += 1
            for violation in EngineContract.violations(of: value) {
                var at = location
                at.jsonPath = violation.path
                values.book.add(.contractFields, at, violation.detail)
            }
            values.audit(value, at: location)
            tracks.observe(event: value, line: number)
            disclosure.observe(event: value)
        }
    }

    private func stderrLine(_ number: Int, _ line: LineSplitter.Line) {
        guard case .complete(let bytes) = line else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        if !text.isEmpty {
            stderrTail.append(String(text.prefix(300)))
            if stderrTail.count > 5 { stderrTail.removeFirst() }
        }
        let location = EvidenceLocation(source: "stderr", clip: clip, line: number)
        if bytes.first == UInt8(ascii: "{"), let value = try? JSONScanner.parse(bytes) {
            if case .object(let members) = value, let info = members.first(where: { $0.key == "engine_info" })?.value,
               case .object(let fields) = info, case .object(let libraries)? = fields.first(where: { $0.key == "libraries" })?.value {
                for (name, version) in libraries.prefix(64) {
                    if case .string(let text) = version { engineLibraries[name] = String(text.prefix(100)) }
                }
            }
            values.audit(value, at: location)
        } else {
            inspectText(bytes, location: location)
        }
    }

    /// Free text: look for long encoded tokens and absolute paths, not for words (a log line
    /// saying "no face model loaded" is not a leak).
    private func inspectText(_ bytes: UnsafeBufferPointer<UInt8>, location: EvidenceLocation) {
        let text = String(decoding: bytes, as: UTF8.self)
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" || $0 == "=" }) {
            if token.utf8.count >= BlobDecoder.minimumEncodedLength, let finding = BlobDecoder.inspect(String(token)) {
                values.book.add(.encodedBlobs, location,
                                "\(token.utf8.count)-character \(finding.encoding.rawValue) token decodes to \(finding.classification.detail)")
            }
            if token.hasPrefix("/") { values.notePath(String(token.trimmingCharacters(in: CharacterSet(charactersIn: ",;:)")))) }
        }
    }

    private func preview(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(80), as: UTF8.self)
        return "\"" + text + (bytes.count > 80 ? "…" : "") + "\""
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
