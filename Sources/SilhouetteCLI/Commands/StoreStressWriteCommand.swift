import ArgumentParser
import Foundation
import Store

/// TEST AID (hidden). Writes `--count` records, one transaction each, cycling through ethics
/// submissions, assessments, verifications and sign-offs, exactly as the real commands do.
/// With `--hold-seconds S` it then opens one more write transaction, writes a record and its
/// audit entry, prints `holding` and sleeps S seconds before committing: the crash test kills
/// it with SIGKILL at that point to prove a writer killed mid-transaction leaves no trace.
struct StoreStressWriteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress-write",
        abstract: "Test aid: write many records as fast as possible.",
        discussion: """
        Example (four concurrent writers):
          for w in 1 2 3 4; do silhouette store stress-write --count 250 --tag w$w --store /tmp/s.sqlite & done; wait
        """,
        shouldDisplay: false)

    @Option(help: "Number of records to write.") var count: Int = 100
    @Option(help: "Label written into every record (tells the writers apart).") var tag: String = "stress"
    @Option(help: "After --count records, hold one write transaction open this long (crash test).") var holdSeconds: Double?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openForWriting()
        let actor = "stress-\(tag)"
        for i in 0..<count {
            let now = Date()
            switch i % 4 {
            case 0:
                try store.submit(EthicsSubmission(featureKind: "kind-\(tag)-\(i)", rationale: "stress \(tag) \(i)",
                                                  deployments: ["d-\(tag)"], submittedAt: now, submittedBy: actor), actor: actor)
            case 1:
                let findings = Data(#"[{"ruleId":"R-\#(i)","subjectPath":"cameras[\#(i)]","severity":"low"}]"#.utf8)
                try store.record(StoredAssessment(deploymentId: "d-\(tag)", deploymentName: "stress \(tag)",
                                                  modelHash: "sha256:\(i)", rulesVersion: "sha256:rules", verdict: "compliant",
                                                  assessedAt: now, findingsJSON: findings, modelJSON: Data(#"{"i":\#(i)}"#.utf8),
                                                  counts: FindingCounts(low: 1)), actor: actor)
            case 2:
                try store.record(StoredVerification(deploymentId: "d-\(tag)", engine: "builtin", engineVersion: "1", passed: true,
                                                    date: now, attestationJSON: Data(#"{"i":\#(i)}"#.utf8)), actor: actor)
            default:
                try store.record(SignOff(deploymentId: "d-\(tag)", modelHash: "sha256:\(i)", role: .dpo, name: actor,
                                         opinion: "stress \(i)", date: now), actor: actor)
            }
        }
        print("wrote \(count)")
        guard let holdSeconds else { return }
        try store.submit(EthicsSubmission(featureKind: "held-\(tag)", rationale: "held transaction", submittedAt: Date(),
                                          submittedBy: actor), actor: actor, beforeCommit: {
            FileHandle.standardOutput.write(Data("holding\n".utf8))   // unbuffered: the test waits for it
            Thread.sleep(forTimeInterval: holdSeconds)
        })
    }
}
