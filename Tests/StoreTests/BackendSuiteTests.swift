import DeploymentModel
import Foundation
@testable import Store
import XCTest

/// ONE suite, run against both backends: each test body takes the store location and runs
/// once on SQLite and once on PostgreSQL (skipped with a printed reason when there is no
/// server). Sizes are small here; `make check-full` sets SILHOUETTE_STRESS=1 for the issue's.
final class BackendSuiteTests: XCTestCase {
    static var stress: Bool { ProcessInfo.processInfo.environment["SILHOUETTE_STRESS"] == "1" }

    private func onBothBackends(_ body: (TestBackend, String) throws -> Void) throws {
        var skipped: [String] = []
        for backend in TestBackend.allCases {
            do {
                let location = try backend.freshStore()
                try body(backend, location)
            } catch let skip as XCTSkip {
                skipped.append("\(backend.rawValue): \(skip.message ?? "skipped")")
            }
        }
        if !skipped.isEmpty { print("BackendSuiteTests.\(name): " + skipped.joined(separator: "; ")) }
    }

    func testHistoryRoundTrip() throws {
        try onBothBackends { backend, location in
            let store = try StoreTestSupport.populatedStore(at: location)
            defer { store.close() }
            let history = try StoreTestSupport.run(["history", "--format", "json", "--store", location])
            XCTAssertEqual(history.status, 0, "\(backend): \(history.stderr)")
            let list = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
            XCTAssertEqual(list.map { $0["id"] as? String }, ["A-1"], "\(backend)")
            XCTAssertEqual(list.first?["assessedAt"] as? String, "2026-09-21T14:13:20.000Z", "\(backend)")
            XCTAssertEqual(try store.assessments(deploymentId: "massy").first?.findingsJSON, Data("[]".utf8))
            XCTAssertEqual(try store.auditEntries().map(\.entity),
                           ["ethics-submission/ETH-1", "ethics-opinion/OP-1", "assessment/A-1", "verification/V-1",
                            "sign-off/S-1", "ethics-submission/ETH-2"], "\(backend)")
            XCTAssertTrue(try store.verifyAudit().isValid, "\(backend)")
        }
    }

    func testVetoOnAFeatureKindBindsAssess() throws {
        try onBothBackends { backend, location in
            let dir = try StoreTestSupport.tempDirectory()
            let model = dir.appendingPathComponent("deployment.yaml").path
            XCTAssertEqual(try StoreTestSupport.run(["init", "--template", "retail", "-o", model]).status, 0)
            let before = try StoreTestSupport.run(["assess", model, "--format", "json", "--store", location, "--no-record"])
            XCTAssertNotEqual(try verdict(before.stdout, "charter_verdict"), "vetoed", "\(backend): \(before.stderr)")
            let submit = try StoreTestSupport.run(["ethics", "submit", "--feature-kind", "line-crossing", "--rationale", "no counting",
                                                   "--store", location])
            XCTAssertEqual(submit.stdout, "ETH-1\n", "\(backend): \(submit.stderr)")
            XCTAssertEqual(try StoreTestSupport.run(["ethics", "opinion", "ETH-1", "--decision", "unfavourable", "--members", "A, B",
                                                     "--rationale", "tracking", "--store", location]).status, 0)
            let after = try StoreTestSupport.run(["assess", model, "--format", "json", "--store", location])
            XCTAssertEqual(after.status, 1, "\(backend): \(after.stderr)")
            // The veto is the charter's verdict, reported apart; the legal verdict (what the
            // store records as the assessment's verdict) comes from law findings only.
            XCTAssertEqual(try verdict(after.stdout, "charter_verdict"), "vetoed", "\(backend)")
            let legal = try XCTUnwrap(try verdict(after.stdout, "legal_verdict"), "\(backend)")
            XCTAssertNotEqual(legal, "vetoed", "\(backend)")
            let store = try SilhouetteStore.open(at: location, access: .readOnly)
            defer { store.close() }
            XCTAssertEqual(try store.assessments().map(\.verdict), [legal], "\(backend): the assessment was recorded")
        }
    }

