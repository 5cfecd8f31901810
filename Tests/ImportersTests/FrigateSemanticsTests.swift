import XCTest
@testable import Importers

/// Frigate's merge rules and defaults (PRIVACY_KEYS.md §1), on small inline configurations.
final class FrigateSemanticsTests: XCTestCase {
    private func facts(_ yaml: String) throws -> FrigateFacts {
        try FrigateImporter.importText(yaml, file: "inline.yml", baseName: "inline").facts
    }

    func testCameraFalseOverridesGlobalFaceRecognition() throws {
        let f = try facts("""
        version: 0.17-0
        face_recognition: {enabled: true}
        detect: {enabled: true}
        cameras:
          hall: {ffmpeg: {inputs: [{path: "rtsp://u:p@h/1", roles: [detect]}]}}
          garden:
            face_recognition: {enabled: false}
            ffmpeg: {inputs: [{path: x, roles: [detect]}]}
          parking:
            objects: {track: [car]}
        """)
        XCTAssertEqual(f.faceRecognitionCameras, ["hall"], "garden opts out; parking does not track person")
    }

    func testCameraCannotEnableFaceRecognitionWithoutTheGlobalSwitch() throws {
        let f = try facts("""
        version: 0.17-0
        detect: {enabled: true}
        cameras:
          hall: {face_recognition: {enabled: true}}
        """)
        XCTAssertEqual(f.faceRecognitionCameras, [])
    }

    func testDetectionDefaultsOffFromRelease016WhenVersioned() throws {
        let f = try facts("""
        version: 0.16-0
        cameras:
          hall: {}
        """)
        XCTAssertEqual(f.detectionCameras, [])
    }

    func testMergeKeysAndSecretTagsAndPlaceholders() throws {
        let f = try facts("""
        version: 0.17-0
        mqtt:
          host: !secret mqtt_host
          user: "{FRIGATE_MQTT_USER}"
          password: ${MQTT_PASSWORD}
        base: &base
          record: {enabled: true, continuous: {days: 3}}
          detect: {enabled: true}
        cameras:
          a:
            <<: *base
          b:
            <<: *base
            record: {enabled: true, continuous: {days: 7}}
        """)
        XCTAssertEqual(f.recordingCameras, ["a", "b"])
        XCTAssertEqual(f.continuousDays, 7)
        XCTAssertTrue(f.mqtt)
    }

    func testLegacyRetainDaysModeMotionKeepsOnlyMotionFootage() throws {
        let f = try facts("""
        record: {enabled: true, retain: {days: 4, mode: motion}, events: {retain: {default: 12}}}
        cameras:
          a: {}
        """)
        XCTAssertEqual(f.continuousDays, 0)
        XCTAssertEqual(f.rawVideoDays, 4)
        XCTAssertEqual(f.eventFootageDays, 12)
    }

    func testOutputArgumentsDecideWhetherRecordingsKeepAudio() throws {
        let f = try facts("""
        version: 0.17-0
        record: {enabled: true}
        cameras:
          default_args: {}
          no_audio: {ffmpeg: {output_args: {record: preset-record-generic}}}
          literal_an: {ffmpeg: {output_args: {record: "-f segment -c:v copy -an"}}}
          literal_copy: {ffmpeg: {output_args: {record: "-f segment -c copy"}}}
        """)
        XCTAssertEqual(f.audioRecordedCameras, ["default_args", "literal_copy"])
    }

    func testExternalGenerativeAIAndSemanticSearchAndTranscriptionAreFound() throws {
        let result = try FrigateImporter.importText("""
        version: 0.17-0
        semantic_search: {enabled: true}
        genai: {provider: gemini, api_key: "{FRIGATE_GEMINI_API_KEY}", model: gemini-2.0-flash}
        objects: {genai: {enabled: true}}
        audio: {enabled: true}
        audio_transcription: {enabled: true}
        lpr: {enabled: true}
        detect: {enabled: true}
        cameras:
          gate: {objects: {track: [person, car]}, ffmpeg: {inputs: [{path: x, roles: [detect, audio]}]}}
        """, file: "inline.yml", baseName: "inline")
        XCTAssertTrue(result.facts.semanticSearch)
        XCTAssertEqual(result.facts.generativeAI, "gemini")
        XCTAssertTrue(result.facts.generativeAIExternal)
        XCTAssertEqual(result.facts.transcriptionCameras, ["gate"])
        XCTAssertEqual(result.facts.licencePlateCameras, ["gate"])
        let kinds = Set(result.draft.features.map(\.kind.rawValue))
        XCTAssertEqual(kinds, ["intrusion", "lpr", "audio", "audio-transcription", "semantic-search", "generative-description"])
        XCTAssertFalse(DraftWriter.yaml(result.draft).contains("GEMINI_API_KEY"))
    }

    func testConfigEmbeddedInAHelmValuesFileIsRead() throws {
        let f = try facts("""
        config: |
          version: 0.17-0
          cameras:
            door: {detect: {enabled: true}}
        """)
        XCTAssertEqual(f.cameras, ["door"])
    }

    func testSyntaxErrorsPointAtTheLine() {
        XCTAssertThrowsError(try facts("cameras:\n  a: [unclosed\n")) { error in
            guard case ImportError.syntax(_, let line, _, let problem) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 3)
            XCTAssertTrue(problem.hasPrefix("YAML syntax error"))
        }
    }

    func testDuplicateKeysAreRefusedWithTheirPosition() {
        XCTAssertThrowsError(try facts("cameras:\n  a: {}\n  a: {}\n")) { error in
            XCTAssertTrue("\(error)".contains("duplicate key a"), "\(error)")
        }
    }

    func testAMergeKeyAliasBombDoesNotExpand() throws {
        var yaml = "l0: &l0 {a: 1}\n"
        for level in 1...30 { yaml += "l\(level): &l\(level)\n  <<: [*l\(level - 1), *l\(level - 1), *l\(level - 1)]\n" }
        yaml += "cameras:\n  bomb:\n    <<: *l30\n"
        let start = Date()
        let f = try facts(yaml)
        XCTAssertEqual(f.cameras, ["bomb"])
        XCTAssertLessThan(Date().timeIntervalSince(start), 30, "bounded work, not 3^30 lookups")
    }

    func testAFileWithoutCamerasIsRefused() {
        XCTAssertThrowsError(try facts("mqtt: {enabled: false}\n")) { error in
            XCTAssertEqual("\(error)", "inline.yml: nothing to import: no `cameras:` section (hint: is this a Frigate config.yml?)")
        }
    }
}
