@testable import Detection
import DeploymentModel
import XCTest

/// The stages on hand-made inputs with known answers.
final class PipelinePartsTests: XCTestCase {
    /// A Y4M stream cut into awkward chunk sizes gives the same frames, with luma expanded
    /// from limited to full range exactly as ffmpeg's gray conversion does.
    func testY4MChunksAreReassembledAndRangeExpanded() throws {
        let w = 5, h = 3
        var stream = Array("YUV4MPEG2 W\(w) H\(h) F25:1 Ip A1:1 C420jpeg\n".utf8)
        let frameBytes = w * h + 2 * 3 * 2
        for f in 0..<3 {
            stream += Array("FRAME\n".utf8)
            stream += (0..<frameBytes).map { UInt8(truncatingIfNeeded: $0 < w * h ? 16 + 50 * f + $0 : 128) }
        }
        for chunk in [1, 2, 7, 4096] {
            let parser = Y4MStreamParser(path: "t.y4m")
            var frames: [[UInt8]] = []
            var times: [Double] = []
            var i = 0
            while i < stream.count {
                let end = min(i + chunk, stream.count)
                _ = try stream[i..<end].withUnsafeBytes { bytes in
                    try parser.push(bytes, batches: { batch in
                        XCTAssertEqual(batch.count, 1)
                        for frame in batch { frames.append(Array(frame.pixels)); times.append(frame.time) }
                        return true
                    })
                }
                i = end
            }
            XCTAssertEqual(frames.count, 3, "chunk \(chunk)")
            XCTAssertEqual(times, [0, 0.04, 0.08])
            XCTAssertEqual(frames[0][0], 0)                          // Y 16 → 0
            XCTAssertEqual(frames[2][0], 116)                        // Y 116 → round(100 * 255 / 219) = 116
            XCTAssertEqual(frames[1][14], Y4MStreamHeader.limitedToFullRange[16 + 50 + 14])
            XCTAssertFalse(parser.hasPartialFrame)
        }
        XCTAssertEqual(Y4MStreamHeader.limitedToFullRange[235], 255)
        XCTAssertEqual(Y4MStreamHeader.limitedToFullRange[240], 255)
        XCTAssertEqual(Y4MStreamHeader.limitedToFullRange[126], 128)   // round(110 * 255 / 219) = round(128.08)
    }

    /// Frames come out in batches, each in a buffer of its own; a flush in the middle of a frame
    /// hands out the complete ones and the half-filled frame ends up whole in the next batch.
    func testY4MParserBatchesAndFlushesMidFrame() throws {
        let w = 4, h = 2
        var stream = Array("YUV4MPEG2 W\(w) H\(h) F10:1 Cmono\n".utf8)
        for f in 0..<5 { stream += Array("FRAME\n".utf8) + (0..<(w * h)).map { UInt8(10 * f + $0) } }
        let frameLength = 6 + w * h
        let headerLength = stream.count - 5 * frameLength
        let parser = Y4MStreamParser(path: "b.y4m", batchSize: 3)
        var batches: [[Int]] = []
        var pixels: [Int: [UInt8]] = [:]
        let collect: ([GrayFrame]) -> Bool = { batch in
            batches.append(batch.map(\.index))
            for frame in batch { pixels[frame.index] = Array(frame.pixels) }
            return true
        }
        // Frames 0 and 1, and half of frame 2's pixels; then a flush, as when the pipe runs dry.
        let cut = headerLength + 2 * frameLength + 6 + w * h / 2
        _ = try stream[0..<cut].withUnsafeBytes { try parser.push($0, batches: collect) }
        XCTAssertTrue(parser.hasPartialFrame)
        XCTAssertTrue(try parser.flush(collect))
        _ = try stream[cut...].withUnsafeBytes { try parser.push($0, batches: collect) }
        XCTAssertTrue(try parser.flush(collect))
        XCTAssertEqual(batches, [[0, 1], [2, 3, 4]])
        for f in 0..<5 { XCTAssertEqual(pixels[f], (0..<(w * h)).map { UInt8(10 * f + $0) }, "frame \(f)") }
        XCTAssertFalse(parser.hasPartialFrame)
        XCTAssertFalse(parser.hasPendingFrames)
    }

    func testY4MErrorsNameTheProblem() {
        let parser = Y4MStreamParser(path: "bad.y4m")
        XCTAssertThrowsError(try Array("YUV4MPEG2 W0 H10 F25:1\n".utf8).withUnsafeBytes { try parser.push($0, batches: { _ in true }) }) {
            XCTAssertEqual("\($0)", "bad.y4m:byte 0: invalid Y4M stream: missing or invalid W/H (YUV4MPEG2 W0 H10 F25:1) (hint: a Y4M file starts with 'YUV4MPEG2 W<w> H<h> F<n>:<d>')")
        }
        let other = Y4MStreamParser(path: "x.y4m")
        XCTAssertThrowsError(try Array("YUV4MPEG2 W2 H2 F25:1 Cmono\nFRAMX\n".utf8).withUnsafeBytes { try other.push($0, batches: { _ in true }) }) {
            XCTAssertEqual("\($0)", "x.y4m:byte 28: invalid Y4M stream: expected 'FRAME' (hint: a Y4M file starts with 'YUV4MPEG2 W<w> H<h> F<n>:<d>')")
        }
    }

