import Foundation

/// `extends:` — a deployment (a site) built on a base model (a brand or vendor template).
///
/// Inheritance is applied to the raw YAML trees, before the schema reads them, so every value
/// keeps the position of the file that holds it: an error in an inherited value points at the
/// base, an error in an override at the site, and `validate --explain` can say where each value
/// came from. A base is never validated alone (it may lack what every site adds); the merged
/// model is, and its hash covers the merged content, so editing a base changes the hash of
/// every site built on it (their sign-offs become stale).
///
/// Merge rules (`RawMerge`): maps merge key by key; lists whose entries all carry an `id` merge
/// by id (an entry with a known id is merged into the inherited one, in place; a new id is
/// appended); any other list is replaced whole; a scalar replaces. `remove: [ids]` drops
/// inherited entries before the site is merged (`cam-3`, or `cameras[cam-3]` to name the list).
enum ModelInheritance {
    /// Longest chain site → base → base… accepted.
    static let maximumDepth = 16

    /// Resolves the `extends:` chain of `raw` (the tree of `file`) and returns the merged tree,
    /// without the `extends` and `remove` keys. A tree without them is returned as it is.
    static func resolve(_ raw: RawNode, file: String, baseDirectory: String,
                        cache: ModelBaseCache?) throws(ModelError) -> RawNode {
        var chain: [String] = [canonicalPath(file, relativeTo: nil)]
        return try resolve(raw, baseDirectory: baseDirectory, chain: &chain, cache: cache)
    }

    private static func resolve(_ raw: RawNode, baseDirectory: String, chain: inout [String],
                                cache: ModelBaseCache?) throws(ModelError) -> RawNode {
        guard case .mapping(let pairs, let position) = raw else { return raw }
        let extendsPair = pairs.first { $0.key == "extends" }
        let removePair = pairs.first { $0.key == "remove" }
        guard extendsPair != nil || removePair != nil else { return raw }
        let own = RawNode.mapping(pairs.filter { $0.key != "extends" && $0.key != "remove" }, position)

        guard let extendsPair else {
            throw .invalid([Diagnostic(position: removePair!.keyPosition, message: "remove: needs extends:",
                                       hint: "remove: drops entries inherited from the base named by extends:")])
        }
        guard case .scalar(let name, _, let namePosition) = extendsPair.value, !extendsPair.value.isNull,
              !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalid([Diagnostic(position: extendsPair.value.position, message: "extends must be the path of a base model",
                                       hint: "write extends: ../brand/base.yaml (relative to this file)")])
        }
        guard chain.count < maximumDepth else {
            throw .invalid([Diagnostic(position: namePosition, message: "extends: chain deeper than \(maximumDepth) models",
                                       hint: "flatten the chain of bases")])
        }
        let basePath = DeploymentLoader.resolve(name, against: baseDirectory)
        let key = canonicalPath(basePath, relativeTo: nil)
        if let start = chain.firstIndex(of: key) {
            let cycle = (chain[start...] + [key]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
            throw .invalid([Diagnostic(position: namePosition, message: "extends: cycle \(cycle)",
                                       hint: "a base must not extend, directly or not, a model built on it")])
        }

        chain.append(key)
        defer { chain.removeLast() }
        let base: RawNode
        if let cached = cache?.tree(for: key) {
            base = cached
        } else {
            base = try loadBase(path: basePath, requestedAt: namePosition, chain: &chain, cache: cache)
            cache?.store(base, for: key)
        }

        var removals = RemovalList(removePair)
        let trimmed = removals.apply(to: base)
        if !removals.problems.isEmpty { throw .invalid(removals.problems) }
        return RawMerge.merge(base: trimmed, override: own)
    }

    /// Reads, composes and resolves a base (its own `extends:` first).
    private static func loadBase(path: String, requestedAt: SourcePosition, chain: inout [String],
                                 cache: ModelBaseCache?) throws(ModelError) -> RawNode {
        let data: Data
        do {
            data = try DeploymentLoader.readLimited(path: path, label: path)
        } catch {
            if case .unreadable(_, let reason) = error {
                throw .invalid([Diagnostic(position: requestedAt, message: "cannot read base model '\(path)': \(reason)",
                                           hint: "extends: is relative to the file that names it")])
            }
            throw error
        }
        let text = try DeploymentLoader.decodeText(data, file: path)
        let raw = try DeploymentLoader.compose(text, file: path)
        let directory = (path as NSString).deletingLastPathComponent
        let resolved = try resolve(raw, baseDirectory: directory, chain: &chain, cache: cache)
        return anchorCamerasFile(resolved, directory: directory)
    }

    /// A base's `cameras_file:` is relative to the base, not to the site that extends it.
    private static func anchorCamerasFile(_ raw: RawNode, directory: String) -> RawNode {
        guard case .mapping(var pairs, let position) = raw,
              let index = pairs.firstIndex(where: { $0.key == "cameras_file" }),
              case .scalar(let name, let plain, let namePosition) = pairs[index].value,
              !name.hasPrefix("/") else { return raw }
        let absolute = URL(fileURLWithPath: DeploymentLoader.resolve(name, against: directory)).standardizedFileURL.path
        pairs[index].value = .scalar(absolute, plain: plain, namePosition)
        return .mapping(pairs, position)
    }

