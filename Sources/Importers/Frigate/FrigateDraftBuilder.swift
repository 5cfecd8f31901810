import DeploymentModel

/// Turns a Frigate configuration's facts into a draft deployment: features for every analytic
/// that is on, retention for every kind of footage it keeps, the NVR, the MQTT broker and any
/// GenAI provider as systems, and the flows between them.
struct FrigateDraftBuilder {
    let root: ConfigNode
    let cameras: [FrigateCamera]
    let facts: FrigateFacts
    let file: String
    let baseName: String
    let version: FrigateVersion
    let warnings: [String]

    func build() -> DraftDeployment {
        let id = DraftDeployment.identifier(baseName, avoiding: [])
        var draft = DraftDeployment(id: id, name: "TODO: name of the deployment (imported from \(baseName))",
                                    source: "Frigate configuration \(file) (read as Frigate \(version))",
                                    engineName: "frigate", engineVersion: version.description)
        draft.warnings = warnings
        addFeatures(to: &draft)
        addCameras(to: &draft)
        addStorage(to: &draft)
        draft.facts = summary()
        return draft
    }

    private func addFeatures(to draft: inout DraftDeployment) {
        let snapshots = !facts.snapshotCameras.isEmpty
        let clips = facts.eventFootageDays > 0
        if !facts.detectionCameras.isEmpty {
            var outputs: [FeatureOutput] = [.event, .track]
            if snapshots { outputs.append(.snapshot) }
            if clips { outputs.append(.clip) }
            let tracked = Set(cameras.filter(\.detects).flatMap(\.tracked))
            var subjects: [SubjectClass] = []
            if tracked.contains("person") { subjects.append(.person) }
            if !tracked.isDisjoint(with: ["car", "motorcycle", "bus", "truck"]) { subjects.append(.vehicle) }
            if tracked.contains("bicycle") { subjects.append(.bicycle) }
            if !tracked.isDisjoint(with: ["dog", "cat", "horse", "bird"]) { subjects.append(.animal) }
            if !tracked.isDisjoint(with: ["package", "backpack"]) { subjects.append(.object) }
            if subjects.isEmpty { subjects = [.object] }
            draft.addFeature(DraftFeature(id: "object-detection", kind: .intrusion,
                description: "Frigate object detection and tracking (\(tracked.sorted().joined(separator: ", "))), alerts and detections for review",
                subjects: subjects, outputs: outputs, onDevice: true))
        }
        if !facts.faceRecognitionCameras.isEmpty {
            draft.addFeature(DraftFeature(id: "face-recognition", kind: .faceRecognition,
                description: "Frigate face_recognition: face embeddings matched to named people (sub_label)",
                subjects: [.person, .face], outputs: [.template, .event], onDevice: true,
                biometricModality: .face, biometricComparison: .identification))
        }
        if !facts.faceDetectionCameras.isEmpty {
            draft.addFeature(DraftFeature(id: "face-detection", kind: .faceDetection,
                description: "`face` tracked as an object label (detection, not identification)",
                subjects: [.face], outputs: [.event, .snapshot], onDevice: true))
        }
        if !facts.licencePlateCameras.isEmpty {
            draft.addFeature(DraftFeature(id: "licence-plate-recognition", kind: .lpr,
                description: "Frigate lpr: plate text read and stored as the vehicle's sub_label",
                subjects: [.vehicle, .licencePlate], outputs: [.event, .text], onDevice: true))
        }
        if !facts.audioDetectionCameras.isEmpty {
            draft.addFeature(DraftFeature(id: "audio-detection", kind: .audio,
                description: "Frigate audio classification of: \(facts.listenedSounds.joined(separator: ", "))",
                subjects: [.person], outputs: [.event], onDevice: true))
        }
        if !facts.transcriptionCameras.isEmpty {
            draft.addFeature(DraftFeature(id: "audio-transcription", kind: .audioTranscription,
                description: "Frigate audio_transcription: speech converted to text",
                subjects: [.person], outputs: [.text], onDevice: true))
        }
        if facts.semanticSearch {
            draft.addFeature(DraftFeature(id: "semantic-search", kind: .semanticSearch,
                description: "Frigate semantic_search: image embeddings of every tracked object, people searchable by appearance",
                subjects: [.person, .vehicle], outputs: [.template], onDevice: true))
        }
        if let provider = facts.generativeAI {
            draft.addFeature(DraftFeature(id: "generative-descriptions", kind: .generativeDescription,
                description: "Frigate GenAI descriptions by provider \(provider)",
                subjects: [.person, .vehicle], outputs: [.text], onDevice: !facts.generativeAIExternal))
        }
        if !facts.autotrackingCameras.isEmpty {
            draft.addFeature(DraftFeature(id: "ptz-autotracking", kind: .other,
                description: "ONVIF autotracking: the PTZ camera physically follows a tracked person",
                subjects: [.person], outputs: [.track], onDevice: true, followsIndividual: true))
        }
    }

