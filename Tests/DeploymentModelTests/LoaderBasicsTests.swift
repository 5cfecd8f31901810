import DeploymentModel
import XCTest

final class LoaderBasicsTests: XCTestCase {
    static let minimal = """
    apiVersion: silhouette/v1
    deployment:
      id: demo
      name: Demo
      sector: retail
      controller: {name: Shop SA, country: FR, contact: dpo@shop.example}
    purposes:
      - id: counting
        description: Count visitors
        legal_basis: legitimate-interests
        necessity: Staffing the entrance needs hourly counts.
        features: [people-count]
    features:
      - {id: people-count, kind: counting, subjects: [person], outputs: [count]}
    cameras:
      - {id: cam-1, site: shop, zone: entrance, purposes: [counting], privacy_masks: [door-window]}
    retention:
      - {data: raw-video, duration: 0}
      - {data: statistics, duration: 1y, anonymised: true}
    """

    func testMinimalModelLoadsWithDefaults() throws {
        let loaded = try DeploymentLoader.load(yaml: Self.minimal, file: "m.yaml", baseDirectory: ".")
        let doc = loaded.document
        XCTAssertEqual(doc.cameras.first?.privacyMasks.map(\.id), ["door-window"])
        XCTAssertEqual(doc.cameras.first?.audio, false)
        XCTAssertEqual(doc.cameras.first?.signage.firstLayer, false)
        XCTAssertEqual(doc.purposes.first?.automatedDecisions, AutomatedDecisions.none)
        XCTAssertEqual(doc.retention[1].duration, .seconds(31_536_000))
        XCTAssertEqual(doc.rights.accessRedaction, false)
        XCTAssertEqual(loaded.sourceMap.position(of: "cameras[0]")?.description, "m.yaml:16:5")
        XCTAssertEqual(loaded.sourceMap.position(of: "features[0].kind")?.description, "m.yaml:14:30")
        XCTAssertEqual(loaded.sourceMap.position(of: "cameras[0].signage.first_layer")?.description, "m.yaml:16:5")
        XCTAssertEqual(loaded.sourceMap.position(of: "features[people-count]")?.description, "m.yaml:14:5")
        XCTAssertTrue(loaded.modelHash.hasPrefix("sha256:"))
        XCTAssertEqual(loaded.modelHash.count, 7 + 64)
    }

    func testAnchorsAliasesAndMergeKeys() throws {
        let yaml = Self.minimal.replacingOccurrences(
            of: "cameras:\n  - {id: cam-1, site: shop, zone: entrance, purposes: [counting], privacy_masks: [door-window]}",
            with: """
            cameras:
              - &base {id: cam-1, site: shop, zone: entrance, purposes: [counting], audio: true}
              - {<<: *base, id: cam-2, audio: false}
              - <<: *base
                id: cam-3
                signage: {first_layer: true}
            """)
        let cameras = try DeploymentLoader.load(yaml: yaml, file: "m.yaml", baseDirectory: ".").document.cameras
        XCTAssertEqual(cameras.map(\.id), ["cam-1", "cam-2", "cam-3"])
        XCTAssertEqual(cameras.map(\.audio), [true, false, true], "explicit keys win over merged ones")
        XCTAssertEqual(cameras.map(\.zone), [.entrance, .entrance, .entrance])
        XCTAssertEqual(cameras[2].signage.firstLayer, true)
    }

    func testTabsInsideTextAreAcceptedButNotInIndentation() throws {
        let withTabInText = Self.minimal.replacingOccurrences(of: "description: Count visitors", with: "description: \"Count\tvisitors\"")
        XCTAssertEqual(try DeploymentLoader.load(yaml: withTabInText, file: "t.yaml", baseDirectory: ".").document.purposes[0].description,
                       "Count\tvisitors")
        let blockWithTab = Self.minimal.replacingOccurrences(of: "description: Count visitors", with: "description: |\n      Count\tvisitors\n       \tand more")
        XCTAssertEqual(try DeploymentLoader.load(yaml: blockWithTab, file: "t.yaml", baseDirectory: ".").document.purposes[0].description,
                       "Count\tvisitors\n \tand more\n")
    }
}
