import ArgumentParser
import Foundation
import Importers

/// `silhouette import`: start a deployment model from what an NVR or camera already knows.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn an existing NVR or camera configuration into a draft deployment model.",
        discussion: """
        The draft lists the cameras, the analytics that are on (face recognition, licence plates, \
        audio, semantic search, generative AI…), how long footage and snapshots are kept, and where \
        data flows. What a configuration cannot know — purposes, legal bases, signage, the \
        controller — is written as a TODO with a value that `assess` will flag. Credentials found \
        in the configuration are never copied.

        The draft goes to standard output (or -o FILE); a summary of what was found goes to \
        standard error, so the two compose:

          silhouette import frigate config.yml | silhouette assess -
        """,
        subcommands: [ImportFrigateCommand.self, ImportONVIFCommand.self]
    )
}

struct ImportFrigateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frigate",
        abstract: "Import a Frigate NVR configuration (config.yml, releases 0.8 to 0.18).",
        discussion: """
        Reads global settings and per-camera overrides the way Frigate merges them, applies the \
        defaults of the release the file targets (its `version:` key, or the release its keys \
        need), and understands legacy keys, `!secret` tags, `{FRIGATE_…}` placeholders, YAML \
        anchors and merge keys, and a configuration embedded in a Helm or Kubernetes manifest.

        Example:
          silhouette import frigate /config/config.yml -o deployment.yaml
        """
    )

    @Argument(help: "The Frigate configuration file ('-' reads standard input).")
    var config: String

    @Option(name: .shortAndLong, help: "Write the draft here instead of standard output.")
    var output: String?

    func run() throws {
        let result = try FrigateImporter.importFile(config)
        try ImportOutput.emit(result.draft, to: output)
    }
}

struct ImportONVIFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onvif",
        abstract: "Import ONVIF responses of one device (GetProfiles, GetAnalyticsModules, GetRecordings, GetAudioEncoderConfigurations…).",
        discussion: """
        Give every SOAP response saved from the same device: video and audio encoders, analytics \
        modules and rules (face detection, licence plates, line crossing…, including disabled \
        ones), recording jobs and their retention. XML is parsed with network access and entity \
        expansion off; a document with a DTD is refused.

        Example:
          silhouette import onvif GetProfilesResponse.xml GetRecordingsResponse.xml -o camera.yaml
        """
    )

    @Argument(help: "ONVIF SOAP response files from one device.")
    var files: [String]

    @Option(name: .shortAndLong, help: "Write the draft here instead of standard output.")
    var output: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one ONVIF response file") }
    }

    func run() throws {
        let result = try ONVIFImporter.importFiles(files)
        try ImportOutput.emit(result.draft, to: output)
    }
}

enum ImportOutput {
    static func emit(_ draft: DraftDeployment, to output: String?) throws {
        let yaml = DraftWriter.yaml(draft)
        var summary = "import: \(draft.source)\n"
        for fact in draft.facts { summary += "  \(fact)\n" }
        for warning in draft.warnings { summary += "  note: \(warning)\n" }
        if let output {
            try AtomicWrite.write(yaml, to: output)
            summary += "  draft written to \(output); fill in every TODO, then run: silhouette assess \(output)\n"
        } else {
            FileHandle.standardOutput.write(Data(yaml.utf8))
        }
        FileHandle.standardError.write(Data(summary.utf8))
    }
}
