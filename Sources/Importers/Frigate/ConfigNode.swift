import Yams

/// Read-only access to a messy real-world YAML configuration: merge keys (`<<: *base`) are
/// honoured, tags such as Home Assistant's `!secret` are kept as plain text, and booleans are
/// read the way Frigate's loader reads them (`True`, `true`, `'true'`, `yes`, `on`).
/// Lookups only follow the paths an importer asks for, so an alias bomb never gets expanded.
struct ConfigNode {
    let node: Node

    subscript(key: String) -> ConfigNode? {
        var budget = 10_000
        return value(for: key, budget: &budget)
    }

    /// `node["a"]?["b"]?["c"]` without the question marks.
    func at(_ path: String...) -> ConfigNode? {
        var current: ConfigNode? = self
        for key in path { current = current?[key] }
        return current
    }

    private func value(for key: String, budget: inout Int) -> ConfigNode? {
        guard case .mapping(let mapping) = node else { return nil }
        var merged: [Node] = []
        for (k, v) in mapping {
            budget -= 1
            if budget < 0 { return nil }
            guard let name = k.string else { continue }
            if name == key { return ConfigNode(node: v) }
            if name == "<<" { merged.append(v) }
        }
        for base in merged {
            switch base {
            case .mapping:
                if let found = ConfigNode(node: base).value(for: key, budget: &budget) { return found }
            case .sequence(let sequence):
                for item in sequence where budget > 0 {
                    if let found = ConfigNode(node: item).value(for: key, budget: &budget) { return found }
                }
            default: continue
            }
        }
        return nil
    }

    /// Keys in document order, merged keys after the mapping's own ones. Merge chains are
    /// followed with a visit budget: an alias bomb made of merge keys stops, it does not expand.
    var keys: [String] {
        var budget = 10_000
        var result: [String] = []
        var seen = Set<String>()
        collectKeys(into: &result, seen: &seen, budget: &budget)
        return result
    }

    private func collectKeys(into result: inout [String], seen: inout Set<String>, budget: inout Int) {
        guard case .mapping(let mapping) = node else { return }
        var bases: [Node] = []
        for (k, v) in mapping {
            budget -= 1
            if budget < 0 { return }
            guard let name = k.string else { continue }
            if name == "<<" {
                if case .sequence(let sequence) = v { bases.append(contentsOf: sequence) } else { bases.append(v) }
            } else if seen.insert(name).inserted {
                result.append(name)
            }
        }
        for base in bases where budget > 0 {
            ConfigNode(node: base).collectKeys(into: &result, seen: &seen, budget: &budget)
        }
    }

    var isMapping: Bool { if case .mapping = node { return true } else { return false } }

    var items: [ConfigNode] {
        guard case .sequence(let sequence) = node else { return [] }
        return sequence.map(ConfigNode.init(node:))
    }

    /// Scalar text, whatever its tag (`!secret name` reads as `name`).
    var text: String? {
        guard case .scalar(let scalar) = node else { return nil }
        return scalar.string
    }

    var bool: Bool? {
        guard let raw = text?.trimmingCharacters(in: .whitespaces).lowercased() else { return nil }
        switch raw {
        case "true", "yes", "on", "y": return true
        case "false", "no", "off", "n": return false
        default: return nil
        }
    }

    var number: Double? {
        guard let raw = text?.trimmingCharacters(in: .whitespaces) else { return nil }
        return Double(raw)
    }

    /// A list of strings written either as a YAML sequence or as one comma-separated string.
    var strings: [String] {
        if case .sequence = node { return items.compactMap(\.text) }
        guard let raw = text else { return [] }
        return raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    var line: Int? { node.mark?.line }
}

import Foundation