    func testSignOffGoesStaleWhenTheBaseChanges() throws {
        try onBothBackends { backend, location in
            let dir = try StoreTestSupport.tempDirectory()
            let site = dir.appendingPathComponent("site.yaml").path
            let base = dir.appendingPathComponent("base.yaml").path
            XCTAssertEqual(try StoreTestSupport.run(["init", "--template", "retail", "-o", base]).status, 0)
            try "extends: base.yaml\ndeployment:\n  id: store-7\n  name: Store 7\n".write(toFile: site, atomically: true, encoding: .utf8)
            let sign = try StoreTestSupport.run(["sign", site, "--role", "dpo", "--name", "C. Durand", "--opinion", "ok", "--store", location])
            XCTAssertEqual(sign.status, 0, "\(backend): \(sign.stderr)")
            let store = try SilhouetteStore.open(at: location, access: .readOnly)
            defer { store.close() }
            let signed = try XCTUnwrap(try store.latestSignOffs(deploymentId: "store-7")[.dpo])
            XCTAssertFalse(signed.isStale(currentModelHash: try DeploymentLoader.load(path: site).modelHash), "\(backend)")
            let text = try String(contentsOfFile: base, encoding: .utf8).replacingOccurrences(of: "estimated_daily_subjects: 3000",
                                                                                               with: "estimated_daily_subjects: 4000")
            try text.write(toFile: base, atomically: true, encoding: .utf8)
            XCTAssertTrue(signed.isStale(currentModelHash: try DeploymentLoader.load(path: site).modelHash),
                          "\(backend): a changed base makes the site's sign-off stale")
        }
    }

    func testTamperedRowIsDetected() throws {
        try onBothBackends { backend, location in
            try StoreTestSupport.populatedStore(at: location).close()
            let update = "UPDATE sign_offs SET opinion = 'unfavourable' WHERE id = 'S-1'"
            switch backend {
            case .sqlite: try StoreTestSupport.sql(location, update)
            case .postgres: try PostgresTestServer.require().psql(update, database: PostgresTestServer.database(of: location))
            }
            let out = try StoreTestSupport.run(["audit", "verify", "--store", location])
            XCTAssertEqual(out.status, 1, "\(backend): \(out.stderr)")
            XCTAssertTrue(out.stdout.hasPrefix("audit log TAMPERED: first bad entry #5 (sign-off/S-1): the sign_offs row differs"),
                          "\(backend): \(out.stdout)")
        }
    }

    /// Someone with full write access rewrites a record AND rehashes every entry after it: the
    /// chain verifies on its own, but not against the head exported before.
    func testRewrittenAndRehashedHistoryIsCaughtByTheExportedHead() throws {
        try onBothBackends { backend, location in
            try StoreTestSupport.populatedStore(at: location).close()
            let headFile = try StoreTestSupport.tempDirectory().appendingPathComponent("head.json").path
            let export = try StoreTestSupport.run(["audit", "export-head", headFile, "--store", location])
            XCTAssertEqual(export.status, 0, "\(backend): \(export.stderr)")
            XCTAssertEqual(try StoreTestSupport.run(["audit", "verify", "--head", headFile, "--store", location]).status, 0)

            // Forge: sign-off S-1 now says "unfavourable", its entry and every later one rehashed.
            let store = try SilhouetteStore.open(at: location, access: .readOnly)
            var entries = try store.auditEntries()
            store.close()
            var statements = ["UPDATE sign_offs SET opinion = 'unfavourable' WHERE id = 'S-1'"]
            var previous = entries[3].hash
            for index in 4..<entries.count {
                var entry = entries[index]
                if entry.entity == "sign-off/S-1" { entry.payload = entry.payload.replacingOccurrences(of: "\"favourable\"", with: "\"unfavourable\"") }
                entry.prevHash = previous
                entry.hash = AuditLog.hash(prevHash: previous, content: AuditLog.content(
                    seq: entry.seq, timestamp: entry.timestamp, actor: entry.actor, action: entry.action, entity: entry.entity, payload: entry.payload))
                previous = entry.hash
                entries[index] = entry
                let payload = entry.payload.replacingOccurrences(of: "'", with: "''")
                statements.append("UPDATE audit_log SET payload = '\(payload)', prev_hash = '\(entry.prevHash)', hash = '\(entry.hash)' WHERE seq = \(entry.seq)")
            }
            switch backend {
            case .sqlite: try StoreTestSupport.sql(location, statements.joined(separator: "; "))
            case .postgres:
                // The table owner can switch the append-only trigger off: exactly the rewrite the head file is for.
                try PostgresTestServer.require().psql((["ALTER TABLE audit_log DISABLE TRIGGER USER"] + statements
                                                       + ["ALTER TABLE audit_log ENABLE TRIGGER USER"]).joined(separator: "; "),
                                                      database: PostgresTestServer.database(of: location))
            }
            let plain = try StoreTestSupport.run(["audit", "verify", "--store", location])
            XCTAssertEqual(plain.status, 0, "\(backend): the forgery is self-consistent: \(plain.stdout)")
            let withHead = try StoreTestSupport.run(["audit", "verify", "--head", headFile, "--store", location])
            XCTAssertEqual(withHead.status, 1, "\(backend): \(withHead.stdout) \(withHead.stderr)")
            XCTAssertTrue(withHead.stdout.hasPrefix("audit log TAMPERED: entry #6 no longer has the exported hash"),
                          "\(backend): \(withHead.stdout)")
        }
    }

