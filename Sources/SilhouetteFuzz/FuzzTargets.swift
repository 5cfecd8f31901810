import Detection
import DeploymentModel
import Foundation
import Importers

/// The parsers of untrusted input that `make fuzz` exercises, by name. Each one takes raw bytes
/// and must either succeed or throw its typed error: a crash, a hang or a memory blow-up is the
/// bug libFuzzer is looking for. The budgets (size, depth, node count) are the parsers' own.
enum FuzzTarget: String, CaseIterable {
    /// A deployment model (YAML), the file a customer or a vendor hands over.
    case model
    /// A Frigate configuration to import.
    case frigate
    /// An ONVIF SOAP response saved from a device.
    case onvif
    /// The header line of a Y4M stream (clips and ffmpeg output).
    case y4m

    func run(_ bytes: Data) {
        switch self {
        case .model:
            guard let text = String(data: bytes, encoding: .utf8) else { return }
            _ = try? DeploymentLoader.load(yaml: text, file: "fuzz.yaml", baseDirectory: FuzzTarget.scratch)
        case .frigate:
            guard let text = String(data: bytes, encoding: .utf8) else { return }
            _ = try? FrigateImporter.importText(text, file: "fuzz.yml", baseName: "fuzz")
        case .onvif:
            // The importer reads files (it bounds their size as it reads), so the input goes
            // through one scratch file rather than a second entry point.
            let path = FuzzTarget.scratch + "/onvif.xml"
            guard FileManager.default.createFile(atPath: path, contents: bytes) else { return }
            _ = try? ONVIFImporter.importFiles([path])
        case .y4m:
            guard let text = String(data: bytes.prefix(4096), encoding: .utf8) else { return }
            _ = try? Y4MStreamHeader(parsing: text, path: "fuzz.y4m")
        }
    }

    /// A private folder for inputs that must be files; nothing in it is ever read back.
    static let scratch: String = {
        let path = NSTemporaryDirectory() + "silhouette-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// The target named by `SILHOUETTE_FUZZ_TARGET` (libFuzzer owns the command line).
    static func fromEnvironment() -> FuzzTarget? {
        ProcessInfo.processInfo.environment["SILHOUETTE_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:))
    }
}
