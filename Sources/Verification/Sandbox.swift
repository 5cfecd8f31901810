import Foundation

/// The per-verification scratch area. Layout under a fresh `mkdtemp` directory:
///
///     <run>/sandbox/home      $HOME of the engine (shared by all clips of the run, so a
///                             gallery kept between clips is visible to the audit)
///     <run>/sandbox/tmp       $TMPDIR
///     <run>/sandbox/clip-N    the empty working directory of clip N
///     <run>/trace/            system-call traces (outside the sandbox: not the engine's)
///
/// Everything the engine may legitimately write is under `root`; anything else is an escape.
public struct Sandbox: Sendable {
    public let run: String
    public let root: String
    public let home: String
    public let tmp: String
    public let traces: String

    public init() throws(VerificationError) {
        var template = Array((FileManager.default.temporaryDirectory.path + "/silhouette-verify-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw .sandbox("cannot create a temporary directory: \(String(cString: strerror(errno)))") }
        run = URL(fileURLWithPath: String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)).resolvingSymlinksInPath().path
        root = run + "/sandbox"
        home = root + "/home"
        tmp = root + "/tmp"
        traces = run + "/trace"
        for directory in [root, home, tmp, traces] {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw .sandbox("cannot create \(directory): \(error.localizedDescription)")
            }
        }
    }

    /// The empty working directory for clip `index` (1-based), created on demand.
    public func workingDirectory(clip index: Int) throws(VerificationError) -> String {
        let path = root + "/clip-\(index)"
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false) } catch {
            throw .sandbox("cannot create \(path): \(error.localizedDescription)")
        }
        return path
    }

    public func contains(_ path: String) -> Bool { path == root || path.hasPrefix(root + "/") }

    /// The path as the engine saw it: `$HOME/…`, `$TMPDIR/…`, `cwd[clip 2]/…`.
    public func display(_ path: String) -> String {
        if path == home || path.hasPrefix(home + "/") { return "$HOME" + path.dropFirst(home.count) }
        if path == tmp || path.hasPrefix(tmp + "/") { return "$TMPDIR" + path.dropFirst(tmp.count) }
        if path.hasPrefix(root + "/clip-") {
            let rest = path.dropFirst(root.count + 6)
            let number = rest.prefix { $0.isNumber }
            return "cwd[clip \(number)]" + rest.dropFirst(number.count)
        }
        if contains(path) { return "sandbox" + path.dropFirst(root.count) }
        return path
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: run)
    }
}
