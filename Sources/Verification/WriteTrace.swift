import Foundation

/// Reads the system-call traces of a run (`strace -ff -y -e write='!1,2'`): which files were
/// opened for writing, renamed or linked, and — from the hex dumps strace prints for every
/// write — the bytes each file held over time. A file truncated by a later open, renamed
/// over or deleted keeps a snapshot of what it held, so templates written on clip 1 and
/// overwritten or deleted later are still audited.
struct WriteTrace {
    struct Write: Hashable {
        var path: String
        var pid: String
        var call: String
    }

    /// What a file held at one moment: when it was truncated by a new open, or at the end.
    struct Snapshot {
        var clip: Int
        var path: String
        var bytes: [UInt8]
        /// Why the snapshot was taken: "overwritten", "deleted", "renamed", "at the end".
        var fate: String
    }

    /// Files opened for writing, renamed or linked, first seen first (all paths).
    private(set) var writes: [(clip: Int, write: Write)] = []
    private(set) var snapshots: [Snapshot] = []
    /// Files renamed into place: temporary name → final name.
    private(set) var renamed: [String: String] = [:]
    /// Bytes captured beyond `captureLimit` were dropped (said in the attestation).
    private(set) var captureOverflow = false
    private(set) var capturedBytes = 0

    static let captureLimit = 512 << 20

    private struct OpenFile {
        var bytes: [UInt8] = []
        var position = 0
        var clip: Int
    }

    private var open: [String: OpenFile] = [:]
    private var seenWrites = Set<String>()

