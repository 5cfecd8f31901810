import DeploymentModel
import Foundation

/// The redaction log: what was hidden in which frame, so a DPO can show that every person
/// but the requester was redacted before footage was handed over. JSON, written atomically.
struct RedactionLog: Encodable {
    let summary: RedactionSummary
    let zones: [PixelRect]
    let frames: [FrameRedactor.Record]

    func write(to path: String) throws {
        try Self.write(try encoded(), to: path)
    }

    /// The log's JSON (snake_case keys, sorted, so two runs compare line by line).
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }

    static func write(_ data: Data, to path: String) throws {
        do {
            try AtomicFile.write(data, to: path)
        } catch {
            throw RedactionError.outputUnwritable(path: path, reason: error.reason)
        }
    }
}
