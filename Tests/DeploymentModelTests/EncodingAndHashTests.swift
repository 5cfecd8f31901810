import DeploymentModel
import Foundation
import XCTest

final class EncodingAndHashTests: XCTestCase {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

    func testYAMLRoundTripKeepsDocumentAndHash() throws {
        for name in ["massy-city", "mall-visitor-analytics", "construction-timelapse", "noncompliant-store"] {
            let loaded = try DeploymentLoader.load(path: Self.examples.appendingPathComponent("\(name)/deployment.yaml").path)
            XCTAssertEqual(loaded.modelHash, LoadedDeployment.hash(of: loaded.document), "hash from the loader's value = hash of the document")
            let fromJSON = try ModelEncoding.document(fromCanonicalJSON: ModelEncoding.canonicalJSON(loaded.document))
            XCTAssertEqual(fromJSON, loaded.document, "canonical JSON reads back, CSV cameras included once")
            var document = loaded.document
            document.camerasFile = nil        // the YAML carries the cameras themselves
            let yaml = ModelEncoding.yaml(document)
            let again = try DeploymentLoader.load(yaml: yaml, file: "\(name).yaml", baseDirectory: "/nonexistent")
            XCTAssertEqual(again.document, document, name)
            XCTAssertEqual(again.modelHash, LoadedDeployment.hash(of: document), name)
        }
    }

    func testExplicitDefaultsHashLikeOmittedOnes() throws {
        let omitted = try DeploymentLoader.load(yaml: LoaderBasicsTests.minimal, file: "a.yaml", baseDirectory: ".")
        let explicit = try DeploymentLoader.load(
            yaml: LoaderBasicsTests.minimal.replacingOccurrences(of: "privacy_masks: [door-window]}",
                                                               with: "privacy_masks: [{id: door-window}], audio: false, ptz: false}"),
            file: "b.yaml", baseDirectory: ".")
        XCTAssertEqual(omitted.modelHash, explicit.modelHash)
        let changed = try DeploymentLoader.load(
            yaml: LoaderBasicsTests.minimal.replacingOccurrences(of: "duration: 1y", with: "duration: 2y"),
            file: "c.yaml", baseDirectory: ".")
        XCTAssertNotEqual(omitted.modelHash, changed.modelHash)
    }

    func testCanonicalJSONIsSortedCompactAndUsesYAMLKeys() throws {
        let loaded = try DeploymentLoader.load(yaml: LoaderBasicsTests.minimal, file: "a.yaml", baseDirectory: ".")
        let json = String(decoding: ModelEncoding.canonicalJSON(loaded.document), as: UTF8.self)
        XCTAssertTrue(json.hasPrefix(#"{"apiVersion":"silhouette/v1","authorisations":[],"cameras":[{"analytics""#) == false)
        XCTAssertTrue(json.hasPrefix(#"{"apiVersion":"silhouette/v1","authorisations":[],"cameras":[{"audio":false,"films_workstations":false,"id":"cam-1""#), json)
        XCTAssertTrue(json.contains(#"{"anonymised":true,"data":"statistics","duration":"1y"}"#), json)
        XCTAssertFalse(json.contains("\n") || json.contains("\": ") || json.contains(", \""), "no insignificant whitespace")
        XCTAssertTrue(json.contains(#""justifications":{}"#))
        let object = try JSONSerialization.jsonObject(with: ModelEncoding.canonicalJSON(loaded.document)) as? [String: Any]
        XCTAssertEqual((object?["deployment"] as? [String: Any])?["publicly_accessible"] as? Bool, false)
    }

    func testDurationsInEveryWrittenForm() throws {
        let forms: [(String, RetentionDuration)] = [("30d", .seconds(2_592_000)), ("72h", .seconds(259_200)), ("P30D", .seconds(2_592_000)),
                                                    ("PT72H", .seconds(259_200)), ("2w", .seconds(1_209_600)), ("0", .notStored),
                                                    ("none", .notStored), ("indefinite", .indefinite), ("3600", .seconds(3600))]
        for (text, expected) in forms {
            let yaml = LoaderBasicsTests.minimal.replacingOccurrences(of: "duration: 1y", with: "duration: \(text)")
            let loaded = try DeploymentLoader.load(yaml: yaml, file: "d.yaml", baseDirectory: ".")
            XCTAssertEqual(loaded.document.retention[1].duration, expected, text)
        }
    }

    func testModelValueIsWhatRulesSee() throws {
        let loaded = try DeploymentLoader.load(yaml: LoaderBasicsTests.minimal, file: "a.yaml", baseDirectory: ".")
        let value = ModelEncoding.value(loaded.document)
        XCTAssertEqual(value["deployment"]?["sector"], .string("retail"))
        XCTAssertEqual(value["retention"]?.listValue?[1]["duration"], .duration(.seconds(31_536_000)))
        XCTAssertEqual(value["cameras"]?.listValue?.first?["signage"]?["first_layer"], .bool(false))
        XCTAssertNil(value["cameras"]?.listValue?.first?["location"], "optional scalars are absent when not written")
        XCTAssertNil(value["engine"])
    }

    func testSchemaGuidedReadOfARuleExample() throws {
        let retention = try XCTUnwrap(ModelSchema.object(named: "RetentionRule"))
        let value = try ModelSchema.read(yaml: "{data: raw-video, duration: 24h}", as: retention, file: "example")
        XCTAssertEqual(value, .object(["data": .string("raw-video"), "duration": .duration(.seconds(86_400)), "anonymised": .bool(false),
                                        "purposes": .list([])]))
        XCTAssertThrowsError(try ModelSchema.read(yaml: "{data: raw-video, duration: soon}", as: retention, file: "rule.yaml")) { error in
            XCTAssertEqual((error as? ModelError)?.diagnostics.first?.position?.description, "rule.yaml:1:29")
        }
    }
}
