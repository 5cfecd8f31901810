import DeploymentModel

/// Turns ONVIF facts into a draft: one camera per video source (or per recording when only
/// recordings were given), a feature per ENABLED analytic, retention of recordings.
struct ONVIFDraftBuilder {
    let facts: ONVIFFacts
    let baseName: String
    let files: [String]

    func build() -> DraftDeployment {
        var draft = DraftDeployment(id: DraftDeployment.identifier(baseName, avoiding: []),
                                    name: "TODO: name of the deployment (imported from ONVIF responses)",
                                    source: "ONVIF responses \(files.joined(separator: ", "))",
                                    engineName: "onvif-device-analytics", engineVersion: "unknown")
        let audio = facts.audioInProfiles || facts.audioEncoders > 0 || facts.recordingsWithAudio > 0
        var enabledFeatures: [String] = []
        for analytic in facts.analytics where analytic.enabled {
            guard let kind = analytic.kind else { continue }
            let id = draft.addFeature(feature(for: kind))
            if !enabledFeatures.contains(id) { enabledFeatures.append(id) }
        }
        var sources = facts.videoSources
        if sources.isEmpty { sources = facts.recordings.indices.map { "recording-\($0 + 1)" } }
        if sources.isEmpty { sources = ["onvif-camera"] }
        var taken = Set<String>()
        for (index, source) in sources.enumerated() {
            let id = DraftDeployment.identifier(source, avoiding: taken)
            taken.insert(id)
            let resolution = index < facts.resolutions.count && facts.videoSources.count > 1 ? facts.resolutions[index] : facts.resolutions.first
            draft.cameras.append(DraftCamera(id: id, audio: audio, resolution: resolution, ptz: facts.ptz,
                                             features: enabledFeatures, comment: "ONVIF video source \(source)"))
            draft.flows.append(DraftFlow(from: id, to: "recorder", data: .rawVideo, encrypted: false))
        }
        var holds: [DataCategory] = [.rawVideo]
        // One recording without a limit makes the device's retention unlimited.
        let limit: RetentionDuration? = facts.recordingsWithoutLimit > 0 ? .indefinite : facts.maximumRetentionSeconds.map { .seconds($0) }
        if facts.recordingsWithoutLimit > 0 {
            draft.retention.append(DraftRetention(data: .rawVideo, duration: .indefinite, location: "recorder",
                                                  note: "MaximumRetentionTime PT0S on \(facts.recordingsWithoutLimit) recording(s): the device sets no retention limit (ONVIF Recording Control), recordings are kept until deleted — TODO: set a limit"))
            draft.warnings.append("MaximumRetentionTime PT0S means no retention limit set by the device (not 0 days): imported as indefinite")
        } else if let seconds = facts.maximumRetentionSeconds {
            draft.retention.append(DraftRetention(data: .rawVideo, duration: .seconds(seconds), location: "recorder",
                                                  note: "MaximumRetentionTime of the device's recordings"))
        } else if !facts.recordings.isEmpty {
            draft.retention.append(DraftRetention(data: .rawVideo, duration: .indefinite, location: "recorder",
                                                  note: "recordings without MaximumRetentionTime: kept until deleted"))
        } else {
            holds = []
        }
        if facts.recordingsWithAudio > 0 {
            holds.append(.audio)
            draft.retention.append(DraftRetention(data: .audio, duration: limit ?? .indefinite,
                                                  location: "recorder", note: "audio tracks in recordings"))
        }
        draft.systems.append(DraftSystem(id: "recorder", kind: .nvr, holds: holds, accessControl: false,
                                         note: "the device or NVR holding recordings (TODO: confirm)"))
        draft.facts = summary()
        let disabled = facts.analytics.filter { !$0.enabled && $0.kind != nil }
        if !disabled.isEmpty {
            draft.warnings.append("configured but disabled, so not imported as features (enabling one later needs a new assessment): "
                + disabled.map { "\($0.name) (\($0.type))" }.joined(separator: ", "))
        }
        return draft
    }

    private func feature(for kind: FeatureKind) -> DraftFeature {
        switch kind {
        case .faceDetection:
            return DraftFeature(id: "face-detection", kind: kind, description: "ONVIF face detector", subjects: [.face], outputs: [.event], onDevice: true)
        case .faceRecognition:
            return DraftFeature(id: "face-recognition", kind: kind, description: "ONVIF face recognition", subjects: [.person, .face],
                                outputs: [.template, .event], onDevice: true, biometricModality: .face)
        case .lpr:
            return DraftFeature(id: "licence-plate-recognition", kind: kind, description: "ONVIF licence-plate recognition", subjects: [.vehicle, .licencePlate], outputs: [.event, .text], onDevice: true)
        case .audio:
            return DraftFeature(id: "audio-detection", kind: kind, description: "ONVIF audio analytics", subjects: [.person], outputs: [.event], onDevice: true)
        default:
            return DraftFeature(id: kind.rawValue, kind: kind, description: "ONVIF \(kind.rawValue) analytics", subjects: [.person, .vehicle], outputs: [.event], onDevice: true)
        }
    }

    private func summary() -> [String] {
        let enabled = facts.analytics.filter(\.enabled)
        let disabled = facts.analytics.filter { !$0.enabled }
        return ["responses: \(facts.responses.joined(separator: ", "))",
                "profiles: \(facts.profiles.count); video sources: \(facts.videoSources.count); resolutions: \(facts.resolutions.joined(separator: ", "))",
                "audio: \(facts.audioInProfiles || facts.audioEncoders > 0 ? "encoder configured" : "no encoder"); recordings with audio: \(facts.recordingsWithAudio)",
                "analytics enabled: \(enabled.isEmpty ? "none" : enabled.map { "\($0.name) (\($0.type))" }.joined(separator: ", "))",
                "analytics disabled: \(disabled.isEmpty ? "none" : disabled.map { "\($0.name) (\($0.type))" }.joined(separator: ", "))",
                "recordings: \(facts.recordings.count); retention: \(facts.recordingsWithoutLimit > 0 ? "no limit set by the device (PT0S)" : facts.maximumRetentionSeconds.map { RetentionDuration.seconds($0).description } ?? "not stated")"]
    }
}
