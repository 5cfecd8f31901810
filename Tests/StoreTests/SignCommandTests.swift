import Foundation
import Store
import XCTest

final class SignCommandTests: XCTestCase {
    func testSignRecordsAgainstTheModelHashInTheDefaultStoreBesideTheFile() throws {
        let dir = try StoreTestSupport.tempDirectory()
        let file = dir.appendingPathComponent("deployment.yaml")
        let yaml = "apiVersion: silhouette/v1\ndeployment:\n  id: mall-north\n  name: Mall\n"
        try Data(yaml.utf8).write(to: file)
        let hash = "sha256:" + StoreHashing.sha256Hex(Data(yaml.utf8))
        let out = try StoreTestSupport.run(["sign", file.path, "--role", "dpo", "--name", "C. Durand", "--opinion", "Favourable"],
                                           environment: ["SILHOUETTE_ACTOR": "cdurand"])
        XCTAssertEqual(out.code, 0, out.stderr)
        XCTAssertEqual(out.stdout, "S-1 dpo sign-off of mall-north at model \(hash)\n")
        let storePath = dir.appendingPathComponent(".silhouette/store.sqlite").path
        let store = try SilhouetteStore.open(at: storePath, access: .readOnly)
        let signOff = try XCTUnwrap(try store.latestSignOffs(deploymentId: "mall-north")[.dpo])
        XCTAssertEqual(signOff.modelHash, hash)
        XCTAssertEqual(signOff.name, "C. Durand")
        XCTAssertEqual(try store.auditEntries().map(\.actor), ["cdurand"])

        let bad = try StoreTestSupport.run(["sign", file.path, "--role", "mayor", "--name", "X", "--opinion", "Y"])
        XCTAssertEqual(bad.code, 2)
        XCTAssertTrue(bad.stderr.contains("mayor"), bad.stderr)
    }
}
