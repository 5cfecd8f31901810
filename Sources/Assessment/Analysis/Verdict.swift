/// The verdict, from the open findings and the committee's opinions:
/// - `vetoed` when an enabled feature has an unfavourable opinion (rule ETH-VETO-001, or the
///   register directly when the ethics pack is not loaded);
/// - `non-compliant` when a finding of severity high or critical is open;
/// - `compliant-with-reservations` when lesser findings are open, a finding is only waived,
///   or a favourable opinion carries reservations;
/// - `compliant` otherwise (info findings do not count).
enum VerdictRule {
    static let vetoRuleId = "ETH-VETO-001"

    /// The legal verdict, from law findings only: `non-compliant` when one of high or
    /// critical severity is open, `compliant-with-reservations` for lesser or waived ones.
    /// Never `vetoed`: a committee veto binds under the charter, not under the law.
    static func legal(findings: [Finding]) -> Verdict {
        verdict(findings: findings.filter { $0.ruleId != vetoRuleId }, vetoedFeatures: [], reservations: false)
    }

    static func verdict(findings: [Finding], vetoedFeatures: [String], reservations: Bool) -> Verdict {
        let open = findings.filter(\.isOpen)
        if !vetoedFeatures.isEmpty || open.contains(where: { $0.ruleId == vetoRuleId }) { return .vetoed }
        if open.contains(where: { $0.severity >= .high }) { return .nonCompliant }
        if open.contains(where: { $0.severity > .info }) || findings.contains(where: { !$0.isOpen }) || reservations {
            return .compliantWithReservations
        }
        return .compliant
    }
}
