/// The Frigate release a configuration targets. Defaults changed between releases (audio
/// kept in recordings from 0.16, `detect.enabled` default false from 0.16…), so the importer
/// needs it to know what an unwritten key means.
struct FrigateVersion: Comparable, CustomStringConvertible {
    let minor: Int   // Frigate is still 0.x: 0.17 → 17

    static let v0_13 = FrigateVersion(minor: 13), v0_14 = FrigateVersion(minor: 14)
    static let v0_15 = FrigateVersion(minor: 15), v0_16 = FrigateVersion(minor: 16)
    static let v0_17 = FrigateVersion(minor: 17), v0_18 = FrigateVersion(minor: 18)

    /// Reads `0.16-0`, `"0.17"`, `0.14` (a YAML float).
    init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let parts = text.split(whereSeparator: { $0 == "." || $0 == "-" })
        guard parts.count >= 2, parts[0] == "0", let minor = Int(parts[1]) else { return nil }
        self.minor = minor
    }

    init(minor: Int) { self.minor = minor }

    static func < (a: FrigateVersion, b: FrigateVersion) -> Bool { a.minor < b.minor }
    var description: String { "0.\(minor)" }

    /// The oldest release that knows every key written in `root`: a file without a `version`
    /// key still tells which release it was written for by what it configures.
    static func inferred(from root: ConfigNode) -> FrigateVersion? {
        let cameras = root["cameras"].map { c in c.keys.compactMap { c[$0] } } ?? []
        func anywhere(_ path: [String]) -> Bool {
            ([root] + cameras).contains { node in
                var current: ConfigNode? = node
                for key in path { current = current?[key] }
                return current != nil
            }
        }
        if anywhere(["profiles"]) { return .v0_18 }
        if anywhere(["record", "continuous"]) || anywhere(["record", "motion"]) || anywhere(["audio_transcription"])
            || anywhere(["objects", "genai"]) || anywhere(["review", "genai"]) { return .v0_17 }
        if anywhere(["face_recognition"]) || anywhere(["lpr"]) || anywhere(["classification"]) { return .v0_16 }
        if anywhere(["semantic_search"]) || anywhere(["genai"]) || anywhere(["record", "alerts"]) { return .v0_15 }
        if anywhere(["review"]) || anywhere(["auth"]) { return .v0_14 }
        return nil
    }
}

import Foundation
