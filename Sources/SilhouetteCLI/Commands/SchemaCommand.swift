import ArgumentParser
import DeploymentModel

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (2020-12) of the deployment model.",
        discussion: """
        The schema is generated from the same description the loader validates against, so \
        it always matches `silhouette validate`: every key with its meaning, type, allowed \
        values and default. Point your editor at it for completion and inline checks (YAML \
        language server: `# yaml-language-server: $schema=deployment.schema.json`). \
        `validate` is still stricter: it also checks references between sections and dates.

        Examples:
          silhouette schema > deployment.schema.json
          silhouette schema | python3 -m json.tool
        """
    )

    func run() throws {
        print(ModelSchema.jsonSchema(), terminator: "")
    }
}
