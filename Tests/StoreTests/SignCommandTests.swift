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
        XCTAssertEqual(out.code, 0, out.stderr)
        XCTAssertEqual(out.stdout, "S-1 dpo sign-off of \(loaded.document.deployment.id) at model \(hash)\n")
        let storePath = dir.appendingPathComponent(".silhouette/store.sqlite").path
        let store = try SilhouetteStore.open(at: storePath, access: .readOnly)
        let signOff = try XCTUnwrap(try store.latestSignOffs(deploymentId: loaded.document.deployment.id)[.dpo])
        XCTAssertEqual(signOff.modelHash, hash)
        XCTAssertEqual(signOff.name, "C. Durand")
        XCTAssertEqual(try store.auditEntries().map(\.actor), ["cdurand"])

        let bad = try StoreTestSupport.run(["sign", file.path, "--role", "mayor", "--name", "X", "--opinion", "Y"])
        XCTAssertEqual(bad.code, 2)
        XCTAssertTrue(bad.stderr.contains("mayor"), bad.stderr)
    }
}
