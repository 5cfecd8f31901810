import DeploymentModel
import Assessment
/// Wording for the assessment's values, in English and French.
extension Labels {
    static func verdict(_ verdict: Verdict, _ lang: Language) -> String {
        switch (verdict, lang) {
        case (.compliant, .en): "Compliant"
        case (.compliant, .fr): "Conforme"
        case (.compliantWithReservations, .en): "Compliant with reservations"
        case (.compliantWithReservations, .fr): "Conforme avec réserves"
        case (.nonCompliant, .en): "Non-compliant"
        case (.nonCompliant, .fr): "Non conforme"
        case (.vetoed, .en): "Vetoed — a feature vetoed by the ethics committee is enabled"
        case (.vetoed, .fr): "Bloqué — une fonction frappée d'un veto du comité d'éthique est activée"
        }
    }

    static func severity(_ severity: Severity, _ lang: Language) -> String {
        switch (severity, lang) {
        case (.info, .en): "info"
        case (.info, .fr): "information"
        case (.low, .en): "low"
        case (.low, .fr): "faible"
        case (.medium, .en): "medium"
        case (.medium, .fr): "moyenne"
        case (.high, .en): "high"
        case (.high, .fr): "élevée"
        case (.critical, .en): "critical"
        case (.critical, .fr): "critique"
        }
    }

    /// The four levels of the CNIL method, for severity and likelihood alike.
    static func level(_ value: Int, _ lang: Language) -> String {
        let en = ["negligible", "limited", "significant", "maximum"]
        let fr = ["négligeable", "limitée", "importante", "maximale"]
        let index = min(max(value, 1), 4) - 1
        return "\(value) — " + (lang == .fr ? fr[index] : en[index])
    }

    static func decision(_ decision: String, _ lang: Language) -> String {
        switch (decision, lang) {
        case ("favourable", .en): "favourable"
        case ("favourable", .fr): "favorable"
        case ("favourable-with-reservations", .en): "favourable with reservations"
        case ("favourable-with-reservations", .fr): "favorable avec réserves"
        case ("unfavourable", .en): "unfavourable"
        case ("unfavourable", .fr): "défavorable"
        default: decision
        }
    }

    /// Sign-off roles recorded by `silhouette sign`, in the words of the document's regime: the
    /// label tables' `role.*` entries (overlaid by `regime_override.<regime>.role` — Québec's
    /// person in charge of the protection of personal information, PIPEDA's accountable
    /// individual); a role the tables do not know is shown as recorded.
    static func signOffRole(_ role: String, _ labels: LabelTable) -> String {
        labels.has("role.\(role)") ? labels.label("role.\(role)") : role
    }

    /// An engine as a document names it: the built-in one in words, a vendor's as declared.
    static func engineName(_ name: String, _ version: String, _ lang: Language) -> String {
        name == "builtin" ? table(lang).label("engine_name.builtin", ["version": version]) : "\(name) \(version)"
    }

    static func waiver(_ state: WaiverState, _ lang: Language) -> String {
        switch (state, lang) {
        case (.none, _): "—"
        case (.waived(let approver, let expires, _), .en): "waived by \(approver) until \(expires)"
        case (.waived(let approver, let expires, _), .fr): "dérogation accordée par \(approver) jusqu'au \(expires)"
        case (.expired(let approver, let expired), .en): "waiver by \(approver) EXPIRED on \(expired)"
        case (.expired(let approver, let expired), .fr): "dérogation de \(approver) EXPIRÉE le \(expired)"
        }
    }
}
