import DeploymentModel

/// The facts the routing reads, from the model (or from an example of the table).
public struct RoutingFacts: Sendable {
    public var jurisdictions: [String]
    public var sector: String
    public var province: String?
    public var publicBody: Bool
    public var entrustedByLaw: Bool
    public var federallyRegulated: Bool

    public init(jurisdictions: [String], sector: String, province: String? = nil, publicBody: Bool? = nil,
                entrustedByLaw: Bool = false, federallyRegulated: Bool = false) {
        self.jurisdictions = jurisdictions.map { $0.uppercased() }
        self.sector = sector
        self.province = province ?? self.jurisdictions.first { $0.hasPrefix("CA-") }.map { String($0.dropFirst(3)) }
        self.publicBody = publicBody ?? (sector == "public-authority")
        self.entrustedByLaw = entrustedByLaw
        self.federallyRegulated = federallyRegulated
    }

    public init(_ document: DeploymentDocument) {
        let controller = document.deployment.controller
        self.init(jurisdictions: document.deployment.jurisdictions, sector: document.deployment.sector.rawValue,
                  province: controller.province?.rawValue, publicBody: controller.publicBody,
                  entrustedByLaw: controller.entrustedByLaw != nil, federallyRegulated: controller.federallyRegulated)
    }
}

/// Facts of one purpose that the routing reads.
public struct PurposeFacts: Sendable {
    /// nil for a deployment with no purpose (routed on the controller alone).
    public var id: String?
    public var lawEnforcement: Bool
    public var employeeMonitoring: Bool

    public init(id: String?, lawEnforcement: Bool = false, employeeMonitoring: Bool = false) {
        self.id = id
        self.lawEnforcement = lawEnforcement
        self.employeeMonitoring = employeeMonitoring
    }
}

/// The law one purpose is judged under, and why.
public struct PurposeRoute: Sendable, Codable, Equatable {
    /// nil when the deployment has no purpose.
    public var purpose: String?
    public var territory: String
    public var routeId: String
    public var regime: String
    public var regimeTitle: LocalizedText
    /// The packs run for this purpose: the regime's, the national ones, the territory's.
    public var packs: [String]
    /// One line: "public authority, offence prevention or detection (wrong-way) → Directive (EU) 2016/680…".
    public var reason: LocalizedText
}

/// Every purpose's route, and the law packs they need.
public struct Routing: Sendable {
    public var routes: [PurposeRoute]
    /// The law packs of every route, in the table's pack order.
    public var packs: [String]
    /// The table the routes come from (impact-assessment tests, reference ownership).
    public var table: RegimeTable

    public var territories: [String] {
        var seen: [String] = []
        for route in routes where !seen.contains(route.territory) { seen.append(route.territory) }
        return seen
    }

    /// A charter rule's reference to a law of a regime not in play (GDPR in Québec) is dropped.
    public func keeps(_ reference: LegalReference) -> Bool {
        !table.isForeign(law: reference.law, regimes: regimes, territories: territories)
    }

    /// Pack → the purposes it judges (a pack absent from the map judges no purpose).
    public var purposesByPack: [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for route in routes {
            for pack in route.packs { result[pack, default: []].formUnion(route.purpose.map { [$0] } ?? []) }
        }
        return result
    }

    /// Purpose id → its regimes (several when the deployment spans territories).
    public var regimesByPurpose: [String: [String]] {
        var result: [String: [String]] = [:]
        for route in routes { if let p = route.purpose { result[p, default: []].append(route.regime) } }
        return result
    }

    public var regimes: [String] {
        var seen: [String] = []
        for route in routes where !seen.contains(route.regime) { seen.append(route.regime) }
        return seen
    }
}

/// Why no law could be chosen: the assessment stops (exit 2) with one line.
public enum RoutingError: Error, Sendable, Equatable {
    /// A route says the law that applies is one no pack covers.
    case notCovered(routeId: String, purpose: String?, text: LocalizedText, supported: String)
    /// A jurisdiction code no territory knows (or none at all).
    case unsupported(code: String, supported: String)

