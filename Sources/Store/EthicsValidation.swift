import Foundation

/// The rules a committee record must follow, shared by the CLI commands and `ethics import`
/// so that a YAML file cannot smuggle in what the command line refuses.
enum EthicsValidation {
    static func validate(_ s: EthicsSubmission) throws(StoreError) {
        if !s.id.isEmpty { try validateID(s.id) }
        switch (s.feature?.isEmpty == false, s.featureKind?.isEmpty == false) {
        case (true, true), (false, false):
            throw .invalid(message: "ethics submission \(s.id.isEmpty ? "" : "'\(s.id)' ")needs exactly one of feature or feature kind",
                           hint: "a submission is about one feature id (--feature) or every feature of a kind (--feature-kind)")
        default: break
        }
        if s.rationale.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .invalid(message: "ethics submission rationale is empty", hint: "say why the feature is put to the committee")
        }
        for d in s.deployments where d.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .invalid(message: "empty deployment id in ethics submission", hint: "list deployment ids, e.g. massy-urban")
        }
    }

    static func validate(_ o: EthicsOpinion) throws(StoreError) {
        if !o.id.isEmpty { try validateID(o.id) }
        if o.members.isEmpty || o.members.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw .invalid(message: "opinion on '\(o.submissionId)' lists no members (or an empty name)",
                           hint: "name the committee members who decided, e.g. --members \"A. Martin, B. Okafor\"")
        }
        if o.rationale.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .invalid(message: "opinion on '\(o.submissionId)' has no rationale", hint: "a binding opinion states its reasons")
        }
        switch o.decision {
        case .favourableWithReservations where o.reservations.isEmpty:
            throw .invalid(message: "a favourable-with-reservations opinion needs at least one reservation",
                           hint: "add --reservation TEXT, or use --decision favourable")
        case .favourable where !o.reservations.isEmpty, .unfavourable where !o.reservations.isEmpty:
            throw .invalid(message: "reservations only go with --decision favourable-with-reservations",
                           hint: "drop --reservation or change the decision")
        default: break
        }
        if let date = o.reviewBy, !isValidDate(date) {
            throw .invalid(message: "review date '\(date)' is not a valid YYYY-MM-DD date", hint: "e.g. 2027-06-30")
        }
    }

    /// Committee ids end up in YAML files, file names and command lines: keep them plain.
    static func validateID(_ id: String) throws(StoreError) {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard let first = id.unicodeScalars.first, CharacterSet.alphanumerics.contains(first),
              id.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }), id.count <= 64
        else { throw .invalid(message: "invalid id '\(id)'", hint: "use letters, digits, '-', '_' or '.', starting with a letter or digit") }
    }

    /// A real calendar date in `YYYY-MM-DD` form (2027-02-30 is refused).
    static func isValidDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1 else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: y, month: m, day: 1)),
              let days = calendar.range(of: .day, in: .month, for: date) else { return false }
        return days.contains(d)
    }
}
