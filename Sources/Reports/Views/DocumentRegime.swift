import Assessment
import DeploymentModel

/// Which impact assessment the PIA is, from the regimes the assessment routed each purpose to:
/// a Québec EFVP (P-39.1 s. 3.3) when Québec law applies, a PIPEDA PIA (good practice) for the
/// rest of Canada, a GDPR DPIA otherwise, with its own part for the purposes under the
/// law-enforcement directive (Art. 27). The template leaves out the GDPR-only parts (WP248
/// threshold, AI Act) of a Canadian document.
struct DocumentRegime {
    let titleKey: String
    let eu: Bool
    let quebec: Bool
    let ledPurposes: [String]

    init(_ assessment: AssessmentResult, _ document: DeploymentDocument) {
        let regimes = Set(assessment.routes.map(\.regime))
        quebec = regimes.contains("qc")
        let canadian = quebec || regimes.contains("pipeda")
        eu = !canadian || regimes.contains("gdpr") || regimes.contains("led")
        ledPurposes = assessment.routes.filter { $0.regime == "led" }.compactMap(\.purpose)
        titleKey = quebec ? "document.efvp" : (canadian && !eu ? "document.pia-pipeda" : "document.dpia")
    }

    func view(_ labels: LabelTable) -> [String: Any] {
        let area = eu ? "eu" : "ca"
        return ["documentTitle": labels.label(titleKey), "eu": eu, "qc": quebec,
         "short": labels.label("regime_word.short-\(area)"), "dpoOf": labels.label("regime_word.dpo-of-\(area)"),
         "hasLED": !ledPurposes.isEmpty, "ledPurposes": ledPurposes.joined(separator: ", ")]
    }
}
