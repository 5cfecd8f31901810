import DeploymentModel
import Foundation
import Yams

/// The regime routing table, `rules/regimes.yaml`: territories, regimes and their packs, and
/// the routes that decide, per purpose, which law applies. Law is data: the Swift code only
/// matches facts against the routes in order.
public struct RegimeTable: Sendable, Decodable {
    public struct Territory: Sendable, Decodable {
        public var codes: [String]
        /// Packs that apply to every purpose in the territory, whatever its regime (the AI Act).
        public var packs: [String]
        public var referenceLaws: [String]?
        enum CodingKeys: String, CodingKey { case codes, packs, referenceLaws = "reference_laws" }
    }

    /// Whether an impact assessment is required, and which one.
    public struct ImpactAssessment: Sendable, Decodable {
        /// `gdpr` (WP248 criteria and Art. 35(3)), `high-risk` (criteria as indicators of high
        /// risk, no Art. 35(3) list), `always`, `none` (no statutory duty).
        public var test: String
        public var name: LocalizedText
        public var reason: LocalizedText
        /// What the law says of a prior consultation of the authority for this assessment, when
        /// the regime has no GDPR Art. 36 (Québec: none for an EFVP, only the disclosure of a
        /// biometric database; PIPEDA: no mechanism). Nil: the GDPR's Art. 36 logic applies.
        public var priorConsultation: LocalizedText?

        enum CodingKeys: String, CodingKey { case test, name, reason, priorConsultation = "prior_consultation" }
    }

    public struct Regime: Sendable, Decodable {
        public var title: LocalizedText
        public var packs: [String]
        /// Member state code → national packs added to this regime.
        public var national: [String: [String]]?
        /// Member state code → the national text transposing or completing the regime.
        public var nationalNote: [String: LocalizedText]?
        /// Prefixes of the `law` of references that belong to this regime.
        public var referenceLaws: [String]?
        public var impactAssessment: ImpactAssessment?

        enum CodingKeys: String, CodingKey {
            case title, packs, national, nationalNote = "national_note", referenceLaws = "reference_laws"
            case impactAssessment = "impact_assessment"
        }
    }

    /// Conditions of a route; an absent condition matches anything.
    public struct Condition: Sendable, Decodable {
        public var territory: String?
        public var province: [String]?
        public var sector: [String]?
        public var publicBody: Bool?
        public var entrustedByLaw: Bool?
        public var competentAuthority: Bool?
        public var lawEnforcement: Bool?
        public var employeeMonitoring: Bool?
        public var federallyRegulated: Bool?

        enum CodingKeys: String, CodingKey {
            case territory, province, sector
            case publicBody = "public_body", entrustedByLaw = "entrusted_by_law", competentAuthority = "competent_authority"
            case lawEnforcement = "law_enforcement", employeeMonitoring = "employee_monitoring"
            case federallyRegulated = "federally_regulated"
        }
    }

    public struct Route: Sendable, Decodable {
        public var id: String
        public var when: Condition
        /// The regime that applies, or nil when `notCovered` says what applies instead.
        public var regime: String?
        public var reason: LocalizedText?
        public var notCovered: LocalizedText?

        enum CodingKeys: String, CodingKey { case id, when, regime, reason, notCovered = "not_covered" }
    }

    public struct Example: Sendable, Decodable {
        public struct Facts: Sendable, Decodable {
            public var jurisdictions: [String]
            public var sector: String
            public var province: String?
            public var publicBody: Bool?
            public var entrustedByLaw: Bool?
            public var lawEnforcement: Bool?
            public var employeeMonitoring: Bool?
            public var federallyRegulated: Bool?

            enum CodingKeys: String, CodingKey {
                case jurisdictions, sector, province
                case publicBody = "public_body", entrustedByLaw = "entrusted_by_law", lawEnforcement = "law_enforcement"
                case employeeMonitoring = "employee_monitoring", federallyRegulated = "federally_regulated"
            }
        }
        public struct Expect: Sendable, Decodable {
            public var regime: String?
            public var packs: [String]?
            public var notCovered: String?
            public var unsupported: String?
            enum CodingKeys: String, CodingKey { case regime, packs, notCovered = "not_covered", unsupported }
        }
        public var name: String
        public var facts: Facts
        public var expect: Expect
    }

    public var territories: [String: Territory]
    public var regimes: [String: Regime]
    public var packOrder: [String]
    public var routes: [Route]
    public var controllerLabels: [String: LocalizedText]
    public var examples: [Example]

    enum CodingKeys: String, CodingKey {
        case territories, regimes, routes, examples
        case packOrder = "pack_order", controllerLabels = "controller_labels"
    }

    /// The file name beside the rule packs.
    public static let fileName = "regimes.yaml"

