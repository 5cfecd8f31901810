import Crypto
import Foundation

/// What actually ran, bound into the attestation: the exact command line per clip, the
/// SHA-256 of the program and of every script or model file the command names, the library
/// versions the engine reports, and one digest over those files. A vendor engine declares
/// that digest in the deployment model (`engine.digest`); rule BIO-007 accepts an
/// attestation only when the recorded identity is the declared one.
public struct EngineIdentity: Codable, Sendable, Equatable {
    public struct HashedFile: Codable, Sendable, Equatable {
        /// As named in the command (`./run.py`) and as resolved (`/opt/acme/run.py`).
        public var named: String
        public var path: String
        public var sha256: String
        public var bytes: Int
    }

    /// `builtin` (this binary's detect) or `command`.
    public var kind: String
    /// The command line run for each clip, exactly as given to `/bin/sh -c`.
    public var commandLines: [String]
    public var executable: HashedFile?
    /// Script, model and configuration files the command names, in command order.
    public var files: [HashedFile]
    /// Library versions the engine reported (stderr line `{"engine_info": {"libraries": {…}}}`).
    public var libraries: [String: String]
    /// "sha256:<hex>" over the executable's and the named files' SHA-256, in order: the value
    /// to declare as the engine's `digest`.
    public var digest: String
    public var verifierVersion: String

    /// Splits a command template the way `/bin/sh` would for plain words and quotes.
    static func words(_ command: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        var started = false
        for char in command {
            if escaped { current.append(char); escaped = false; continue }
            if let open = quote {
                if char == open { quote = nil } else if char == "\\" && open == "\"" { escaped = true } else { current.append(char) }
                continue
            }
            switch char {
            case "'", "\"": quote = char; started = true
            case "\\": escaped = true; started = true
            case " ", "\t":
                if started || !current.isEmpty { words.append(current); current = ""; started = false }
            default: current.append(char); started = true
            }
        }
        if started || !current.isEmpty { words.append(current) }
        return words
    }

    /// Hashes the program (resolved on `searchPath` when it is a bare name) and every other
    /// word of the command that names an existing regular file (`--model=x.onnx` too).
    static func resolve(template: String, commandLines: [String], kind: String, searchPath: String,
                        currentDirectory: String, verifierVersion: String) -> EngineIdentity {
        let words = Self.words(template)
        var executable: HashedFile?
        var files: [HashedFile] = []
        if let program = words.first {
            let candidates = program.contains("/") ? [absolute(program, currentDirectory)]
                : searchPath.split(separator: ":").map { String($0) + "/" + program }
            if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
                executable = hash(named: program, path: found)
            }
        }
        for word in words.dropFirst() where !word.contains("{clip}") {
            for candidate in [word, word.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init)].compactMap({ $0 }) {
                let path = absolute(candidate, currentDirectory)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                      let file = hash(named: candidate, path: path) else { continue }
                files.append(file)
                break
            }
        }
        var hasher = SHA256()
        for file in [executable].compactMap({ $0 }) + files { hasher.update(data: Data((file.sha256 + "\n").utf8)) }
        let digest = "sha256:" + Verifier.hex(hasher.finalize())
        return EngineIdentity(kind: kind, commandLines: commandLines, executable: executable, files: files, libraries: [:],
                              digest: digest, verifierVersion: verifierVersion)
    }

    private static func absolute(_ path: String, _ directory: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
    }

    static func hash(named: String, path: String) -> HashedFile? {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let hashed = try? Verifier.hashClip(real) else { return nil }
        return HashedFile(named: named, path: real, sha256: hashed.sha256, bytes: hashed.bytes)
    }

    /// Whether this identity is the engine a deployment declares. The built-in engine is
    /// matched by name and version (its binary changes with every build: recorded, not
    /// matched); a vendor engine by its declared digest and, when declared, its command.
    public func matches(name: String, version: String, declaredName: String, declaredVersion: String,
                        declaredDigest: String?, declaredCommand: String?, recordedCommand: String) -> Bool {
        guard name == declaredName, version == declaredVersion else { return false }
        if kind == "builtin" { return declaredName == "builtin" }
        guard let declaredDigest, declaredDigest.lowercased() == digest else { return false }
        if let declaredCommand, declaredCommand != recordedCommand { return false }
        return true
    }
}
