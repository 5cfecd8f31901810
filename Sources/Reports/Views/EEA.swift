import Assessment
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
