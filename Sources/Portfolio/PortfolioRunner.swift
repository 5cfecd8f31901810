import Assessment
import DeploymentModel
import Foundation
import Rules

/// One site of a portfolio: its assessment, or why it could not be assessed.
public struct PortfolioSite: Sendable {
    public var file: String
    public var base: String?
    public var result: AssessmentResult?
    /// The loader's (or context's) errors when the site could not be assessed.
    public var errors: [String]
    /// The rules run on the site (SARIF lists them).
    public var rules: [Rule]
    /// The engine identity the site declares (`name@version`), when it declares one.
    public var engineIdentity: String?
    /// Canonical JSON of the merged model (kept when the caller records the assessments).
    public var canonicalModel: Data?
}

/// Assesses every site of a folder in parallel (as many at once as the machine has cores),
/// sharing what sites have in common: each base is read once (`ModelBaseCache`) and each rule
/// selection is loaded and compiled once.
public enum PortfolioRunner {
    /// The assessment context of a site (ethics opinions, verification, sign-off), from the store.
    public typealias ContextProvider = @Sendable (LoadedDeployment) throws -> AssessmentContext
    /// The rules for a site: the law its purposes are routed to (`rules/regimes.yaml`) and
    /// the charter. Called once per distinct routing (`RoutingKey`), not once per site.
    public typealias RulesProvider = @Sendable (_ document: DeploymentDocument) throws -> RuleSet

    public static func run(_ discovery: PortfolioDiscovery, rules: @escaping RulesProvider,
                           context: @escaping ContextProvider, keepModels: Bool = false) -> [PortfolioSite] {
        let cache = ModelBaseCache()
        let ruleCache = RuleCache(load: rules)
        let sites = discovery.sites
        let results = ResultSlots(count: sites.count)
        DispatchQueue.concurrentPerform(iterations: sites.count) { index in
            let site = sites[index]
            var entry = PortfolioSite(file: site.file, base: site.base, result: nil, errors: [], rules: [], engineIdentity: nil,
                                      canonicalModel: nil)
            do {
                let loaded = try DeploymentLoader.load(path: site.file, baseCache: cache)
                entry.engineIdentity = loaded.document.engine.map { "\($0.name)@\($0.version)" }
                let ruleSet = try ruleCache.rules(for: loaded.document)
                entry.rules = ruleSet.rules
                entry.result = Assessor.assess(loaded, rules: ruleSet, context: try context(loaded))
                if keepModels { entry.canonicalModel = ModelEncoding.canonicalJSON(loaded.document) }
            } catch let error as ModelError {
                entry.errors = error.diagnostics.map { $0.position == nil ? "\(site.file): \($0)" : $0.description }
            } catch {
                entry.errors = ["\(site.file): error: \(error)"]
            }
            results.set(index, entry)
        }
        return results.all()
    }
}

/// Everything the routing table reads from a model (`RoutingFacts` and each purpose's
/// `PurposeFacts`, in order): two sites with the same key get the same routing, hence the
/// same rule set, so it is loaded and compiled once for both.
struct RoutingKey: Hashable {
    var jurisdictions: [String]
    var sector: String
    var province: String?
    var publicBody: Bool
    var entrustedByLaw: Bool
    var federallyRegulated: Bool
    var purposes: [[String]]

    init(_ document: DeploymentDocument) {
        let facts = RoutingFacts(document)
        jurisdictions = facts.jurisdictions; sector = facts.sector; province = facts.province
        publicBody = facts.publicBody; entrustedByLaw = facts.entrustedByLaw; federallyRegulated = facts.federallyRegulated
        purposes = document.purposes.map { [$0.id, $0.lawEnforcement ? "law-enforcement" : "", $0.employeeMonitoring ? "employees" : ""] }
    }
}

/// Rule sets by routing, loaded once each (a failure is remembered too).
final class RuleCache: @unchecked Sendable {
    private let lock = NSLock()
    private var sets: [RoutingKey: Result<RuleSet, any Error>] = [:]
    private let load: PortfolioRunner.RulesProvider

    init(load: @escaping PortfolioRunner.RulesProvider) { self.load = load }

    func rules(for document: DeploymentDocument) throws -> RuleSet {
        let key = RoutingKey(document)
        lock.lock(); defer { lock.unlock() }   // held while loading: the others wait for the one compile
        if let cached = sets[key] { return try cached.get() }
        let result = Result { try load(document) }
        sets[key] = result
        return try result.get()
    }
}

/// Slots filled from several threads, one each.
final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [PortfolioSite?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ site: PortfolioSite) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = site
    }

    func all() -> [PortfolioSite] {
        lock.lock(); defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
