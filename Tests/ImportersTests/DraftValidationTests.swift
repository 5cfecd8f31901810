import DeploymentModel
import XCTest
@testable import Importers

/// Every draft an importer writes must load and validate as a deployment model, or a DPO's
/// first step would be fixing the tool's output.
final class DraftValidationTests: XCTestCase {
    private func assertValid(_ draft: DraftDeployment, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> LoadedDeployment {
        let yaml = DraftWriter.yaml(draft)
        do {
            return try DeploymentLoader.load(yaml: yaml, file: name, baseDirectory: FileManager.default.temporaryDirectory.path)
        } catch {
            XCTFail("\(name) does not validate: \(error)\n\(yaml)", file: file, line: line)
            throw error
        }
    }

    func testEveryRealFrigateFileGivesAValidDraft() throws {
        let files = ["real/face-recognition_jw2dotorg-home-ops.yml", "real/long-retention_akimoto-arcan-ip-camera-system.yml",
                     "real/audio-events_ctso-home-ops.yml", "real/minimal_jonathanchancey-stacks.yml",
                     "real/anchors-placeholders_chrisns-infra.yml", "reference.yml", "reference-dev.yml"]
        for file in files {
            let result = try FrigateImporter.importFile(try TestPaths.external("frigate/" + file))
            let loaded = try assertValid(result.draft, file)
            XCTAssertEqual(loaded.document.cameras.count, result.facts.cameras.count, file)
        }
    }

    func testFaceRecognitionDraftCarriesTheBiometricFeatureAndIndefiniteTemplates() throws {
        let result = try FrigateImporter.importFile(try TestPaths.external("frigate/real/face-recognition_jw2dotorg-home-ops.yml"))
        let loaded = try assertValid(result.draft, "face")
        let feature = try XCTUnwrap(loaded.document.features.first { $0.kind == .faceRecognition })
        XCTAssertTrue(feature.outputs.contains(.template))
        XCTAssertEqual(loaded.document.purposes[0].features, ["object-detection", "face-recognition"])
        XCTAssertEqual(loaded.document.retention.first { $0.data == .templates }?.duration, .indefinite)
        XCTAssertEqual(loaded.document.retention.first { $0.data == .rawVideo }?.duration, .seconds(5 * 86_400))
        XCTAssertTrue(loaded.document.cameras.allSatisfy(\.audio))
    }

    func testEveryONVIFFileGivesAValidDraft() throws {
        for file in ["GetProfilesResponse_GX728MF-IR28.xml", "GetRecordingsResponse_axis_hammeraj-onvif.xml",
                     "GetAudioEncoderConfigurationsResponse_agsh-onvif.xml", "GetAnalyticsModulesResponse_hikvision_ex-onvif.xml"] {
            _ = try assertValid(try ONVIFImporter.importFiles([try TestPaths.external("onvif/" + file)]).draft, file)
        }
    }

    func testHostileNamesCannotBreakTheDraft() throws {
        let result = try FrigateImporter.importText("""
        version: 0.17-0
        cameras:
          "evil: \\"name\\"\\n# comment": {detect: {enabled: true}}
          "  ": {}
        """, file: "hostile.yml", baseName: "hostile")
        let loaded = try assertValid(result.draft, "hostile")
        XCTAssertEqual(loaded.document.cameras.map(\.id), ["evil---name----comment", "camera"])
    }
}
