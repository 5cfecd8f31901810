import Assessment
import DeploymentModel
import Foundation
import Portfolio
import Store

/// `assess DIR --portfolio`: discovers the sites, reads the store once for all of them, runs
/// `PortfolioRunner`, records every assessment in one transaction and renders the outputs.
enum PortfolioAssessment {
    struct Options {
        var directory: String
        var format: AssessmentFormat
        var language: Language
        var failOn: FailThreshold
        var rules: RuleSelectionOptions
        var output: String?
        var report: String?
        var store: StoreOptions
        var noRecord: Bool
    }

    static func run(_ options: Options) throws -> Bool {
        let format: PortfolioFormat
        switch options.format {
        case .text: format = .text
        case .json: format = .json
        case .csv: format = .csv
        case .sarif: format = .sarif
        case .junit: throw PortfolioCommandError.unsupported("--format junit is not available with --portfolio (hint: use json, csv or sarif)")
        }
        let reportFormat = try options.report.map { path throws -> PortfolioFormat in
            if path.hasSuffix(".md") { return .markdown }
            if path.hasSuffix(".html") { return .html }
            throw PortfolioCommandError.unsupported("--report \(path): the portfolio report is FILE.md or FILE.html")
        }
        if options.language == .fr {
            // Its summary and report words have no French translation table yet: no half-French output.
            throw PortfolioCommandError.unsupported("--portfolio is in English only (hint: drop --lang fr; each site's reports come in French from silhouette report)")
        }
        let now = try options.rules.now()
        let discovery = try PortfolioDiscovery.scan(options.directory)
        let storePath = storeLocation(options)
        let shared = try SharedStoreFacts.read(path: storePath, organisation: options.store.org)
        let loadRules = try options.rules.ruleLoader()
        let sites = PortfolioRunner.run(
            discovery,
            rules: loadRules,
            context: { loaded in shared.context(for: loaded, now: now) },
            keepModels: !options.noRecord)

        if !options.noRecord {
            var records: [StoredAssessment] = []
            for site in sites {
                guard let result = site.result, let model = site.canonicalModel else { continue }
                records.append(try AssessmentStoreBridge.stored(result, modelJSON: model))
            }
            if !records.isEmpty {
                let store = try SilhouetteStore.open(at: storePath.path, access: .readWrite(createDirectory: storePath.isDefault),
                                                     organisation: options.store.org)
                try store.record(records, actor: StoreLocation.currentActor())
            }
        }

        let renderer = PortfolioRenderer(language: options.language, directory: options.directory)
        let text = renderer.render(sites, as: format)
        if let reportPath = options.report, let reportFormat {
            try write(renderer.render(sites, as: reportFormat), to: reportPath)
        }
        if let output = options.output { try write(text, to: output) } else { FileHandle.standardOutput.write(Data(text.utf8)) }
        if sites.contains(where: { $0.result == nil }) { throw PortfolioCommandError.invalidSites(sites.filter { $0.result == nil }.count) }
        return sites.contains { site in site.result.map(options.failOn.fails) ?? false }
    }

    static func write(_ text: String, to path: String) throws {
        do { try AtomicFile.write(Data(text.utf8), to: path) } catch {
            throw AssessCommandError.cannotWrite(path: path, reason: error.reason)
        }
    }

    /// `--store`, else `DIR/.silhouette/store.sqlite`.
    static func storeLocation(_ options: Options) -> (path: String, isDefault: Bool) {
        if let store = options.store.store { return (store, false) }
        if let store = ProcessInfo.processInfo.environment["SILHOUETTE_STORE"], !store.isEmpty { return (store, false) }
        let directory = ((options.directory as NSString).appendingPathComponent(StoreLocation.directoryName) as NSString)
        return (directory.appendingPathComponent(StoreLocation.fileName), true)
    }
}

/// What the store says about every site, read once: the committee's opinions in force, the
/// sign-offs, and the verifications. A verification covers every site that declares the same
/// engine identity (name and version): the engine was verified once, not per site.
struct SharedStoreFacts: Sendable {
    let opinions: [ActiveOpinion]
    let signOffs: [String: [SignOffRole: SignOff]]
    let verificationsByDeployment: [String: StoredVerification]
    let verificationsByEngine: [String: StoredVerification]

    static func read(path: (path: String, isDefault: Bool), organisation: String?) throws -> SharedStoreFacts {
        guard StoreLocation.exists(path.path) else {
            return SharedStoreFacts(opinions: [], signOffs: [:], verificationsByDeployment: [:], verificationsByEngine: [:])
        }
        guard let store = try SilhouetteStore.openIfPresent(at: path.path, organisation: organisation) else {
            return SharedStoreFacts(opinions: [], signOffs: [:], verificationsByDeployment: [:], verificationsByEngine: [:])
        }
        defer { store.close() }
        var signOffs: [String: [SignOffRole: SignOff]] = [:]
        for signOff in try store.signOffs() { signOffs[signOff.deploymentId, default: [:]][signOff.role] = signOff }
        var byDeployment: [String: StoredVerification] = [:]
        var byEngine: [String: StoredVerification] = [:]
        for verification in try store.verifications() {   // oldest first: the latest wins
            byDeployment[verification.deploymentId] = verification
            byEngine["\(verification.engine)@\(verification.engineVersion)"] = verification
        }
        return SharedStoreFacts(opinions: try store.activeOpinions(), signOffs: signOffs,
                                verificationsByDeployment: byDeployment, verificationsByEngine: byEngine)
    }

    func context(for loaded: LoadedDeployment, now: Date) -> AssessmentContext {
        let id = loaded.document.deployment.id
        let committee = opinions.filter { $0.submission.concerns(id) }.map { active in
            CommitteeOpinion(id: active.opinion.id, feature: active.submission.feature, featureKind: active.submission.featureKind,
                             decision: active.opinion.decision.rawValue, reservations: active.opinion.reservations,
                             reviewBy: active.opinion.reviewBy)
        }
        let declared = loaded.document.engine
        let identity = declared.map { "\($0.name)@\($0.version)" }
        // As for one site (`AssessmentStoreBridge.context`): the attestation's recorded
        // identity (digest included when the model declares one) must be the declared engine's.
        let verification = (verificationsByDeployment[id] ?? identity.flatMap { verificationsByEngine[$0] }).map {
            VerificationSummary(engine: $0.engine, engineVersion: $0.engineVersion, passed: $0.passed, date: $0.date, attestationId: $0.id,
                                identityMatches: VerificationIdentityMatch.matches(attestationJSON: $0.attestationJSON, declared: declared))
        }
        let signed = signOffs[id].flatMap { $0[.dpo] ?? $0[.controller] }
        return AssessmentContext(now: now, committee: committee, verification: verification, signedModelHash: signed?.modelHash)
    }
}

enum PortfolioCommandError: Error, CustomStringConvertible {
    case unsupported(String)
    case invalidSites(Int)

    var description: String {
        switch self {
        case .unsupported(let text): text
        case .invalidSites(let n): "\(n) deployment\(n == 1 ? "" : "s") of the portfolio could not be assessed (listed above as invalid)"
        }
    }
}
