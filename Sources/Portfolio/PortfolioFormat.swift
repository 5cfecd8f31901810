import Assessment
import Foundation

/// The outputs of `assess DIR --portfolio`: a line per site and the summary (text), the same
/// as JSON, the sites' action plans (CSV), one SARIF run with every site's results, and the
/// management report (Markdown or self-contained HTML, see `PortfolioReport`).
public enum PortfolioFormat: String, Sendable, CaseIterable {
    case text, json, csv, sarif, markdown, html
}

public struct PortfolioRenderer: Sendable {
    public var language: Language
    /// The folder, as given (named in the headings).
    public var directory: String

    public init(language: Language, directory: String) {
        self.language = language
        self.directory = directory
    }

    public func render(_ sites: [PortfolioSite], as format: PortfolioFormat) -> String {
        let summary = PortfolioSummary(sites)
        switch format {
        case .text: return text(sites, summary)
        case .json: return json(sites, summary)
        case .csv: return csv(sites)
        case .sarif: return PortfolioSARIF.render(sites, language: language)
        case .markdown: return PortfolioReport(directory: directory).markdown(sites, summary)
        case .html: return PortfolioReport(directory: directory).html(sites, summary)
        }
    }

    static func counts(_ result: AssessmentResult) -> [Severity: Int] {
        var counts: [Severity: Int] = [:]
        for finding in result.openFindings { counts[finding.severity, default: 0] += 1 }
        return counts
    }

    func text(_ sites: [PortfolioSite], _ summary: PortfolioSummary) -> String {
        var out = ""
        for site in sites {
            if let result = site.result {
                let c = Self.counts(result)
                out += "\(site.file): legal \(result.legalVerdict.rawValue), charter \(result.charterVerdict.rawValue) — \(result.deploymentId): "
                    + "\(c[.critical] ?? 0) critical, \(c[.high] ?? 0) high, \(c[.medium] ?? 0) medium, \(c[.low] ?? 0) low\n"
            } else {
                out += "\(site.file): invalid — \(site.errors.first ?? "could not be assessed")\n"
            }
        }
        out += "\n\(summary.siteCount) sites — legal verdicts: \(PortfolioSummary.countsText(summary.legalVerdicts)); "
            + "charter verdicts: \(PortfolioSummary.countsText(summary.charterVerdicts))\n"
        for group in summary.groups {
            out += "\nbase \(group.base) (\(group.sites.count) sites)\n"
            out += "  in every site (fix once, in the base): \(group.common.count)\n"
            for key in group.common { out += "    \(key.severity.rawValue) \(key.ruleId) \(key.subject): \(key.title)\n" }
            out += "  in some sites only (their overrides): \(group.partial.count)\n"
            for (key, holders) in group.partial {
                out += "    \(key.severity.rawValue) \(key.ruleId) \(key.subject): \(holders.count) of \(group.sites.count) — "
                    + Self.list(holders) + "\n"
            }
        }
        return out
    }

    static func list(_ names: [String], limit: Int = 8) -> String {
        names.count <= limit ? names.joined(separator: ", ") : names.prefix(limit).joined(separator: ", ") + ", … (\(names.count - limit) more)"
    }

