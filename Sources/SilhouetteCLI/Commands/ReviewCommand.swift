import ArgumentParser

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Record the DPO's review of a PIA and the controller's decision, against the model hash.",
        discussion: """
        A review file (YAML) holds what the CNIL method asks the DPO and the controller to decide: \
        a status (acceptable / to-improve) and comment per fundamental principle, risk scores \
        judged differently with written reasons, reservations (merged into the action plan), the \
        DPO's opinion, the opinion of the people concerned, the Art. 36 decision, and the \
        controller's decision (accepted / accepted-with-conditions / refused) with the residual \
        risks it accepts. Every part is optional: the DPO and the controller may import separate \
        files; for each part the latest review of the model wins.

        The review is recorded against the model hash. `silhouette report pia` shows it in the \
        principles table, the risk sections, the validation page and the action plan; once the \
        model changes, the PIA names the version the review was made on and stays a draft.

        Examples:
          silhouette review template examples/massy-city/deployment.yaml > review.yaml
          silhouette review import examples/massy-city/deployment.yaml review.yaml
          silhouette review show examples/massy-city/deployment.yaml
        """,
        subcommands: [ReviewTemplateCommand.self, ReviewImportCommand.self, ReviewShowCommand.self])
}
