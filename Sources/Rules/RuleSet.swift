import Crypto
import Foundation

/// The rules of one assessment: the chosen packs, compiled. Built-in packs live in `rules/`
/// at the package root; an organisation adds its own with `--rules-dir`. A rules directory
/// holds one sub-directory per pack (`rules/gdpr/GDPR-STORAGE-001.yaml`); YAML files placed
/// directly in a `--rules-dir` take their pack from their `pack:` key.
public struct RuleSet: Sendable {
    /// Sorted by pack order, then rule id.
    public let rules: [Rule]
    /// The packs chosen, in the order they run.
    public let packs: [String]
    /// `sha256:<hex>` of the chosen rule files (relative path and content, in path order).
    public let version: String

    /// Packs for jurisdictions: the vendor charter (`bio`, `ethics`) always; EU and FR add
    /// `dpia`, `gdpr`, `ai-act`; FR adds `fr`; CA and CA-QC add `pipeda`.
    public static func packs(forJurisdictions jurisdictions: [String]) -> [String] {
        let codes = Set(jurisdictions.map { $0.uppercased() })
        var packs: [String] = []
        if !codes.isDisjoint(with: ["EU", "FR"]) { packs += ["dpia", "gdpr"] }
        packs.append("bio")
        if codes.contains("FR") { packs.append("fr") }
        if !codes.isDisjoint(with: ["CA", "CA-QC"]) { packs.append("pipeda") }
        if !codes.isDisjoint(with: ["EU", "FR"]) { packs.append("ai-act") }
        packs.append("ethics")
        return packs
    }

    /// Loads the packs named in `packs`, or else those of `jurisdictions` plus every pack of
    /// `extraDirectories`. `builtinDirectory` defaults to `RuleSet.builtinDirectory()`.
    public static func load(packs: [String]?, extraDirectories: [String], jurisdictions: [String],
                            builtinDirectory: String? = nil) throws(RuleError) -> RuleSet {
        let files = try discover(builtin: builtinDirectory ?? Self.builtinDirectory(), extra: extraDirectories)
        let available = Array(Set(files.map(\.pack))).sorted()
        var chosen: [String]
        if let packs {
            for pack in packs where !available.contains(pack) { throw .unknownPack(pack, available: available) }
            chosen = packs
        } else {
            chosen = Self.packs(forJurisdictions: jurisdictions)
            for file in files where file.extra && !chosen.contains(file.pack) { chosen.append(file.pack) }
        }
        return try build(files: files.filter { chosen.contains($0.pack) }, packs: chosen.filter(available.contains))
    }

    /// Every pack found (for `silhouette rules`).
    public static func loadAll(extraDirectories: [String], builtinDirectory: String? = nil) throws(RuleError) -> RuleSet {
        let files = try discover(builtin: builtinDirectory ?? Self.builtinDirectory(), extra: extraDirectories)
        var order = Self.packs(forJurisdictions: ["EU", "FR", "CA"])
        for pack in Set(files.map(\.pack)).sorted() where !order.contains(pack) { order.append(pack) }
        return try build(files: files, packs: order.filter { pack in files.contains { $0.pack == pack } })
    }

    public func rule(id: String) -> Rule? { rules.first { $0.id == id } }

    /// The built-in `rules/` directory: `$SILHOUETTE_RULES_DIR`, else `rules/` in the first
    /// ancestor of the executable's real path that holds `Package.swift` (the binary lives in
    /// `.build/<triple>/<config>/`), else `./rules`.
    public static func builtinDirectory() -> String {
        if let env = ProcessInfo.processInfo.environment["SILHOUETTE_RULES_DIR"], !env.isEmpty { return env }
        let fm = FileManager.default
        let executable = (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? "."
        var directory = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            if fm.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.appendingPathComponent("rules").path
            }
            directory.deleteLastPathComponent()
        }
        return "rules"
    }

    // MARK: Loading

    struct RuleFile {
        let path: String
        let relative: String
        let pack: String
        let directoryPack: String?
        let extra: Bool
    }

    static func discover(builtin: String, extra: [String]) throws(RuleError) -> [RuleFile] {
        var files: [RuleFile] = []
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: builtin, isDirectory: &isDirectory), isDirectory.boolValue {
            files += try scan(builtin, extra: false)
        } else if extra.isEmpty {
            throw .unreadable(path: builtin, reason: "no rules directory (set SILHOUETTE_RULES_DIR or run from the package)")
        }
        for directory in extra {
            guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .unreadable(path: directory, reason: "not a directory")
            }
            files += try scan(directory, extra: true)
        }
        return files
    }

    private static func scan(_ root: String, extra: Bool) throws(RuleError) -> [RuleFile] {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: root) else { throw .unreadable(path: root, reason: "cannot list it") }
        var files: [RuleFile] = []
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            let path = (root as NSString).appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                let inner = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter(isRuleFile).sorted()
                for name in inner {
                    files.append(RuleFile(path: (path as NSString).appendingPathComponent(name), relative: "\(entry)/\(name)",
                                          pack: entry, directoryPack: entry, extra: extra))
                }
            } else if extra, isRuleFile(entry) {
                // Pack read from the file itself below.
                files.append(RuleFile(path: path, relative: entry, pack: "", directoryPack: nil, extra: true))
            }
        }
        return try files.map { file throws(RuleError) in
            guard file.directoryPack == nil else { return file }
            let definition = try parse(file)
            return RuleFile(path: file.path, relative: file.relative, pack: definition.pack, directoryPack: nil, extra: true)
        }
    }

    private static func isRuleFile(_ name: String) -> Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") }

    private static func read(_ file: RuleFile) throws(RuleError) -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else { throw .unreadable(path: file.path, reason: "cannot read the file") }
        guard data.count <= 1_000_000 else { throw .unreadable(path: file.path, reason: "larger than 1 MB") }
        return String(decoding: data, as: UTF8.self)
    }

    private static func parse(_ file: RuleFile) throws(RuleError) -> RuleDefinition {
        try RuleFileParser.parse(text: try read(file), file: file.path, defaultPack: file.directoryPack)
    }

    /// Parses and compiles every file, collecting every problem before failing.
    private static func build(files: [RuleFile], packs: [String]) throws(RuleError) -> RuleSet {
        var diagnostics: [RuleDiagnostic] = []
        var rules: [Rule] = []
        var seen: [String: String] = [:]
        var hasher = SHA256()
        for file in files.sorted(by: { $0.relative < $1.relative }) {
            do {
                let text = try read(file)
                hasher.update(data: Data("\(file.relative)\n".utf8))
                hasher.update(data: Data(text.utf8))
                let definition = try RuleFileParser.parse(text: text, file: file.path, defaultPack: file.directoryPack)
                if let other = seen[definition.id] {
                    diagnostics.append(RuleDiagnostic(position: definition.position, message: "duplicate rule id \(definition.id) (also in \(other))",
                                                      hint: "rule ids are unique across packs"))
                    continue
                }
                seen[definition.id] = file.path
                rules.append(try Rule(compiling: definition))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw .invalid(diagnostics) }
        let order = Dictionary(uniqueKeysWithValues: packs.enumerated().map { ($1, $0) })
        rules.sort { a, b in
            let (pa, pb) = (order[a.pack] ?? .max, order[b.pack] ?? .max)
            return pa != pb ? pa < pb : a.id < b.id
        }
        let version = "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return RuleSet(rules: rules, packs: packs, version: version)
    }
}
