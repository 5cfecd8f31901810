import ArgumentParser
import DeploymentModel
import Foundation
import Rules
import Signage
import Store

/// `silhouette signage check`: is every posted sign still what the model requires?
struct SignageCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare each posted sign (information_channels of kind sign) with what the model requires now.",
        discussion: """
        Each information channel of kind sign names, in sign_version, the recorded sign \
        (SIGN-<n>) that is on the wall. Its \
        recorded content is compared, fact by fact, with the sign the model requires now for the \
        same cameras: what the sign lacks (a purpose added since, a new AI notice, a changed \
        retention period) and what it says that is no longer true are listed. Cameras that no \
        posted sign covers are listed too.

        Exit codes: 0 every posted sign is current, 1 a sign lacks something, is outdated or has \
        no sign_version (or a camera has no posted sign), 2 bad input (unknown record or camera).
        """)

    @Argument(help: "The deployment file.") var deployment: String
    @Option(help: ArgumentHelp("Date the dated obligations are judged at (default: today).", valueName: "YYYY-MM-DD")) var date: String?
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if let date, DateText.parse(date) == nil { throw ValidationError("--date \(date): expected YYYY-MM-DD") }
    }

    func run() throws {
        let loaded = try DeploymentLoader.load(path: deployment)
        let tables = try SignageTables.load(directory: try SignageTables.locate())
        let composer = SignComposer(tables: tables, loaded: loaded, date: date.flatMap(DateText.parse) ?? Date(),
                                    regimesByPurpose: try SignageOutput.regimes(of: loaded.document))
        guard loaded.document.informationChannels.contains(where: { $0.kind == .sign }) else {
            print("no information channel of kind sign in \(deployment): nothing to check; hint: after `silhouette signage`, list each posted sign under information_channels with its sign_version (SIGN-<n>)")
            return
        }
        let hasVersions = loaded.document.informationChannels.contains { $0.signVersion != nil }
        let store = hasVersions ? try storeOptions.openForReading(deploymentFile: deployment) : nil
        let (results, unversioned, uncovered) = try TransparencyCheck(composer: composer).run { id in try store?.sign(id: id)?.contentJSON }
        var failed = false
        for channel in unversioned {
            failed = true
            print("unchecked sign channel '\(channel)': no sign_version, so what it says cannot be compared with the model; hint: print it with `silhouette signage` and record the SIGN-<n> id")
        }
        for result in results {
            let at = result.position.map { "\($0): " } ?? ""
            if result.isCurrent {
                print("\(at)current  \(result.record) at \(result.place)")
                continue
            }
            failed = true
            print("\(at)outdated \(result.record) at \(result.place) (cameras \(result.cameras.joined(separator: ", ")))")
            for statement in result.lacking { print("  lacks:      \(statement.heading.isEmpty ? "" : statement.heading + " — ")\(statement.text)") }
            for statement in result.outdated { print("  no longer:  \(statement.heading.isEmpty ? "" : statement.heading + " — ")\(statement.text)") }
        }
        if !uncovered.isEmpty {
            failed = true
            print("no posted sign for \(uncovered.count) camera(s): \(uncovered.prefix(10).joined(separator: ", "))\(uncovered.count > 10 ? "…" : "")")
        }
        if failed { throw ExitCode(1) }
    }
}