    public func message(_ language: Language = .en) -> String {
        switch self {
        case .notCovered(_, let purpose, let text, let supported):
            let subject = purpose.map { language == .fr ? "finalité « \($0) »" : "purpose '\($0)'" } ?? (language == .fr ? "le dispositif" : "the deployment")
            return language == .fr
                ? "droit applicable non couvert pour \(subject) : \(text.text(.fr)) (juridictions couvertes : \(supported) ; --packs force des référentiels)"
                : "applicable law not covered for \(subject): \(text.text(.en)) (supported: \(supported); --packs forces packs)"
        case .unsupported(let code, let supported):
            let what = code.isEmpty ? "the deployment names no jurisdiction" : "jurisdiction '\(code)' is not supported"
            return "\(what) (hint: supported: \(supported); write deployment.jurisdictions, or force packs with --packs)"
        }
    }
}

extension RegimeTable {
    /// Routes every purpose of `document` (or the controller alone when it has none).
    public func route(_ document: DeploymentDocument) throws(RoutingError) -> Routing {
        let purposes = document.purposes.map {
            PurposeFacts(id: $0.id, lawEnforcement: $0.lawEnforcement, employeeMonitoring: $0.employeeMonitoring)
        }
        return try route(RoutingFacts(document), purposes: purposes.isEmpty ? [PurposeFacts(id: nil)] : purposes)
    }

    public func route(_ facts: RoutingFacts, purposes: [PurposeFacts]) throws(RoutingError) -> Routing {
        guard !facts.jurisdictions.isEmpty else { throw .unsupported(code: "", supported: supportedJurisdictions) }
        var territoriesFound: [String] = []
        for code in facts.jurisdictions {
            guard let name = territories.keys.sorted().first(where: { territories[$0]!.codes.contains(code) }) else {
                throw .unsupported(code: code, supported: supportedJurisdictions)
            }
            if !territoriesFound.contains(name) { territoriesFound.append(name) }
        }
        var routes: [PurposeRoute] = []
        for territory in territoriesFound {
            for purpose in purposes {
                routes.append(try routeOne(facts, purpose, territory: territory))
            }
        }
        var packs: [String] = []
        for pack in packOrder where routes.contains(where: { $0.packs.contains(pack) }) { packs.append(pack) }
        for route in routes { for pack in route.packs where !packs.contains(pack) { packs.append(pack) } }
        return Routing(routes: routes, packs: packs, table: self)
    }

    private func routeOne(_ facts: RoutingFacts, _ purpose: PurposeFacts, territory: String) throws(RoutingError) -> PurposeRoute {
        guard let route = routes.first(where: { matches($0.when, facts, purpose, territory: territory) }) else {
            throw .unsupported(code: facts.jurisdictions.joined(separator: ", "), supported: supportedJurisdictions)
        }
        guard let regimeId = route.regime, let regime = regimes[regimeId], let reason = route.reason else {
            let text = fill(route.notCovered ?? LocalizedText(en: route.id, fr: route.id), facts, purpose)
            throw .notCovered(routeId: route.id, purpose: purpose.id, text: text, supported: supportedJurisdictions)
        }
        var packs = regime.packs
        for code in facts.jurisdictions { packs += regime.national?[code] ?? [] }
        packs += territories[territory]?.packs ?? []
        var unique: [String] = []
        for pack in packOrder where packs.contains(pack) { unique.append(pack) }
        for pack in packs where !unique.contains(pack) { unique.append(pack) }
        var title = regime.title
        if let note = facts.jurisdictions.compactMap({ regime.nationalNote?[$0] }).first {
            title = LocalizedText(en: "\(title.en); \(note.en)", fr: "\(title.fr) ; \(note.fr)")
        }
        return PurposeRoute(purpose: purpose.id, territory: territory, routeId: route.id, regime: regimeId,
                            regimeTitle: title, packs: unique, reason: fill(reason, facts, purpose))
    }

