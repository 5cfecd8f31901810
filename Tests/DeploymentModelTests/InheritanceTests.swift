import DeploymentModel
import Foundation
import XCTest

/// `extends:`: a site built on a base, merged on the raw trees so each value keeps its file.
final class InheritanceTests: XCTestCase {
    /// Not valid alone: no deployment id or name (every site adds its own).
    static let base = """
    apiVersion: silhouette/v1
    deployment:
      sector: retail
      controller: {name: Brand SA, country: FR, contact: dpo@brand.example}
    purposes:
      - id: counting
        description: Count visitors
        legal_basis: legitimate-interests
        necessity: Staffing the entrance needs hourly counts.
        features: [people-count]
    features:
      - {id: people-count, kind: counting, subjects: [person], outputs: [count]}
    cameras:
      - {id: cam-1, site: shop, zone: entrance, purposes: [counting]}
      - {id: cam-2, site: shop, zone: entrance, purposes: [counting]}
      - {id: cam-3, site: shop, zone: entrance, purposes: [counting]}
    retention:
      - {data: raw-video, duration: 0}
      - {data: statistics, duration: 1y, anonymised: true}
    """

    static let site = """
    extends: brand/base.yaml
    deployment:
      id: store-042
      name: Store 42
    remove: ["cameras[cam-2]"]
    cameras:
      - {id: cam-3, audio: true}
      - {id: cam-9, site: shop, zone: entrance, purposes: [counting]}
    retention:
      - {data: raw-video, duration: 0}
    """

    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("inherit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("brand"), withIntermediateDirectories: true)
        try write("brand/base.yaml", Self.base)
        try write("site.yaml", Self.site)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func testListsMergeByIDMapsByKeyIdlessListsReplacedWhole() throws {
        let loaded = try DeploymentLoader.load(path: path("site.yaml"))
        let doc = loaded.document
        XCTAssertEqual(doc.deployment.id, "store-042")
        XCTAssertEqual(doc.deployment.controller.name, "Brand SA", "map keys the site does not set are inherited")
        XCTAssertEqual(doc.cameras.map(\.id), ["cam-1", "cam-3", "cam-9"], "cam-2 removed, cam-3 merged in place, cam-9 added")
        XCTAssertEqual(doc.cameras.map(\.audio), [false, true, false])
        XCTAssertEqual(doc.cameras[1].zone, .entrance, "keys of cam-3 the site does not set come from the base")
        XCTAssertEqual(doc.retention.count, 1, "a list without ids is replaced whole")
        XCTAssertEqual(doc.features.map(\.id), ["people-count"])
    }

    func testEachValueKeepsThePositionOfItsFile() throws {
        let map = try DeploymentLoader.load(path: path("site.yaml")).sourceMap
        XCTAssertEqual(map.position(of: "cameras[1].audio")?.description, "\(path("site.yaml")):7:24")
        XCTAssertEqual(map.position(of: "cameras[1].zone")?.description, "\(path("brand/base.yaml")):16:35")
        XCTAssertEqual(map.position(of: "deployment.sector")?.description, "\(path("brand/base.yaml")):3:11")
        XCTAssertEqual(map.position(of: "deployment.id")?.description, "\(path("site.yaml")):3:7")
    }

    func testErrorInAnInheritedValuePointsAtTheBase() throws {
        try write("brand/base.yaml", Self.base.replacingOccurrences(of: "sector: retail", with: "sector: retial"))
        XCTAssertThrowsError(try DeploymentLoader.load(path: path("site.yaml"))) { error in
            let diagnostics = (error as! ModelError).diagnostics
            XCTAssertEqual(diagnostics.map { $0.position?.description }, ["\(path("brand/base.yaml")):3:11"])
            XCTAssertTrue(diagnostics[0].message.contains("retial"))
        }
    }

    func testMissingBaseIsAnErrorAtTheExtendsLine() throws {
        try write("site.yaml", Self.site.replacingOccurrences(of: "brand/base.yaml", with: "brand/nope.yaml"))
        XCTAssertThrowsError(try DeploymentLoader.load(path: path("site.yaml"))) { error in
            let diagnostic = (error as! ModelError).diagnostics[0]
            XCTAssertEqual(diagnostic.position?.description, "\(path("site.yaml")):1:10")
            XCTAssertTrue(diagnostic.message.contains("cannot read base model"), diagnostic.message)
        }
    }

    func testCycleIsAnError() throws {
        try write("brand/base.yaml", "extends: ../site.yaml\n" + Self.base)
        XCTAssertThrowsError(try DeploymentLoader.load(path: path("site.yaml"))) { error in
            let diagnostic = (error as! ModelError).diagnostics[0]
            XCTAssertEqual(diagnostic.message, "extends: cycle site.yaml → base.yaml → site.yaml")
            XCTAssertEqual(diagnostic.position?.file, path("brand/base.yaml"))
        }
    }

    func testRemovingAnUnknownIDIsAnError() throws {
        try write("site.yaml", Self.site.replacingOccurrences(of: "remove: [\"cameras[cam-2]\"]", with: "remove: [cam-7]"))
        XCTAssertThrowsError(try DeploymentLoader.load(path: path("site.yaml"))) { error in
            let diagnostic = (error as! ModelError).diagnostics[0]
            XCTAssertEqual(diagnostic.message, "remove: 'cam-7' matches no inherited entry")
            XCTAssertEqual(diagnostic.position?.description, "\(path("site.yaml")):5:10")
        }
    }

    func testChangingTheBaseChangesTheSiteHash() throws {
        let before = try DeploymentLoader.load(path: path("site.yaml")).modelHash
        try write("brand/base.yaml", Self.base.replacingOccurrences(of: "Brand SA", with: "Brand SAS"))
        XCTAssertNotEqual(try DeploymentLoader.load(path: path("site.yaml")).modelHash, before)
    }

    func testSharedBaseCacheReadsTheBaseOnce() throws {
        let cache = ModelBaseCache()
        let first = try DeploymentLoader.load(path: path("site.yaml"), baseCache: cache)
        try write("brand/base.yaml", "this is: [not, read, again")
        let second = try DeploymentLoader.load(path: path("site.yaml"), baseCache: cache)
        XCTAssertEqual(first.modelHash, second.modelHash)
        XCTAssertEqual(cache.basePaths.count, 1)
    }

    func testBaseCamerasFileIsRelativeToTheBase() throws {
        try write("brand/cameras.csv", "id,site,zone,purposes\ncam-50,shop,entrance,counting\n")
        try write("brand/base.yaml", Self.base + "\ncameras_file: cameras.csv\n")
        let doc = try DeploymentLoader.load(path: path("site.yaml")).document
        XCTAssertEqual(doc.cameras.map(\.id), ["cam-1", "cam-3", "cam-9", "cam-50"])
    }

    func testExplainNamesTheFileOfEachValue() throws {
        let loaded = try DeploymentLoader.load(path: path("site.yaml"))
        let audio = try ModelExplain.explain(loaded, path: "cameras[cam-3].audio")
        XCTAssertEqual(audio.map(\.path), ["cameras[cam-3].audio"])
        XCTAssertEqual(audio.first?.position?.file, path("site.yaml"))
        let camera = try ModelExplain.explain(loaded, path: "cameras[cam-3]")
        XCTAssertEqual(Set(camera.compactMap { $0.position?.file }), [path("site.yaml"), path("brand/base.yaml")])
        let all = try ModelExplain.explain(loaded, path: "all")
        XCTAssertTrue(all.contains { $0.path == "deployment.sector" && $0.position?.line == 3 && $0.position?.file == path("brand/base.yaml") })
        XCTAssertNil(try ModelExplain.explain(loaded, path: "cameras[cam-1].ptz").first?.position, "a default is written in no file")
        XCTAssertThrowsError(try ModelExplain.explain(loaded, path: "cameras[cam-2].audio"))
    }
}
