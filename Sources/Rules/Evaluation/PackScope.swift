import CEL

/// Which purposes a subject serves, so that a law pack judges only the subjects of the
/// purposes routed to its regime: one camera can serve a GDPR purpose and a police-directive
/// purpose, and each is judged under its own law.
struct PackScope {
    /// Feature id → ids of the purposes that use it.
    private var featurePurposes: [String: [String]] = [:]

    init(deployment: CELValue) {
        guard case .list(let purposes)? = ModelIndex.field(deployment, "purposes") else { return }
        for purpose in purposes {
            guard let id = ModelIndex.string(purpose, "id") else { continue }
            for feature in Self.strings(ModelIndex.field(purpose, "features")) { featurePurposes[feature, default: []].append(id) }
        }
    }

    /// True when `subject` serves one of `allowed`, or is not tied to particular purposes.
    func serves(_ subject: CELValue, scope: RuleScope, _ allowed: Set<String>) -> Bool {
        switch scope {
        case .purpose:
            return ModelIndex.string(subject, "id").map(allowed.contains) ?? false
        case .camera, .retention, .flow, .recipient:
            let linked = Self.strings(ModelIndex.field(subject, "purposes"))
            return linked.isEmpty || linked.contains(where: allowed.contains)
        case .feature:
            let users = ModelIndex.string(subject, "id").flatMap { featurePurposes[$0] } ?? []
            return users.isEmpty || users.contains(where: allowed.contains)
        case .deployment, .processor, .system:
            return true
        }
    }

    private static func strings(_ value: CELValue?) -> [String] {
        guard case .list(let items)? = value else { return [] }
        return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
    }
}