    private func matches(_ c: Condition, _ f: RoutingFacts, _ p: PurposeFacts, territory: String) -> Bool {
        if let t = c.territory, t != territory { return false }
        if let provinces = c.province, !(f.province.map(provinces.contains) ?? false) { return false }
        if let sectors = c.sector, !sectors.contains(f.sector) { return false }
        if let v = c.publicBody, v != f.publicBody { return false }
        if let v = c.entrustedByLaw, v != f.entrustedByLaw { return false }
        if let v = c.competentAuthority, v != (f.publicBody || f.entrustedByLaw) { return false }
        if let v = c.lawEnforcement, v != p.lawEnforcement { return false }
        if let v = c.employeeMonitoring, v != p.employeeMonitoring { return false }
        if let v = c.federallyRegulated, v != f.federallyRegulated { return false }
        return true
    }

    /// `{controller}`, `{purpose}`, `{province}` in a reason or not-covered text.
    private func fill(_ text: LocalizedText, _ f: RoutingFacts, _ p: PurposeFacts) -> LocalizedText {
        let key = f.publicBody ? "public_body" : f.entrustedByLaw ? "entrusted" : "private"
        let label = controllerLabels[key] ?? LocalizedText(en: key, fr: key)
        func one(_ s: String, _ lang: Language) -> String {
            s.replacingOccurrences(of: "{controller}", with: label.text(lang))
                .replacingOccurrences(of: "{purpose}", with: p.id ?? (lang == .fr ? "ensemble du dispositif" : "whole deployment"))
                .replacingOccurrences(of: "{province}", with: f.province ?? "?")
        }
        return LocalizedText(en: one(text.en, .en), fr: one(text.fr, .fr))
    }

    /// Jurisdictions with at least one regime, for error messages: "EU, EEA, AT, … NO; CA-QC, CA-ON, …".
    public var supportedJurisdictions: String {
        territories.keys.sorted().compactMap { name -> String? in
            let covered = routes.contains { $0.when.territory == name && $0.regime != nil }
            guard covered, let territory = territories[name] else { return nil }
            return territory.codes.joined(separator: ", ")
        }.joined(separator: "; ")
    }

    /// Runs the table's own examples; each failure is one line.
    public func runExamples() -> [String] {
        examples.compactMap { example -> String? in
            let f = example.facts
            let facts = RoutingFacts(jurisdictions: f.jurisdictions, sector: f.sector, province: f.province, publicBody: f.publicBody,
                                     entrustedByLaw: f.entrustedByLaw ?? false, federallyRegulated: f.federallyRegulated ?? false)
            let purpose = PurposeFacts(id: "p", lawEnforcement: f.lawEnforcement ?? false, employeeMonitoring: f.employeeMonitoring ?? false)
            do throws(RoutingError) {
                let routing = try route(facts, purposes: [purpose])
                let first = routing.routes[0]
                if let regime = example.expect.regime, regime != first.regime {
                    return "\(example.name): routed to \(first.regime) (\(first.routeId)), expected \(regime)"
                }
                if let packs = example.expect.packs, packs != first.packs {
                    return "\(example.name): packs \(first.packs), expected \(packs)"
                }
                if example.expect.regime == nil { return "\(example.name): routed to \(first.regime), expected an error" }
                return nil
            } catch {
                switch error {
                case .notCovered(let routeId, _, _, _):
                    return example.expect.notCovered == routeId ? nil : "\(example.name): not covered by \(routeId), expected \(example.expect)"
                case .unsupported(let code, _):
                    return example.expect.unsupported == code ? nil : "\(example.name): unsupported '\(code)', expected \(example.expect)"
                }
            }
        }
    }
}
