import ArgumentParser

struct EthicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ethics",
        abstract: "Keep the ethics committee's register: submissions, binding opinions, vetoes.",
        discussion: """
        A submission puts one feature (a feature id) or a kind of feature (e.g. face-detection) \
        to the committee. Its opinion is favourable, favourable-with-reservations (conditions \
        that `assess` checks) or unfavourable — a veto: assessing any deployment that enables the \
        feature gives the verdict `vetoed`. The latest opinion on a submission is the one in force.
        Export the register to YAML to keep it in git; import it elsewhere (idempotent).

        Examples:
          silhouette ethics submit --feature-kind face-detection --rationale "Blur faces before storage" --deployment massy-urban
          silhouette ethics opinion ETH-1 --decision unfavourable --members "A. Martin, B. Okafor" --rationale "Biometric processing"
          silhouette ethics deliberation OP-1 --meeting-date 2026-11-20 --present "A. Martin, B. Okafor, C. Diallo" \
            --quorum 3 --votes 3:0:0 --document "PIA massy-urban, model sha256:…" --chair "A. Martin"
          silhouette ethics list
          silhouette ethics export -o ethics.yaml
        """,
        subcommands: [
            EthicsSubmitCommand.self, EthicsOpinionCommand.self, EthicsListCommand.self, EthicsShowCommand.self,
            EthicsExportCommand.self, EthicsImportCommand.self, EthicsDeliberationCommand.self,
        ])
}
