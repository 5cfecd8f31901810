import Assessment
import DeploymentModel
import Foundation

/// Human wording, in English and French, for the model's enumerations: from the label tables
/// (`labels/<lang>.yaml`), except the legal bases, whose article citations stay here. French follows the vocabulary of the
/// CNIL and of the GDPR's official French text (« mission d'intérêt public », « intérêts
/// légitimes », « sous-traitant »…).
enum Labels {
    /// The label tables of the languages whose templates were loaded (`TemplateSet.load`
    /// installs them); a language never installed reads `labels/` itself, and without it every
    /// label shows as a visible ⟦key⟧ marker.
    nonisolated(unsafe) private static var tables: [Language: LabelTable] = [:]
    private static let lock = NSLock()

    static func install(_ table: LabelTable, for lang: Language) {
        lock.lock(); defer { lock.unlock() }
        tables[lang] = table
    }

    static func table(_ lang: Language) -> LabelTable {
        lock.lock(); defer { lock.unlock() }
        if let table = tables[lang] { return table }
        let table = (try? LabelTable.load(language: lang.rawValue)) ?? LabelTable(language: lang.rawValue, entries: [:])
        tables[lang] = table
        return table
    }

    /// Any model enum value in words: `enumValue("feature_kind", "lights-on", .fr)`.
    static func enumValue(_ group: String, _ value: String, _ lang: Language) -> String {
        table(lang).enumLabel(group, value)
    }

    static func legalBasis(_ basis: LegalBasis, _ lang: Language) -> String {
        switch (basis, lang) {
        case (.consent, .en): "Consent — GDPR Art. 6(1)(a)"
        case (.consent, .fr): "Consentement — art. 6.1.a du RGPD"
        case (.contract, .en): "Performance of a contract — GDPR Art. 6(1)(b)"
        case (.contract, .fr): "Exécution d'un contrat — art. 6.1.b du RGPD"
        case (.legalObligation, .en): "Legal obligation — GDPR Art. 6(1)(c)"
        case (.legalObligation, .fr): "Obligation légale — art. 6.1.c du RGPD"
        case (.vitalInterests, .en): "Vital interests — GDPR Art. 6(1)(d)"
        case (.vitalInterests, .fr): "Sauvegarde des intérêts vitaux — art. 6.1.d du RGPD"
        case (.publicTask, .en): "Task carried out in the public interest — GDPR Art. 6(1)(e)"
        case (.publicTask, .fr): "Mission d'intérêt public — art. 6.1.e du RGPD"
        case (.legitimateInterests, .en): "Legitimate interests — GDPR Art. 6(1)(f)"
        case (.legitimateInterests, .fr): "Intérêts légitimes — art. 6.1.f du RGPD"
        case (.expressConsent, .en): "Express consent — PIPEDA Sch. 1, 4.3"
        case (.expressConsent, .fr): "Consentement explicite — LPRPDE, annexe 1, 4.3"
        case (.impliedConsent, .en): "Implied consent — PIPEDA Sch. 1, 4.3"
        case (.impliedConsent, .fr): "Consentement implicite — LPRPDE, annexe 1, 4.3"
        case (.lawEnforcementTask, .en): "Task of a competent authority laid down by law — Directive (EU) 2016/680 Art. 8"
        case (.lawEnforcementTask, .fr): "Mission d'une autorité compétente prévue par la loi — art. 8 de la directive (UE) 2016/680"
        case (.seriousLegitimateReason, .en): "Serious and legitimate reason — CQLR c P-39.1 s. 4"
        case (.seriousLegitimateReason, .fr): "Intérêt sérieux et légitime — RLRQ c P-39.1, art. 4"
        case (.none, .en): "None stated"
        case (.none, .fr): "Aucune base indiquée"
        }
    }

    static func dataCategory(_ value: DataCategory, _ lang: Language) -> String {
        table(lang).enumLabel("data_category", value.rawValue)
    }

    static func securityMeasure(_ value: SecurityMeasure, _ lang: Language) -> String {
        table(lang).enumLabel("security_measure", value.rawValue)
    }

    /// `gdpr: false` for a deployment under Canadian law: no GDPR article on its processors
    /// (a service provider under P-39.1 s. 18.3 or PIPEDA Sch. 1 cl. 4.1.3).
    static func processorRole(_ value: ProcessorRole, _ lang: Language, gdpr: Bool = true) -> String {
        gdpr ? table(lang).enumLabel("processor_role", value.rawValue)
             : table(lang).label("processor_role_ca.\(value.rawValue)")
    }

    static func contract(_ value: ContractState, _ lang: Language) -> String {
        table(lang).enumLabel("contract", value.rawValue)
    }

    static func recipientKind(_ value: RecipientKind, _ lang: Language) -> String {
        table(lang).enumLabel("recipient_kind", value.rawValue)
    }

    static func automatedDecisions(_ value: AutomatedDecisions, _ lang: Language) -> String {
        table(lang).enumLabel("automated_decisions", value.rawValue)
    }

    static func systemKind(_ value: SystemKind, _ lang: Language) -> String {
        table(lang).enumLabel("system_kind", value.rawValue)
    }

    static func sector(_ value: Sector, _ lang: Language) -> String {
        table(lang).enumLabel("sector", value.rawValue)
    }

    /// A retention period in words: "not stored", "30 days", "indefinitely".
    static func duration(_ duration: RetentionDuration, _ lang: Language) -> String {
        guard let seconds = duration.totalSeconds else { return lang == .fr ? "sans limite de durée" : "indefinitely" }
        if seconds == 0 { return lang == .fr ? "aucune conservation" : "not stored" }
        let units: [(Int64, String, String, String, String)] = [
            (31_536_000, "year", "years", "an", "ans"), (86_400, "day", "days", "jour", "jours"),
            (3_600, "hour", "hours", "heure", "heures"), (60, "minute", "minutes", "minute", "minutes"),
        ]
        // Below a week, whole hours read better than days (a DPO writes "72h", not "3d").
        for (factor, en1, enN, fr1, frN) in units where seconds % factor == 0 && !(factor == 86_400 && seconds < 604_800 && seconds > 86_400) {
            let n = seconds / factor
            return lang == .fr ? "\(n) \(n == 1 ? fr1 : frN)" : "\(n) \(n == 1 ? en1 : enN)"
        }
        return lang == .fr ? "\(seconds) secondes" : "\(seconds) seconds"
    }

    static func yesNo(_ value: Bool, _ lang: Language) -> String {
        switch (value, lang) {
        case (true, .en): "yes"
        case (false, .en): "no"
        case (true, .fr): "oui"
        case (false, .fr): "non"
        }
    }
}
