import DeploymentModel
/// A problem in a rule file, at a position, with a hint that says how to fix it.
public struct RuleDiagnostic: Sendable, CustomStringConvertible, Hashable {
    public var position: SourcePosition?
    public var message: String
    public var hint: String?

    public init(position: SourcePosition?, message: String, hint: String? = nil) {
        self.position = position
        self.message = message
        self.hint = hint
    }

    public var description: String {
        (position.map { "\($0): " } ?? "") + message + (hint.map { " (hint: \($0))" } ?? "")
    }
}

/// Why rules could not be loaded. Every case prints as one line.
public enum RuleError: Error, CustomStringConvertible, Sendable {
    /// One or more rule files are malformed, name an unknown model field, or fail to compile.
    case invalid([RuleDiagnostic])
    /// A rules directory or file could not be read.
    case unreadable(path: String, reason: String)
    /// `--packs` named a pack that no rules directory provides.
    case unknownPack(String, available: [String])
    /// `rules show ID` named no loaded rule.
    case unknownRule(String, suggestion: String?)
    /// No pack covers the law that applies (or the jurisdiction is unknown): never a silent run.
    case routing(RoutingError)

    public var description: String {
        switch self {
        case .invalid(let diagnostics):
            let first = diagnostics.first?.description ?? "invalid rules"
            return diagnostics.count > 1 ? "\(first) (and \(diagnostics.count - 1) more problem(s))" : first
        case .unreadable(let path, let reason):
            return "\(path): cannot read rules: \(reason)"
        case .unknownPack(let name, let available):
            return "unknown rule pack '\(name)' (hint: available packs: \(available.joined(separator: ", ")))"
        case .unknownRule(let id, let suggestion):
            return "no rule '\(id)'" + (suggestion.map { " (hint: did you mean '\($0)'?)" }
                ?? " (hint: `silhouette rules list` shows every rule id)")
        case .routing(let error):
            return error.message(.en)
        }
    }

    /// Every diagnostic, for callers that print them all.
    public var diagnostics: [RuleDiagnostic] {
        if case .invalid(let list) = self { return list }
        return [RuleDiagnostic(position: nil, message: description)]
    }
}

/// The closest candidate to `word` when it is plausibly a typo of it.
func closestMatch(to word: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
        let distance = EditDistance.distance(word.lowercased(), candidate.lowercased())
        if distance <= max(2, word.count / 3), distance < (best?.1 ?? .max) { best = (candidate, distance) }
    }
    return best?.0
}
