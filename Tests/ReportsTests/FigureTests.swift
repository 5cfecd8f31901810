import Assessment
import DeploymentModel
import XCTest
@testable import Reports

final class FigureTests: XCTestCase {
    func testDataFlowGroupsCamerasBySiteAndMarksTransfersOutsideTheEEA() throws {
        var document = try ReportsTestSupport.fixture("city.yaml").document
        let template = document.cameras[0]
        // 200 more cameras on 40 sites: 24 boxes at most, the smallest sites merged.
        for index in 0..<200 {
            var camera = template
            camera.id = "extra-\(index)"
            camera.site = "site-\(String(format: "%02d", index % 40))"
            document.cameras.append(camera)
        }
        let svg = DataFlowSVG.render(document, language: .en)
        XCTAssertEqual(svg.components(separatedBy: "<g class=\"df-node df-site").count - 1, 24)
        XCTAssertTrue(svg.contains(">18 other sites</text>"), "41 sites: the 18 smallest are merged into one box")
        XCTAssertTrue(svg.contains(">86 cameras</text>"), "17 sites of 5 cameras and ring-road-north with 1")
        XCTAssertTrue(svg.contains("class=\"df-edge df-outside\""), "the US flow is drawn as a transfer")
        XCTAssertTrue(svg.contains("⚠ US (SCC 2021/914 module 3)"))
        XCTAssertTrue(svg.contains("<g class=\"df-node df-system df-outside\"><title>stats-cloud — cloud service · US</title>"))
        XCTAssertEqual(HTMLChecks.parserErrors("<!DOCTYPE html><html><body>\(svg)</body></html>").map(\.description), [])
    }

    /// Long names wrap on several lines (whole words, no cut at a fixed width); a camera site that
    /// no declared flow leaves says so rather than looking like video going nowhere.
    func testDataFlowWrapsLongLabelsAndNamesSitesWithoutFlow() throws {
        let document = try ReportsTestSupport.example("mall-visitor-analytics").document
        let svg = DataFlowSVG.render(document, language: .en)
        XCTAssertTrue(svg.contains("<tspan x=\"1044\" dy=\"0\">centre management</tspan><tspan x=\"1044\" dy=\"15\">(operations, security,</tspan><tspan x=\"1044\" dy=\"15\">marketing)</tspan>"), svg)
        XCTAssertFalse(svg.contains("…"), "nothing is cut")
        XCTAssertTrue(svg.contains("no flow declared: analysed on the"), "entrance-south has cameras but no declared flow")
        XCTAssertTrue(svg.contains(">Systems — step 1</text>") && svg.contains(">Systems — step 2</text>"))
        XCTAssertEqual(HTMLChecks.parserErrors("<!DOCTYPE html><html><body>\(svg)</body></html>").map(\.description), [])
        XCTAssertEqual(SVGWriter.wrapped("operators of the urban supervision centre (CSU)", width: 26, maxLines: 3),
                       ["operators of the urban", "supervision centre (CSU)"])
        XCTAssertEqual(SVGWriter.wrapped("one two three four five six", width: 9, maxLines: 2), ["one two", "three…"])
    }

    func testRiskMapDrawsInherentAndResidualWithAnArrow() {
        let svg = RiskMapSVG.render([
            .init(label: "R1", title: "Illegitimate access", inherent: (4, 3), residual: (2, 1)),
            .init(label: "R2", title: "Unchanged", inherent: (2, 2), residual: (2, 2)),
        ], language: .fr)
        XCTAssertEqual(svg.components(separatedBy: "class=\"rm-marker rm-inherent\"").count - 1, 1)
        XCTAssertEqual(svg.components(separatedBy: "class=\"rm-marker rm-residual\"").count - 1, 1)
        XCTAssertEqual(svg.components(separatedBy: "class=\"rm-marker rm-unchanged\"").count - 1, 1)
        XCTAssertEqual(svg.components(separatedBy: "marker-end=\"url(#rm-arrow)\"").count - 1, 1)
        // R1 inherent: likelihood 3 (third column), severity 4 (top row); slot 0 of the cell.
        XCTAssertTrue(svg.contains("<circle cx=\"358\" cy=\"36\" r=\"11\"/><text x=\"358\" y=\"39.5\" text-anchor=\"middle\">R1</text>"))
        XCTAssertTrue(svg.contains(">Vraisemblance →</text>"))
    }

    func testJSONIsTheViewWithSortedKeys() throws {
        let loaded = try ReportsTestSupport.fixture("city.yaml")
        let sheet = try ProcessingSheetReport.render(loaded.document, modelHash: loaded.modelHash,
                                                     templates: ReportsTestSupport.templates(.en), generatedAt: ReportsTestSupport.fixedDate)[0]
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: sheet.json) as? [String: Any])
        XCTAssertEqual(object["purposeId"] as? String, "wrong-way")
        XCTAssertEqual((object["transfers"] as? [[String: Any]])?.first?["country"] as? String, "US")
        let text = String(decoding: sheet.json, as: UTF8.self)
        XCTAssertLessThan(text.range(of: "\"audio\"")!.lowerBound, text.range(of: "\"cameraCount\"")!.lowerBound)
    }
}
