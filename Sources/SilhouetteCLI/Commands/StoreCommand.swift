import ArgumentParser

/// Store maintenance: moving records between backends, creating a PostgreSQL store, its roles.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Create a store, copy one into another (SQLite ⇄ PostgreSQL), print PostgreSQL roles, record cameras' reference frames.",
        discussion: """
        `silhouette store stress-write` (hidden) is a TEST AID used by the concurrency and crash \
        tests (Tests/StoreTests): it writes records through the same library calls as the real \
        commands, as fast as it can, so several processes contend for the write lock.

        Examples:
          silhouette store init --store postgres://silhouette_owner@db.example/pia?sslmode=verify-full&sslrootcert=ca.pem
          silhouette store copy .silhouette/store.sqlite postgres://app@db.example/pia
          silhouette store init-roles --database pia
        """,
        subcommands: [StoreInitCommand.self, StoreCopyCommand.self, StoreInitRolesCommand.self, StoreStressWriteCommand.self,
                      StoreBackgroundCommand.self])
}
