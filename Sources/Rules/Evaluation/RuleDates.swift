import Foundation

/// Whether a rule's obligation is in force on a day (`applies_from` / `applies_until`). A rule
/// not in force is left out of an assessment and listed, never silently dropped. Authorising
/// texts with validity dates are not this: a rule that checks one keeps running and reports
/// reliance on it outside its dates as a finding.
public enum RuleInForce: Sendable, Equatable {
    case inForce
    /// The obligation starts on this day (`YYYY-MM-DD`).
    case notYet(from: String)
    /// The obligation ended after this day.
    case noLonger(until: String)
}

/// A rule an assessment left out because its obligation was not in force on the assessed day.
public struct RuleNotInForce: Codable, Sendable, Equatable {
    public var ruleId: String
    public var pack: String
    public var title: LocalizedText
    public var appliesFrom: String?
    public var appliesUntil: String?
    public var datesUncertain: String?

    public init(ruleId: String, pack: String, title: LocalizedText, appliesFrom: String?, appliesUntil: String?, datesUncertain: String?) {
        self.ruleId = ruleId
        self.pack = pack
        self.title = title
        self.appliesFrom = appliesFrom
        self.appliesUntil = appliesUntil
        self.datesUncertain = datesUncertain
    }

    /// "not in force before 2 August 2026" / « en vigueur à compter du 2 août 2026 seulement ».
    public func reason(_ language: Language) -> String {
        let fr = language == .fr
        var parts: [String] = []
        if let from = appliesFrom {
            parts.append(fr ? "applicable à compter du \(DateText.french(from))" : "applies from \(DateText.english(from))")
        }
        if let until = appliesUntil {
            parts.append(fr ? "jusqu’au \(DateText.french(until))" : "until \(DateText.english(until))")
        }
        var text = parts.joined(separator: " ")
        if let note = datesUncertain { text += fr ? " (date incertaine : \(note))" : " (date uncertain: \(note))" }
        return text
    }
}

extension Rule {
    public var appliesFrom: String? { definition.appliesFrom }
    public var appliesUntil: String? { definition.appliesUntil }
    public var datesUncertain: String? { definition.datesUncertain }

    /// In force on the calendar day (UTC) of `date`; both bounds are included.
    public func inForce(on date: Date) -> RuleInForce {
        let day = DateText.day(date)
        if let from = definition.appliesFrom, day < from { return .notYet(from: from) }
        if let until = definition.appliesUntil, day > until { return .noLonger(until: until) }
        return .inForce
    }
}

extension RuleSet {
    /// The rules whose obligation is not in force on `date`, in rule order.
    public func notInForce(on date: Date) -> [RuleNotInForce] {
        rules.filter { $0.inForce(on: date) != .inForce }.map {
            RuleNotInForce(ruleId: $0.id, pack: $0.pack, title: $0.title, appliesFrom: $0.appliesFrom,
                           appliesUntil: $0.appliesUntil, datesUncertain: $0.datesUncertain)
        }
    }
}
