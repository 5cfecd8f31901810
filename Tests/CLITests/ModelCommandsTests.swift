import Foundation
import ProcessTestSupport
import XCTest

/// End-to-end: `silhouette validate`, `schema` and `init` through the real binary.
final class ModelCommandsTests: XCTestCase {
    static let root = SilhouetteBinary.root
    static let examples = ["massy-city", "mall-visitor-analytics", "construction-timelapse", "noncompliant-store", "ontario-bookshop"]

    typealias Run = SilhouetteBinary.Run

    @discardableResult
    static func run(_ arguments: [String], stdin: Data? = nil, in directory: URL = root) throws -> Run {
        try SilhouetteBinary.run(arguments, stdin: stdin, in: directory)
    }

    override func setUpWithError() throws {
        try SilhouetteBinary.requireBuilt()
    }

    func testEveryExampleValidates() throws {
        let files = Self.examples.map { "examples/\($0)/deployment.yaml" }
        let result = try Self.run(["validate"] + files)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, """
        examples/massy-city/deployment.yaml: valid — massy-urban: 200 cameras, 7 purposes, 7 features
        examples/mall-visitor-analytics/deployment.yaml: valid — galeries-du-fleuve-footfall: 18 cameras, 2 purposes, 3 features
        examples/construction-timelapse/deployment.yaml: valid — tilleuls-timelapse: 3 cameras, 2 purposes, 3 features
        examples/noncompliant-store/deployment.yaml: valid — epicerie-du-marche: 6 cameras, 2 purposes, 3 features
        examples/ontario-bookshop/deployment.yaml: valid — librairie-du-canal: 2 cameras, 2 purposes, 1 feature

        """)
    }

    func testInvalidFilesExitTwoWithPositionedLines() throws {
        let result = try Self.run(["validate", "Tests/Fixtures/invalid/multiple-errors.yaml", "examples/noncompliant-store/deployment.yaml",
                                   "Tests/Fixtures/invalid/empty.yaml"])
        XCTAssertEqual(result.status, 2)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 9, result.stdout)
        XCTAssertEqual(lines[0], "Tests/Fixtures/invalid/multiple-errors.yaml:6:11: error: invalid value 'shop' for deployment.sector "
            + "(hint: allowed: public-authority, retail, transport, construction, workplace, healthcare, education, hospitality, residential, events, other)")
        XCTAssertEqual(lines[5], "Tests/Fixtures/invalid/multiple-errors.yaml: invalid — 5 errors")
        XCTAssertEqual(lines[6], "examples/noncompliant-store/deployment.yaml: valid — epicerie-du-marche: 6 cameras, 2 purposes, 3 features")
        XCTAssertEqual(lines[7], "Tests/Fixtures/invalid/empty.yaml:1:1: error: Tests/Fixtures/invalid/empty.yaml is empty (hint: start from a template: silhouette init --template city)")
        XCTAssertEqual(result.stderr, "error: 2 of 3 deployment models are invalid\n")
    }

    func testMalformedInputsNeverCrash() throws {
        for name in ["binary.yaml", "alias-bomb.yaml", "tab-indentation.yaml", "duplicate-key.yaml", "not-utf8.yaml", "csv-bad/deployment.yaml"] {
            let result = try Self.run(["validate", "Tests/Fixtures/invalid/\(name)"])
            XCTAssertEqual(result.status, 2, name)
            XCTAssertTrue(result.stdout.hasPrefix("Tests/Fixtures/invalid/"), name + ": " + result.stdout)
            XCTAssertEqual(result.stderr, "error: the deployment model is invalid\n", name)
        }
        let missing = try Self.run(["validate", "no/such/file.yaml"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stdout, "no/such/file.yaml: error: cannot read 'no/such/file.yaml': no such file\nno/such/file.yaml: invalid — 1 error\n")
    }

    func testJSONFormatAndStandardInput() throws {
        let yaml = try Data(contentsOf: Self.root.appendingPathComponent("Tests/Fixtures/invalid/bad-duration.yaml"))
        let result = try Self.run(["validate", "--format", "json", "-"], stdin: yaml)
        XCTAssertEqual(result.status, 2)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["valid"] as? Bool, false)
        let file = try XCTUnwrap((object["files"] as? [[String: Any]])?.first)
        XCTAssertEqual(file["file"] as? String, "<stdin>")
        let diagnostic = try XCTUnwrap((file["diagnostics"] as? [[String: Any]])?.first)
        XCTAssertEqual(diagnostic["message"] as? String, "invalid duration '3 months' for retention[1].duration")
        let position = try XCTUnwrap(diagnostic["position"] as? [String: Any])
        XCTAssertEqual(position["file"] as? String, "<stdin>")
        XCTAssertEqual(position["line"] as? Int, 32)
        XCTAssertEqual(position["column"] as? Int, 34)

        let valid = try Self.run(["validate", "--format", "json", "examples/construction-timelapse/deployment.yaml"])
        XCTAssertEqual(valid.status, 0)
        let validObject = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(valid.stdout.utf8)) as? [String: Any])
        let hash = ((validObject["files"] as? [[String: Any]])?.first?["modelHash"] as? String) ?? ""
        XCTAssertTrue(hash.hasPrefix("sha256:") && hash.count == 71, hash)
    }

    func testInitTemplatesValidateAndNeverOverwrite() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("silhouette-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for template in ["city", "retail", "construction", "workplace"] {
            let file = directory.appendingPathComponent("\(template).yaml").path
            let written = try Self.run(["init", "--template", template, "-o", file])
            XCTAssertEqual(written.status, 0, written.stderr)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            XCTAssertTrue(text.hasPrefix("# silhouette deployment model — template \"\(template)\""))
            XCTAssertEqual(try Self.run(["validate", file]).status, 0, template)
        }
        let city = directory.appendingPathComponent("city.yaml").path
        try "keep me\n".write(toFile: city, atomically: true, encoding: .utf8)
        let refused = try Self.run(["init", "--template", "retail", "-o", city])
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(refused.stderr, "error: \(city) already exists (hint: use --force to overwrite it, or -o another file)\n")
        XCTAssertEqual(try String(contentsOfFile: city, encoding: .utf8), "keep me\n")
        XCTAssertEqual(try Self.run(["init", "--template", "retail", "-o", city, "--force"]).status, 0)
        XCTAssertTrue(try String(contentsOfFile: city, encoding: .utf8).contains("template \"retail\""))
        let contents = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        XCTAssertFalse(contents.contains { $0.hasSuffix(".tmp") }, "no temporary file left behind")
        let unknown = try Self.run(["init", "--template", "airport"])
        XCTAssertEqual(unknown.status, 2)
    }

    /// Every example (and template) is valid against the published JSON Schema, checked by an
    /// independent implementation (Python jsonschema), and a broken file is not.
    func testExamplesValidateAgainstPublishedSchemaWithPythonJSONSchema() throws {
        guard try ProcessRunner.run(tool: "python3", ["-c", "import jsonschema, yaml"]).status == 0 else {
            throw XCTSkip("python3 modules jsonschema and yaml are missing (apt-get install python3-jsonschema python3-yaml)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("silhouette-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = try Self.run(["schema"])
        XCTAssertEqual(schema.status, 0)
        let schemaFile = directory.appendingPathComponent("schema.json")
        try schema.stdout.write(to: schemaFile, atomically: true, encoding: .utf8)
        var files = Self.examples.map { Self.root.appendingPathComponent("examples/\($0)/deployment.yaml").path }
        for template in ["city", "retail", "construction", "workplace"] {
            let file = directory.appendingPathComponent("\(template).yaml").path
            try Self.run(["init", "--template", template, "-o", file])
            files.append(file)
        }
        let broken = Self.root.appendingPathComponent("Tests/Fixtures/invalid/unknown-key-typo.yaml").path
        let script = """
        import json, sys, yaml, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for path in sys.argv[2:]:
            document = json.loads(json.dumps(yaml.safe_load(open(path, encoding="utf-8")), default=str))
            errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
            print(path, "ok" if not errors else "invalid: " + errors[0].message)
        """
        let run = try ProcessRunner.run(tool: "python3", ["-c", script, schemaFile.path] + files + [broken])
        let output = run.stdout
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, files.count + 1, output)
        for (file, line) in zip(files, lines) { XCTAssertEqual(line, "\(file) ok") }
        XCTAssertEqual(lines.last, "\(broken) invalid: Additional properties are not allowed ('purpose' was unexpected)")
    }
}