    /// Opening removes specks and 1-2 px lines; closing fills 1 px holes; 8-connectivity joins
    /// diagonal neighbours; the area filter counts pixels, not box area.
    func testMorphologyAndComponents() {
        let w = 40, h = 20
        var mask = [UInt8](repeating: 0, count: w * h)
        func fill(_ x: Int, _ y: Int, _ bw: Int, _ bh: Int) { for yy in y..<(y + bh) { for xx in x..<(x + bw) { mask[yy * w + xx] = 255 } } }
        fill(3, 3, 10, 10)        // square with a hole
        mask[7 * w + 7] = 0
        fill(36, 2, 1, 8)         // 1 px line: opened away
        fill(22, 2, 1, 1)         // speck
        fill(24, 10, 4, 4)        // two squares touching only at a corner
        fill(28, 14, 4, 4)
        var scratch = [UInt8](repeating: 0, count: w * h)
        mask.withUnsafeMutableBufferPointer { m in
            scratch.withUnsafeMutableBufferPointer { s in
                Morphology(width: w, height: h).openThenClose(m.baseAddress!, scratch: s.baseAddress!)
            }
        }
        XCTAssertEqual(mask[7 * w + 7], 255, "closing fills the hole")
        XCTAssertEqual(mask[8 * w + 36], 0, "opening removes the thin line")
        XCTAssertEqual(mask[2 * w + 22], 0, "opening removes the speck")
        let boxes = mask.withUnsafeBufferPointer { ConnectedComponents().boxes($0.baseAddress!, width: w, height: h, minArea: 0) }
        XCTAssertEqual(boxes.map(\.description), ["[3,3,10,10]", "[24,10,8,8]"])
        XCTAssertEqual(boxes.map(\.area), [100, 32])
        let big = mask.withUnsafeBufferPointer { ConnectedComponents().boxes($0.baseAddress!, width: w, height: h, minArea: 32) }
        XCTAssertEqual(big.map(\.description), ["[3,3,10,10]"])
    }

    /// Tracks keep their id while boxes overlap, get fresh random ids otherwise, and expire.
    func testTrackerKeepsAndExpiresIds() {
        var parameters = Tracker.Parameters()
        parameters.maxMissedFrames = 2
        let tracker = Tracker(parameters: parameters)
        var ids: Set<String> = []
        for n in 0..<5 {
            let update = tracker.update([BoundingBox(x: 10 + 3 * n, y: 10, width: 10, height: 30)], time: Double(n))
            ids.formUnion(update.seen.map(\.id))
        }
        XCTAssertEqual(ids.count, 1)
        XCTAssertEqual(tracker.tracks.first?.hits, 5)
        XCTAssertEqual(tracker.tracks.first?.objectClass, "person")
        XCTAssertTrue(ids.first!.allSatisfy(\.isHexDigit) && ids.first!.count == 8)
        XCTAssertEqual(tracker.update([], time: 5).ended.count, 0)
        XCTAssertEqual(tracker.update([], time: 6).ended.count, 0)
        XCTAssertEqual(tracker.update([], time: 7).ended.map(\.id), Array(ids))
        let other = Tracker().update([BoundingBox(x: 10, y: 10, width: 10, height: 30)], time: 0)
        XCTAssertNotEqual(other.seen.first?.id, ids.first, "ids are random per run")
    }

    func testEventLinesCarryOnlyContractKeys() {
        let event = DetectionEvent(t: 12.4, camera: "cam-012", type: .lineCrossing, objectClass: "person",
                                   bbox: [1, 2, 3, 4], track: "a91f", zone: "entrance", direction: "in", count: 3)
        XCTAssertEqual(event.jsonLine, #"{"t": 12.4, "camera": "cam-012", "type": "line-crossing", "class": "person", "bbox": [1,2,3,4], "track": "a91f", "zone": "entrance", "direction": "in", "count": 3}"#)
        XCTAssertEqual(DetectionEvent(t: 0.1 + 0.2, type: .density, zone: "a\"b", count: 1.0 / 3).jsonLine,
                       #"{"t": 0.3, "type": "density", "zone": "a\"b", "count": 0.33}"#)
        XCTAssertEqual(boxesJSONLine(frame: 7, boxes: [BoundingBox(x: 1, y: 2, width: 3, height: 4)]), #"{"frame":7,"boxes":[[1,2,3,4]]}"#)
    }
}