    func json(_ sites: [PortfolioSite], _ summary: PortfolioSummary) -> String {
        func key(_ k: PortfolioSummary.FindingKey) -> [String: Any] {
            ["rule_id": k.ruleId, "subject": k.subject, "severity": k.severity.rawValue, "title": k.title]
        }
        let siteObjects: [[String: Any]] = sites.map { site in
            var object: [String: Any] = ["file": site.file]
            if let base = site.base { object["base"] = base }
            if let engine = site.engineIdentity { object["engine"] = engine }
            if let result = site.result {
                let c = Self.counts(result)
                object["deployment_id"] = result.deploymentId
                object["model_hash"] = result.modelHash
                object["legal_verdict"] = result.legalVerdict.rawValue
                object["charter_verdict"] = result.charterVerdict.rawValue
                object["open"] = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, c[$0] ?? 0) })
                object["findings"] = result.openFindings.map { f -> [String: Any] in
                    var entry: [String: Any] = ["rule_id": f.ruleId, "severity": f.severity.rawValue,
                                                "subject": PortfolioSummary.subject(f)]
                    if let p = f.position { entry["location"] = ["file": p.file, "line": p.line, "column": p.column] }
                    return entry
                }
            } else {
                object["legal_verdict"] = "invalid"
                object["charter_verdict"] = "invalid"
                object["errors"] = site.errors
            }
            return object
        }
        let groups: [[String: Any]] = summary.groups.map { group in
            ["base": group.base, "sites": group.sites, "common": group.common.map(key),
             "partial": group.partial.map { ["finding": key($0.finding), "sites": $0.sites] as [String: Any] }]
        }
        let root: [String: Any] = [
            "schema": "silhouette/portfolio/v1", "directory": directory, "sites": siteObjects,
            "summary": ["sites": summary.siteCount, "verdicts": ["legal": summary.legalVerdicts, "charter": summary.charterVerdicts], "bases": groups] as [String: Any],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The action plans of every site, each row prefixed with the site's file and deployment id.
    func csv(_ sites: [PortfolioSite]) -> String {
        var out = ""
        var header: String?
        for site in sites {
            guard let result = site.result else { continue }
            let rows = AssessmentRenderer(language: language).render(result, as: .csv)
                .split(separator: "\n", omittingEmptySubsequences: true)
            guard let first = rows.first else { continue }
            if header == nil { header = "file,deployment_id," + first; out += header! + "\n" }
            let prefix = Self.csvField(site.file) + "," + Self.csvField(result.deploymentId) + ","
            for row in rows.dropFirst() { out += prefix + row + "\n" }
        }
        return out
    }

    static func csvField(_ text: String) -> String {
        var safe = text
        // A cell starting with = + - @ is a formula in spreadsheets: neutralise it.
        if let first = safe.first, "=+-@".contains(first) { safe = "'" + safe }
        guard safe.contains(where: { ",\"\n\r".contains($0) }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// One SARIF 2.1.0 run for the whole portfolio: the union of the rules run, and every site's
/// results (each located in the file that holds its subject: a site or its base).
enum PortfolioSARIF {
    static func render(_ sites: [PortfolioSite], language: Language) -> String {
        var rules: [[String: Any]] = []
        var ruleIndex: [String: Int] = [:]
        var results: [Any] = []
        var template: [String: Any]?
        for site in sites {
            guard let result = site.result else { continue }
            let text = AssessmentRenderer(language: language, rules: site.rules).render(result, as: .sarif)
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let run = (object["runs"] as? [[String: Any]])?.first else { continue }
            if template == nil { template = object }
            let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any]
            for rule in driver?["rules"] as? [[String: Any]] ?? [] {
                guard let id = rule["id"] as? String, ruleIndex[id] == nil else { continue }
                ruleIndex[id] = rules.count
                rules.append(rule)
            }
            for case var entry as [String: Any] in run["results"] as? [Any] ?? [] {
                if let id = entry["ruleId"] as? String { entry["ruleIndex"] = ruleIndex[id] }
                var properties = entry["properties"] as? [String: Any] ?? [:]
                properties["deployment_id"] = result.deploymentId
                properties["site_file"] = site.file
                entry["properties"] = properties
                results.append(entry)
            }
        }
        guard var root = template, var run = (root["runs"] as? [[String: Any]])?.first else {
            return #"{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","runs":[],"version":"2.1.0"}"# + "\n"
        }
        var tool = run["tool"] as? [String: Any] ?? [:]
        var driver = tool["driver"] as? [String: Any] ?? [:]
        driver["rules"] = rules
        tool["driver"] = driver
        run["tool"] = tool
        run["results"] = results
        run.removeValue(forKey: "properties")
        root["runs"] = [run]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
