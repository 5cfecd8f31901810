import Crypto
import DeploymentModel
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
    /// `sha256:<hex>` of the chosen rule files, their pack manifests and the routing table.
    public let version: String
    /// Pack → law or charter, from each pack's `pack.yaml` (a pack without one is law).
    public internal(set) var packKinds: [String: RuleKind] = [:]
    /// The law each purpose is judged under, when the deployment could be routed.
    public internal(set) var routing: Routing?
    /// Printed on stderr before the output: forced packs that do not apply, a routing that
    /// failed under `--packs`.
    public internal(set) var warnings: [String] = []
    /// Whether each law pack runs only on the subjects of the purposes routed to it (false
    /// under `--packs`, where the user chose).
    public internal(set) var scopedByRouting = false

    /// Loads the rules for `document`: the law packs its purposes are routed to
    /// (`regimes.yaml`), every charter pack, and every pack of `extraDirectories`. With
    /// `packs`, exactly those run, on every subject; a forced law pack that no purpose is
    /// routed to, or a routing that fails, becomes a warning. Without `packs`, a purpose whose
    /// law no pack covers stops everything (`RuleError.routing`).
    public static func load(for document: DeploymentDocument, packs forced: [String]?, extraDirectories: [String],
                            builtinDirectory: String? = nil) throws(RuleError) -> RuleSet {
        let builtin = builtinDirectory ?? Self.builtinDirectory()
        let files = try discover(builtin: builtin, extra: extraDirectories)
        let manifests = try Self.manifests(builtin: builtin, extra: extraDirectories)
        let table = try RegimeTable.load(rulesDirectory: builtin)
        let available = Array(Set(files.map(\.pack))).sorted()
        var routing: Routing?
        var warnings: [String] = []
        do throws(RoutingError) {
            routing = try table.route(document)
        } catch {
            guard forced != nil else { throw .routing(error) }
            warnings.append("warning: \(error.message(.en)); running the packs forced by --packs")
        }
        var chosen: [String]
        if let forced {
            for pack in forced where !available.contains(pack) { throw .unknownPack(pack, available: available) }
            chosen = forced
            for pack in forced where (manifests[pack]?.kind ?? .law) == .law && !(routing?.packs.contains(pack) ?? false) {
                warnings.append("warning: pack '\(pack)' does not apply to this deployment under the routing table"
                                + (routing.map { " (its purposes are routed to " + $0.packs.joined(separator: ", ") + ")" } ?? "")
                                + "; it runs because --packs forces it")
            }
        } else {
            let law = routing?.packs ?? []
            let missing = law.filter { !available.contains($0) }
            guard missing.isEmpty else {
                throw .unreadable(path: builtin, reason: "the routing table needs pack(s) \(missing.joined(separator: ", ")) that no rules directory provides")
            }
            chosen = []
            for pack in table.packOrder where law.contains(pack) || manifests[pack]?.kind == .charter { chosen.append(pack) }
            for pack in law where !chosen.contains(pack) { chosen.append(pack) }
            for (pack, manifest) in manifests.sorted(by: { $0.key < $1.key }) where manifest.kind == .charter && !chosen.contains(pack) {
                chosen.append(pack)
            }
            for file in files where file.extra && !chosen.contains(file.pack) { chosen.append(file.pack) }
        }
        var set = try build(files: files.filter { chosen.contains($0.pack) }, packs: chosen.filter(available.contains),
                            manifests: manifests, tablePath: (builtin as NSString).appendingPathComponent(RegimeTable.fileName))
        set.routing = routing
        set.warnings = warnings
        set.scopedByRouting = forced == nil
        return set
    }

    /// Loads the packs named in `packs`, or else those a deployment in `jurisdictions` with no
    /// other fact is routed to, the charter packs and every pack of `extraDirectories`. For
    /// callers without a model (tests, tools); a failed routing leaves only the charter packs.
    public static func load(packs: [String]?, extraDirectories: [String], jurisdictions: [String],
                            builtinDirectory: String? = nil) throws(RuleError) -> RuleSet {
        let builtin = builtinDirectory ?? Self.builtinDirectory()
        let files = try discover(builtin: builtin, extra: extraDirectories)
        let manifests = try Self.manifests(builtin: builtin, extra: extraDirectories)
        let available = Array(Set(files.map(\.pack))).sorted()
        var chosen: [String]
        if let packs {
            for pack in packs where !available.contains(pack) { throw .unknownPack(pack, available: available) }
            chosen = packs
        } else {
            let table = try? RegimeTable.load(rulesDirectory: builtin)
            let facts = RoutingFacts(jurisdictions: jurisdictions, sector: "other")
            let routed = ((try? table?.route(facts, purposes: [PurposeFacts(id: nil)])) ?? nil)?.packs ?? []
            let wanted = { (pack: String) in routed.contains(pack) || manifests[pack]?.kind == .charter }
            chosen = (table?.packOrder ?? []).filter(wanted)
            for pack in routed + manifests.keys.sorted() where wanted(pack) && !chosen.contains(pack) { chosen.append(pack) }
            for file in files where file.extra && !chosen.contains(file.pack) { chosen.append(file.pack) }
        }
        return try build(files: files.filter { chosen.contains($0.pack) }, packs: chosen.filter(available.contains),
                         manifests: manifests, tablePath: nil)
    }

    /// Every pack found (for `silhouette rules`).
    public static func loadAll(extraDirectories: [String], builtinDirectory: String? = nil) throws(RuleError) -> RuleSet {
        let builtin = builtinDirectory ?? Self.builtinDirectory()
        let files = try discover(builtin: builtin, extra: extraDirectories)
        let manifests = try Self.manifests(builtin: builtin, extra: extraDirectories)
        var order = (try? RegimeTable.load(rulesDirectory: builtin))?.packOrder ?? []
        for pack in Set(files.map(\.pack)).sorted() where !order.contains(pack) { order.append(pack) }
        return try build(files: files, packs: order.filter { pack in files.contains { $0.pack == pack } },
                         manifests: manifests, tablePath: nil)
    }

    /// The routing table of a rules directory (default: the built-in one).
    public static func regimeTable(builtinDirectory: String? = nil) throws(RuleError) -> RegimeTable {
        try RegimeTable.load(rulesDirectory: builtinDirectory ?? Self.builtinDirectory())
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
                let inner = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter { isRuleFile($0) && $0 != PackManifest.fileName }.sorted()
                for name in inner {
                    files.append(RuleFile(path: (path as NSString).appendingPathComponent(name), relative: "\(entry)/\(name)",
                                          pack: entry, directoryPack: entry, extra: extra))
                }
            } else if extra, isRuleFile(entry), entry != RegimeTable.fileName {
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

    /// `pack.yaml` of every pack directory (a built-in pack's manifest wins over an extra
    /// directory's pack of the same name).
    static func manifests(builtin: String, extra: [String]) throws(RuleError) -> [String: PackManifest] {
        var result: [String: PackManifest] = [:]
        let fm = FileManager.default
        for root in [builtin] + extra {
            guard let entries = try? fm.contentsOfDirectory(atPath: root) else { continue }
            for entry in entries.sorted() where !entry.hasPrefix(".") {
                let path = ((root as NSString).appendingPathComponent(entry) as NSString).appendingPathComponent(PackManifest.fileName)
                guard fm.fileExists(atPath: path), result[entry] == nil else { continue }
                result[entry] = try PackManifest.load(path: path)
            }
        }
        return result
    }

    /// Parses and compiles every file, collecting every problem before failing.
    private static func build(files: [RuleFile], packs: [String], manifests: [String: PackManifest],
                              tablePath: String?) throws(RuleError) -> RuleSet {
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
                var rule = try Rule(compiling: definition)
                rule.kind = definition.kind ?? manifests[definition.pack]?.kind ?? .law
                rules.append(rule)
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw .invalid(diagnostics) }
        // The manifests and the routing table decide what runs and how it counts: hash them too.
        for pack in packs.sorted() {
            guard let manifest = manifests[pack] else { continue }
            hasher.update(data: Data("\(pack)/\(PackManifest.fileName)\n".utf8))
            hasher.update(data: Data(manifest.source.utf8))
        }
        if let tablePath, let table = FileManager.default.contents(atPath: tablePath) {
            hasher.update(data: Data("\(RegimeTable.fileName)\n".utf8))
            hasher.update(data: table)
        }
        let order = Dictionary(uniqueKeysWithValues: packs.enumerated().map { ($1, $0) })
        rules.sort { a, b in
            let (pa, pb) = (order[a.pack] ?? .max, order[b.pack] ?? .max)
            return pa != pb ? pa < pb : a.id < b.id
        }
        let version = "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
        var set = RuleSet(rules: rules, packs: packs, version: version)
        set.packKinds = Dictionary(uniqueKeysWithValues: packs.map { ($0, manifests[$0]?.kind ?? .law) })
        return set
    }
}
