import ArgumentParser

/// Hidden: maintenance and test aids for the store. Not part of the documented CLI.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Store test aids (hidden).",
        discussion: """
        `silhouette store stress-write` is a TEST AID used by the concurrency and crash tests \
        (Tests/StoreTests): it writes records through the same library calls as the real \
        commands, as fast as it can, so several processes contend for the write lock.
        """,
        shouldDisplay: false,
        subcommands: [StoreStressWriteCommand.self])
}
