/// The action plan as RFC 4180 CSV (comma-separated, CRLF line ends, fields quoted when they
/// hold a comma, quote or line break): `rule_id,severity,action,owner,due,status`.
struct CSVFormatter {
    let language: Language

    func render(_ result: AssessmentResult) -> String {
        var rows = [["rule_id", "severity", "action", "owner", "due", "status"]]
        for item in result.actionPlan {
            rows.append([item.ruleId ?? "", item.severity.rawValue, item.action.text(language), item.owner, item.due, item.status])
        }
        return rows.map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ value: String) -> String {
        // A leading =, +, - or @ would be run as a formula by spreadsheets.
        let safe = value.first.map { "=+-@".contains($0) } == true ? "'" + value : value
        guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
