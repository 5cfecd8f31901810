import ArgumentParser
import Assessment
import DeploymentModel
import Foundation
import Rules
import Store

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two recorded assessments, or since one.",
        discussion: """
        A is an assessment id from `silhouette history`; B is a newer assessment id, or a \
        deployment file, which is then assessed now (with the packs its purposes are routed to and \
        the store's opinions and verification, not recorded) to show what changed since A. \
        Prints the model changes (paths added, removed or changed; list items with an id are \
        matched by id, e.g. cameras[id=cam-012].zone), the findings added and resolved, and the \
        verdict change.

        Examples:
          silhouette diff A-3 A-7
          silhouette diff A-3 deployment.yaml          # what changed since the signed assessment
          silhouette diff A-3 A-7 --format json --store /srv/pia/store.sqlite
        """)

    @Argument(help: "The older assessment id.") var a: String
    @Argument(help: "The newer assessment id, or a deployment file to assess now.") var b: String
    @Option(help: "text or json.") var format: ListingFormat = .text
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let current = FileManager.default.fileExists(atPath: b) || b == "-"
        let store = try storeOptions.openForReading(deploymentFile: current ? b : nil)
        let old = try store.assessment(id: a)
        let new = current ? try Self.assessNow(b, options: storeOptions) : try store.assessment(id: b)
        let diff = try AssessmentDiff.compare(old, new)
        switch format {
        case .json: print(try StoreJSON.encode(DiffJSON(diff, a: a, b: b)))
        case .text: print(DiffText.render(diff, a: old, b: new), terminator: "")
        }
    }
}

extension DiffCommand {
    /// The deployment file as it is now, assessed but not recorded (its id reads `current`).
    static func assessNow(_ file: String, options: StoreOptions) throws -> StoredAssessment {
        let loaded = try DeploymentLoader.load(path: file)
        let rules = try RuleSet.load(for: loaded.document, packs: nil, extraDirectories: [])
        let context = try AssessmentStoreBridge.context(options: options, deploymentFile: file,
                                                        deploymentId: loaded.document.deployment.id, now: Date(),
                                                        declaredEngine: loaded.document.engine)
        var stored = try AssessmentStoreBridge.stored(Assessor.assess(loaded, rules: rules, context: context), loaded: loaded)
        stored.id = "current"
        return stored
    }
}

/// Text rendering of an `AssessmentDiff`.
enum DiffText {
    static func render(_ diff: AssessmentDiff, a: StoredAssessment, b: StoredAssessment) -> String {
        var out = "diff \(a.id) (\(StoreJSON.date(a.assessedAt))) → \(b.id) (\(StoreJSON.date(b.assessedAt)))\n"
        if a.deploymentId != b.deploymentId { out += "note: different deployments (\(a.deploymentId), \(b.deploymentId))\n" }
        if let change = diff.verdictChange { out += "verdict: \(change.old) → \(change.new)\n" }
        else { out += "verdict: \(diff.newVerdict) (unchanged)\n" }
        out += "model: \(a.modelHash == b.modelHash ? "unchanged" : "\(diff.modelChanges.count) change(s)")\n"
        for change in diff.modelChanges { out += "  \(change)\n" }
        out += "findings added: \(diff.findingsAdded.count)\n"
        for f in diff.findingsAdded { out += "  + \(f.ruleId) \(f.subjectPath) [\(f.severity)]\n" }
        out += "findings resolved: \(diff.findingsResolved.count)\n"
        for f in diff.findingsResolved { out += "  - \(f.ruleId) \(f.subjectPath) [\(f.severity)]\n" }
        return out
    }
}

private struct DiffJSON: Encodable {
    struct Change: Encodable { var path, kind: String; var old, new: String? }
    struct Finding: Encodable { var ruleId, subjectPath, severity: String }
    var from, to, oldVerdict, newVerdict: String
    var verdictChanged: Bool
    var modelChanges: [Change]
    var findingsAdded, findingsResolved: [Finding]

    init(_ d: AssessmentDiff, a: String, b: String) {
        (from, to, oldVerdict, newVerdict, verdictChanged) = (a, b, d.oldVerdict, d.newVerdict, d.verdictChange != nil)
        modelChanges = d.modelChanges.map { Change(path: $0.path, kind: $0.kind.rawValue, old: $0.old, new: $0.new) }
        findingsAdded = d.findingsAdded.map { Finding(ruleId: $0.ruleId, subjectPath: $0.subjectPath, severity: $0.severity) }
        findingsResolved = d.findingsResolved.map { Finding(ruleId: $0.ruleId, subjectPath: $0.subjectPath, severity: $0.severity) }
    }
}
