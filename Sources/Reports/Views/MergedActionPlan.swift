import Assessment
import DeploymentModel
import Foundation

/// The PIA's action plan: one row per remedy, not per finding (six unsigned cameras are one
/// "signage" action naming six cameras), plus the reduction of every high residual risk and the
/// ethics committee's conditions. The controller acts on all of them — the committee and the
/// DPO advise. Due dates follow severity; a critical finding means stopping the processing at
/// once, and consulting the authority is never offered instead of stopping.
struct MergedActionPlan {
    struct Row {
        var severity: Severity
        var source: String
        var action: String
        var subjects: [String]
        var rule: String?
        var owner: String
        var due: String
        var status: String
    }

    let rows: [Row]

    init(_ context: ReportContext, labels: LabelTable, language lang: Language) {
        let now = context.generatedAt
        let owner = labels.label("role.controller")
        func due(_ severity: Severity) -> String {
            if severity == .critical { return labels.label("due.immediately") }
            let days = [Severity.high: 30, .medium: 90, .low: 180, .info: 365][severity] ?? 90
            return labels.date(now.addingTimeInterval(Double(days) * 86_400))
        }
        var rows: [Row] = []
        var byRemedy: [String: Int] = [:]
        for finding in context.assessment.findings {
            let status: String
            switch finding.waiver {
            case .none: status = "open"
            case .waived: status = "waived"
            case .expired: status = "waiver-expired"
            }
            let key = finding.ruleId + "\u{1}" + finding.remediation.text(lang) + "\u{1}" + status
            let subject = finding.subjectId ?? ""
            if let index = byRemedy[key] {
                if !subject.isEmpty, !rows[index].subjects.contains(subject) { rows[index].subjects.append(subject) }
                continue
            }
            byRemedy[key] = rows.count
            var dueText = due(finding.severity)
            if case .waived(_, let expires, _) = finding.waiver { dueText = labels.date(expires) }
            rows.append(Row(severity: finding.severity, source: labels.label("action_source.finding"),
                            action: finding.remediation.text(lang), subjects: subject.isEmpty ? [] : [subject],
                            rule: finding.ruleId, owner: owner, due: dueText, status: labels.label("action_status.\(status)")))
        }
        for risk in context.assessment.risks where risk.isHighResidual {
            rows.append(Row(severity: .high, source: labels.label("action_source.principle"),
                            action: labels.label("action.reduce-risk", ["risk": labels.label("risk.\(risk.id)")]),
                            subjects: [], rule: nil, owner: owner, due: due(.high), status: labels.label("action_status.open")))
        }
        for opinion in context.ethicsOpinions where !opinion.reservations.isEmpty
            && context.loaded.document.features.contains(where: { opinion.binds($0, in: context.loaded.document.deployment.id) }) {
            for reservation in opinion.reservations {
                rows.append(Row(severity: .medium, source: labels.label("action_source.ethics-condition"), action: reservation,
                                subjects: [opinion.id], rule: nil, owner: owner,
                                due: opinion.reviewBy.map(labels.date) ?? due(.medium), status: labels.label("action_status.open")))
            }
        }
        // The DPO's reservations (recorded review of this model): the controller acts on them. An
        // owner written as a role id (`controller`, `security-officer`) reads as the role's label.
        for reservation in ReviewState(context).reservations {
            rows.append(Row(severity: .medium, source: labels.label("pia_review.source"), action: reservation.action,
                            subjects: [], rule: nil, owner: reservation.owner.map { labels.has("role.\($0)") ? labels.label("role.\($0)") : $0 } ?? owner,
                            due: reservation.due.map(labels.date) ?? due(.medium), status: labels.label("action_status.open")))
        }
        self.rows = rows.sorted { $0.severity > $1.severity }
    }

    func view(labels: LabelTable) -> [[String: Any]] {
        rows.map { row in
            ["severity": labels.label("severity.\(row.severity.rawValue)"), "source": row.source, "action": BodyText.withoutToolInternals(row.action),
             "subjects": row.subjects.joined(separator: ", "), "hasSubjects": !row.subjects.isEmpty,
             "rule": row.rule ?? "—", "owner": row.owner, "due": row.due, "status": row.status,
             "immediate": row.severity == .critical]
        }
    }

    /// The plan as CSV (RFC 4180, header row, UTF-8): codes, not labels, where a register tool
    /// needs them (severity, rule), the text as in the document otherwise.
    func csv() -> String {
        var lines = ["severity,source,action,subjects,rule,owner,due,status"]
        for row in rows {
            lines.append([row.severity.rawValue, row.source, row.action.replacingOccurrences(of: "`", with: ""), row.subjects.joined(separator: "; "), row.rule ?? "",
                          row.owner, row.due, row.status].map(Self.field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ text: String) -> String {
        // A leading =, +, - or @ would be a formula in a spreadsheet: quote it behind an apostrophe.
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
