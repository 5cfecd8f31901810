import Foundation

/// Finds files the engine wrote outside its sandbox and audits what they held. Two sources:
/// - the system-call trace (`WriteTrace`), when strace is available: every successful open
///   for writing, creat, rename or link whose target is outside the sandbox, with the bytes
///   written to it;
/// - without the trace, the end state of the places an engine writes beside its inputs: the
///   clips' directories and those of the files its command names (two levels deep), for files
///   modified during the run; and absolute paths the engine printed (stdout, stderr) that name
///   a file modified during the run.
/// A POSIX semaphore or Python bytecode written outside is a note, recognised by content and
/// size; any other write outside is a sandbox violation, its content audited and shown, and
/// biometric content found there is recorded under its own check as well.
struct EscapeAudit {
    let sandbox: Sandbox
    let started: Date
    let files: FileAudit

    /// Device and pseudo files any program may open for writing.
    static func isHarmless(_ path: String) -> Bool {
        ["/dev/null", "/dev/zero", "/dev/full", "/dev/tty", "/dev/stdout", "/dev/stderr", "/dev/urandom", "/dev/random"].contains(path)
            || path.hasPrefix("/dev/pts/") || path.hasPrefix("/dev/fd/") || path.hasPrefix("/proc/self/fd/")
            || path.hasPrefix("/dev/tty") || path.hasPrefix("pipe:") || path.hasPrefix("socket:") || path.hasPrefix("/pipe:")
            || path.hasPrefix("/socket:") || path.hasPrefix("anon_inode:") || path.hasPrefix("/anon_inode:")
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

    /// Records writes outside the sandbox (traced, then printed paths modified during the run).
    func audit(trace: WriteTrace?, mentioned: Set<String>, places: [String] = [], into values: inout ValueAudit, notes: inout [String]) {
        var reported = Set<String>()
        if trace == nil {
            for path in Self.modifiedFiles(in: places, since: started, excluding: sandbox) {
                guard let bytes = FileManager.default.contents(atPath: path) else { continue }
                reported.insert(path)
                judge(path, versions: [([UInt8](bytes), "on disk")], how: "\(path) was modified during the run (found beside the clips or the engine's files)",
                      location: EvidenceLocation(source: "end state", file: path), into: &values, notes: &notes)
            }
        }
        if let trace {
            var contents: [String: [WriteTrace.Snapshot]] = [:]
            for snapshot in trace.snapshots where !sandbox.contains(snapshot.path) { contents[snapshot.path, default: []].append(snapshot) }
            for (clip, write) in trace.writes where !sandbox.contains(write.path) && !Self.isHarmless(write.path) {
                reported.insert(write.path)
                // A temporary file renamed into place is judged by what it became.
                var final = write.path
                var hops = 0
                while let next = trace.renamed[final], hops < 16 { final = next; hops += 1 }
                if final != write.path, !sandbox.contains(final) { continue }
                var versions = (contents[write.path] ?? []).map { (bytes: $0.bytes, fate: $0.fate) }
                if versions.isEmpty, let bytes = FileManager.default.contents(atPath: write.path) { versions = [([UInt8](bytes), "on disk")] }
                judge(write.path, versions: versions, how: "engine (pid \(write.pid)) wrote \(write.path) by \(write.call)",
                      location: EvidenceLocation(source: "trace", clip: clip, file: write.path), into: &values, notes: &notes)
            }
        }
        for path in mentioned.sorted() where !sandbox.contains(path) && !reported.contains(path) {
            let standardized = (path as NSString).standardizingPath
            guard !sandbox.contains(standardized), !Self.isHarmless(standardized), !reported.contains(standardized),
                  let attributes = try? FileManager.default.attributesOfItem(atPath: standardized),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let modified = attributes[.modificationDate] as? Date, modified >= started,
                  let bytes = FileManager.default.contents(atPath: standardized) else { continue }
            reported.insert(standardized)
            judge(standardized, versions: [([UInt8](bytes), "on disk")], how: "engine printed \(standardized), a file modified during the run",
                  location: EvidenceLocation(source: "output", file: standardized), into: &values, notes: &notes)
        }
    }

    private func judge(_ path: String, versions: [(bytes: [UInt8], fate: String)], how: String, location: EvidenceLocation,
                       into values: inout ValueAudit, notes: inout [String]) {
        if !versions.isEmpty, versions.allSatisfy({ HarmlessWrites.note(for: $0.bytes, path: path) != nil }) {
            notes.append("\(path): \(HarmlessWrites.note(for: versions[0].bytes, path: path)!) — written outside the sandbox, not a violation")
            return
        }
        var described: [String] = []
        for version in versions {
            let before = values.book.biometricCount
            let left = files.auditContent(version.bytes, shown: path, filePath: nil, into: &values, notes: &notes, source: location.source, clip: location.clip)
            let found = values.book.biometricCount - before
            described.append("\(left.kind), \(left.bytes) bytes (\(version.fate))\(found > 0 ? ", \(found) biometric finding\(found == 1 ? "" : "s")" : ", no biometric content found")")
        }
        let content = described.isEmpty ? "content not captured (file gone, writes not traced)" : described.joined(separator: "; ")
        values.book.add(.sandboxEscape, location, "\(how), outside its sandbox; content: \(content)")
    }

    /// Shared scratch directories, where other programs write at any time: never scanned.
    static let sharedDirectories: Set<String> = ["/", "/tmp", "/var/tmp", "/dev/shm", "/dev", "/proc", "/sys", "/run"]
    /// Entries looked at per scan, at most (a clip in a huge directory does not stall the audit).
    static let scanBudget = 20_000

    /// Regular files under `places` (two levels deep) modified at or after `since`, outside
    /// the sandbox, in a stable order.
    static func modifiedFiles(in places: [String], since: Date, excluding sandbox: Sandbox) -> [String] {
        var found = Set<String>()
        var seen = 0
        var queue = Set(places.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path })
            .filter { !sharedDirectories.contains($0) && !sandbox.contains($0) }.sorted().map { ($0, 0) }
        while !queue.isEmpty, seen < scanBudget {
            let (directory, depth) = queue.removeFirst()
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for name in names.sorted() where seen < scanBudget {
                seen += 1
                let path = directory + "/" + name
                guard !sandbox.contains(path), let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { continue }
                if attributes[.type] as? FileAttributeType == .typeDirectory {
                    if depth < 1 && !sharedDirectories.contains(path) { queue.append((path, depth + 1)) }
                } else if attributes[.type] as? FileAttributeType == .typeRegular,
                          let modified = attributes[.modificationDate] as? Date, modified >= since {
                    found.insert(path)
                }
            }
        }
        return found.sorted()
    }
}
