import XCTest
@testable import Importers

/// One test per real Frigate file in ../shared/external, asserting the facts SOURCES.md lists.
final class FrigateImporterTests: XCTestCase {
    private func facts(_ file: String) throws -> FrigateFacts {
        try FrigateImporter.importFile(try TestPaths.external("frigate/" + file)).facts
    }

    func testFaceRecognitionIsOnForAllTenCamerasWithFiveDaysOfFootage() throws {
        let f = try facts("real/face-recognition_jw2dotorg-home-ops.yml")
        XCTAssertEqual(f.cameras.count, 10)
        XCTAssertEqual(f.faceRecognitionCameras.count, 10)
        XCTAssertEqual(f.licencePlateCameras, [])
        XCTAssertEqual(f.audioDetectionCameras, [])
        XCTAssertEqual(f.audioRecordedCameras.count, 10, "preset-record-generic-audio-aac keeps audio")
        XCTAssertEqual(f.continuousDays, 5)
        XCTAssertEqual(f.eventFootageDays, 30)
        XCTAssertEqual(f.snapshotDays, 30)
        XCTAssertFalse(f.authentication, "auth.enabled: false")
        XCTAssertEqual(f.targetVersion, "0.16", "face_recognition exists from 0.16")
    }

    /// Model v2: the draft says what the biometric feature is — 1:N face identification.
    func testFaceRecognitionDraftStatesModalityAndComparison() throws {
        let result = try FrigateImporter.importFile(try TestPaths.external("frigate/real/face-recognition_jw2dotorg-home-ops.yml"))
        let face = try XCTUnwrap(result.draft.features.first { $0.kind == .faceRecognition })
        XCTAssertEqual(face.biometricModality, .face)
        XCTAssertEqual(face.biometricComparison, .identification)
        let yaml = DraftWriter.yaml(result.draft)
        XCTAssertTrue(yaml.contains("apiVersion: silhouette/v2"), yaml)
        XCTAssertTrue(yaml.contains("    biometric_modality: face\n    biometric_comparison: one-to-many"), yaml)
        XCTAssertTrue(yaml.contains("information_channels: []  # TODO"), yaml)
    }

    func testLongRetentionSiteKeepsThirtyDaysOfContinuousFootageWithoutDetection() throws {
        let f = try facts("real/long-retention_akimoto-arcan-ip-camera-system.yml")
        XCTAssertEqual(f.cameras.count, 6)
        XCTAssertEqual(f.detectionCameras, [])
        XCTAssertEqual(f.recordingCameras.count, 6)
        XCTAssertEqual(f.continuousDays, 30)
        XCTAssertEqual(f.rawVideoDays, 30)
        XCTAssertEqual(f.eventFootageDays, 0, "no detection, so no alert or detection footage is produced")
        XCTAssertEqual(f.snapshotDays, 30)
        XCTAssertEqual(f.audioRecordedCameras.count, 6, "0.17 records AAC audio by default")
        XCTAssertFalse(f.mqtt)
        XCTAssertEqual(f.targetVersion, "0.17")
    }

    func testAudioEventsAreClassifiedOnEverySevenCameras() throws {
        let f = try facts("real/audio-events_ctso-home-ops.yml")
        XCTAssertEqual(f.cameras.count, 7)
        XCTAssertEqual(f.audioDetectionCameras.count, 7)
        XCTAssertTrue(f.listenedSounds.contains("scream"))
        XCTAssertTrue(f.listenedSounds.contains("gunshot"))
        XCTAssertFalse(f.listenedSounds.contains("speech"))
        XCTAssertFalse(f.detectionCameras.contains("living_room"), "living_room has detect.enabled: false")
        XCTAssertEqual(f.detectionCameras.count, 6)
        XCTAssertEqual(f.audioRecordedCameras.count, 7, "preset-record-ubiquiti keeps audio")
        XCTAssertEqual(f.continuousDays, 2, "legacy retain.days 2, mode all")
        XCTAssertEqual(f.eventFootageDays, 14, "legacy events.retain.default 14")
        XCTAssertEqual(f.snapshotDays, 30)
        XCTAssertEqual(f.faceRecognitionCameras, [], "face is only a filter, not tracked")
    }

    func testMinimalConfigRunsDetectionButKeepsNothing() throws {
        let f = try facts("real/minimal_jonathanchancey-stacks.yml")
        XCTAssertEqual(f.cameras, ["RLC-510A", "RLC-810A", "Duo-0", "Duo-1"])
        XCTAssertEqual(f.detectionCameras.count, 4, "no version key: Frigate's migration enables detection")
        XCTAssertEqual(f.recordingCameras, [])
        XCTAssertEqual(f.snapshotCameras, [])
        XCTAssertTrue(f.birdseye)
        XCTAssertFalse(f.mqtt)
    }

    func testAnchorsAndPlaceholdersAreResolved() throws {
        let f = try facts("real/anchors-placeholders_chrisns-infra.yml")
        XCTAssertEqual(f.cameras.count, 7)
        XCTAssertEqual(f.recordingCameras, [], "record.enabled: false")
        XCTAssertEqual(f.snapshotCameras.count, 7)
        XCTAssertEqual(f.snapshotDays, 30)
        XCTAssertTrue(f.mqtt)
        XCTAssertTrue(f.mqttEncrypted, "port 8883 with TLS certificates")
        XCTAssertFalse(f.birdseye)
    }

    func testPublishedReferenceImportsDespiteItsInvalidTripleQuotedString() throws {
        let result = try FrigateImporter.importFile(try TestPaths.external("frigate/reference.yml"))
        XCTAssertEqual(result.facts.cameras.count, 1)
        XCTAssertEqual(result.facts.faceRecognitionCameras, [], "the reference leaves face_recognition disabled")
        XCTAssertTrue(result.draft.warnings.contains { $0.contains("\"\"\"") })
    }

    func testDevelopmentReferenceImports() throws {
        let result = try FrigateImporter.importFile(try TestPaths.external("frigate/reference-dev.yml"))
        XCTAssertEqual(result.facts.cameras.count, 1)
        XCTAssertEqual(result.facts.targetVersion, "0.18")
    }

    func testNoCredentialFromAnyRealFileReachesTheDraft() throws {
        for file in ["real/long-retention_akimoto-arcan-ip-camera-system.yml", "real/minimal_jonathanchancey-stacks.yml",
                     "real/audio-events_ctso-home-ops.yml", "real/face-recognition_jw2dotorg-home-ops.yml",
                     "real/anchors-placeholders_chrisns-infra.yml"] {
            let yaml = DraftWriter.yaml(try FrigateImporter.importFile(try TestPaths.external("frigate/" + file)).draft)
            for secret in ["rtsp://", "123456", "FRIGATE_", "password", "@10."] {
                XCTAssertFalse(yaml.contains(secret), "\(file): draft contains \(secret)")
            }
        }
    }
}