    private func addCameras(to draft: inout DraftDeployment) {
        var taken = Set<String>()
        for camera in cameras {
            let id = DraftDeployment.identifier(camera.name, avoiding: taken)
            taken.insert(id)
            var features: [String] = []
            if camera.detects { features.append("object-detection") }
            if camera.faceRecognition { features.append("face-recognition") }
            if camera.licencePlates { features.append("licence-plate-recognition") }
            if camera.audioDetection { features.append("audio-detection") }
            if camera.autotracking { features.append("ptz-autotracking") }
            var notes = ["Frigate camera \(camera.name)"]
            notes.append(features.isEmpty ? "no analytics" : features.joined(separator: ", "))
            if camera.records { notes.append("records") }
            if camera.hasDetectionMasks { notes.append("motion/object masks limit detection only, they hide nothing from recordings") }
            draft.cameras.append(DraftCamera(id: id, audio: camera.audioDetection || camera.recordsAudio,
                                             resolution: camera.resolution, ptz: camera.autotracking,
                                             features: features, comment: notes.joined(separator: "; ")))
            if camera.records || camera.detects {
                draft.flows.append(DraftFlow(from: id, to: "frigate-nvr", data: .rawVideo, encrypted: camera.encryptedInputs))
            }
        }
    }

    private func addStorage(to draft: inout DraftDeployment) {
        var holds: [DataCategory] = []
        func days(_ d: Double) -> RetentionDuration { .seconds(Int64((d * 86_400).rounded(.up))) }
        if !facts.recordingCameras.isEmpty {
            holds.append(.rawVideo)
            draft.retention.append(DraftRetention(data: .rawVideo, duration: days(facts.rawVideoDays), location: "frigate-nvr",
                note: "record: continuous \(format(facts.continuousDays)) d, motion up to \(format(facts.rawVideoDays)) d"))
        } else {
            draft.retention.append(DraftRetention(data: .rawVideo, duration: .notStored, location: "none", note: "record disabled on every camera"))
        }
        if facts.eventFootageDays > 0 {
            holds.append(.clips)
            draft.retention.append(DraftRetention(data: .clips, duration: days(facts.eventFootageDays), location: "frigate-nvr",
                                                  note: "footage around alerts and detections"))
        }
        if !facts.snapshotCameras.isEmpty {
            holds.append(.snapshots)
            let note = facts.detectionCameras.isEmpty ? "snapshots enabled, but no camera detects, so none is produced" : "snapshot of every tracked object"
            draft.retention.append(DraftRetention(data: .snapshots, duration: days(facts.snapshotDays), location: "frigate-nvr", note: note))
        }
        if !facts.detectionCameras.isEmpty {
            holds.append(.events)
            let kept = max(facts.eventFootageDays, facts.snapshotDays)
            draft.retention.append(DraftRetention(data: .events, duration: kept > 0 ? days(kept) : .indefinite, location: "frigate-nvr",
                note: "tracked-object records live until their snapshot and clip expire"))
        }
        if !facts.audioRecordedCameras.isEmpty {
            holds.append(.audio)
            draft.retention.append(DraftRetention(data: .audio, duration: days(facts.rawVideoDays), location: "frigate-nvr",
                                                  note: "audio track kept inside recordings"))
        }
        if !facts.faceRecognitionCameras.isEmpty || facts.semanticSearch {
            holds.append(.templates)
            draft.retention.append(DraftRetention(data: .templates, duration: .indefinite, location: "frigate-nvr",
                note: "face images and embeddings are not subject to any Frigate retention setting"))
        }
        if !facts.licencePlateCameras.isEmpty {
            holds.append(.licencePlates)
            let debug = root.at("lpr", "debug_save_plates")?.bool ?? false
            draft.retention.append(DraftRetention(data: .licencePlates, duration: debug ? .indefinite : days(max(facts.eventFootageDays, facts.snapshotDays)),
                location: "frigate-nvr", note: debug ? "lpr.debug_save_plates keeps plate crops forever" : "plate text stored with tracked objects"))
        }
        draft.systems.append(DraftSystem(id: "frigate-nvr", kind: .nvr, holds: holds, accessControl: facts.authentication,
                                         note: facts.authentication ? "Frigate NVR, login required" : "Frigate NVR, auth disabled: anyone reaching the port sees everything"))
        if facts.mqtt {
            var published: [DataCategory] = [.events]
            if facts.mqttSnapshots { published.append(.snapshots) }
            draft.systems.append(DraftSystem(id: "mqtt-broker", kind: .server, holds: published, accessControl: false,
                note: facts.mqttSnapshots ? "MQTT broker: events, and retained snapshot images of tracked objects" : "MQTT broker: events"))
            for data in published {
                draft.flows.append(DraftFlow(from: "frigate-nvr", to: "mqtt-broker", data: data, encrypted: facts.mqttEncrypted))
            }
        }
        if let provider = facts.generativeAI {
            draft.systems.append(DraftSystem(id: "genai-provider", kind: facts.generativeAIExternal ? .cloud : .server, holds: [.snapshots],
                accessControl: true, note: "GenAI provider \(provider)" + (facts.generativeAIExternal ? ": images of people leave the premises" : "")))
            draft.flows.append(DraftFlow(from: "frigate-nvr", to: "genai-provider", data: .snapshots, encrypted: true))
        }
        if facts.authentication { draft.security.append(.accessControl) }
        if version >= .v0_14, root.at("tls", "enabled")?.bool ?? true { draft.security.append(.encryptionInTransit) }
    }

