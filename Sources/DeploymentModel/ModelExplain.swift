import Foundation

/// `validate --explain PATH|all`: which file and line each value of a (merged) model came from.
/// Paths may name list entries by index or by id (`cameras[cam-3].retention`); lines name
/// entries by id where they have one.
public enum ModelExplain {
    public struct Line: Sendable, Hashable {
        /// The value's path, entries named by id where they have one.
        public var path: String
        /// Where it is written; nil for a value the model does not write (a default).
        public var position: SourcePosition?
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case unknownPath(String, hint: String)
        public var description: String {
            switch self {
            case .unknownPath(let path, let hint): return "no value at '\(path)' in the model; hint: \(hint)"
            }
        }
    }

    /// Every written leaf under `path` (`all` or empty: the whole model), sorted by path (entries by index).
    public static func explain(_ loaded: LoadedDeployment, path: String) throws(Failure) -> [Line] {
        let root = ModelEncoding.value(loaded.document)
        let positions = Dictionary(uniqueKeysWithValues: loaded.sourceMap.paths.map { ($0, loaded.sourceMap.position(of: $0)!) })
        let target: String
        if path == "all" { target = "" } else { target = try indexed(path, root: root) }
        let written = positions.keys.filter { key in
            !isIDAlias(key) && (target.isEmpty || key == target || key.hasPrefix(target + ".") || key.hasPrefix(target + "["))
        }
        guard !written.isEmpty else {
            // A schema field the model does not write (its default applies) still has an answer.
            if !target.isEmpty, SourceMap.parent(of: Substring(target)).map({ positions[String($0)] != nil }) == true {
                return [Line(path: named(target, root: root), position: nil)]
            }
            throw .unknownPath(path, hint: "paths look like deployment.controller.name, cameras[cam-3].retention or cameras[0]; or pass all")
        }
        let leaves = written.filter { key in !written.contains { $0 != key && ($0.hasPrefix(key + ".") || $0.hasPrefix(key + "[")) } }
        return leaves.sorted { sortKey($0) < sortKey($1) }.map { Line(path: named($0, root: root), position: positions[$0]) }
    }

    /// `cameras[cam-3].retention` → `cameras[2].retention`.
    static func indexed(_ path: String, root: ModelValue) throws(Failure) -> String {
        var result = ""
        var node: ModelValue? = root
        for segment in segments(path) {
            switch segment {
            case .key(let key):
                result += result.isEmpty ? key : ".\(key)"
                node = node?[key]
            case .entry(let name):
                let items = node?.listValue ?? []
                if let index = Int(name) {
                    node = index >= 0 && index < items.count ? items[index] : nil
                    result += "[\(index)]"
                } else if let index = items.firstIndex(where: { $0["id"]?.stringValue == name }) {
                    node = items[index]
                    result += "[\(index)]"
                } else {
                    let known = items.compactMap { $0["id"]?.stringValue }.prefix(8).joined(separator: ", ")
                    throw .unknownPath(path, hint: known.isEmpty ? "no entry has the id '\(name)'" : "known ids: \(known)")
                }
            }
        }
        return result
    }

    /// `cameras[2].retention` → `cameras[cam-3].retention`.
    static func named(_ path: String, root: ModelValue) -> String {
        var result = ""
        var node: ModelValue? = root
        for segment in segments(path) {
            switch segment {
            case .key(let key):
                result += result.isEmpty ? key : ".\(key)"
                node = node?[key]
            case .entry(let name):
                let items = node?.listValue ?? []
                if let index = Int(name), index >= 0, index < items.count {
                    node = items[index]
                    result += "[\(items[index]["id"]?.stringValue ?? name)]"
                } else {
                    node = nil
                    result += "[\(name)]"
                }
            }
        }
        return result
    }

    enum Segment: Equatable { case key(String), entry(String) }

    static func segments(_ path: String) -> [Segment] {
        var result: [Segment] = []
        var current = ""
        var inBracket = false
        for character in path {
            switch character {
            case "." where !inBracket:
                if !current.isEmpty { result.append(.key(current)) }
                current = ""
            case "[" where !inBracket:
                if !current.isEmpty { result.append(.key(current)) }
                current = ""
                inBracket = true
            case "]" where inBracket:
                result.append(.entry(current))
                current = ""
                inBracket = false
            default:
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(.key(current)) }
        return result
    }

    /// `cameras[cam-3]` is an alias `SourceMap` adds for `cameras[2]`.
    static func isIDAlias(_ path: String) -> Bool {
        segments(path).contains { if case .entry(let name) = $0 { return Int(name) == nil } else { return false } }
    }

    /// Orders `cameras[2]` before `cameras[10]`.
    static func sortKey(_ path: String) -> String {
        segments(path).map {
            switch $0 {
            case .key(let key): return key
            case .entry(let name): return String(repeating: "0", count: max(0, 8 - name.count)) + name
            }
        }.joined(separator: "\u{1}")
    }
}
