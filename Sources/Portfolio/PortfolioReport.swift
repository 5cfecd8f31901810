import Assessment
import Foundation

/// The portfolio report for management: verdicts, what to fix once in each base, what only
/// some sites have, and every site's verdict. Markdown (model values escaped) or one
/// self-contained HTML page (inline CSS, no script, no external request). English only.
struct PortfolioReport {
    let directory: String

    /// A heading-and-table outline shared by both renderings.
    struct Table { var caption: String; var header: [String]; var rows: [[String]] }

    func sections(_ sites: [PortfolioSite], _ summary: PortfolioSummary) -> (intro: [String], tables: [Table]) {
        let assessed = sites.filter { $0.result != nil }.count
        var intro = [
            "\(summary.siteCount) deployments found under \(directory); \(assessed) assessed"
                + (assessed < summary.siteCount ? ", \(summary.siteCount - assessed) could not be (see the last table)." : "."),
        ]
        if summary.groups.isEmpty { intro.append("No deployment extends a base model.") }
        // Legal first (law findings only); the charter's verdict apart, never mixed into it.
        var tables = [Table(caption: "Legal verdicts", header: ["verdict", "sites"],
                            rows: PortfolioSummary.verdictOrder.compactMap { v in summary.legalVerdicts[v].map { [v, "\($0)"] } }),
                      Table(caption: "Charter verdicts", header: ["verdict", "sites"],
                            rows: PortfolioSummary.verdictOrder.compactMap { v in summary.charterVerdicts[v].map { [v, "\($0)"] } })]
        for group in summary.groups {
            tables.append(Table(caption: "Base \(group.base): findings in all \(group.sites.count) sites — fix once, in the base",
                                header: ["severity", "rule", "subject", "finding"],
                                rows: group.common.map { [$0.severity.rawValue, $0.ruleId, $0.subject, $0.title] }))
            tables.append(Table(caption: "Base \(group.base): findings in some sites only — from their overrides",
                                header: ["severity", "rule", "subject", "finding", "sites"],
                                rows: group.partial.map { key, holders in
                                    [key.severity.rawValue, key.ruleId, key.subject, key.title,
                                     "\(holders.count): " + PortfolioRenderer.list(holders)]
                                }))
        }
        tables.append(Table(caption: "Sites", header: ["deployment", "file", "legal verdict", "charter verdict", "critical", "high", "medium", "low"],
                            rows: sites.compactMap { site in
                                guard let result = site.result else { return nil }
                                let c = PortfolioRenderer.counts(result)
                                return [result.deploymentId, site.file, result.legalVerdict.rawValue, result.charterVerdict.rawValue,
                                        "\(c[.critical] ?? 0)", "\(c[.high] ?? 0)", "\(c[.medium] ?? 0)", "\(c[.low] ?? 0)"]
                            }))
        let invalid = sites.filter { $0.result == nil }
        if !invalid.isEmpty {
            tables.append(Table(caption: "Sites that could not be assessed", header: ["file", "first error"],
                                rows: invalid.map { [$0.file, $0.errors.first ?? ""] }))
        }
        return (intro, tables)
    }

    func markdown(_ sites: [PortfolioSite], _ summary: PortfolioSummary) -> String {
        let (intro, tables) = sections(sites, summary)
        var out = "# Portfolio assessment — \(Self.markdownEscape(directory))\n\n"
        for line in intro { out += Self.markdownEscape(line) + "\n\n" }
        for table in tables {
            out += "## \(Self.markdownEscape(table.caption))\n\n"
            if table.rows.isEmpty { out += "None.\n\n"; continue }
            out += "| " + table.header.joined(separator: " | ") + " |\n"
            out += "|" + table.header.map { _ in "---|" }.joined() + "\n"
            for row in table.rows { out += "| " + row.map(Self.markdownEscape).joined(separator: " | ") + " |\n" }
            out += "\n"
        }
        return out
    }

    func html(_ sites: [PortfolioSite], _ summary: PortfolioSummary) -> String {
        let (intro, tables) = sections(sites, summary)
        let title = "Portfolio assessment — " + Self.htmlEscape(directory)
        var out = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>\(title)</title>
        <style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:2em}
        th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;font-size:.9em}th{background:#eee}caption{text-align:left;font-weight:bold;margin:.5em 0}</style>
        </head><body>
        <h1>\(title)</h1>

        """
        for line in intro { out += "<p>\(Self.htmlEscape(line))</p>\n" }
        for table in tables {
            out += "<table><caption>\(Self.htmlEscape(table.caption))</caption>\n<tr>"
                + table.header.map { "<th>\(Self.htmlEscape($0))</th>" }.joined() + "</tr>\n"
            if table.rows.isEmpty { out += "<tr><td colspan=\"\(table.header.count)\">None.</td></tr>\n" }
            for row in table.rows { out += "<tr>" + row.map { "<td>\(Self.htmlEscape($0))</td>" }.joined() + "</tr>\n" }
            out += "</table>\n"
        }
        return out + "</body></html>\n"
    }

    static func htmlEscape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Model values are text, never markup: every character Markdown could read as syntax is escaped.
    static func markdownEscape(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\`*_{}[]()#+-.!|<>&~".contains(c) { out.append("\\") }
            if c == "\n" { out += " "; continue }
            out.append(c)
        }
        return out
    }
}
