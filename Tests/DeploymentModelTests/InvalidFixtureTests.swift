import DeploymentModel
import Foundation
import XCTest

/// Every malformed file of Tests/Fixtures/invalid gives exactly these diagnostics, in this
/// order, with these positions: what a DPO sees from `silhouette validate`.
final class InvalidFixtureTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/invalid")

    static let expected: [String: [String]] = [
        "alias-bomb.yaml": [
            "alias-bomb.yaml:2:32: the document expands to more than 2000000 YAML nodes (hint: this is usually an alias bomb (anchors referring to anchors); write the values out)",
        ],
        "bad-api-version.yaml": [
            "bad-api-version.yaml:1:13: invalid value 'silhouette/v3' for apiVersion (hint: did you mean 'silhouette/v1'? allowed: silhouette/v1, silhouette/v2)",
        ],
        "bad-date.yaml": [
            "bad-date.yaml:34:76: invalid date '2025-02-30' for waivers[0].expires (hint: write dates as YYYY-MM-DD, e.g. 2025-03-31)",
        ],
        "bad-duration-iso.yaml": [
            "bad-duration-iso.yaml:32:34: invalid duration 'P1X' for retention[1].duration (hint: use 30d, 72h, 2w, 6mo, 1y, ISO 8601 (P30D, PT72H), 0 (not stored) or indefinite)",
        ],
        "bad-duration.yaml": [
            "bad-duration.yaml:32:34: invalid duration '3 months' for retention[1].duration (hint: use 30d, 72h, 2w, 6mo, 1y, ISO 8601 (P30D, PT72H), 0 (not stored) or indefinite)",
        ],
        "bad-enum-legal-basis.yaml": [
            "bad-enum-legal-basis.yaml:15:18: invalid value 'legitimate-interest' for purposes[0].legal_basis (hint: did you mean 'legitimate-interests'? allowed: consent, contract, legal-obligation, vital-interests, public-task, legitimate-interests, express-consent, implied-consent, law-enforcement-task, serious-legitimate-reason, none)",
        ],
        "bad-enum-no-suggestion.yaml": [
            "bad-enum-no-suggestion.yaml:26:11: invalid value 'somewhere' for cameras[0].zone (hint: allowed: public-road, public-building, public-space, shop-floor, entrance, parking, workplace, construction-site, closed-site, private-home, transport, other, classroom, playground, rest-area, toilets, changing-room, staff-representative-premises, place-of-worship, care-area)",
        ],
        "bad-enum-sector.yaml": [
            "bad-enum-sector.yaml:6:11: invalid value 'retial' for deployment.sector (hint: did you mean 'retail'? allowed: public-authority, retail, transport, construction, workplace, healthcare, education, hospitality, residential, events, other)",
        ],
        "bad-waiver-rule.yaml": [
            "bad-waiver-rule.yaml:34:12: invalid rule id 'storage rule 1' in waivers[0].rule (hint: rule ids are upper-case words joined by '-', e.g. GDPR-STORAGE-001)",
        ],
        "binary.yaml": [
            "binary.yaml:1:1: binary.yaml is not a text file: it contains bytes that are not UTF-8 (hint: deployment models are UTF-8 YAML text)",
        ],
        "comments-only.yaml": [
            "comments-only.yaml:1:1: comments-only.yaml is empty (hint: start from a template: silhouette init --template city)",
        ],
        "csv-missing.yaml": [
            "csv-missing.yaml:23:15: cannot read cameras file 'inventory/cameras.csv' (hint: cameras_file is relative to the deployment file)",
        ],
        "dangling-camera-purpose.yaml": [
            "dangling-camera-purpose.yaml:27:16: cameras[0].purposes[0] refers to unknown purpose 'countng' (hint: did you mean 'counting'? known purposes: counting)",
        ],
        "dangling-flow-endpoint.yaml": [
            "dangling-flow-endpoint.yaml:34:23: data_flows[0].to refers to unknown endpoint 'vms' (hint: flow endpoints are camera, system or recipient ids; known: cam-1, edge)",
        ],
        "dangling-purpose-feature.yaml": [
            "dangling-purpose-feature.yaml:17:28: purposes[0].features[1] refers to unknown feature 'heatmap' (hint: known features: door-count)",
        ],
        "dangling-retention-where.yaml": [
            "dangling-retention-where.yaml:32:63: retention[1].where refers to unknown system 'cloud' (hint: write a system id or none; systems: edge)",
        ],
        "dangling-system-operator.yaml": [
            "dangling-system-operator.yaml:29:48: systems[0].operated_by refers to unknown operator 'acme' (hint: write controller, or a processor's id or name; known: controller)",
        ],
        "duplicate-camera-id.yaml": [
            "duplicate-camera-id.yaml:28:9: duplicate id 'cam-1' in cameras (hint: ids must be unique; 'cam-1' is first defined at duplicate-camera-id.yaml:24:9)",
        ],
        "duplicate-id-across-sections.yaml": [
            "duplicate-id-across-sections.yaml:29:10: id 'cam-1' names both a camera and a system (hint: data flows refer to cameras, systems and recipients by id, so these ids must differ)",
            "duplicate-id-across-sections.yaml:32:63: retention[1].where refers to unknown system 'edge' (hint: write a system id or none; systems: cam-1)",
            "duplicate-id-across-sections.yaml:34:23: data_flows[0].to refers to unknown endpoint 'edge' (hint: flow endpoints are camera, system or recipient ids; known: cam-1)",
        ],
        "duplicate-key-flow.yaml": [
            "duplicate-key-flow.yaml:29:60: duplicate key 'kind' (hint: each key may appear once in a mapping; it is first written at line 29, column 16)",
        ],
        "duplicate-key.yaml": [
            "duplicate-key.yaml:27:5: duplicate key 'site' (hint: each key may appear once in a mapping; it is first written at line 25, column 5)",
        ],
        "empty-list-item.yaml": [
            "empty-list-item.yaml:31:4: retention[0] is empty (hint: remove the empty '-' entry)",
        ],
        "empty-required-text.yaml": [
            "empty-required-text.yaml:16:16: purposes[0].necessity must not be empty (hint: Why cameras are needed and which less intrusive means were considered.)",
        ],
        "empty.yaml": [
            "empty.yaml:1:1: empty.yaml is empty (hint: start from a template: silhouette init --template city)",
        ],
        "missing-required-key.yaml": [
            "missing-required-key.yaml:24:5: missing required key 'zone' in cameras[0] (Camera) (hint: Kind of place filmed.)",
        ],
        "multiple-errors.yaml": [
            "multiple-errors.yaml:6:11: invalid value 'shop' for deployment.sector (hint: allowed: public-authority, retail, transport, construction, workplace, healthcare, education, hospitality, residential, events, other)",
            "multiple-errors.yaml:20:5: unknown key 'knd' in features[0] (Feature) (hint: did you mean 'kind'?)",
            "multiple-errors.yaml:27:12: cameras[0].audio must be true or false, not 'maybe' (hint: write true or false (yes/no/on/off are not accepted))",
            "multiple-errors.yaml:33:34: invalid duration 'forever-and-ever' for retention[1].duration (hint: use 30d, 72h, 2w, 6mo, 1y, ISO 8601 (P30D, PT72H), 0 (not stored) or indefinite)",
            "multiple-errors.yaml:35:12: data_flows[0].from refers to unknown endpoint 'cam-2' (hint: flow endpoints are camera, system or recipient ids; did you mean 'cam-1'? known: cam-1, edge)",
        ],
        "not-utf8.yaml": [
            "not-utf8.yaml:9:14: not-utf8.yaml is not a text file: it contains bytes that are not UTF-8 (hint: deployment models are UTF-8 YAML text)",
        ],
        "null-required-value.yaml": [
            "null-required-value.yaml:25:10: missing value for required key 'site' in cameras[0] (Camera) (hint: Site or street.)",
        ],
        "point-out-of-range.yaml": [
            "point-out-of-range.yaml:30:54: cameras[0].analytics.lines[0].to.x must be between 0 and 1, not 1.5 (hint: points are in normalised image coordinates: 0 is the left/top edge, 1 the right/bottom)",
        ],
        "risk-level-out-of-range.yaml": [
            "risk-level-out-of-range.yaml:34:39: risks[0].severity must be between 1 and 4, not 7 (hint: 1 negligible, 2 limited, 3 significant, 4 maximum (CNIL scale))",
        ],
        "root-is-a-list.yaml": [
            "root-is-a-list.yaml:1:1: the document must be a mapping (DeploymentDocument), not a list",
        ],
        "syntax-bad-indentation.yaml": [
            "syntax-bad-indentation.yaml:15:4: YAML syntax error: did not find expected '-' indicator (hint: while parsing a block collection at line 13, column 3)",
        ],
        "syntax-mapping-in-scalar.yaml": [
            "syntax-mapping-in-scalar.yaml:14:32: YAML syntax error: mapping values are not allowed in this context",
        ],
        "syntax-unclosed-flow.yaml": [
            "syntax-unclosed-flow.yaml:18:9: YAML syntax error: did not find expected ',' or ']' (hint: while parsing a flow sequence at line 17, column 15)",
        ],
        "tab-indentation.yaml": [
            "tab-indentation.yaml:25:1: tab character in indentation (hint: YAML indents with spaces only; replace the tab with spaces)",
        ],
        "unknown-key-no-suggestion.yaml": [
            "unknown-key-no-suggestion.yaml:27:5: unknown key 'colour' in cameras[0] (Camera) (hint: allowed keys: id, site, zone, location, purposes, audio, resolution, ptz, overlooks_private_space, films_workstations, privacy_masks, signage, analytics, hidden)",
        ],
        "unknown-key-top-level.yaml": [
            "unknown-key-top-level.yaml:33:1: unknown key 'dataflows' in the document (hint: did you mean 'data_flows'?)",
        ],
        "unknown-key-typo.yaml": [
            "unknown-key-typo.yaml:27:5: unknown key 'purpose' in cameras[0] (Camera) (hint: did you mean 'purposes'?)",
        ],
        "wrong-type-bool.yaml": [
            "wrong-type-bool.yaml:7:24: deployment.publicly_accessible must be true or false, not 'yes' (hint: write true or false (yes/no/on/off are not accepted))",
        ],
        "wrong-type-integer.yaml": [
            "wrong-type-integer.yaml:8:29: deployment.estimated_daily_subjects must be an integer, not 'lots'",
        ],
        "wrong-type-list.yaml": [
            "wrong-type-list.yaml:27:15: cameras[0].purposes must be a list, not 'counting' (hint: write a list: [counting] or one '- item' per line)",
        ],
        "wrong-type-mapping.yaml": [
            "wrong-type-mapping.yaml:8:15: deployment.controller must be a mapping (Controller), not 'Shop SA'",
        ],
        "wrong-type-scalar-for-list-of-objects.yaml": [
            "wrong-type-scalar-for-list-of-objects.yaml:23:10: cameras must be a list, not 'cam-1' (hint: write a list: [cam-1] or one '- item' per line)",
            "wrong-type-scalar-for-list-of-objects.yaml:30:12: data_flows[0].from refers to unknown endpoint 'cam-1' (hint: flow endpoints are camera, system or recipient ids; known: edge)",
        ],
        "csv-bad-header/deployment.yaml": [
            "csv-bad-header/cameras.csv:1:14: unknown key 'purpose' in cameras[0] (Camera) (hint: did you mean 'purposes'?)",
        ],
        "csv-bad/deployment.yaml": [
            "csv-bad/cameras.csv:3:12: invalid value 'parkng' for cameras[1].zone (hint: did you mean 'parking'? allowed: public-road, public-building, public-space, shop-floor, entrance, parking, workplace, construction-site, closed-site, private-home, transport, other, classroom, playground, rest-area, toilets, changing-room, staff-representative-premises, place-of-worship, care-area)",
            "csv-bad/cameras.csv:3:28: cameras[1].purposes[1] refers to unknown purpose 'countin' (hint: did you mean 'counting'? known purposes: counting)",
            "csv-bad/cameras.csv:4:1: row has 5 cells but the header has 6 (hint: quote cells that contain commas: \"a, b\")",
        ],
    ]

    func testEveryFixtureReportsItsExactDiagnostics() throws {
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: Self.fixtures.path)
            .filter { $0.hasSuffix(".yaml") && (!$0.contains("/") || $0.hasSuffix("/deployment.yaml")) }
        XCTAssertEqual(Set(onDisk), Set(Self.expected.keys), "every fixture has an expectation and vice versa")
        XCTAssertGreaterThanOrEqual(onDisk.count, 25)
        for (name, lines) in Self.expected.sorted(by: { $0.key < $1.key }) {
            let got = Self.diagnostics(for: name)
            XCTAssertEqual(got, lines, name)
        }
    }

    /// Diagnostics of a fixture, with paths relative to the fixture directory.
    static func diagnostics(for name: String) -> [String] {
        let prefix = fixtures.path + "/"
        do {
            _ = try DeploymentLoader.load(path: prefix + name)
            return []
        } catch {
            return error.diagnostics.map { diagnostic in
                let position = diagnostic.position.map { "\($0): " } ?? ""
                let hint = diagnostic.hint.map { " (hint: \($0))" } ?? ""
                return (position + diagnostic.message + hint).replacingOccurrences(of: prefix, with: "")
            }
        }
    }

    func testFiftyMegabyteFileIsRefusedBeforeParsing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("silhouette-big-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("huge.yaml")
        let line = Data("# padding padding padding padding padding padding padding padding padding padding\n".utf8)
        var chunk = Data()
        for _ in 0..<12_800 { chunk.append(line) }              // ≈ 1 MiB
        XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        for _ in 0..<Int((50.0 * 1_048_576 / Double(chunk.count)).rounded(.up)) { handle.write(chunk) }
        try handle.close()
        XCTAssertThrowsError(try DeploymentLoader.load(path: file.path)) { error in
            let diagnostics = (error as? ModelError)?.diagnostics ?? []
            XCTAssertEqual(diagnostics.count, 1)
            XCTAssertEqual(diagnostics.first?.message, "\(file.path) is 50.0 MB; deployment files are limited to 10 MB")
            XCTAssertNil(diagnostics.first?.position)
        }
    }

    func testMissingFileAndDirectoryAreUnreadable() {
        XCTAssertThrowsError(try DeploymentLoader.load(path: "/nonexistent/deployment.yaml")) { error in
            XCTAssertEqual("\(error)", "cannot read '/nonexistent/deployment.yaml': no such file")
        }
        XCTAssertThrowsError(try DeploymentLoader.load(path: Self.fixtures.path)) { error in
            XCTAssertEqual("\(error)".replacingOccurrences(of: Self.fixtures.path, with: "DIR"), "cannot read 'DIR': it is a directory")
        }
    }
}
