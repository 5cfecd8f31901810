import DeploymentModel
/// What a rule iterates over. Each scope is one list of the model (or the model itself).
public enum RuleScope: String, Sendable, CaseIterable, Codable {
    case deployment, camera, purpose, feature, flow, retention, processor, system, recipient

    /// The YAML path of the list this scope iterates over (`nil` for the whole deployment).
    public var collectionPath: String? {
        switch self {
        case .deployment: nil
        case .camera: "cameras"
        case .purpose: "purposes"
        case .feature: "features"
        case .flow: "data_flows"
        case .retention: "retention"
        case .processor: "deployment.processors"
        case .system: "systems"
        case .recipient: "recipients"
        }
    }
}

/// A CEL expression as written in a rule file, with where it starts so compile errors can be
/// reported at the right line.
public struct RuleExpression: Sendable {
    public var source: String
    /// Position of the first character of the expression text.
    public var position: SourcePosition?
    /// True for `|`/`>` block scalars, whose text starts on the line after `position`.
    public var block: Bool
    /// Indentation of a block scalar's lines (its column is `blockIndent + 1`).
    public var blockIndent: Int = 0

    /// The file position of `line:column` inside the expression (both 1-based).
    public func position(line: Int, column: Int) -> SourcePosition? {
        guard let start = position else { return nil }
        if block { return SourcePosition(file: start.file, line: start.line + line, column: blockIndent + column) }
        return SourcePosition(file: start.file, line: start.line + line - 1,
                              column: line == 1 ? start.column + column - 1 : column)
    }
}

/// One labelled example of a rule: variable name → value as written.
public struct RuleExample: Sendable {
    public enum Label: String, Sendable, Codable { case pass, fail }
    public var label: Label
    public var index: Int
    public var values: [String: PlainValue]
    public var position: SourcePosition?
}

/// A rule file as parsed, before its expressions are compiled.
public struct RuleDefinition: Sendable {
    public var id: String
    public var pack: String
    /// `law` or `charter` when the rule overrides its pack's manifest.
    public var kind: RuleKind? = nil
    public var title: LocalizedText
    public var severity: Severity
    public var tags: [String]
    public var refs: [LegalReference]
    public var scope: RuleScope
    public var when: RuleExpression?
    public var assert: RuleExpression
    public var params: [String: PlainValue]
    public var message: LocalizedText
    /// Where each language's message starts (placeholders are compiled from it).
    public var messagePositions: [Language: SourcePosition]
    public var remediation: LocalizedText
    public var examples: [RuleExample]
    public var file: String
    public var position: SourcePosition?
}
