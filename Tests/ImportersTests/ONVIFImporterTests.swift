import XCTest
@testable import Importers

final class ONVIFImporterTests: XCTestCase {
    func testProfilesShowThreeStreamsAndADisabledFaceDetector() throws {
        let result = try ONVIFImporter.importFiles([try TestPaths.external("onvif/GetProfilesResponse_GX728MF-IR28.xml")])
        XCTAssertEqual(result.facts.profiles, ["media_profile1", "media_profile2", "media_profile3"])
        XCTAssertEqual(result.facts.resolutions, ["3840x2160", "720x576", "352x288"])
        XCTAssertFalse(result.facts.audioInProfiles)
        let face = result.facts.analytics.filter { $0.kind == .faceDetection }
        XCTAssertEqual(face.map(\.name), ["MyFaceDetectModule", "MyFaceDetectRule"])
        XCTAssertTrue(face.allSatisfy { !$0.enabled }, "the face module is disabled, so its rule cannot run")
        XCTAssertEqual(result.facts.analytics.filter { $0.enabled && $0.kind != nil }.count, 0)
        XCTAssertEqual(result.draft.features, [], "nothing about people is enabled")
        XCTAssertTrue(result.draft.warnings.joined().contains("MyFaceDetectModule"))
    }

    func testRecordingsKeepAudioForOneHour() throws {
        let result = try ONVIFImporter.importFiles([try TestPaths.external("onvif/GetRecordingsResponse_axis_hammeraj-onvif.xml")])
        XCTAssertEqual(result.facts.recordings.count, 3)
        XCTAssertEqual(result.facts.recordingsWithAudio, 3)
        XCTAssertEqual(result.facts.maximumRetentionSeconds, 3_600)
        XCTAssertEqual(result.draft.cameras.count, 3)
        XCTAssertTrue(result.draft.cameras.allSatisfy(\.audio))
        XCTAssertEqual(result.draft.retention.map(\.data), [.rawVideo, .audio])
    }

    func testAudioEncoderIsFoundAndWSSecurityUserIsNotCopied() throws {
        let result = try ONVIFImporter.importFiles([try TestPaths.external("onvif/GetAudioEncoderConfigurationsResponse_agsh-onvif.xml")])
        XCTAssertEqual(result.facts.audioEncoders, 1)
        let yaml = DraftWriter.yaml(result.draft)
        XCTAssertTrue(yaml.contains("audio: true"))
        XCTAssertFalse(yaml.contains("xOw2NVPDVsnxRk5sz3ET1qvrlTM"))
        XCTAssertFalse(yaml.contains("admin"))
    }

    func testHikvisionModulesGiveLineCrossingAndIntrusion() throws {
        let result = try ONVIFImporter.importFiles([try TestPaths.external("onvif/GetAnalyticsModulesResponse_hikvision_ex-onvif.xml")])
        XCTAssertEqual(result.facts.analytics.map(\.name), ["MyCellMotionModule", "MyLineDetectorModule", "MyFieldDetectorModule", "MyTamperDetecModule"])
        XCTAssertEqual(result.draft.features.map(\.kind), [.lineCrossing, .intrusion])
    }

    func testAllResponsesOfOneDeviceMergeIntoOneDraft() throws {
        let files = try ["GetProfilesResponse_GX728MF-IR28.xml", "GetAudioEncoderConfigurationsResponse_agsh-onvif.xml",
                         "GetRecordingsResponse_axis_hammeraj-onvif.xml"].map { try TestPaths.external("onvif/" + $0) }
        let result = try ONVIFImporter.importFiles(files)
        XCTAssertEqual(result.facts.responses, ["GetProfilesResponse", "GetAudioEncoderConfigurationsResponse", "GetRecordingsResponse"])
        XCTAssertEqual(result.draft.cameras.map(\.id), ["video_source"])
        XCTAssertTrue(result.draft.cameras[0].audio)
    }
}

/// Hostile XML never reaches the network, never expands, and is refused with a clear reason.
final class HostileXMLTests: XCTestCase {
    private func importXML(_ xml: String) throws -> ONVIFImporter.Result {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("response.xml")
        try Data(xml.utf8).write(to: file)
        return try ONVIFImporter.importFiles([file.path])
    }

