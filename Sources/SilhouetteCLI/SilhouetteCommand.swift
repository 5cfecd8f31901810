import ArgumentParser

/// The root command. Each subcommand is one type in its own file under `Commands/`;
/// this file only lists them.
public struct SilhouetteCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "silhouette",
        abstract: "Prove that a video-analytics deployment respects privacy law and its no-biometrics charter.",
        discussion: """
        Model a deployment in YAML, assess it against GDPR, CNIL, French law, PIPEDA, the EU AI Act \
        and the ethics charter, verify the detection engine, and write the PIA report, processing \
        sheets and ethics report.

        Exit codes: 0 success, 1 findings at or above --fail-on (or a leak found), 2 usage or input error.
        """,
        version: SilhouetteVersion.string,
        subcommands: [
            // One line per command; keep alphabetical.
            AssessCommand.self,
            AuditCommand.self,
            CELCommand.self,
            DetectCommand.self,
            DiffCommand.self,
            EthicsCommand.self,
            HistoryCommand.self,
            ImportCommand.self,
            InitCommand.self,
            RedactCommand.self,
            ReportCommand.self,
            ReviewCommand.self,
            RulesCommand.self,
            SchemaCommand.self,
            SignCommand.self,
            SignageCommand.self,
            StoreCommand.self,
            ValidateCommand.self,
            VerifyCommand.self,
        ]
    )

    public init() {}
}

public enum SilhouetteVersion {
    public static let string = "0.1.0"
}
