import Foundation
import Store
import XCTest

/// The shared store's security on the live server (skipped, printing why, without one), and
/// `store copy` both ways.
final class PostgresSecurityTests: XCTestCase {
    /// `store init-roles` SQL applied; the owner creates the tables; the application role can
    /// append but PostgreSQL itself refuses its UPDATE and DELETE on the audit log.
    func testApplicationRoleCannotUpdateOrDeleteTheAuditLog() throws {
        let server = try PostgresTestServer.require()
        let location = try server.createDatabase()
        let database = PostgresTestServer.database(of: location)
        let suffix = String(database.suffix(6))
        let (owner, app) = ("owner_\(suffix)", "app_\(suffix)")
        let roles = try StoreTestSupport.run(["store", "init-roles", "--database", database, "--owner", owner, "--app", app])
        XCTAssertEqual(roles.status, 0, roles.stderr)
        XCTAssertTrue(roles.stdout.contains("GRANT SELECT, INSERT ON TABLES TO \"\(app)\""), roles.stdout)
        try server.psql(roles.stdout + "ALTER ROLE \(owner) PASSWORD 'ownerpw'; ALTER ROLE \(app) PASSWORD 'apppw';", database: database)

        let ownerURL = server.url(database: database, user: owner)
        let appURL = server.url(database: database, user: app)
        let initialise = try StoreTestSupport.run(["store", "init", "--store", ownerURL], environment: ["PGPASSWORD": "ownerpw"])
        XCTAssertEqual(initialise.status, 0, initialise.stderr)
        XCTAssertTrue(initialise.stdout.hasSuffix("postgres store ready, 0 audit entries\n"), initialise.stdout)

        let submit = try StoreTestSupport.run(["ethics", "submit", "--feature-kind", "face-detection", "--rationale", "r",
                                               "--store", appURL], environment: ["PGPASSWORD": "apppw"])
        XCTAssertEqual(submit.stdout, "ETH-1\n", submit.stderr)

        for statement in ["UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log", "UPDATE ethics_submissions SET rationale = 'x'"] {
            let refused = try server.psql(statement, database: database, user: app, password: "apppw", expectFailure: true)
            XCTAssertNotEqual(refused.status, 0, statement)
            XCTAssertTrue(refused.stderr.contains("permission denied"), "\(statement): \(refused.stderr)")
        }
        // The owner is refused by the trigger (it has to switch it off, which --head catches).
        let ownerUpdate = try server.psql("UPDATE audit_log SET actor = 'mallory'", database: database, user: owner,
                                          password: "ownerpw", expectFailure: true)
        XCTAssertTrue(ownerUpdate.stderr.contains("append-only"), ownerUpdate.stderr)
        XCTAssertEqual(try StoreTestSupport.run(["audit", "verify", "--store", appURL], environment: ["PGPASSWORD": "apppw"]).status, 0)
    }

    func testPasswordInTheURLIsAcceptedWithAWarningAndNeverPrinted() throws {
        let server = try PostgresTestServer.require()
        let location = try server.createDatabase()
        let database = PostgresTestServer.database(of: location)
        let withPassword = server.url(database: database, password: server.password)
        let environment = ["PGPASSWORD": ""]
        let submit = try StoreTestSupport.run(["ethics", "submit", "--feature-kind", "k", "--rationale", "r", "--store", withPassword],
                                              environment: environment)
        XCTAssertEqual(submit.status, 0, submit.stderr)
        XCTAssertTrue(submit.stderr.hasPrefix("warning: a password written in the store URL"), submit.stderr)
        for arguments in [["ethics", "list"], ["audit", "verify"], ["audit", "log"], ["history"], ["ethics", "show", "ETH-9"]] {
            let run = try StoreTestSupport.run(arguments + ["--store", withPassword], environment: environment)
            XCTAssertFalse((run.stdout + run.stderr).contains(server.password), "\(arguments): the password was printed")
        }
        let wrong = "Wr0ngSecret-\(UUID().uuidString.prefix(6))"
        let refused = try StoreTestSupport.run(["ethics", "list", "--store", server.url(database: database, password: wrong)],
                                               environment: environment)
        XCTAssertEqual(refused.status, 2)
        XCTAssertFalse((refused.stdout + refused.stderr).contains(wrong), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("postgres:***@127.0.0.1"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("password authentication failed"), refused.stderr)
    }

    func testTLSVerifyFullWithTheServersCA() throws {
        let server = try PostgresTestServer.require()
        guard let ca = server.ca else { throw XCTSkip("the test server has no certificate") }
        let location = try server.createDatabase()
        let database = PostgresTestServer.database(of: location)
        let verified = server.url(database: database, host: "localhost", query: "sslmode=verify-full&sslrootcert=\(ca)")
        let ok = try StoreTestSupport.run(["store", "init", "--store", verified])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        // The system's CAs did not sign the test server's certificate: verify-full refuses it.
        let unverified = try StoreTestSupport.run(["store", "init", "--store",
                                                   server.url(database: database, host: "localhost", query: "sslmode=verify-full")])
        XCTAssertEqual(unverified.status, 2)
        XCTAssertTrue(unverified.stderr.contains("cannot connect"), unverified.stderr)
        let required = try StoreTestSupport.run(["audit", "verify", "--store",
                                                 server.url(database: database, query: "sslmode=require")])
        XCTAssertEqual(required.status, 0, required.stderr)
    }

    func testCopySQLiteToPostgresAndBack() throws {
        let server = try PostgresTestServer.require()
        let sqlite = try StoreTestSupport.tempDirectory().appendingPathComponent("store.sqlite").path
        let source = try StoreTestSupport.populatedStore(at: sqlite)
        let head = try source.verifyAudit().headHash
        let postgres = try server.createDatabase()
        let there = try StoreTestSupport.run(["store", "copy", sqlite, postgres])
        XCTAssertEqual(there.status, 0, there.stderr)
        XCTAssertEqual(there.stdout, "copied 6 records and 6 audit entries from \(sqlite) to \(postgres); chain verified, head \(head)\n")
        let back = try StoreTestSupport.tempDirectory().appendingPathComponent("back.sqlite").path
        let again = try StoreTestSupport.run(["store", "copy", postgres, back])
        XCTAssertEqual(again.status, 0, again.stderr)
        let copy = try SilhouetteStore.open(at: back, access: .readOnly)
        XCTAssertEqual(try copy.auditEntries(), try source.auditEntries())
        XCTAssertEqual(try copy.activeVetoes().map(\.submission.id), ["ETH-1"])
        // Copying into a store that holds records is refused, and writes nothing.
        let refused = try StoreTestSupport.run(["store", "copy", sqlite, postgres])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("the target store is not empty"), refused.stderr)
    }
}
