import DeploymentModel
import Foundation

/// The redaction log: what was hidden in which frame, so a DPO can show that every person
/// but the requester was redacted before footage was handed over. JSON, written atomically.
struct RedactionLog: Encodable {
    let summary: RedactionSummary
    let zones: [PixelRect]
    let frames: [FrameRedactor.Record]

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(self)
        do {
            try AtomicFile.write(data, to: path)
        } catch {
            throw RedactionError.outputUnwritable(path: path, reason: error.reason)
        }
    }
}
