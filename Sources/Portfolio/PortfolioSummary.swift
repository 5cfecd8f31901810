import Assessment
import Foundation

/// What a portfolio's management needs: verdicts across the sites, and per base the findings
/// every one of its sites has (fix them once, in the base) apart from those only some sites
/// have (they come from the sites' overrides).
public struct PortfolioSummary: Sendable {
    /// One open finding, identified across sites by rule and subject (the subject's id when it
    /// has one, so `cameras[cam-3]` matches even where a site removed an earlier camera).
    public struct FindingKey: Sendable, Hashable, Comparable {
        public var ruleId: String
        public var subject: String
        public var severity: Severity
        public var title: String

        public static func < (a: FindingKey, b: FindingKey) -> Bool {
            (b.severity, a.ruleId, a.subject) < (a.severity, b.ruleId, b.subject)
        }
    }

    public struct BaseGroup: Sendable {
        public var base: String
        /// Deployment ids (or files, for sites that could not be assessed) built on it.
        public var sites: [String]
        /// Open in every assessed site of the base.
        public var common: [FindingKey]
        /// Open in some sites only, with those sites.
        public var partial: [(finding: FindingKey, sites: [String])]
    }

    /// Sites per legal verdict (law findings only: `compliant`, `compliant-with-reservations`,
    /// `non-compliant`), and `invalid` for sites that could not be assessed.
    public var legalVerdicts: [String: Int]
    /// Sites per charter verdict (the vendor's charter and the ethics register, reported
    /// apart from the law: `vetoed` is only ever a charter verdict), and `invalid`.
    public var charterVerdicts: [String: Int]
    public var groups: [BaseGroup]
    public var siteCount: Int

    public static let verdictOrder = ["compliant", "compliant-with-reservations", "non-compliant", "vetoed", "invalid"]

    /// `2 compliant, 1 non-compliant` in `verdictOrder`.
    public static func countsText(_ counts: [String: Int]) -> String {
        verdictOrder.compactMap { v in counts[v].map { "\($0) \(v)" } }.joined(separator: ", ")
    }

    public init(_ sites: [PortfolioSite]) {
        siteCount = sites.count
        var legal: [String: Int] = [:], charter: [String: Int] = [:]
        for site in sites {
            legal[site.result?.legalVerdict.rawValue ?? "invalid", default: 0] += 1
            charter[site.result?.charterVerdict.rawValue ?? "invalid", default: 0] += 1
        }
        legalVerdicts = legal
        charterVerdicts = charter
        var byBase: [String: [PortfolioSite]] = [:]
        for site in sites { if let base = site.base { byBase[base, default: []].append(site) } }
        groups = byBase.keys.sorted().map { base in Self.group(base: base, sites: byBase[base]!) }
    }

    static func keys(_ result: AssessmentResult) -> Set<FindingKey> {
        Set(result.openFindings.map {
            FindingKey(ruleId: $0.ruleId, subject: Self.subject($0), severity: $0.severity, title: $0.title.text(.en))
        })
    }

    /// `cameras[cam-3]` rather than `cameras[2]` when the subject has an id.
    static func subject(_ finding: Finding) -> String {
        guard let id = finding.subjectId, finding.subjectPath.hasSuffix("]"),
              let open = finding.subjectPath.lastIndex(of: "[") else { return finding.subjectPath }
        return "\(finding.subjectPath[..<open])[\(id)]"
    }

    static func group(base: String, sites: [PortfolioSite]) -> BaseGroup {
        let assessed = sites.compactMap { site in site.result.map { (name: $0.deploymentId, keys: keys($0)) } }
        var holders: [FindingKey: [String]] = [:]
        for site in assessed { for key in site.keys { holders[key, default: []].append(site.name) } }
        let common = holders.filter { $0.value.count == assessed.count }.keys.sorted()
        let partial = holders.filter { $0.value.count < assessed.count }.keys.sorted().map { ($0, holders[$0]!.sorted()) }
        return BaseGroup(base: base, sites: sites.map { $0.result?.deploymentId ?? $0.file }.sorted(),
                         common: common, partial: partial)
    }
}
