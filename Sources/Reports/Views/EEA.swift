import Assessment
import DeploymentModel
import Foundation

/// The European Economic Area (EU 27 + Iceland, Liechtenstein, Norway), as ISO 3166-1 alpha-2
/// codes. A country outside it receives data only through a GDPR Chapter V mechanism
/// (adequacy decision, standard contractual clauses, binding corporate rules, Art. 49).
enum EEA {
    static let countries: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    ]

    /// True for an EEA country code (case-insensitive; `EL` is accepted for Greece, `EU` for a
    /// region inside the Union). Unknown or empty codes are *not* treated as inside.
    static func contains(_ country: String?) -> Bool {
        guard let code = country?.trimmingCharacters(in: .whitespaces).uppercased(), !code.isEmpty else { return false }
        return countries.contains(code) || code == "EL" || code == "EU"
    }
}

/// Where data moves without a transfer regime: the EEA for a deployment under EU law; Canada
/// for one under Canadian law only (a Canada-to-Canada flow is no "transfer outside the EEA";
/// communication outside Québec is judged by the `qc` rules, not drawn here).
struct TransferArea {
    let canadian: Bool

    init(_ document: DeploymentDocument) {
        let codes = document.deployment.jurisdictions.map { $0.uppercased() }
        canadian = codes.contains { $0 == "CA" || $0.hasPrefix("CA-") } && !codes.contains { EEA.contains($0) }
    }

    func contains(_ country: String?) -> Bool {
        guard canadian else { return EEA.contains(country) }
        guard let code = country?.trimmingCharacters(in: .whitespaces).uppercased() else { return false }
        return code == "CA" || code.hasPrefix("CA-")
    }

    func outside(_ french: Bool) -> String {
        canadian ? (french ? "hors du Canada" : "outside Canada") : (french ? "hors EEE" : "outside the EEA")
    }

    func missingMechanism(_ lang: Language) -> String {
        guard canadian else { return SheetView.missingMechanism(lang) }
        return lang == .fr ? "AUCUNE GARANTIE CONTRACTUELLE DOCUMENTÉE" : "NO CONTRACTUAL SAFEGUARD DOCUMENTED"
    }
}