    /// Parses every `clip-N.PID` file in `directory`.
    static func read(directory: String) -> WriteTrace {
        var trace = WriteTrace()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return trace }
        let ordered = names.compactMap { name -> (clip: Int, pid: Int, name: String)? in
            let parts = name.split(separator: ".")
            guard parts.count == 2, parts[0].hasPrefix("clip-"), let clip = Int(parts[0].dropFirst(5)), let pid = Int(parts[1]) else { return nil }
            return (clip, pid, name)
        }.sorted { ($0.clip, $0.pid) < ($1.clip, $1.pid) }
        for entry in ordered {
            guard let data = FileManager.default.contents(atPath: directory + "/" + entry.name) else { continue }
            trace.parse([UInt8](data), clip: entry.clip, pid: String(entry.pid))
        }
        for (path, file) in trace.open.sorted(by: { $0.key < $1.key }) where !file.bytes.isEmpty {
            trace.snapshots.append(Snapshot(clip: file.clip, path: path, bytes: file.bytes, fate: "at the end"))
        }
        trace.open.removeAll()
        return trace
    }

    private mutating func parse(_ text: [UInt8], clip: Int, pid: String) {
        var pendingPath: String?
        var pendingOffset: Int?
        var dump: [UInt8] = []
        func flush(_ trace: inout WriteTrace) {
            if let path = pendingPath, !dump.isEmpty { trace.apply(dump, to: path, at: pendingOffset, clip: clip) }
            pendingPath = nil; pendingOffset = nil; dump.removeAll(keepingCapacity: true)
        }
        for lineSlice in text.split(separator: 0x0A) {
            if lineSlice.starts(with: [0x20, 0x7C, 0x20]) {            // " | 00000  93 4e …  |"
                if pendingPath != nil { Self.decodeDump(lineSlice, into: &dump) }
                continue
            }
            flush(&self)
            let line = Substring(String(decoding: lineSlice, as: UTF8.self))
            guard let paren = line.firstIndex(of: "(") else { continue }
            let call = String(line[..<paren])
            switch call {
            case "write", "writev", "pwrite64", "pwritev", "pwritev2":
                guard let path = Self.firstDecoratedPath(line), !EscapeAudit.isHarmless(path) else { continue }
                guard !Self.failed(line) else { continue }
                pendingPath = path
                if call.hasPrefix("pwrite") { pendingOffset = Self.lastIntegerArgument(line) }
            case "lseek":
                guard let path = Self.firstDecoratedPath(line), let equals = line.range(of: ") = ", options: .backwards),
                      let position = Int(line[equals.upperBound...].prefix { $0.isNumber }) else { continue }
                open[path]?.position = position
            case "unlink", "unlinkat", "rename", "renameat", "renameat2", "link", "linkat":
                guard !Self.failed(line) else { continue }
                let written = Self.parseWrite(line, pid: pid)
                if let written { record(written, clip: clip) }
                let strings = EscapeAudit.quotedStrings(line[line.index(after: paren)...])
                let directories = EscapeAudit.decoratedDirectories(line[line.index(after: paren)...])
                guard let first = strings.first else { continue }
                let source = first.hasPrefix("/") ? first : ((directories.first ?? "") + "/" + first)
                let standardized = (source as NSString).standardizingPath
                // The bytes follow the name: a renamed or linked file holds what its source held
                // (glibc creates a semaphore as a temporary file, then links it into place).
                let held = open[standardized] ?? snapshots.last(where: { $0.path == standardized }).map { OpenFile(bytes: $0.bytes, clip: $0.clip) }
                if let target = written?.path, let held, call.hasPrefix("link") || call.hasPrefix("rename") {
                    open[target] = OpenFile(bytes: held.bytes, position: held.bytes.count, clip: held.clip)
                }
                if call.hasPrefix("rename"), let target = written?.path { renamed[standardized] = target }
                if call.hasPrefix("link") { continue }
                if let file = open.removeValue(forKey: standardized), !file.bytes.isEmpty, call.hasPrefix("unlink") {
                    snapshots.append(Snapshot(clip: file.clip, path: standardized, bytes: file.bytes, fate: "deleted"))
                }
            default:
                guard let write = Self.parseWrite(line, pid: pid) else { continue }
                record(write, clip: clip)
                if call.hasPrefix("open") || call == "creat" {
                    let truncates = call == "creat" || line.contains("O_TRUNC")
                    if truncates, let previous = open[write.path], !previous.bytes.isEmpty {
                        snapshots.append(Snapshot(clip: previous.clip, path: write.path, bytes: previous.bytes, fate: "overwritten"))
                        open[write.path] = OpenFile(clip: clip)
                    } else if open[write.path] == nil {
                        open[write.path] = OpenFile(clip: clip)
                    } else if var file = open[write.path] {
                        file.position = line.contains("O_APPEND") ? file.bytes.count : 0
                        open[write.path] = file
                    }
                }
            }
        }
        flush(&self)
    }

    private mutating func record(_ write: Write, clip: Int) {
        if seenWrites.insert(write.path).inserted { writes.append((clip, write)) }
    }

    private mutating func apply(_ data: [UInt8], to path: String, at offset: Int?, clip: Int) {
        guard capturedBytes + data.count <= Self.captureLimit else { captureOverflow = true; return }
        var file = open[path] ?? OpenFile(clip: clip)
        let start = offset ?? file.position
        guard start >= 0, start <= Self.captureLimit else { return }
        let end = start + data.count
        if file.bytes.count < end {
            capturedBytes += end - file.bytes.count
            file.bytes.append(contentsOf: repeatElement(0, count: end - file.bytes.count))
        }
        file.bytes.replaceSubrange(start..<end, with: data)
        if offset == nil { file.position = end }
        open[path] = file
    }

    /// ` | 00000  93 4e 55 4d 50 59 01 00  76 00 7b 27 64 65 73 63  .NUMPY..v.{'desc |`
    static func decodeDump(_ line: ArraySlice<UInt8>, into bytes: inout [UInt8]) {
        var index = line.startIndex + 3
        // Skip the offset column.
        while index < line.endIndex, line[index] != 0x20 { index += 1 }
        var column = 0
        while index + 2 < line.endIndex, column < 16 {
            while index < line.endIndex, line[index] == 0x20 { index += 1 }
            guard index + 1 < line.endIndex, let high = hexValue(line[index]), let low = hexValue(line[index + 1]),
                  index + 2 >= line.endIndex || line[index + 2] == 0x20 else { break }
            bytes.append(high << 4 | low)
            index += 2
            column += 1
        }
    }

    @inline(__always)
    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    static func failed(_ line: Substring) -> Bool {
        guard let equals = line.range(of: ") = ", options: .backwards) else { return true }
        return line[equals.upperBound...].hasPrefix("-")
    }

    /// The path of the first `fd</path>` decoration.
    static func firstDecoratedPath(_ line: Substring) -> String? {
        guard let open = line.range(of: "</") else { return nil }
        guard let close = line[open.upperBound...].firstIndex(of: ">") else { return nil }
        return "/" + String(line[open.upperBound..<close])
    }

    static func lastIntegerArgument(_ line: Substring) -> Int? {
        guard let equals = line.range(of: ") = ", options: .backwards) else { return nil }
        let arguments = line[..<equals.lowerBound]
        guard let comma = arguments.lastIndex(of: ",") else { return nil }
        return Int(arguments[arguments.index(after: comma)...].trimmingCharacters(in: .whitespaces))
    }

    /// One strace line → the path written, when the call succeeded and writes a file.
    static func parseWrite(_ line: Substring, pid: String) -> Write? {
        guard let paren = line.firstIndex(of: "(") else { return nil }
        let call = String(line[..<paren])
        guard let equals = line.range(of: ") = ", options: .backwards) else { return nil }
        let arguments = line[line.index(after: paren)..<equals.lowerBound]
        let result = line[equals.upperBound...]
        guard !result.hasPrefix("-") else { return nil }
        switch call {
        case "open", "openat", "openat2", "creat":
            let writes = call == "creat" || arguments.contains("O_WRONLY") || arguments.contains("O_RDWR")
                || arguments.contains("O_CREAT") || arguments.contains("O_TRUNC") || arguments.contains("O_APPEND")
            guard writes, let open = result.firstIndex(of: "<"), result.last == ">" else { return nil }
            let path = String(result[result.index(after: open)..<result.index(before: result.endIndex)])
            return Write(path: path, pid: pid, call: call + (call == "creat" ? "" : " for writing"))
        case "rename", "renameat", "renameat2", "link", "linkat", "symlink", "symlinkat", "truncate":
            // The target is the last path argument; *at forms carry the directory as `fd</dir>`.
            let strings = EscapeAudit.quotedStrings(arguments)
            guard var target = strings.last else { return nil }
            if !target.hasPrefix("/") {
                let directories = EscapeAudit.decoratedDirectories(arguments)
                guard let directory = directories.last else { return nil }
                target = directory + "/" + target
            }
            return Write(path: (target as NSString).standardizingPath, pid: pid, call: call)
        default:
            return nil
        }
    }
}
