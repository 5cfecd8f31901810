/// One camera's effective settings: the camera's own value when written, else the top-level
/// one, else the default of the targeted release (PRIVACY_KEYS.md §1: deep merge, camera wins,
/// lists replace).
struct FrigateCamera {
    let name: String
    let node: ConfigNode
    let root: ConfigNode
    let version: FrigateVersion
    /// True when the file has no `version:` key (Frigate then migrates it on start).
    let unversioned: Bool

    func effective(_ path: String...) -> ConfigNode? {
        var own: ConfigNode? = node
        var global: ConfigNode? = root
        for key in path { own = own?[key]; global = global?[key] }
        return own ?? global
    }

    var enabled: Bool { node["enabled"]?.bool ?? true }

    var roles: Set<String> {
        Set((node.at("ffmpeg", "inputs")?.items ?? []).flatMap { $0["roles"]?.strings ?? [] })
    }

    /// §1.9: true up to 0.15; false from 0.16, but the migration writes `true` into any
    /// older or unversioned file that does not set it.
    var detects: Bool {
        if let written = effective("detect", "enabled")?.bool { return written }
        return unversioned || version < .v0_16
    }

    var tracked: [String] {
        if let list = effective("objects", "track") { return list.strings }
        return ["person"]
    }

    var tracksPeople: Bool { detects && tracked.contains("person") }

    var faceRecognition: Bool {
        guard root.at("face_recognition", "enabled")?.bool == true else { return false }
        return (node.at("face_recognition", "enabled")?.bool ?? true) && tracksPeople
    }

    var licencePlates: Bool {
        let dedicated = node["type"]?.text == "lpr"
        guard root.at("lpr", "enabled")?.bool == true else { return false }
        guard node.at("lpr", "enabled")?.bool ?? true else { return false }
        return dedicated || (detects && !Set(tracked).isDisjoint(with: ["car", "motorcycle", "license_plate"]))
    }

    var audioDetection: Bool { effective("audio", "enabled")?.bool ?? false }

    var listenedSounds: [String] {
        if let list = effective("audio", "listen") { return list.strings }
        return version >= .v0_18 ? ["bark", "fire_alarm", "speech", "yell"] : ["bark", "fire_alarm", "scream", "speech", "yell"]
    }

    var transcription: Bool {
        guard root.at("audio_transcription", "enabled")?.bool == true else { return false }
        return (node.at("audio_transcription", "enabled")?.bool ?? true) && audioDetection
    }

    var records: Bool { effective("record", "enabled")?.bool ?? false }

    /// Days of 24/7 footage and of footage with motion (§4.1, legacy forms migrated).
    var continuousAndMotionDays: (continuous: Double, motion: Double) {
        let continuous = effective("record", "continuous", "days")?.number
        let motion = effective("record", "motion", "days")?.number
        if continuous != nil || motion != nil { return (continuous ?? 0, motion ?? 0) }
        if let days = effective("record", "retain", "days")?.number {
            let mode = effective("record", "retain", "mode")?.text ?? "all"
            return mode == "all" ? (days, days) : (0, days)
        }
        if let days = effective("record", "retain_days")?.number { return (days, days) }
        return (0, 0)
    }

    /// Days footage around alerts and detections is kept (§4.1; 0.9–0.14 `events.retain.default`).
    var eventFootageDays: Double {
        let legacy = effective("record", "events", "retain", "default")?.number
        let alerts = effective("record", "alerts", "retain", "days")?.number ?? legacy ?? 10
        let detections = effective("record", "detections", "retain", "days")?.number ?? legacy ?? 10
        return max(alerts, detections)
    }

    var snapshots: Bool { effective("snapshots", "enabled")?.bool ?? false }

    var snapshotDays: Double {
        let base = effective("snapshots", "retain", "default")?.number ?? 10
        let perObject = effective("snapshots", "retain", "objects").map { o in o.keys.compactMap { o[$0]?.number } } ?? []
        return ([base] + perObject).max() ?? base
    }

    /// §3: audio is kept in recordings unless the record output arguments drop it.
    var recordsAudio: Bool {
        guard records else { return false }
        let arguments = effective("ffmpeg", "output_args", "record").map { $0.strings.joined(separator: " ") }
        guard let arguments else { return version >= .v0_16 }
        switch arguments {
        case "preset-record-generic", "preset-record-mjpeg", "preset-record-jpeg": return false
        case "preset-record-generic-audio-aac", "preset-record-generic-audio-copy", "preset-record-ubiquiti": return true
        default: return !arguments.split(separator: " ").contains("-an")
        }
    }

    var hasDetectionMasks: Bool {
        effective("motion", "mask") != nil || effective("objects", "mask") != nil
    }

    var autotracking: Bool { node.at("onvif", "autotracking", "enabled")?.bool ?? false }

    /// MQTT snapshot publishing of this camera (§6); on by default.
    var publishesSnapshots: Bool { (node.at("mqtt", "enabled")?.bool ?? true) && detects }

    var resolution: String? {
        guard let width = effective("detect", "width")?.number, let height = effective("detect", "height")?.number else { return nil }
        return "\(Int(width))x\(Int(height))"
    }

    /// Whether every input stream is fetched over an encrypted scheme; inputs are read for
    /// their scheme only, never copied (they carry credentials).
    var encryptedInputs: Bool {
        let paths = (node.at("ffmpeg", "inputs")?.items ?? []).compactMap { $0["path"]?.text?.lowercased() }
        return !paths.isEmpty && paths.allSatisfy { $0.hasPrefix("rtsps://") || $0.hasPrefix("https://") }
    }
}

import Foundation
