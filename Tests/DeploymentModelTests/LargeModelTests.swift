import DeploymentModel
import Foundation
import XCTest

/// A city-scale inventory: 10,000 cameras in a CSV, loaded and validated like any model.
final class LargeModelTests: XCTestCase {
    static func writeLargeModel(cameras count: Int, in directory: URL) throws -> URL {
        var csv = "id,site,zone,location,purposes,resolution,ptz,privacy_masks,signage.first_layer,signage.second_layer_url\n"
        let zones = ["public-road", "public-space", "transport", "public-building", "closed-site"]
        let purposes = ["traffic", "traffic;crowd", "crowd", "intrusion", "intrusion;fire"]
        for index in 1...count {
            let kind = index % zones.count
            csv += "cam-\(index),district-\(index % 97),\(zones[kind]),\"street \(index % 311), pole \(index)\",\(purposes[kind]),"
                + "1920x1080,\(index % 7 == 0),\(index % 3 == 0 ? "windows;balconies" : ""),true,https://city.example/cctv\n"
        }
        try csv.write(to: directory.appendingPathComponent("cameras.csv"), atomically: true, encoding: .utf8)
        let yaml = """
        apiVersion: silhouette/v1
        deployment:
          id: metropolis
          name: Metropolis — 10,000 cameras
          jurisdictions: [EU, FR]
          sector: public-authority
          publicly_accessible: true
          controller: {name: Metropolis, country: FR, contact: dpo@metropolis.example}
        purposes:
          - {id: traffic, description: Wrong-way alerts, legal_basis: public-task, necessity: Collisions on slip roads., features: [direction], human_review: true}
          - {id: crowd, description: Crowd density, legal_basis: public-task, necessity: Crush prevention., features: [density], human_review: true}
          - {id: intrusion, description: Closed sites, legal_basis: public-task, necessity: Break-ins., features: [intrusion], human_review: true}
          - {id: fire, description: Fire starts, legal_basis: public-task, necessity: Park fires., features: [fire], human_review: true}
        features:
          - {id: direction, kind: direction, subjects: [vehicle], outputs: [event]}
          - {id: density, kind: density, subjects: [person], outputs: [statistic]}
          - {id: intrusion, kind: intrusion, subjects: [person], outputs: [event]}
          - {id: fire, kind: fire, subjects: [fire, smoke], outputs: [event]}
        cameras_file: cameras.csv
        retention:
          - {data: raw-video, duration: 0}
          - {data: events, duration: 30d}
        """
        let file = directory.appendingPathComponent("deployment.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    func testTenThousandCamerasLoadAndValidate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("silhouette-10k-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try Self.writeLargeModel(cameras: 10_000, in: directory)

        let clock = ContinuousClock()
        var loaded: LoadedDeployment?
        let elapsed = try clock.measure { loaded = try DeploymentLoader.load(path: file.path) }
        let document = try XCTUnwrap(loaded).document
        print("10,000-camera model (CSV) loaded and validated in \(elapsed.formatted(.units(allowed: [.milliseconds], width: .abbreviated)))")

        XCTAssertEqual(document.cameras.count, 10_000)
        XCTAssertEqual(document.cameras[9_999].id, "cam-10000")
        XCTAssertEqual(document.cameras[2].privacyMasks.map(\.id), ["windows", "balconies"])
        XCTAssertEqual(document.cameras[3].purposes, ["intrusion", "fire"])
        let csv = directory.appendingPathComponent("cameras.csv").path
        XCTAssertEqual(loaded?.sourceMap.position(of: "cameras[9999].zone")?.description, "\(csv):10001:22")

        // One bad cell among 10,000 rows is found and placed.
        var text = try String(contentsOfFile: csv, encoding: .utf8)
        text = text.replacingOccurrences(of: "cam-5000,district-53,public-road", with: "cam-5000,district-53,public-raod")
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try DeploymentLoader.load(path: file.path)) { error in
            let diagnostics = (error as? ModelError)?.diagnostics ?? []
            XCTAssertEqual(diagnostics.map(\.description), [
                "\(csv):5001:22: error: invalid value 'public-raod' for cameras[4999].zone (hint: did you mean 'public-road'? allowed: "
                    + CameraZone.allCases.map(\.rawValue).joined(separator: ", ") + ")",
            ])
        }
    }
}
