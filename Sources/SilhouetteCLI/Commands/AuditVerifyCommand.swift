import ArgumentParser
import Store

struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the audit chain and the audited tables.",
        discussion: """
        Runs SQLite's integrity check, then recomputes every entry's hash and link, then rebuilds \
        the content of every row of the audited tables and compares it with the chain. Exit 0: \
        valid (prints the entry count and the head hash — note it somewhere safe to detect a \
        later rewrite of the whole chain); exit 1: tampered, the first bad entry is named; \
        exit 2: the store cannot be read.

        Examples:
          silhouette audit verify
          silhouette audit verify --store /srv/pia/store.sqlite
          silhouette audit verify --head /srv/dpo/audit-head-2026-12.json
        """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "A head file written by `audit export-head`: also prove the chain still passes through it (catches an owner who rewrote and rehashed history).")
    var head: String?

    func run() throws {
        let exported = try head.map { path throws in try AuditHead.read(path: path) }
        let store = try storeOptions.openForReading()
        let integrity = try store.integrityCheck()
        guard integrity == ["ok"] else {
            throw StoreError.corrupt(path: store.path, reason: "integrity_check: \(integrity.first ?? "?")")
        }
        let report = try store.verifyAudit()
        guard let first = report.problems.first else {
            if let exported, let broken = try store.checkExtends(exported) {
                print("audit log TAMPERED: \(broken) (head file: #\(exported.seq) \(exported.hash))")
                throw ExitCode(1)
            }
            print("audit log valid: \(report.entryCount) entries, head \(report.headHash)"
                  + (exported.map { ", extends the exported head #\($0.seq)" } ?? ""))
            return
        }
        print("audit log TAMPERED: first bad \(first)")
        for problem in report.problems.dropFirst().prefix(20) { print("  also: \(problem)") }
        throw ExitCode(1)
    }
}
