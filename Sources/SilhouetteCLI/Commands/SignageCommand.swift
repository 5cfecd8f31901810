import ArgumentParser
import DeploymentModel
import Foundation
import Rules
import Signage
import Store

extension SignSize: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.uppercased()) }
}
extension SignFormat: ExpressibleByArgument {}

/// `silhouette signage`: information signs and notices generated from the model, and the check
/// of the signs actually posted.
struct SignageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signage",
        abstract: "Generate information signs and notices from the model, and check the posted ones.",
        subcommands: [SignageGenerateCommand.self, SignageCheckCommand.self],
        defaultSubcommand: SignageGenerateCommand.self)
}

struct SignageGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the first-layer signs, the second-layer notice and, for workplaces, the staff documents.",
        discussion: """
        One sign per group of cameras whose sign says the same (same purposes, controller, \
        second layer and law): camera pictogram, controller, purposes, algorithmic analysis of \
        people, the most impactful processing, retention, rights, contact, and the second layer \
        (short URL and QR code, or the place where it can be read). French video-protection \
        zones add the CSI mention; AI Act Art. 50(3) systems their notice; Québec signs the \
        P-39.1 s. 8.1 mention. A prohibited use (emotion recognition at work or in education, \
        AI Act Art. 5(1)(f)) gets no sign: the command refuses and names the rule.

        Writes into DIR: sign-NN-<purposes>.svg|pdf|png, notice.md/.html (and .pdf with \
        --format pdf), and where cameras film staff in France employee-letter.* and \
        staff-council-summary.*. Each sign is recorded in the store (SIGN-<n>, content and hash); \
        name that id as sign_version of the sign's information channel once it is up.

        Examples:
          silhouette signage examples/massy-city/deployment.yaml --lang fr --size A4 --format pdf -o signs/
          silhouette signage deployment.yaml --site entrance-north --lang en --format png -o out/
        """)

    @Argument(help: "The deployment file.") var deployment: String
    @Option(help: "Only the sign of this camera.") var camera: String?
    @Option(help: "Only the signs of the cameras of this site.") var site: String?
    @Option(help: "Language of the signs and notices: en or fr.") var lang: Language = .en
    @Option(help: "Paper size: A5, A4 or A3.") var size: SignSize = .a5
    @Option(help: "Sign format: svg, pdf or png.") var format: SignFormat = .svg
    @Option(name: .shortAndLong, help: ArgumentHelp("Directory to write into (created if missing).", valueName: "dir")) var output: String = "."
    @Option(help: ArgumentHelp("Date the dated obligations are judged at (default: today).", valueName: "YYYY-MM-DD")) var date: String?
    @Flag(help: "Print the text of each sign on standard output.") var print = false
    @Flag(help: "Do not record the signs in the store.") var noRecord = false
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if camera != nil && site != nil { throw ValidationError("--camera and --site exclude each other") }
        if let date, DateText.parse(date) == nil { throw ValidationError("--date \(date): expected YYYY-MM-DD") }
    }

    func run() throws {
        let loaded = try DeploymentLoader.load(path: deployment)
        let tables = try SignageTables.load(directory: try SignageTables.locate())
        let selection: CameraSelection = camera.map { .camera($0) } ?? site.map { .site($0) } ?? .all
        let day = date.flatMap(DateText.parse) ?? Date()
        let result = try SignageRun.generate(tables: tables, loaded: loaded, selection: selection, language: lang,
                                             size: size, format: format, date: day,
                                             regimesByPurpose: try SignageOutput.regimes(of: loaded.document))
        // Everything is produced; open the store before writing so a bad store writes nothing.
        let store = noRecord ? nil : try storeOptions.openForWriting(deploymentFile: deployment)
        try SignageOutput.write(result.files, into: output)
        var ids: [String] = result.signs.map { _ in "" }
        if let store {
            let recorded = try store.record(signs: result.signs.map {
                StoredSign(deploymentId: loaded.document.deployment.id, modelHash: loaded.modelHash, name: $0.name,
                           language: $0.language, cameras: $0.cameras, contentHash: $0.contentHash,
                           contentJSON: $0.canonicalJSON, date: Date())
            }, actor: StoreLocation.currentActor())
            ids = recorded.map(\.id)
        }
        for (sign, id) in zip(result.signs, ids) {
            let cameras = sign.cameras.count == 1 ? sign.cameras[0] : "\(sign.cameras.count) cameras"
            Swift.print("\(id.isEmpty ? "-" : id)\t\(sign.name).\(format.rawValue)\t\(cameras) (\(sign.sites.joined(separator: ", ")))\t\(sign.contentHash)")
            if print { Swift.print(SignageOutput.text(of: sign)) }
        }
        let others = result.files.map(\.name).filter { !$0.hasPrefix("sign-") }
        Swift.print("also written: \(others.joined(separator: ", "))")
    }
}

/// Writing a run's files and showing a sign as text.
enum SignageOutput {
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ files: [SignageRun.OutputFile], into directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw WriteError(description: "\(directory) is not a directory; hint: give a directory with -o") }
        } else {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw WriteError(description: "cannot create \(directory): \(error.localizedDescription)")
            }
        }
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file.name)
            do { try AtomicFile.write(file.data, to: path) } catch {
                throw WriteError(description: "cannot write \(path): \(error.reason)")
            }
        }
    }

    struct RoutingFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// The law each purpose is judged under (rules/regimes.yaml); a deployment whose law is not
    /// covered gets no sign (exit 2), as it gets no assessment.
    static func regimes(of document: DeploymentDocument) throws -> [String: [String]] {
        let table = try RegimeTable.load(rulesDirectory: RuleSet.builtinDirectory())
        do { return try table.route(document).regimesByPurpose } catch {
            throw RoutingFailure(description: error.message())
        }
    }

    static func text(of sign: FirstLayerSign) -> String {
        var lines = ["  ┌ \(sign.title) — \(sign.language), \(sign.regime.rawValue)"]
        for element in sign.elements where element.kind != .pictogram {
            for (offset, item) in element.items.enumerated() {
                let colon = sign.language == "fr" ? "\u{202F}: " : ": "
                let heading = offset == 0 && !element.heading.isEmpty ? element.heading + colon : ""
                lines.append("  │ \(heading)\(item.text)")
            }
        }
        lines.append("  └ cameras: \(sign.cameras.joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }
}