    /// Reads `regimes.yaml` from a rules directory (at most 1 MB); a missing file or a route
    /// naming an unknown regime is an error, never a silent run without law.
    public static func load(rulesDirectory: String) throws(RuleError) -> RegimeTable {
        let path = (rulesDirectory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "no regime routing table (it lives beside the rule packs)")
        }
        guard data.count <= 1_000_000 else { throw .unreadable(path: path, reason: "larger than 1 MB") }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Nodes visited (aliases expanded) before the table is refused: stops alias bombs.
    static let nodeBudget = 200_000

    public static func parse(_ text: String, file: String) throws(RuleError) -> RegimeTable {
        let reader = YAMLReader(file: file)
        let root = try reader.compose(text)
        var budget = nodeBudget
        guard withinBudget(root, &budget) else {
            throw reader.fail(root, "the regime table expands to more than \(nodeBudget) YAML nodes",
                              hint: "this is usually an alias bomb; write the values out")
        }
        let table: RegimeTable
        do {
            table = try YAMLDecoder().decode(RegimeTable.self, from: root)
        } catch let error as DecodingError {
            let (message, path) = Self.describe(error)
            throw reader.fail(node(at: path, in: root) ?? root, "invalid regime table: \(message)",
                              hint: "see the comment at the top of \(fileName)")
        } catch {
            throw reader.fail(root, "invalid regime table: \(error)")
        }
        var problems: [RuleDiagnostic] = []
        for (index, route) in table.routes.enumerated() {
            let at = reader.position(node(at: [RouteKey("routes"), RouteKey(index)], in: root) ?? root)
            if let regime = route.regime, table.regimes[regime] == nil {
                problems.append(RuleDiagnostic(position: at, message: "route \(route.id) names unknown regime '\(regime)'",
                                               hint: "regimes: \(table.regimes.keys.sorted().joined(separator: ", "))"))
            }
            if (route.regime == nil) == (route.notCovered == nil) || (route.regime != nil && route.reason == nil) {
                problems.append(RuleDiagnostic(position: at, message: "route \(route.id) needs either regime + reason or not_covered"))
            }
            if let territory = route.when.territory, table.territories[territory] == nil {
                problems.append(RuleDiagnostic(position: at, message: "route \(route.id) names unknown territory '\(territory)'",
                                               hint: "territories: \(table.territories.keys.sorted().joined(separator: ", "))"))
            }
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return table
    }

    private static func withinBudget(_ node: Node, _ budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping where !withinBudget(key, &budget) || !withinBudget(value, &budget) { return false }
        case .sequence(let sequence):
            for item in sequence where !withinBudget(item, &budget) { return false }
        default: break
        }
        return true
    }

    struct RouteKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(_ string: String) { stringValue = string }
        init(_ int: Int) { stringValue = "\(int)"; intValue = int }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { self.init(intValue) }
    }

    /// The node a decoding path points at, for the error's position.
    private static func node(at path: [CodingKey], in root: Node) -> Node? {
        var current = root
        for key in path {
            switch current {
            case .mapping(let mapping):
                guard let next = mapping.first(where: { $0.key.string == key.stringValue })?.value else { return current }
                current = next
            case .sequence(let sequence):
                guard let index = key.intValue, index < sequence.count else { return current }
                current = sequence[index]
            default:
                return current
            }
        }
        return current
    }

    private static func describe(_ error: DecodingError) -> (String, [CodingKey]) {
        switch error {
        case .keyNotFound(let key, let context):
            return ("missing key '\(key.stringValue)' in \(path(context.codingPath))", context.codingPath)
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return ("\(context.debugDescription) at \(path(context.codingPath))", context.codingPath)
        @unknown default:
            return ("\(error)", [])
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "the table" : text)
    }

    /// True when a reference to `law` belongs to a regime or territory that is not in play.
    public func isForeign(law: String, regimes inPlay: [String], territories territoriesInPlay: [String]) -> Bool {
        func claims(_ prefixes: [String]?) -> Bool { (prefixes ?? []).contains { law.hasPrefix($0) } }
        for (id, regime) in regimes where claims(regime.referenceLaws) {
            if inPlay.contains(id) { return false }
        }
        for (id, territory) in territories where claims(territory.referenceLaws) {
            if territoriesInPlay.contains(id) { return false }
        }
        return regimes.values.contains { claims($0.referenceLaws) } || territories.values.contains { claims($0.referenceLaws) }
    }

    /// Every jurisdiction code the table knows, for error messages.
    public var supportedSummary: String {
        let eea = territories["eea"].map { "EU and EEA member states (\($0.codes.filter { $0 != "EU" && $0 != "EEA" }.joined(separator: ", ")))" }
        let canada = territories["canada"].map { _ in "CA with a province (CA-QC or controller.province)" }
        return [eea, canada].compactMap { $0 }.joined(separator: "; ")
    }
}
