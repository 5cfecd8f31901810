import Assessment

/// The legal verdict and the charter verdict, kept apart: a finding of the vendor's charter packs
/// (`bio`, `ethics`, which always run) never makes a deployment unlawful, and a lawful deployment
/// can still break the charter. Until the assessment computes both itself, they are derived
/// here from the open findings of each kind of pack, with the assessment's own scale:
/// high or critical → non-compliant, medium or low → with reservations.
struct TwoVerdicts {
    enum Value: String { case compliant, compliantWithReservations = "compliant-with-reservations", nonCompliant = "non-compliant", vetoed }

    /// Packs that encode the vendor's ethics charter, not law.
    static let charterPacks: Set<String> = ["bio", "ethics"]

    let legal: Value
    let charter: Value

    init(_ assessment: AssessmentResult) {
        let open = assessment.openFindings
        let legalFindings = open.filter { !Self.charterPacks.contains($0.pack.lowercased()) }
        let charterFindings = open.filter { Self.charterPacks.contains($0.pack.lowercased()) }
        legal = Self.value(legalFindings)
        charter = assessment.verdict == .vetoed ? .vetoed : Self.value(charterFindings)
    }

    static func value(_ findings: [Finding]) -> Value {
        if findings.contains(where: { $0.severity >= .high }) { return .nonCompliant }
        if findings.contains(where: { $0.severity >= .low }) { return .compliantWithReservations }
        return .compliant
    }
}

extension String {
    /// The text with its first letter in capitals ("référence" → "Référence").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