    private func summary() -> [String] {
        func list(_ names: [String]) -> String { names.isEmpty ? "none" : "\(names.count) (\(names.joined(separator: ", ")))" }
        var lines = ["cameras: \(facts.cameras.count)", "object detection: \(list(facts.detectionCameras))",
                     "face recognition: \(list(facts.faceRecognitionCameras))",
                     "licence-plate recognition: \(list(facts.licencePlateCameras))",
                     "audio detection: \(list(facts.audioDetectionCameras))",
                     "audio kept in recordings: \(list(facts.audioRecordedCameras))",
                     "audio transcription: \(list(facts.transcriptionCameras))",
                     "semantic search: \(facts.semanticSearch ? "on" : "off")",
                     "generative AI: \(facts.generativeAI.map { $0 + (facts.generativeAIExternal ? " (external)" : " (local)") } ?? "off")",
                     "recording: \(list(facts.recordingCameras)); raw video kept \(format(facts.rawVideoDays)) d, event footage \(format(facts.eventFootageDays)) d",
                     "snapshots: \(list(facts.snapshotCameras)); kept \(format(facts.snapshotDays)) d",
                     "MQTT: \(facts.mqtt ? (facts.mqttSnapshots ? "on, publishes snapshot images" : "on") : "off")",
                     "authentication: \(facts.authentication ? "on" : "off")"]
        if !facts.maskedCameras.isEmpty {
            lines.append("masks: \(facts.maskedCameras.count) camera(s) have motion/object masks; they limit detection only and are not privacy masks")
        }
        return lines
    }

    private func format(_ days: Double) -> String {
        days == days.rounded() ? String(Int(days)) : String(days)
    }
}