    /// Writers in separate processes at once: nothing lost, one chain (8 × 200 under SILHOUETTE_STRESS=1).
    func testConcurrentWriterProcesses() throws {
        let (writers, records) = Self.stress ? (8, 200) : (4, 20)
        try onBothBackends { backend, location in
            let processes = try (1...writers).map { w in
                try StoreTestSupport.start(["store", "stress-write", "--count", "\(records)", "--tag", "w\(w)", "--store", location])
            }
            for (i, process) in processes.enumerated() {
                let err = (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                XCTAssertEqual(process.terminationStatus, 0, "\(backend) writer \(i + 1): \(String(decoding: err, as: UTF8.self))")
            }
            let store = try SilhouetteStore.open(at: location, access: .readOnly)
            defer { store.close() }
            let entries = try store.auditEntries()
            XCTAssertEqual(entries.map(\.seq), Array(1...(writers * records)), "\(backend): no entry lost or duplicated")
            for w in 1...writers { XCTAssertEqual(entries.filter { $0.actor == "stress-w\(w)" }.count, records, "\(backend) w\(w)") }
            XCTAssertEqual(Set(try store.ethicsSubmissions().map(\.id)).count, try store.ethicsSubmissions().count)
            let report = try store.verifyAudit()
            XCTAssertTrue(report.isValid, "\(backend): \(report.problems.first?.description ?? "")")
        }
    }

    func testWriterKilledMidTransactionLeavesTheStoreConsistent() throws {
        try onBothBackends { backend, location in
            let writer = try StoreTestSupport.start(["store", "stress-write", "--count", "12", "--tag", "k", "--hold-seconds", "60",
                                                     "--store", location])
            let stdout = (writer.standardOutput as! Pipe).fileHandleForReading
            var seen = ""
            while !seen.contains("holding") {
                let chunk = stdout.availableData
                if chunk.isEmpty { XCTFail("\(backend): writer ended before holding its transaction"); return }
                seen += String(decoding: chunk, as: UTF8.self)
            }
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
            let store = try SilhouetteStore.open(at: location, access: .readOnly)
            XCTAssertEqual(try store.auditEntries().count, 12, "\(backend)")
            XCTAssertFalse(try store.ethicsSubmissions().contains { $0.featureKind == "held-k" }, "\(backend)")
            XCTAssertTrue(try store.verifyAudit().isValid, "\(backend)")
            store.close()
            // The next writer carries on the chain (on PostgreSQL: the killed session's lock is gone).
            let next = try StoreTestSupport.run(["ethics", "submit", "--feature-kind", "after", "--rationale", "r", "--store", location])
            XCTAssertEqual(next.status, 0, "\(backend): \(next.stderr)")
            XCTAssertTrue(try StoreTestSupport.run(["audit", "verify", "--store", location]).stdout.hasPrefix("audit log valid: 13 entries"))
        }
    }

    /// Generated signs (main's `v3-signs`) live in both backends' schemas, carry their
    /// organisation (`v4-organisations`) and are audited like every other record.
    func testSignsRoundTripPerOrganisation() throws {
        try onBothBackends { backend, location in
            let acme = try SilhouetteStore.open(at: location, access: .readWrite(createDirectory: true), organisation: "acme")
            defer { acme.close() }
            let sign = StoredSign(deploymentId: "massy", modelHash: "sha256:m", name: "sign-01-footfall", language: "fr",
                                  cameras: ["cam-1", "cam-2"], contentHash: "sha256:c", contentJSON: Data(#"{"a":1}"#.utf8),
                                  date: Date(timeIntervalSince1970: 1_790_000_000.123))
            let stored = try acme.record(signs: [sign], actor: "test")
            XCTAssertEqual(stored.map(\.id), ["SIGN-1"], "\(backend)")
            XCTAssertEqual(stored.first?.org, "acme", "\(backend)")
            XCTAssertEqual(try acme.signs(deploymentId: "massy"), stored, "\(backend)")
            XCTAssertEqual(try acme.sign(id: "SIGN-1")?.cameras, ["cam-1", "cam-2"], "\(backend)")
            let globex = try SilhouetteStore.open(at: location, access: .readOnly, organisation: "globex")
            defer { globex.close() }
            XCTAssertEqual(try globex.signs(deploymentId: "massy"), [], "\(backend): globex sees acme's sign")
            XCTAssertNil(try globex.sign(id: "SIGN-1"), "\(backend)")
            XCTAssertEqual(try acme.auditEntries().map(\.entity), ["sign/SIGN-1"], "\(backend)")
            XCTAssertTrue(try acme.verifyAudit().isValid, "\(backend)")
        }
    }

    /// Reference frames for redaction (`store background set`, table `camera_backgrounds`,
    /// migration v6 on both backends): recorded with their SHA-256, the latest per camera wins,
    /// scoped to the organisation, audited; an unreadable image records nothing.
    func testRedactionReferenceFramesRoundTripPerOrganisation() throws {
        try onBothBackends { backend, location in
            let dir = try StoreTestSupport.tempDirectory()
            let image = dir.appendingPathComponent("empty.pgm")
            // A 4×2 gray PGM: any image ffmpeg reads will do.
            try (Data("P5\n4 2\n255\n".utf8) + Data([10, 20, 30, 40, 50, 60, 70, 80])).write(to: image)
            let bad = dir.appendingPathComponent("bad.png")
            try Data(repeating: 7, count: 100).write(to: bad)
            let refused = try StoreTestSupport.run(["store", "background", "set", "--camera", "cam-1", bad.path, "--store", location, "--org", "acme"])
            XCTAssertEqual(refused.status, 2, "\(backend): \(refused.stdout)")
            XCTAssertTrue(refused.stderr.hasPrefix("error: store background set \(bad.path): not a readable image"), "\(backend): \(refused.stderr)")
            XCTAssertEqual(refused.stderr.split(separator: "\n").count, 1, "\(backend): one line")
            let missing = try StoreTestSupport.run(["store", "background", "set", "--camera", "cam-1", "/nonexistent.png", "--store", location])
            XCTAssertEqual(missing.status, 2, "\(backend)")
            XCTAssertEqual(missing.stderr, "error: store background set /nonexistent.png: no such file (hint: an image of the empty scene, e.g. a PNG exported from the camera)\n", "\(backend)")
            for _ in 0..<2 {
                let set = try StoreTestSupport.run(["store", "background", "set", "--camera", "cam-1", image.path, "--store", location, "--org", "acme"])
                XCTAssertEqual(set.status, 0, "\(backend): \(set.stderr)")
            }
            let acme = try SilhouetteStore.open(at: location, access: .readOnly, organisation: "acme")
            defer { acme.close() }
            let all = try acme.cameraBackgrounds()
            XCTAssertEqual(all.map(\.id), ["BG-1", "BG-2"], "\(backend): the refused image recorded nothing")
            let current = try XCTUnwrap(try acme.cameraBackground(camera: "cam-1"), "\(backend)")
            XCTAssertEqual(current.id, "BG-2", "\(backend)")
            XCTAssertEqual([current.width, current.height], [4, 2], "\(backend)")
            XCTAssertEqual(current.image, try Data(contentsOf: image), "\(backend)")
            XCTAssertEqual(current.imageSHA256, StoreHashing.sha256Hex(try Data(contentsOf: image)), "\(backend)")
            XCTAssertEqual(current.org, "acme", "\(backend)")
            XCTAssertNil(try acme.cameraBackground(camera: "cam-2"), "\(backend)")
            let globex = try SilhouetteStore.open(at: location, access: .readOnly, organisation: "globex")
            defer { globex.close() }
            XCTAssertNil(try globex.cameraBackground(camera: "cam-1"), "\(backend): globex sees acme's reference frame")
            XCTAssertEqual(try acme.auditEntries().map(\.entity), ["camera-background/BG-1", "camera-background/BG-2"], "\(backend)")
            XCTAssertTrue(try acme.verifyAudit().isValid, "\(backend)")
            let list = try StoreTestSupport.run(["store", "background", "list", "--store", location, "--org", "acme"])
            XCTAssertEqual(list.stdout.split(separator: "\n").filter { $0.hasSuffix("(in use)") }.count, 1, "\(backend): \(list.stdout)")
            XCTAssertTrue(list.stdout.hasPrefix("BG-1  cam-1  4×2  "), "\(backend): \(list.stdout)")
        }
    }

    private func verdict(_ json: String, _ key: String) throws -> String? {
        (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?[key] as? String
    }
}

/// Organisations share one store and one audit chain, but never see each other's records.
final class OrganisationTests: XCTestCase {
    func testOneOrganisationNeverSeesAnothersRecords() throws {
        for backend in TestBackend.allCases {
            let location: String
            do { location = try backend.freshStore() } catch is XCTSkip { continue }
            let dir = try StoreTestSupport.tempDirectory()
            let model = dir.appendingPathComponent("deployment.yaml").path
            XCTAssertEqual(try StoreTestSupport.run(["init", "--template", "retail", "-o", model]).status, 0)
            for (org, kind) in [("acme", "line-crossing"), ("globex", "face-detection")] {
                let submit = try StoreTestSupport.run(["ethics", "submit", "--feature-kind", kind, "--rationale", "secret-\(org)",
                                                       "--store", location, "--org", org])
                XCTAssertEqual(submit.status, 0, "\(backend): \(submit.stderr)")
                let id = submit.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                XCTAssertEqual(try StoreTestSupport.run(["ethics", "opinion", id, "--decision", "unfavourable", "--members", "A",
                                                         "--rationale", "no", "--store", location, "--org", org]).status, 0)
            }
            let acme = try StoreTestSupport.run(["ethics", "list", "--store", location, "--org", "acme"])
            XCTAssertTrue(acme.stdout.contains("line-crossing"), "\(backend): \(acme.stdout)")
            XCTAssertFalse(acme.stdout.contains("face-detection"), "\(backend): acme sees globex's submission")
            let log = try StoreTestSupport.run(["audit", "log", "--format", "json", "--store", location], environment: ["SILHOUETTE_ORG": "acme"])
            XCTAssertFalse(log.stdout.contains("secret-globex"), "\(backend): acme's audit log shows globex's payload")
            // Opinion on another organisation's submission: it does not exist for this one.
            let cross = try StoreTestSupport.run(["ethics", "opinion", "ETH-2", "--decision", "favourable", "--members", "A",
                                                  "--rationale", "x", "--store", location, "--org", "acme"])
            XCTAssertEqual(cross.status, 2, "\(backend): \(cross.stdout)")
            // acme's veto on line-crossing binds acme's deployment, not globex's.
            let acmeAssess = try StoreTestSupport.run(["assess", model, "--format", "json", "--no-record", "--store", location, "--org", "acme"])
            let globexAssess = try StoreTestSupport.run(["assess", model, "--format", "json", "--no-record", "--store", location, "--org", "globex"])
            func verdict(_ json: String) -> String? {
                (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["charter_verdict"] as? String
            }
            XCTAssertEqual(verdict(acmeAssess.stdout), "vetoed", "\(backend): \(acmeAssess.stderr)")
            XCTAssertNotEqual(verdict(globexAssess.stdout), "vetoed", "\(backend)")
            XCTAssertNotNil(verdict(globexAssess.stdout), "\(backend): \(globexAssess.stderr)")
            // The chain is one, and verifies.
            XCTAssertTrue(try StoreTestSupport.run(["audit", "verify", "--store", location]).stdout.hasPrefix("audit log valid: 4 entries"))
        }
    }
}
