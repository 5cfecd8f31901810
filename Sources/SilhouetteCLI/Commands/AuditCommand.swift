import ArgumentParser

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show and verify the store's tamper-evident audit log.",
        discussion: """
        Every change to the store appends an entry holding the SHA-256 of the previous entry and \
        of its own canonical content, in the same transaction as the change. `audit verify` \
        detects edited, deleted, inserted or reordered entries, and rows of the audited tables \
        changed behind silhouette's back (their content no longer matches the chain).

        Examples:
          silhouette audit log
          silhouette audit verify --store /srv/pia/store.sqlite
        """,
        subcommands: [AuditLogCommand.self, AuditVerifyCommand.self, AuditExportHeadCommand.self])
}