    static func canonicalPath(_ path: String, relativeTo: String?) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// `remove: [ids]`: which inherited entries a site drops, and the ones that matched nothing.
struct RemovalList {
    private var targets: [(list: String?, id: String, position: SourcePosition, used: Bool)] = []
    private(set) var problems: [Diagnostic] = []

    init(_ pair: RawPair?) {
        guard let pair else { return }
        guard case .sequence(let items, _) = pair.value else {
            problems.append(Diagnostic(position: pair.value.position, message: "remove must be a list of ids",
                                       hint: "write remove: [cam-3, \"purposes[marketing]\"]"))
            return
        }
        for item in items {
            guard case .scalar(let text, _, let position) = item, !item.isNull else {
                problems.append(Diagnostic(position: item.position, message: "remove entries are ids", hint: "write remove: [cam-3]"))
                continue
            }
            if text.hasSuffix("]"), let open = text.firstIndex(of: "["), open > text.startIndex {
                targets.append((String(text[..<open]), String(text[text.index(after: open)..<text.index(before: text.endIndex)]),
                                position, false))
            } else {
                targets.append((nil, text, position, false))
            }
        }
    }

    /// The base without the removed entries; an id that matches nothing is a problem.
    mutating func apply(to base: RawNode) -> RawNode {
        guard !targets.isEmpty, case .mapping(let pairs, let position) = base else { return base }
        var result: [RawPair] = []
        for var pair in pairs {
            if case .sequence(let items, let listPosition) = pair.value {
                let kept = items.filter { item in
                    guard let id = RawMerge.id(of: item) else { return true }
                    var drop = false
                    for index in targets.indices where targets[index].id == id && (targets[index].list ?? pair.key) == pair.key {
                        targets[index].used = true
                        drop = true
                    }
                    return !drop
                }
                pair.value = .sequence(kept, listPosition)
            }
            result.append(pair)
        }
        for target in targets where !target.used {
            let name = target.list.map { "\($0)[\(target.id)]" } ?? target.id
            problems.append(Diagnostic(position: target.position, message: "remove: '\(name)' matches no inherited entry",
                                       hint: "remove names ids of entries of the base (cameras, purposes, features, …)"))
        }
        return .mapping(result, position)
    }
}

/// The merge of a site's tree over its base's (see `ModelInheritance`).
enum RawMerge {
    static func merge(base: RawNode, override: RawNode) -> RawNode {
        switch (base, override) {
        case (.mapping(let basePairs, _), .mapping(let ownPairs, let position)):
            var own: [String: RawPair] = [:]
            for pair in ownPairs { own[pair.key] = pair }
            var result: [RawPair] = []
            var used = Set<String>()
            for pair in basePairs {
                if let mine = own[pair.key] {
                    used.insert(pair.key)
                    result.append(RawPair(key: pair.key, keyPosition: mine.keyPosition,
                                          value: merge(base: pair.value, override: mine.value)))
                } else {
                    result.append(pair)
                }
            }
            for pair in ownPairs where !used.contains(pair.key) { result.append(pair) }
            return .mapping(result, position)
        case (.sequence(let baseItems, _), .sequence(let ownItems, let position))
            where isKeyedByID(baseItems) && isKeyedByID(ownItems):
            var result = baseItems
            var indexByID: [String: Int] = [:]
            for (index, item) in baseItems.enumerated() { if let id = id(of: item) { indexByID[id] = index } }
            for item in ownItems {
                let itemID = id(of: item)!
                if let index = indexByID[itemID] {
                    result[index] = merge(base: result[index], override: item)
                } else {
                    indexByID[itemID] = result.count
                    result.append(item)
                }
            }
            return .sequence(result, position)
        default:
            return override
        }
    }

    /// Non-empty, and every entry a mapping with a scalar `id`.
    static func isKeyedByID(_ items: [RawNode]) -> Bool {
        !items.isEmpty && items.allSatisfy { id(of: $0) != nil }
    }

    static func id(of item: RawNode) -> String? {
        guard case .mapping(let pairs, _) = item, let pair = pairs.first(where: { $0.key == "id" }),
              case .scalar(let text, _, _) = pair.value, !pair.value.isNull else { return nil }
        return text
    }
}

/// Bases read once and shared by every site that extends them (a portfolio of 500 sites reads
/// its brand model once). Safe to use from several threads.
public final class ModelBaseCache: @unchecked Sendable {
    private let lock = NSLock()
    private var trees: [String: RawNode] = [:]

    public init() {}

    func tree(for key: String) -> RawNode? {
        lock.lock(); defer { lock.unlock() }
        return trees[key]
    }

    func store(_ tree: RawNode, for key: String) {
        lock.lock(); defer { lock.unlock() }
        trees[key] = tree
    }

    /// Canonical paths of the bases read so far.
    public var basePaths: [String] {
        lock.lock(); defer { lock.unlock() }
        return trees.keys.sorted()
    }
}
