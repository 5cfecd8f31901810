@testable import Detection
import Foundation
import XCTest

/// Agreement with OpenCV's MOG2 pipeline on the real clip vtest.avi, against the reference
/// boxes in ../shared/anchors/video/oracle_mog2_vtest.jsonl.
final class VtestAgreementTests: XCTestCase {
    /// Debug builds are slow; the first frames are enough to prove the port is exact (the
    /// release-binary check of all 795 frames is in scripts/bench-detect).
    static let framesChecked = 120

    static func clipPath() -> String? {
        for candidate in ["../shared/clips/vtest.avi", "clips-cache/vtest.avi"] {
            let path = packageRoot + "/" + candidate
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    static func oracleAndClip() throws -> (oracle: [[BoundingBox]], clip: String) {
        let oraclePath = packageRoot + "/../shared/anchors/video/oracle_mog2_vtest.jsonl"
        guard FileManager.default.fileExists(atPath: oraclePath) else {
            throw XCTSkip("../shared/anchors/video/oracle_mog2_vtest.jsonl is absent (shared anchors not on this machine)")
        }
        guard let clip = Self.clipPath() else {
            throw XCTSkip("vtest.avi is absent: neither ../shared/clips/vtest.avi nor clips-cache/vtest.avi (run scripts/fetch-sample-clips)")
        }
        let oracle = try String(contentsOfFile: oraclePath, encoding: .utf8).split(separator: "\n").map { line -> [BoundingBox] in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return (object["boxes"] as! [[Int]]).map { BoundingBox(x: $0[0], y: $0[1], width: $0[2], height: $0[3]) }
        }
        XCTAssertEqual(oracle.count, 795)
        return (oracle, clip)
    }

    /// Runs the detector over the first `frames` frames of the clip, in batches as the
    /// pipeline does; returns the agreement over frames 50... and the identical frames.
    static func agreement(background: BackgroundModelKind, frames: Int) async throws -> (BoxAgreement, identical: Int) {
        let (oracle, clip) = try oracleAndClip()
        var detector: ForegroundDetector?
        var agreement = BoxAgreement()
        var identicalFrames = 0
        _ = try await FFmpegFrameSource(path: clip).forEachBatch(maxFrames: DetectionPipeline.batchFrames) { batch in
            let wanted = batch.filter { $0.index < frames }
            guard let first = wanted.first else { return false }
            if detector == nil { detector = ForegroundDetector(width: first.width, height: first.height, background: background) }
            for (frame, boxes) in zip(wanted, detector!.detect(frames: wanted.map { $0.pixels.baseAddress! })) {
                if boxes.map(\.description) == oracle[frame.index].map(\.description) { identicalFrames += 1 }
                if frame.index >= 50 { agreement.add(reference: oracle[frame.index], candidate: boxes) }
            }
            return wanted.count == batch.count
        }
        print("vtest agreement (\(background)), frames 50..<\(frames): mean per-frame F1 \(agreement.meanFrameF1), micro F1 \(agreement.microF1), identical frames \(identicalFrames)/\(frames)")
        return (agreement, identicalFrames)
    }

    func testMixtureBoxesAreOpenCVMOG2Boxes() async throws {
        let (agreement, identical) = try await Self.agreement(background: .mixture, frames: Self.framesChecked)
        XCTAssertEqual(agreement.frames, Self.framesChecked - 50)
        XCTAssertGreaterThanOrEqual(agreement.meanFrameF1, 0.98)
        XCTAssertEqual(identical, Self.framesChecked, "same gray bytes and the same float operations should give the same boxes")
    }

    /// The default model is another algorithm: it agrees less during the warm-up, when it
    /// absorbs people present on the first frame more slowly than the mixture (over all 795
    /// frames, scripts/bench-detect measures F1 ≈ 0.92), but it must find the same people.
    func testGaussianBoxesAgreeWithOpenCVMOG2() async throws {
        let (agreement, _) = try await Self.agreement(background: .gaussian, frames: 200)
        XCTAssertEqual(agreement.frames, 150)
        XCTAssertGreaterThanOrEqual(agreement.meanFrameF1, 0.75)
        XCTAssertGreaterThanOrEqual(agreement.microF1, 0.75)
    }

    func testAgreementMetricCountsMatchesAndMisses() {
        var agreement = BoxAgreement()
        let a = BoundingBox(x: 0, y: 0, width: 10, height: 10), b = BoundingBox(x: 20, y: 0, width: 10, height: 10)
        agreement.add(reference: [a, b], candidate: [a])                      // 1 TP, 1 FN: F1 2/3
        agreement.add(reference: [], candidate: [])                           // empty: 1
        agreement.add(reference: [a], candidate: [BoundingBox(x: 6, y: 0, width: 10, height: 10)]) // IoU 4/16: miss
        XCTAssertEqual(agreement.truePositives, 1)
        XCTAssertEqual(agreement.falseNegatives, 2)
        XCTAssertEqual(agreement.falsePositives, 1)
        XCTAssertEqual(agreement.meanFrameF1, (2.0 / 3.0 + 1 + 0) / 3, accuracy: 1e-12)
        // The optimal assignment, not the greedy one: greedy would pair c with the first reference.
        let r1 = BoundingBox(x: 0, y: 0, width: 10, height: 10), r2 = BoundingBox(x: 4, y: 0, width: 10, height: 10)
        let c1 = BoundingBox(x: 2, y: 0, width: 10, height: 10), c2 = BoundingBox(x: -3, y: 0, width: 10, height: 10)
        XCTAssertEqual(BoxAgreement.matchedPairs([r1, r2], [c1, c2], threshold: 0.5), 2)
    }
}
