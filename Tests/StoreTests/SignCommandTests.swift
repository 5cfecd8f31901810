import DeploymentModel
import Foundation
import Store
import XCTest

final class SignCommandTests: XCTestCase {
    func testSignRecordsAgainstTheModelHashInTheDefaultStoreBesideTheFile() throws {
        let dir = try StoreTestSupport.tempDirectory()
        let example = StoreTestSupport.packageRoot.appendingPathComponent("examples/mall-visitor-analytics/deployment.yaml")
        guard FileManager.default.fileExists(atPath: example.path) else { throw XCTSkip("example deployment absent") }
        let file = dir.appendingPathComponent("deployment.yaml")
        try FileManager.default.copyItem(at: example, to: file)
        let loaded = try DeploymentLoader.load(path: file.path)
        let hash = loaded.modelHash
        XCTAssertTrue(hash.hasPrefix("sha256:"))
        let out = try StoreTestSupport.run(["sign", file.path, "--role", "dpo", "--name", "C. Durand", "--opinion", "Favourable"],
                                           environment: ["SILHOUETTE_ACTOR": "cdurand"])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertEqual(out.stdout, "S-1 dpo sign-off of \(loaded.document.deployment.id) at model \(hash)\n")
        let storePath = dir.appendingPathComponent(".silhouette/store.sqlite").path
        let store = try SilhouetteStore.open(at: storePath, access: .readOnly)
        let signOff = try XCTUnwrap(try store.latestSignOffs(deploymentId: loaded.document.deployment.id)[.dpo])
        XCTAssertEqual(signOff.modelHash, hash)
        XCTAssertEqual(signOff.name, "C. Durand")
        XCTAssertEqual(try store.auditEntries().map(\.actor), ["cdurand"])

        let bad = try StoreTestSupport.run(["sign", file.path, "--role", "mayor", "--name", "X", "--opinion", "Y"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("mayor"), bad.stderr)
    }
}

final class ListingCommandTests: XCTestCase {
    func testJSONListingsAndDefaultStoreMessages() throws {
        let dir = try StoreTestSupport.tempDirectory()
        let path = dir.appendingPathComponent("store.sqlite").path
        _ = try StoreTestSupport.populatedStore(at: path)
        let log = try StoreTestSupport.run(["audit", "log", "--format", "json", "--store", path])
        let entries = try JSONDecoder().decode([AuditEntry].self, from: Data(log.stdout.utf8))
        XCTAssertEqual(entries.map(\.entity), ["ethics-submission/ETH-1", "ethics-opinion/OP-1", "assessment/A-1",
                                               "verification/V-1", "sign-off/S-1", "ethics-submission/ETH-2"])
        XCTAssertEqual(entries[1].prevHash, entries[0].hash)
        let history = try StoreTestSupport.run(["history", "--format", "json", "--store", path])
        let list = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(list.first?["verdict"] as? String, "vetoed")
        XCTAssertEqual(list.first?["assessedAt"] as? String, "2026-09-21T14:13:20.000Z")

        // No store recorded in this directory yet: reading says so and creates nothing.
        let empty = try StoreTestSupport.run(["ethics", "list"], in: dir)
        XCTAssertEqual(empty.status, 2)
        XCTAssertEqual(empty.stderr, "error: .silhouette/store.sqlite: no store here yet; hint: record an assessment or decision first, or pass --store PATH\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".silhouette").path))
    }
}