    private func assertRefused(_ xml: String, containing expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try importXML(xml), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains(expected), "\(error)", file: file, line: line)
        }
    }

    func testExternalEntityIsRefused() {
        assertRefused("""
        <?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>
        """, containing: "refused: the document declares a DTD or entities")
    }

    func testBillionLaughsIsRefused() {
        var entities = "<!ENTITY l0 \"lol\">"
        for i in 1...9 { entities += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
        assertRefused("<?xml version=\"1.0\"?><!DOCTYPE r [\(entities)]><r>&l9;</r>", containing: "refused")
    }

    func testHugeFileIsRefusedBeforeParsing() {
        let huge = "<r xmlns=\"http://www.onvif.org/ver10/schema\">" + String(repeating: "<a>x</a>", count: 800_000) + "</r>"
        assertRefused(huge, containing: "over the 5242880-byte limit")
    }

    func testWrongNamespaceIsRefused() {
        assertRefused("""
        <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><x:GetProfilesResponse xmlns:x="urn:not-onvif"/></s:Body></s:Envelope>
        """, containing: "element <GetProfilesResponse> in namespace urn:not-onvif; expected an ONVIF response")
    }

    func testSOAPFaultIsReported() {
        assertRefused("""
        <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><s:Fault><s:Reason><s:Text>Sender not authorized</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>
        """, containing: "a SOAP Fault (Sender not authorized)")
    }

    func testMalformedXMLGivesItsLine() {
        XCTAssertThrowsError(try importXML("<a xmlns=\"http://www.onvif.org/ver10/schema\">\n<b>\n</a>")) { error in
            guard case ImportError.syntax(_, let line, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 3)
        }
    }
}

/// `MaximumRetentionTime` `PT0S` is "no limit set by the device" (ONVIF Recording Control),
/// not zero days: the recorder must not look compliant.
final class ONVIFRetentionTests: XCTestCase {
    private func recordings(_ times: [String]) throws -> ONVIFImporter.Result {
        let items = times.enumerated().map { index, time in
            """
            <trc:RecordingItem><tt:RecordingToken>REC\(index)</tt:RecordingToken><tt:Configuration><tt:Content>cam</tt:Content>\
            <tt:MaximumRetentionTime>\(time)</tt:MaximumRetentionTime></tt:Configuration><tt:Tracks><tt:Track><tt:TrackToken>V</tt:TrackToken>\
            <tt:Configuration><tt:TrackType>Video</tt:TrackType></tt:Configuration></tt:Track></tt:Tracks></trc:RecordingItem>
            """
        }.joined()
        let xml = """
        <?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="http://www.onvif.org/ver10/schema" \
        xmlns:trc="http://www.onvif.org/ver10/recording/wsdl"><s:Body><trc:GetRecordingsResponse>\(items)</trc:GetRecordingsResponse></s:Body></s:Envelope>
        """
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("GetRecordingsResponse.xml")
        try Data(xml.utf8).write(to: file)
        return try ONVIFImporter.importFiles([file.path])
    }

    func testZeroMaximumRetentionIsNoLimit() throws {
        let result = try recordings(["PT0S"])
        XCTAssertEqual(result.facts.recordingsWithoutLimit, 1)
        XCTAssertEqual(result.draft.retention.map(\.duration), [.indefinite])
        XCTAssertTrue(result.draft.retention[0].note.contains("no retention limit"), result.draft.retention[0].note)
        XCTAssertTrue(result.draft.warnings.contains { $0.contains("PT0S means no retention limit") })
        let yaml = DraftWriter.yaml(result.draft)
        XCTAssertTrue(yaml.contains("duration: \"indefinite\""), yaml)
        XCTAssertFalse(yaml.contains("duration: \"0\""), yaml)
    }

    func testOneUnlimitedRecordingMakesTheDeviceUnlimited() throws {
        let result = try recordings(["PT72H", "PT0S"])
        XCTAssertEqual(result.facts.maximumRetentionSeconds, 72 * 3600)
        XCTAssertEqual(result.draft.retention.map(\.duration), [.indefinite])
    }

    func testAFiniteLimitIsKept() throws {
        let result = try recordings(["P7D"])
        XCTAssertEqual(result.draft.retention.map(\.duration), [.seconds(7 * 86_400)])
    }
}
