import Assessment
import DeploymentModel

/// The record of processing activities of a deployment as one CSV, one row per purpose, with the
/// Art. 30(1) fields a register tool imports: the same per-purpose scope as the sheets, codes
/// for the enumerations (legal basis, data categories) and text for the rest.
enum RegisterCSV {
    static func make(_ document: DeploymentDocument, language lang: Language) -> String {
        let header = ["purpose", "description", "legal_basis", "legal_basis_ref", "data_subjects", "data_categories",
                      "cameras", "recipients", "retention", "transfers", "security_measures", "controller", "dpo", "dpia_reference"]
        var lines = [header.joined(separator: ",")]
        for purpose in document.purposes {
            let scope = PurposeScope(document, purpose: purpose)
            let transfers = Transfers.list(document, language: lang, only: scope).compactMap { row -> String? in
                guard let what = row["what"] as? String, let country = row["country"] as? String else { return nil }
                return "\(what) (\(country))"
            }
            let fields = [
                purpose.id, purpose.description, purpose.legalBasis.rawValue, purpose.legalBasisRef ?? "",
                purpose.dataSubjects.joined(separator: "; "),
                scope.dataCategories.map(\.rawValue).sorted().joined(separator: "; "),
                String(scope.cameras.count),
                scope.recipients(document).map { "\($0.0.name) [\($0.1.map(\.rawValue).joined(separator: "+"))]" }.joined(separator: "; "),
                scope.retention(document).map { "\($0.data.rawValue)=\(iso($0.duration))" }.joined(separator: "; "),
                transfers.joined(separator: "; "),
                document.security.map(\.rawValue).joined(separator: "; "),
                document.deployment.controller.name, document.deployment.controller.dpo?.name ?? "",
                document.dpia?.reference ?? "",
            ]
            lines.append(fields.map(MergedActionPlan.field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// ISO 8601 duration (`P30D`, `PT72H`), `indefinite` without limit.
    static func iso(_ duration: RetentionDuration) -> String {
        guard let seconds = duration.totalSeconds else { return "indefinite" }
        if seconds % 86_400 == 0 { return "P\(seconds / 86_400)D" }
        if seconds % 3_600 == 0 { return "PT\(seconds / 3_600)H" }
        return "PT\(seconds)S"
    }
}
