/// Human-readable report: header, threshold analysis, findings grouped by severity (most
/// severe first), risks, and a one-line summary at the end.
struct TextFormatter {
    let language: Language
    let colour: Bool

    private func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    private func severityColour(_ severity: Severity) -> String {
        switch severity {
        case .critical: "1;35"
        case .high: "1;31"
        case .medium: "33"
        case .low: "36"
        case .info: "2"
        }
    }

    func render(_ result: AssessmentResult) -> String {
        let fr = language == .fr
        var lines: [String] = []
        lines.append(paint("\(result.deploymentName) (\(result.deploymentId))", "1"))
        lines.append((fr ? "modèle " : "model ") + result.modelHash + (fr ? " · règles " : " · rules ") + result.rulesVersion)
        lines.append((fr ? "paquets : " : "packs: ") + result.packs.joined(separator: ", "))
        lines.append("")
        if !result.routes.isEmpty {
            lines.append(paint(fr ? "Droit applicable, par finalité" : "Applicable law, per purpose", "1"))
            for route in result.routes {
                lines.append("  \(route.purpose ?? "—"): \(route.regimeTitle.text(language))")
                lines.append("    \(route.reason.text(language))")
            }
            lines.append("")
        }
        lines.append(paint(fr ? "Analyse préalable (étude d'impact)" : "Threshold analysis (impact assessment)", "1"))
        lines.append("  " + result.threshold.reason.text(language))
        for criterion in result.threshold.criteria + result.threshold.article35_3 where criterion.met {
            lines.append("  ✓ \(criterion.title.text(language)): \(criterion.reason.text(language))")
        }
        lines.append("")

        if result.findings.isEmpty {
            lines.append(fr ? "Aucun constat." : "No findings.")
        }
        for kind in RuleKind.allCases {
            let findings = result.findings.filter { $0.kind == kind }
            guard !findings.isEmpty else { continue }
            lines.append(paint(kind == .law ? (fr ? "Constats au regard du droit" : "Findings under the law")
                                            : (fr ? "Constats au regard de la charte du fournisseur (pas du droit)" : "Findings under the vendor's charter (not law)"), "1;4"))
        for severity in Severity.allCases.reversed() {
            let group = findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            lines.append(paint("\(Words.severity(severity, language).uppercased()) (\(group.count))", severityColour(severity)))
            for finding in group {
                let location = finding.position.map { " \($0)" } ?? ""
                lines.append("  \(paint(finding.ruleId, "1")) \(finding.subjectPath)\(location)")
                lines.append("    \(finding.message.text(language))")
                lines.append("    \(finding.refs.map(\.citation).joined(separator: "; "))")
                lines.append("    \(fr ? "correction" : "fix"): \(finding.remediation.text(language))")
                switch finding.waiver {
                case .none: break
                case .waived(let approver, let expires, let justification):
                    lines.append("    " + paint(fr ? "dérogation de \(approver) jusqu'au \(expires) : \(justification)"
                                                : "waived by \(approver) until \(expires): \(justification)", "2"))
                case .expired(let approver, let expired):
                    lines.append("    " + paint(fr ? "dérogation de \(approver) expirée le \(expired)"
                                                : "waiver by \(approver) expired on \(expired)", "33"))
                }
            }
            lines.append("")
        }
        }

        lines.append(paint(fr ? "Risques (gravité×vraisemblance, brut → résiduel)" : "Risks (severity×likelihood, inherent → residual)", "1"))
        for risk in result.risks {
            let mark = risk.isHighResidual ? paint(" !", "1;31") : ""
            lines.append("  \(risk.title.text(language)): \(risk.inherentSeverity)×\(risk.inherentLikelihood) → \(risk.residualSeverity)×\(risk.residualLikelihood)\(mark)"
                         + (risk.overridden.map { fr ? " (ajusté : \($0))" : " (overridden: \($0))" } ?? ""))
        }
        lines.append("")
        lines.append(summary(result))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Two lines, legal first:
    /// `legal verdict: non-compliant: 1 critical, 3 high, 2 medium, 0 low, 0 info open; 1 waived; DPIA required`
    /// `charter verdict: compliant: 0 critical, … open; 0 waived`
    func summary(_ result: AssessmentResult) -> String {
        let fr = language == .fr
        func line(_ label: String, _ verdict: Verdict, _ kind: RuleKind) -> String {
            let counts = FindingCounts(result.findings.filter { $0.kind == kind })
            let parts = Severity.allCases.reversed().map { "\(counts.open[$0] ?? 0) \(Words.severity($0, language))" }
            let word = paint(Words.verdict(verdict, language), verdict == .compliant ? "1;32" : "1;31")
            return "\(label) \(word): " + parts.joined(separator: ", ")
                + (fr ? " ouverts ; \(counts.waived) avec dérogation" : " open; \(counts.waived) waived")
        }
        let assessment = result.threshold.assessmentName?.text(language) ?? (fr ? "AIPD" : "DPIA")
        let required = result.threshold.dpiaRequired ? (fr ? "requise" : "required") : (fr ? "non requise" : "not required")
        return line(fr ? "verdict juridique :" : "legal verdict:", result.legalVerdict, .law) + (fr ? " ; " : "; ")
            + "\(assessment) \(required)\n"
            + line(fr ? "verdict de la charte :" : "charter verdict:", result.charterVerdict, .charter)
    }
}
