import DeploymentModel

extension ThresholdAnalyzer {
    /// The threshold analysis of the law in play: the GDPR test (WP248 criteria and
    /// Art. 35(3)) when a purpose is under the GDPR; otherwise the test each regime declares
    /// in `regimes.yaml` — Directive 2016/680 Art. 27 (criteria as indicators of high risk, no
    /// Art. 35(3) list), Québec's EFVP (always required, P-39.1 s. 3.3), PIPEDA (no statutory
    /// PIA). `criteria` is the GDPR-style analysis of the same model.
    public static func analyse(_ document: DeploymentDocument, routing: Routing?, criteria: ThresholdAnalysis) -> ThresholdAnalysis {
        guard let routing else { return criteria }
        let tests = routing.regimes.compactMap { routing.table.regimes[$0]?.impactAssessment }
        if let gdpr = tests.first(where: { $0.test == "gdpr" }) {
            var result = criteria
            result.assessmentName = gdpr.name
            // Purposes under the police directive need their own impact assessment (Art. 27),
            // judged on the same facts: say so beside the GDPR test.
            for other in tests where other.test == "high-risk" {
                let met = criteria.criteria.filter(\.met).count
                let required = met >= 2
                result.dpiaRequired = result.dpiaRequired || required
                result.reason = LocalizedText(
                    en: result.reason.en + "; for the police-directive purposes, \(other.name.en) \(required ? "required" : "not indicated"): \(met) high-risk indicator\(met == 1 ? "" : "s") (\(other.reason.en))",
                    fr: result.reason.fr + " ; pour les finalités relevant de la directive « police-justice », \(other.name.fr) \(required ? "requise" : "non indiquée") : \(met) indice\(met == 1 ? "" : "s") de risque élevé (\(other.reason.fr))")
            }
            return result
        }
        var result = ThresholdAnalysis(criteria: [], article35_3: [], dpiaRequired: false,
                                       reason: LocalizedText(en: "", fr: ""))
        var reasons: [LocalizedText] = []
        for test in tests {
            result.assessmentName = result.assessmentName ?? test.name
            result.priorConsultation = result.priorConsultation ?? test.priorConsultation
            switch test.test {
            case "high-risk":
                let met = criteria.criteria.filter(\.met)
                result.criteria = criteria.criteria
                let required = met.count >= 2
                result.dpiaRequired = result.dpiaRequired || required
                let ids = met.map(\.id).joined(separator: ", ")
                reasons.append(LocalizedText(
                    en: "\(test.name.en) \(required ? "required" : "not indicated"): \(met.count) high-risk indicator\(met.count == 1 ? "" : "s") (\(ids)); \(test.reason.en)",
                    fr: "\(test.name.fr) \(required ? "requise" : "non indiquée") : \(met.count) indice\(met.count == 1 ? "" : "s") de risque élevé (\(ids)) ; \(test.reason.fr)"))
            case "always":
                result.dpiaRequired = true
                reasons.append(LocalizedText(en: "\(test.name.en) required: \(test.reason.en)", fr: "\(test.name.fr) requise : \(test.reason.fr)"))
            default:
                reasons.append(LocalizedText(en: "\(test.name.en): not a legal duty — \(test.reason.en)",
                                             fr: "\(test.name.fr) : pas une obligation légale — \(test.reason.fr)"))
            }
        }
        result.reason = LocalizedText(en: reasons.map(\.en).joined(separator: "; "), fr: reasons.map(\.fr).joined(separator: " ; "))
        return result
    }
}
