import DeploymentModel
import Foundation
import XCTest

final class SourceMapAndCSVTests: XCTestCase {
    func testSourceMapFallsBackToNearestAncestor() throws {
        let loaded = try DeploymentLoader.load(yaml: LoaderBasicsTests.minimal, file: "m.yaml", baseDirectory: ".")
        let map = loaded.sourceMap
        XCTAssertEqual(map.position(of: "deployment.controller.contact")?.description, "m.yaml:6:53")
        XCTAssertEqual(map.position(of: "deployment.controller.dpo")?.description, "m.yaml:6:15", "absent → the controller")
        XCTAssertEqual(map.position(of: "purposes[0].features[0]")?.description, "m.yaml:12:16")
        XCTAssertEqual(map.position(of: "cameras[7]")?.description, "m.yaml:16:3", "no such camera → the list")
        XCTAssertEqual(map.position(of: "nothing.here")?.description, "m.yaml:1:1", "the document itself")
    }

    func testCamerasFromCSVKeepCSVPositions() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("silhouette-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = #"""
        id,site,zone,location,purposes,privacy_masks,signage.first_layer,signage.second_layer_url
        cam-a,shop,entrance,"door, north",counting,window;neighbour,true,https://shop.example/cctv
        cam-b,shop,shop-floor,"aisle ""3""",counting,,false,

        """#
        try csv.write(to: directory.appendingPathComponent("cams.csv"), atomically: true, encoding: .utf8)
        let yaml = LoaderBasicsTests.minimal.replacingOccurrences(
            of: "cameras:\n  - {id: cam-1, site: shop, zone: entrance, purposes: [counting], privacy_masks: [door-window]}",
            with: "cameras:\n  - {id: cam-1, site: shop, zone: entrance, purposes: [counting]}\ncameras_file: cams.csv")
        let loaded = try DeploymentLoader.load(yaml: yaml, file: "m.yaml", baseDirectory: directory.path)
        let cameras = loaded.document.cameras
        XCTAssertEqual(cameras.map(\.id), ["cam-1", "cam-a", "cam-b"])
        XCTAssertEqual(cameras[1].location, "door, north")
        XCTAssertEqual(cameras[2].location, "aisle \"3\"")
        XCTAssertEqual(cameras[1].privacyMasks.map(\.id), ["window", "neighbour"])
        XCTAssertEqual(cameras[1].signage.secondLayerUrl, "https://shop.example/cctv")
        XCTAssertTrue(cameras[1].signage.firstLayer)
        XCTAssertEqual(cameras[2].privacyMasks, [])
        let csvPath = directory.appendingPathComponent("cams.csv").path
        XCTAssertEqual(loaded.sourceMap.position(of: "cameras[1]")?.description, "\(csvPath):2:1")
        XCTAssertEqual(loaded.sourceMap.position(of: "cameras[1].privacy_masks[1]")?.description, "\(csvPath):2:51")
        XCTAssertEqual(loaded.sourceMap.position(of: "cameras[2].zone")?.description, "\(csvPath):3:12")
    }
}
