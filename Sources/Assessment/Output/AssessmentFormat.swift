import Foundation

/// The output formats of `silhouette assess`.
public enum AssessmentFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, csv
}

/// Turns an assessment into one of its output formats, in one language.
public struct AssessmentRenderer: Sendable {
    public var language: Language
    /// ANSI colours in the text format (the CLI sets it only when stdout is a terminal).
    public var colour: Bool
    /// The rules that were run: SARIF lists their metadata.
    public var rules: [Rule]
    /// The routing of the assessment: a charter rule's references to a regime not in play are
    /// left out of the SARIF rule metadata too (nil: every reference).
    public var routing: Routing?

    public init(language: Language = .en, colour: Bool = false, rules: [Rule] = [], routing: Routing? = nil) {
        self.language = language
        self.colour = colour
        self.rules = rules
        self.routing = routing
    }

    public func render(_ result: AssessmentResult, as format: AssessmentFormat) -> String {
        switch format {
        case .text: TextFormatter(language: language, colour: colour).render(result)
        case .json: JSONFormatter(language: language).render(result)
        case .sarif: SARIFFormatter(language: language, rules: rules, routing: routing).render(result)
        case .junit: JUnitFormatter(language: language).render(result)
        case .csv: CSVFormatter(language: language).render(result)
        }
    }
}

/// Counts by severity of the open findings, and the number waived.
struct FindingCounts {
    var open: [Severity: Int] = [:]
    var waived = 0

    init(_ findings: [Finding]) {
        for finding in findings {
            if finding.isOpen { open[finding.severity, default: 0] += 1 } else { waived += 1 }
        }
    }

    var openTotal: Int { open.values.reduce(0, +) }
}

/// Fixed words of the outputs in both languages.
enum Words {
    static func verdict(_ verdict: Verdict, _ lang: Language) -> String {
        switch (verdict, lang) {
        case (.compliant, .en): "compliant"
        case (.compliant, .fr): "conforme"
        case (.compliantWithReservations, .en): "compliant with reservations"
        case (.compliantWithReservations, .fr): "conforme avec réserves"
        case (.nonCompliant, .en): "non-compliant"
        case (.nonCompliant, .fr): "non conforme"
        case (.vetoed, .en): "vetoed by the ethics committee"
        case (.vetoed, .fr): "veto du comité d'éthique"
        }
    }

    static func severity(_ severity: Severity, _ lang: Language) -> String {
        guard lang == .fr else { return severity.rawValue }
        switch severity {
        case .info: return "info"
        case .low: return "faible"
        case .medium: return "moyenne"
        case .high: return "élevée"
        case .critical: return "critique"
        }
    }
}
