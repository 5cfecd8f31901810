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

    /// The regime whose words the document uses: `eu` (GDPR words, the tables' defaults), `qc` or
    /// `pipeda` (their entries under `regime_override.<area>` in the label tables).
    var area: String { eu ? "eu" : (quebec ? "qc" : "pipeda") }

    /// `labels` with this regime's words in place of the GDPR ones (the DPO becomes Québec's
    /// person in charge of the protection of personal information, the controller the enterprise).
    func labels(_ labels: LabelTable) -> LabelTable {
        eu ? labels : labels.overlaid("regime_override.\(area).")
    }

    /// `labels` must already be this regime's table (`labels(_:)`).
    func view(_ labels: LabelTable) -> [String: Any] {
        ["documentTitle": labels.label(titleKey), "eu": eu, "qc": quebec,
         "short": labels.label("regime_word.short"), "dpoOf": labels.label("regime_word.dpo-of"),
         "dpoShortOf": labels.label("regime_word.dpo-short-of"), "controllerOf": labels.label("regime_word.controller-of"),
         "controllerSubject": labels.label("regime_word.controller-subject"),
         "hasLED": !ledPurposes.isEmpty, "ledPurposes": ledPurposes.joined(separator: ", ")]
    }
}
