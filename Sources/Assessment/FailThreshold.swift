/// When `assess` exits 1: `--fail-on SEVERITY` (both kinds, today's behaviour; default
/// `high`), or per kind, `--fail-on legal:high,charter:critical`. A kind not named in the
/// per-kind form never fails the run; `none` says so explicitly (`legal:high,charter:none`).
public struct FailThreshold: Sendable, Equatable {
    /// The lowest severity of an open law finding that fails the run; nil: never.
    public var legal: Severity?
    /// The same for charter findings.
    public var charter: Severity?

    public static let `default` = FailThreshold(legal: .high, charter: .high)

    public init(legal: Severity?, charter: Severity?) {
        self.legal = legal
        self.charter = charter
    }

    /// Parses `high` or `legal:high,charter:critical`; nil with a reason when malformed.
    public static func parse(_ text: String) -> Result<FailThreshold, FailThresholdError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let severity = Severity(rawValue: trimmed) { return .success(FailThreshold(legal: severity, charter: severity)) }
        var result = FailThreshold(legal: nil, charter: nil)
        var named = Set<String>()
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, let kind = RuleKind(rawValue: pieces[0] == "legal" ? "law" : pieces[0]),
                  pieces[0] != "law" else {
                return .failure(FailThresholdError(text: text, problem: "'\(part)' is not KIND:SEVERITY with KIND legal or charter"))
            }
            guard !named.contains(pieces[0]) else {
                return .failure(FailThresholdError(text: text, problem: "'\(pieces[0])' is named twice"))
            }
            named.insert(pieces[0])
            let severity: Severity?
            if pieces[1] == "none" { severity = nil } else if let s = Severity(rawValue: pieces[1]) { severity = s } else {
                return .failure(FailThresholdError(text: text, problem: "unknown severity '\(pieces[1])'"))
            }
            if kind == .law { result.legal = severity } else { result.charter = severity }
        }
        return .success(result)
    }

    /// True when an open finding reaches the threshold of its kind.
    public func fails(_ result: AssessmentResult) -> Bool {
        result.openFindings.contains { finding in
            guard let threshold = finding.kind == .law ? legal : charter else { return false }
            return finding.severity >= threshold
        }
    }
}

public struct FailThresholdError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var problem: String
    public var description: String {
        "--fail-on '\(text)': \(problem) (hint: a severity such as high, or legal:high,charter:critical; severities: info, low, medium, high, critical, none)"
    }
}
