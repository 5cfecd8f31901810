import ArgumentParser
import Foundation
import Redaction
import Store

/// `silhouette store background`: empty-scene reference frames recorded per camera.
struct StoreBackgroundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "background",
        abstract: "Record a camera's empty-scene reference frame (used by redact --camera), list them.",
        discussion: """
        A person who never moves during a whole clip cannot be told from the background by a \
        model built from the clip. An image of the empty scene, recorded once per camera, lets \
        `silhouette redact --camera ID` find them without --background-frame; the redaction log \
        names the record used and its SHA-256.

        Examples:
          silhouette store background set --camera cam-012 lobby-empty.png
          silhouette store background list
        """,
        subcommands: [StoreBackgroundSetCommand.self, StoreBackgroundListCommand.self])
}

/// `silhouette store background set --camera ID IMAGE`.
struct StoreBackgroundSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Record IMAGE as the camera's empty-scene reference frame (the latest one recorded is used).",
        discussion: "The image must be readable (any format ffmpeg reads) and have the size of the camera's clips; redact refuses one of another size.")

    @Option(help: "The camera id (as in the deployment model).") var camera: String
    @Argument(help: "An image of the empty scene (PNG, JPEG…), same framing and size as the camera's clips.") var image: String
    @OptionGroup var storeOptions: StoreOptions

    /// Larger images are refused before they are read (an 8K PNG is far below).
    static let maximumBytes = 64 << 20

    func run() throws {
        guard !camera.isEmpty, camera.count <= 200, !camera.contains(where: \.isNewline) else {
            throw RedactionError.badOption("--camera: a camera id of 1 to 200 characters, on one line")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: image)[.size] as? Int) ?? nil
        if let size, size > Self.maximumBytes {
            throw RedactionError.badOption("store background set \(image): \(size) bytes, more than \(Self.maximumBytes) (hint: export the still as PNG or JPEG at the clip's size)")
        }
        let frame = try ReferenceFrame.read(path: image, label: "store background set \(image)")
        guard let bytes = FileManager.default.contents(atPath: image) else {
            throw RedactionError.badOption("store background set \(image): cannot be read (hint: check its permissions)")
        }
        let store = try storeOptions.openForWriting()
        defer { store.close() }
        let recorded = try store.record(StoredCameraBackground(camera: camera, source: image, width: frame.width, height: frame.height,
                                                               image: bytes, date: Date()),
                                        actor: StoreLocation.currentActor())
        print("recorded \(recorded.id): camera \(camera), \(frame.width)×\(frame.height), sha256 \(recorded.imageSHA256), in \(store.path)")
    }
}

/// `silhouette store background list`.
struct StoreBackgroundListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the recorded reference frames (oldest first; per camera, the last one is in use).")

    @Option(help: "Only this camera's.") var camera: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openForReading()
        defer { store.close() }
        let all = try store.cameraBackgrounds().filter { camera == nil || $0.camera == camera }
        let current = Dictionary(all.map { ($0.camera, $0.id) }, uniquingKeysWith: { _, last in last })
        for record in all {
            print("\(record.id)  \(record.camera)  \(record.width)×\(record.height)  \(StoreDates.string(record.date))  sha256 \(record.imageSHA256)  \(record.source)"
                  + (current[record.camera] == record.id ? "  (in use)" : ""))
        }
        if all.isEmpty { print("no reference frames recorded in \(store.path)") }
    }
}
