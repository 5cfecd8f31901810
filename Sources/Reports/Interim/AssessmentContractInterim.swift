// INTERIM: the Assessment types of CONTRACTS.md §4, copied verbatim in shape so the Reports
// module compiles before the `rules-engine` branch lands. Delete this file when merging it.
import DeploymentModel
import Foundation

public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
    case info, low, medium, high, critical
    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
public enum Language: String, Codable, Sendable, CaseIterable { case en, fr }
public struct LocalizedText: Codable, Sendable, Hashable {
    public var en: String; public var fr: String
    public init(en: String, fr: String) { self.en = en; self.fr = fr }
    public func text(_ lang: Language) -> String { lang == .fr ? fr : en }
}
public struct LegalReference: Codable, Sendable, Hashable {
    public var law: String; public var article: String; public var title: String?; public var url: String?
    public var uncertain: Bool; public var note: String?
}
public struct Finding: Codable, Sendable {
    public var ruleId: String; public var pack: String; public var severity: Severity
    public var title: LocalizedText; public var message: LocalizedText; public var remediation: LocalizedText
    public var refs: [LegalReference]; public var subjectPath: String; public var position: SourcePosition?
    public var waiver: WaiverState
}
public enum WaiverState: Codable, Sendable {
    case none, waived(approver: String, expires: String, justification: String), expired(approver: String, expired: String)
}
public enum Verdict: String, Codable, Sendable {
    case compliant, compliantWithReservations = "compliant-with-reservations", nonCompliant = "non-compliant", vetoed
}
public struct CriterionResult: Codable, Sendable {
    public var id: String; public var title: LocalizedText; public var met: Bool; public var reason: LocalizedText
}
public struct ThresholdAnalysis: Codable, Sendable {
    public var criteria: [CriterionResult]; public var article35_3: [CriterionResult]
    public var dpiaRequired: Bool; public var reason: LocalizedText
}
public struct RiskAssessment: Codable, Sendable {
    public var id: String; public var title: LocalizedText
    public var inherentSeverity: Int; public var inherentLikelihood: Int
    public var residualSeverity: Int; public var residualLikelihood: Int
    public var measures: [String]; public var overridden: String?
}
public struct ActionItem: Codable, Sendable {
    public var ruleId: String?; public var action: LocalizedText; public var owner: String; public var due: String
    public var status: String; public var severity: Severity
}
public struct AssessmentResult: Codable, Sendable {
    public var deploymentId: String; public var deploymentName: String; public var modelHash: String
    public var rulesVersion: String; public var assessedAt: Date; public var packs: [String]
    public var findings: [Finding]; public var threshold: ThresholdAnalysis; public var risks: [RiskAssessment]
    public var verdict: Verdict; public var actionPlan: [ActionItem]
}
public struct CommitteeOpinion: Codable, Sendable {
    public var id: String; public var feature: String?; public var featureKind: String?; public var decision: String
    public var reservations: [String]; public var reviewBy: String?
}
