import Foundation

/// SARIF 2.1.0 (OASIS): one run, the loaded rules as `tool.driver.rules` with their help
/// text and references, one result per finding located at file:line:col of its subject.
/// Waived findings carry an accepted external suppression. Levels: critical/high → error,
/// medium → warning, low/info → note.
struct SARIFFormatter {
    let language: Language
    let rules: [Rule]

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    func render(_ result: AssessmentResult) -> String {
        let ruleList = rules
        let ruleIndex = Dictionary(ruleList.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let driverRules: [[String: Any]] = ruleList.map { rule in
            let help = rule.remediation.text(language) + "\n" + rule.refs.map(\.citation).joined(separator: "; ")
            var entry: [String: Any] = [
                "id": rule.id,
                "name": rule.id.replacingOccurrences(of: "-", with: ""),
                "shortDescription": ["text": rule.title.text(language)],
                "fullDescription": ["text": rule.title.text(language) + " (" + rule.refs.map(\.citation).joined(separator: "; ") + ")"],
                "help": ["text": help, "markdown": "**\(rule.title.text(language))**\n\n\(rule.remediation.text(language))\n\n"
                         + rule.refs.map { ref in "- " + (ref.url.map { "[\(ref.citation)](\($0))" } ?? ref.citation) }.joined(separator: "\n")],
                "defaultConfiguration": ["level": Self.level(rule.severity)],
                "properties": [
                    "pack": rule.pack, "kind": rule.kind.rawValue, "severity": rule.severity.rawValue, "scope": rule.scope.rawValue,
                    "tags": [rule.pack] + rule.tags,
                    "references": rule.refs.map { ref -> [String: Any] in
                        var r: [String: Any] = ["law": ref.law, "article": ref.article, "uncertain": ref.uncertain]
                        if let url = ref.url { r["url"] = url }
                        return r
                    },
                ] as [String: Any],
            ]
            if let url = rule.refs.compactMap(\.url).first { entry["helpUri"] = url }
            return entry
        }
        let results: [[String: Any]] = result.findings.map { finding in
            var entry: [String: Any] = [
                "ruleId": finding.ruleId,
                "level": Self.level(finding.severity),
                "message": ["text": finding.message.text(language)],
                "locations": [location(finding)],
                "properties": ["severity": finding.severity.rawValue, "subject": finding.subjectPath, "pack": finding.pack,
                               "kind": finding.kind.rawValue],
            ]
            if let index = ruleIndex[finding.ruleId] { entry["ruleIndex"] = index }
            switch finding.waiver {
            case .none: break
            case .waived(let approver, let expires, let justification):
                entry["suppressions"] = [["kind": "external", "status": "accepted",
                                          "justification": "\(justification) (approved by \(approver), expires \(expires))"]]
            case .expired(let approver, let expired):
                entry["properties"] = ["severity": finding.severity.rawValue, "subject": finding.subjectPath, "pack": finding.pack,
                                       "kind": finding.kind.rawValue,
                                       "waiverExpired": expired, "waiverApprover": approver]
            }
            return entry
        }
        let log: [String: Any] = [
            "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "silhouette", "version": "0.1.0", "semanticVersion": "0.1.0",
                    "informationUri": "https://example.invalid/silhouette",
                    "rules": driverRules,
                ] as [String: Any]],
                "automationDetails": ["id": "silhouette-assess/\(result.deploymentId)"],
                "columnKind": "unicodeCodePoints",
                "results": results,
                "invocations": [["executionSuccessful": true]],
                "properties": ["verdict": result.legalVerdict.rawValue, "legalVerdict": result.legalVerdict.rawValue,
                               "charterVerdict": result.charterVerdict.rawValue,
                               "applicableLaw": result.routes.map { route -> [String: Any] in
                                   var entry: [String: Any] = ["regime": route.regime, "regimeTitle": route.regimeTitle.text(language),
                                                               "reason": route.reason.text(language), "packs": route.packs]
                                   if let purpose = route.purpose { entry["purpose"] = purpose }
                                   return entry
                               },
                               "dpiaRequired": result.threshold.dpiaRequired,
                               "modelHash": result.modelHash, "rulesVersion": result.rulesVersion, "packs": result.packs],
            ] as [String: Any]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func location(_ finding: Finding) -> [String: Any] {
        var physical: [String: Any] = [:]
        if let position = finding.position {
            physical["artifactLocation"] = ["uri": Self.uri(position.file)]
            physical["region"] = ["startLine": max(1, position.line), "startColumn": max(1, position.column)]
        }
        var location: [String: Any] = ["logicalLocations": [["fullyQualifiedName": finding.subjectPath, "kind": "object"]]]
        if !physical.isEmpty { location["physicalLocation"] = physical }
        return location
    }

    /// A relative URI reference for a path as given on the command line.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
