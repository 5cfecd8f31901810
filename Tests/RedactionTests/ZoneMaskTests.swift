import DeploymentModel
import XCTest
@testable import Redaction

final class ZoneMaskTests: XCTestCase {
    func testASquareCoversExactlyItsPixels() {
        let mask = ZoneMask(polygons: [[Point(x: 0.25, y: 0.25), Point(x: 0.75, y: 0.25), Point(x: 0.75, y: 0.75), Point(x: 0.25, y: 0.75)]],
                            width: 8, height: 8)
        XCTAssertEqual(mask.zones.map(\.bounds), [PixelRect(x: 2, y: 2, width: 4, height: 4)])
        XCTAssertEqual(mask.pixelCount, 16)
    }

    func testATriangleCoversAboutHalfItsBox() {
        let mask = ZoneMask(polygons: [[Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 0, y: 1)]], width: 100, height: 100)
        XCTAssertEqual(Double(mask.pixelCount), 5_000, accuracy: 100)
    }

    func testDegeneratePolygonsAreIgnored() {
        XCTAssertTrue(ZoneMask(polygons: [[Point(x: 0, y: 0), Point(x: 1, y: 1)]], width: 10, height: 10).isEmpty)
    }

    func testTrackSelectorsParse() {
        XCTAssertEqual(TrackSelector(parsing: "12.5@340,210"), .at(time: 12.5, x: 340, y: 210))
        XCTAssertEqual(TrackSelector(parsing: "a91f"), .id("a91f"))
        XCTAssertNil(TrackSelector(parsing: "12.5@340"))
        XCTAssertNil(TrackSelector(parsing: "not a track"))
    }
}