/// `validate --explain` and `extends:` errors through the binary.
final class ExplainCommandTests: XCTestCase {
    func testExplainAndInheritanceErrors() throws {
        try SilhouetteBinary.requireBuilt()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("explain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("base.yaml").path
        XCTAssertEqual(try SilhouetteBinary.run(["init", "--template", "retail", "-o", base]).status, 0)
        let site = dir.appendingPathComponent("site.yaml")
        try "extends: base.yaml\ndeployment:\n  id: shop-2\n  estimated_daily_subjects: 500\n".write(to: site, atomically: true, encoding: .utf8)

        let one = try SilhouetteBinary.run(["validate", site.path, "--explain", "deployment.estimated_daily_subjects"])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertEqual(one.stdout, "deployment.estimated_daily_subjects\t\(site.path):4:29\n")
        let camera = try SilhouetteBinary.run(["validate", site.path, "--explain", "cameras[door-main].zone"])
        XCTAssertTrue(camera.stdout.hasPrefix("cameras[door-main].zone\t\(base):"), camera.stdout)
        let all = try SilhouetteBinary.run(["validate", site.path, "--explain", "all"])
        XCTAssertTrue(all.stdout.contains("deployment.id\t\(site.path):3:7\n"), all.stdout)
        XCTAssertTrue(all.stdout.contains("deployment.name\t\(base):"), all.stdout)
        let unknown = try SilhouetteBinary.run(["validate", site.path, "--explain", "cameras[nope].zone"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("known ids: door-main"), unknown.stderr)

        try "extends: site.yaml\n".write(toFile: base, atomically: true, encoding: .utf8)
        let cycle = try SilhouetteBinary.run(["validate", site.path])
        XCTAssertEqual(cycle.status, 2)
        XCTAssertTrue(cycle.stdout.contains("\(base):1:10: error: extends: cycle site.yaml → base.yaml → site.yaml"), cycle.stdout)
    }
}
