@testable import Detection
import XCTest

/// A deterministic scene for model tests: a textured background with noise (several modes per
/// pixel), a bright box moving right, and a strip that flickers every third frame (modes keep
/// being created and pruned).
struct NoisyScene {
    let width: Int, height: Int
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(width: Int, height: Int) { self.width = width; self.height = height }

    mutating func frame(_ n: Int) -> [UInt8] {
        var gray = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                var v = 90 + (x * 7 + y * 3) % 40 + Int(state >> 59) - 16
                if x >= n % width && x < n % width + 6 && y >= 3 && y < 9 { v = 230 }
                if x > width - 7 && n % 3 == 0 { v = 20 }
                gray[y * width + x] = UInt8(max(0, min(255, v)))
            }
        }
        return gray
    }
}

/// Runs `model` over `frames` in batches of the given sizes (cycled) and returns every mask.
func masks(of model: any BackgroundSubtractor, frames: [[UInt8]], batchSizes: [Int]) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var start = 0, turn = 0
    while start < frames.count {
        let end = min(start + batchSizes[turn % batchSizes.count], frames.count)
        turn += 1
        let grays = frames[start..<end].map { frame -> UnsafeMutablePointer<UInt8> in
            let p = UnsafeMutablePointer<UInt8>.allocate(capacity: frame.count)
            p.initialize(from: frame, count: frame.count)
            return p
        }
        let outs = grays.map { _ in UnsafeMutablePointer<UInt8>.allocate(capacity: frames[0].count) }
        model.apply(frames: grays.map { UnsafePointer($0) }, masks: outs)
        for out in outs { result.append(Array(UnsafeBufferPointer(start: out, count: frames[0].count))) }
        (grays + outs).forEach { $0.deallocate() }
        start = end
    }
    return result
}

final class BackgroundModelTests: XCTestCase {
    /// The SIMD path and the scalar path of each model give the same masks, frame by frame.
    /// 70×64 crosses a 4096-pixel block boundary, and 37×11 leaves tails for the scalar path.
    func testVectorizedPathsMatchScalar() {
        for (w, h) in [(37, 11), (70, 64)] {
            var scene = NoisyScene(width: w, height: h)
            let frames = (0..<60).map { scene.frame($0) }
            let mixtureScalar = MixtureBackgroundModel(width: w, height: h), mixtureSIMD = MixtureBackgroundModel(width: w, height: h)
            mixtureScalar.vectorized = false
            mixtureSIMD.vectorized = true
            let gaussianScalar = try! GaussianBackgroundModel(width: w, height: h), gaussianSIMD = try! GaussianBackgroundModel(width: w, height: h)
            gaussianScalar.vectorized = false
            gaussianSIMD.vectorized = true
            let a = masks(of: mixtureScalar, frames: frames, batchSizes: [1])
            XCTAssertEqual(a, masks(of: mixtureSIMD, frames: frames, batchSizes: [1]), "mixture \(w)x\(h)")
            let b = masks(of: gaussianScalar, frames: frames, batchSizes: [1])
            XCTAssertEqual(b, masks(of: gaussianSIMD, frames: frames, batchSizes: [1]), "gaussian \(w)x\(h)")
            for (name, m) in [("mixture", a), ("gaussian", b)] {
                // On its first pass, the box's leading column covers pixels never seen bright.
                let firstPass = (10..<60).filter { $0 + 5 < w - 7 }
                var leading = 0
                for n in firstPass { leading += (3..<9).filter { m[n][$0 * w + n + 5] == 255 }.count }
                let possible = firstPass.count * 6
                XCTAssertGreaterThan(leading, possible * 9 / 10, "\(name) \(w)x\(h): the moving box's front must be foreground")
            }
        }
    }

    /// Cutting a stream into batches changes the order of the work, not the result.
    func testBatchesGiveTheSameMasksAsSingleFrames() {
        let w = 70, h = 64
        var scene = NoisyScene(width: w, height: h)
        let frames = (0..<40).map { scene.frame($0) }
        for kind in BackgroundModelKind.allCases {
            let single = masks(of: kind.makeModel(width: w, height: h), frames: frames, batchSizes: [1])
            let batched = masks(of: kind.makeModel(width: w, height: h), frames: frames, batchSizes: [3, 8, 1, 5])
            XCTAssertEqual(single.count, 40)
            XCTAssertEqual(single, batched, "\(kind)")
        }
    }

    /// The Gaussian model: the first frame is all foreground; a still scene becomes background;
    /// a bright object is foreground; an object that stays joins the background.
    func testGaussianModelLearnsTheSceneAndAbsorbsWhatStays() throws {
        let w = 16, h = 4
        let model = try GaussianBackgroundModel(width: w, height: h)
        let still = [UInt8](repeating: 100, count: w * h)
        var withObject = still
        for x in 4..<8 { withObject[w + x] = 200 }
        var frames = Array(repeating: still, count: 30) + Array(repeating: withObject, count: 400)
        frames[29][0] = 104                                   // within 4σ (σ = 2 at the variance floor)
        let m = masks(of: model, frames: frames, batchSizes: [7])
        XCTAssertEqual(m[0], [UInt8](repeating: 255, count: w * h))
        XCTAssertEqual(m[29], [UInt8](repeating: 0, count: w * h))
        XCTAssertEqual(m[30][w + 5], 255)
        XCTAssertEqual(m[30].filter { $0 == 255 }.count, 4)
        let absorbed = m.indices.first { $0 > 30 && m[$0][w + 5] == 0 }
        XCTAssertNotNil(absorbed, "a still object must join the background")
        XCTAssertGreaterThan(absorbed ?? 0, 40, "but not at once")
        XCTAssertEqual(m.last, [UInt8](repeating: 0, count: w * h))
    }

    func testGaussianModelRefusesParametersOutOfItsFixedPointRange() {
        var parameters = GaussianBackgroundModel.Parameters()
        parameters.varThreshold = 40
        XCTAssertThrowsError(try GaussianBackgroundModel(width: 4, height: 4, parameters: parameters)) {
            XCTAssertTrue("\($0)".hasPrefix("Gaussian background model: thresholds must be 1...27"), "\($0)")
        }
    }
}
