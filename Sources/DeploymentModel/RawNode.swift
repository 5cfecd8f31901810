import Yams

/// A YAML (or CSV) value with the position of every node, independent of Yams so that CSV
/// inventories can produce the same tree with their own file and positions.
indirect enum RawNode: Sendable {
    case scalar(String, plain: Bool, SourcePosition)
    case sequence([RawNode], SourcePosition)
    case mapping([RawPair], SourcePosition)

    var position: SourcePosition {
        switch self {
        case .scalar(_, _, let p), .sequence(_, let p), .mapping(_, let p): return p
        }
    }

    /// Plain `~`, `null`, `Null`, `NULL` or nothing at all: YAML's null.
    var isNull: Bool {
        if case .scalar(let text, let plain, _) = self {
            return plain && ["", "~", "null", "Null", "NULL"].contains(text)
        }
        return false
    }

    var kindName: String {
        switch self {
        case .scalar: return isNull ? "null" : "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

struct RawPair: Sendable {
    var key: String
    var keyPosition: SourcePosition
    var value: RawNode
}

/// Converts a composed Yams tree, counting nodes: aliases are shared by Yams but expanded
/// here, so an alias bomb ("billion laughs") is stopped by the budget instead of eating memory.
struct RawNodeBuilder {
    enum Failure: Error { case budgetExceeded(SourcePosition), nonScalarKey(SourcePosition) }

    let file: String
    var budget: Int

    mutating func build(_ node: Node) throws(Failure) -> RawNode {
        budget -= 1
        let position = SourcePosition(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        guard budget >= 0 else { throw .budgetExceeded(position) }
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, plain: scalar.style == .plain, position)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one is a null.
            return .scalar("", plain: true, position)
        case .sequence(let sequence):
            var items: [RawNode] = []
            items.reserveCapacity(sequence.count)
            for child in sequence { items.append(try build(child)) }
            return .sequence(items, position)
        case .mapping(let mapping):
            var pairs: [RawPair] = []
            var merged: [RawPair] = []
            for (key, value) in mapping {
                let keyPosition = SourcePosition(file: file, line: key.mark?.line ?? position.line,
                                                 column: key.mark?.column ?? position.column)
                guard case .scalar(let keyScalar) = key else { throw .nonScalarKey(keyPosition) }
                if keyScalar.string == "<<", keyScalar.style == .plain {
                    // YAML merge key: `<<: *defaults` (or a list of them); explicit keys win.
                    let sources: [Node] = value.sequence.map { Array($0) } ?? [value]
                    for source in sources {
                        if case .mapping(let pairsOut, _) = try build(source) { merged.append(contentsOf: pairsOut) }
                    }
                    continue
                }
                pairs.append(RawPair(key: keyScalar.string, keyPosition: keyPosition, value: try build(value)))
            }
            let explicit = Set(pairs.map(\.key))
            var seen = Set<String>()
            for pair in merged where !explicit.contains(pair.key) && seen.insert(pair.key).inserted {
                pairs.append(pair)
            }
            return .mapping(pairs, position)
        }
    }
}
