import Foundation

/// Finds files the engine wrote outside its sandbox. Two sources:
/// - the system-call trace (`strace -ff -y`), when available: every successful open for
///   writing, creat, rename, link or symlink whose target is outside the sandbox;
/// - absolute paths the engine printed (stdout, stderr) that name a file modified during the
///   run — the only signal left when tracing is not permitted.
struct EscapeAudit {
    let sandbox: Sandbox
    let started: Date

    /// Device and pseudo files any program may open for writing.
    static func isHarmless(_ path: String) -> Bool {
        ["/dev/null", "/dev/zero", "/dev/full", "/dev/tty", "/dev/stdout", "/dev/stderr", "/dev/urandom", "/dev/random"].contains(path)
            || path.hasPrefix("/dev/pts/") || path.hasPrefix("/dev/fd/") || path.hasPrefix("/proc/self/fd/")
            || path.hasPrefix("/dev/tty") || path.hasPrefix("pipe:") || path.hasPrefix("socket:")
    }

    struct Write: Hashable {
        var path: String
        var pid: String
        var call: String
    }

    /// Parses every trace file of the run; returns writes outside the sandbox, first seen first.
    func tracedWrites() -> [(clip: Int, write: Write)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: sandbox.traces) else { return [] }
        var result: [(Int, Write)] = []
        var seen = Set<String>()
        for name in names.sorted() {
            // Files are named clip-N.PID by `strace -ff -o clip-N`.
            let parts = name.split(separator: ".")
            guard parts.count == 2, let clip = Int(parts[0].dropFirst("clip-".count)),
                  let text = try? String(contentsOfFile: sandbox.traces + "/" + name, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                guard let write = Self.parse(line, pid: String(parts[1])) else { continue }
                if sandbox.contains(write.path) || Self.isHarmless(write.path) { continue }
                if seen.insert(write.path).inserted { result.append((clip, write)) }
            }
        }
        return result
    }

    /// One strace line → the path written, when the call succeeded and writes a file.
    static func parse(_ line: Substring, pid: String) -> Write? {
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
            let strings = quotedStrings(arguments)
            guard var target = strings.last else { return nil }
            if !target.hasPrefix("/") {
                let directories = decoratedDirectories(arguments)
                guard let directory = directories.last else { return nil }
                target = directory + "/" + target
            }
            return Write(path: (target as NSString).standardizingPath, pid: pid, call: call)
        default:
            return nil
        }
    }

    static func quotedStrings(_ text: Substring) -> [String] {
        var strings: [String] = []
        var current = ""
        var inside = false
        var escaped = false
        for char in text {
            if inside {
                if escaped { current.append(char); escaped = false }
                else if char == "\\" { escaped = true }
                else if char == "\"" { strings.append(current); current = ""; inside = false }
                else { current.append(char) }
            } else if char == "\"" {
                inside = true
            }
        }
        return strings
    }

    /// `AT_FDCWD</work/x>` and `3</tmp>` decorations, in order.
    static func decoratedDirectories(_ text: Substring) -> [String] {
        var directories: [String] = []
        var rest = text
        while let open = rest.range(of: "</") {
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else { break }
            directories.append("/" + String(rest[open.upperBound..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return directories
    }

    /// Records traced writes and printed paths modified during the run.
    func audit(mentioned: Set<String>, into book: inout EvidenceBook) {
        var reported = Set<String>()
        for (clip, write) in tracedWrites() {
            reported.insert(write.path)
            book.add(.sandboxEscape, EvidenceLocation(source: "trace", clip: clip, file: write.path),
                     "engine (pid \(write.pid)) wrote \(write.path) by \(write.call), outside its sandbox\(contentNote(write.path))")
        }
        for path in mentioned.sorted() where !sandbox.contains(path) && !reported.contains(path) {
            let standardized = (path as NSString).standardizingPath
            guard !sandbox.contains(standardized), !Self.isHarmless(standardized),
                  let attributes = try? FileManager.default.attributesOfItem(atPath: standardized),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let modified = attributes[.modificationDate] as? Date, modified >= started else { continue }
            reported.insert(standardized)
            book.add(.sandboxEscape, EvidenceLocation(source: "output", file: standardized),
                     "engine printed \(standardized), a file modified during the run, outside its sandbox\(contentNote(standardized))")
        }
    }

    private func contentNote(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return " (since removed)" }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: FileAudit.headBytes)) ?? Data())
        if let classification = BinaryClassifier.classify(head) { return "; it holds a \(classification.detail)" }
        return ""
    }
}
