import Foundation
import ProcessTestSupport
import Store
import XCTest

/// The two store backends, for the test suite that runs against both (`BackendSuite`).
/// PostgreSQL comes from `scripts/with-postgres` (which `make test` wraps around the tests);
/// without it those tests skip, printing why.
enum TestBackend: String, CaseIterable {
    case sqlite, postgres

    /// A new, empty store: a file in a temp folder, or a new database on the test server.
    func freshStore() throws -> String {
        switch self {
        case .sqlite:
            return try StoreTestSupport.tempDirectory().appendingPathComponent("store.sqlite").path
        case .postgres:
            let server = try PostgresTestServer.require()
            return try server.createDatabase()
        }
    }
}

/// The server `scripts/with-postgres` started, reached as its superuser.
struct PostgresTestServer {
    let url: String
    let password: String
    let bin: String
    let ca: String?

    static func require() throws -> PostgresTestServer {
        let env = ProcessInfo.processInfo.environment
        guard let url = env["SILHOUETTE_TEST_POSTGRES_URL"], let password = env["SILHOUETTE_TEST_POSTGRES_PASSWORD"],
              let bin = env["SILHOUETTE_TEST_POSTGRES_BIN"] else {
            let reason = env["SILHOUETTE_TEST_POSTGRES_SKIP"] ?? "no test server (run the tests through scripts/with-postgres, as make test does)"
            print("skipped (PostgreSQL): \(reason)")
            throw XCTSkip("PostgreSQL: \(reason)")
        }
        // The library and the binary read the password from the environment, never the URL.
        setenv("PGPASSWORD", password, 1)
        return PostgresTestServer(url: url, password: password, bin: bin, ca: env["SILHOUETTE_TEST_POSTGRES_CA"])
    }

    var port: String { url.components(separatedBy: ":")[2].components(separatedBy: "/")[0] }

    /// `postgres://USER@127.0.0.1:PORT/DB?sslmode=disable`.
    func url(database: String, user: String = "postgres", password: String? = nil, host: String = "127.0.0.1",
             query: String = "sslmode=disable") -> String {
        "postgres://\(user)\(password.map { ":\($0)" } ?? "")@\(host):\(port)/\(database)?\(query)"
    }

    func createDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try psql("CREATE DATABASE \(name)", database: "silhouette_test")
        return url(database: name)
    }

    /// Runs SQL through psql; as the superuser unless `user`/`password` say otherwise.
    @discardableResult
    func psql(_ sql: String, database: String, user: String = "postgres", password: String? = nil,
              expectFailure: Bool = false) throws -> ProcessRunner.Run {
        let run = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/psql"),
                                        ["-h", "127.0.0.1", "-p", port, "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1",
                                         "-X", "-q", "-A", "-t", "-c", sql],
                                        environment: ProcessInfo.processInfo.environment.merging(["PGPASSWORD": password ?? self.password]) { $1 })
        if !expectFailure { XCTAssertEqual(run.status, 0, "psql failed: \(run.stderr)") }
        return run
    }

    static func database(of url: String) -> String {
        String(url.components(separatedBy: "/").last!.prefix { $0 != "?" })
    }
}
