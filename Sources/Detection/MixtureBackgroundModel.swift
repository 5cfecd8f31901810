/// Adaptive per-pixel background model: Zivkovic's Gaussian mixture (Z. Zivkovic, "Improved
/// adaptive Gaussian mixture model for background subtraction", ICPR 2004; and with
/// F. van der Heijden, Pattern Recognition Letters 27(7), 2006), ported from OpenCV's
/// `BackgroundSubtractorMOG2` for one 8-bit channel so that its masks match OpenCV's.
///
/// The float operations are those of OpenCV, in the same order, so the results are the same
/// bit for bit (on vtest.avi the boxes equal OpenCV's on every frame). Two things differ, for
/// speed: the layout — mode `k` of every pixel lives in plane `k`, as three arrays (weights,
/// variances, means), so a pixel with one or two modes streams through one or two planes —
/// and eight pixels are updated at once with SIMD whenever they all take the common path.
public final class MixtureBackgroundModel: BackgroundSubtractor {
    /// OpenCV's defaults (`createBackgroundSubtractorMOG2(500, 16, false)`).
    public struct Parameters: Sendable, Equatable {
        public var history = 500
        public var varThreshold: Float = 16
        public var mixtures = 5
        public var backgroundRatio: Float = 0.9
        public var varThresholdGen: Float = 9
        public var varInit: Float = 15
        public var varMin: Float = 4
        public var varMax: Float = 75
        public var complexityReduction: Float = 0.05
        public init() {}
    }

    public let width: Int
    public let height: Int
    public let parameters: Parameters
    /// Whether groups of eight pixels on the common path are updated with SIMD. Both paths
    /// give identical results; debug builds default to the scalar one because unspecialised
    /// generic SIMD code is about fifty times slower there.
    public var vectorized = MixtureBackgroundModel.vectorizedByDefault

    #if DEBUG
    public static let vectorizedByDefault = false
    #else
    public static let vectorizedByDefault = true
    #endif
    /// Frames seen so far; drives the learning rate `1 / min(2 * frames, history)`.
    public private(set) var frames = 0

    private let count: Int
    private let planeStride: Int
    private let modes: UnsafeMutablePointer<Float>      // per mode: weights[count], variances[count], means[count]
    private let modesUsed: UnsafeMutablePointer<UInt8>

    public init(width: Int, height: Int, parameters: Parameters = Parameters()) {
        self.width = width
        self.height = height
        self.parameters = parameters
        count = width * height
        planeStride = count * 3
        modes = .allocate(capacity: count * 3 * parameters.mixtures)
        modes.initialize(repeating: 0, count: count * 3 * parameters.mixtures)
        modesUsed = .allocate(capacity: count)
        modesUsed.initialize(repeating: 0, count: count)
    }

    deinit {
        modes.deallocate()
        modesUsed.deallocate()
    }

    /// Pixels per block of `apply(frames:masks:)`: the state of 4096 pixels (12 bytes per mode,
    /// up to five modes, 240 KiB) stays in a 512 KiB L2 cache while every frame of the batch
    /// updates it.
    static let blockPixels = 4096

    /// Updates the model with consecutive frames, oldest first, writing one mask per frame.
    ///
    /// The result is the same as calling `apply(_:mask:)` frame by frame, bit for bit: each
    /// pixel's update depends only on that pixel's state. The order differs: the image is cut
    /// into blocks of pixels and each block goes through all the frames before the next
    /// block starts, so the model's state (tens of megabytes at 768×576) is read from and
    /// written to memory once per batch instead of once per frame. Frame by frame, that memory
    /// traffic, not the arithmetic, set the speed.
    public func apply(frames grays: [UnsafePointer<UInt8>], masks: [UnsafeMutablePointer<UInt8>]) {
        precondition(grays.count == masks.count, "one mask per frame")
        let constants = grays.map { _ -> FrameConstants in
            frames += 1
            return FrameConstants(frame: frames, parameters: parameters)
        }
        let scratch = UnsafeMutablePointer<SIMD8<Float>>.allocate(capacity: 3 * parameters.mixtures)
        defer { scratch.deallocate() }
        var start = 0
        while start < count {
            let end = min(start &+ Self.blockPixels, count)
            for f in 0..<grays.count {
                update(start..<end, gray: grays[f], mask: masks[f], constants: constants[f], scratch: scratch)
            }
            start = end
        }
    }

    /// One frame's pass over `pixels`: eight pixels at a time when they all take the common
    /// path (see `updateGroup`); otherwise, and for the tail, one at a time.
    @inline(__always)
    private func update(_ pixels: Range<Int>, gray: UnsafePointer<UInt8>, mask: UnsafeMutablePointer<UInt8>,
                        constants: FrameConstants, scratch: UnsafeMutablePointer<SIMD8<Float>>) {
        var p = pixels.lowerBound
        let end = pixels.upperBound
        while vectorized && p &+ 8 <= end {
            if !updateGroup(p, gray: gray, mask: mask, constants: constants, scratch: scratch) {
                for q in p..<(p &+ 8) { mask[q] = updatePixel(q, value: gray[q], constants) ? 0 : 255 }
            }
            p &+= 8
        }
        while p < end { mask[p] = updatePixel(p, value: gray[p], constants) ? 0 : 255; p &+= 1 }
    }

    @inline(__always)
    private func swapModes(_ g: UnsafeMutablePointer<Float>, _ i: Int, _ j: Int) {
        let ps = planeStride, vo = count, mo = 2 &* count
        let a = g + i &* ps, b = g + j &* ps
        let w = a[0], v = a[vo], m = a[mo]
        a[0] = b[0]; a[vo] = b[vo]; a[mo] = b[mo]
        b[0] = w; b[vo] = v; b[mo] = m
    }

    /// OpenCV's per-pixel update, operation for operation. Returns whether the pixel is
    /// background.
    @inline(__always)
    private func updatePixel(_ p: Int, value: UInt8, _ c: FrameConstants) -> Bool {
        let x = Float(value)
        let ps = planeStride, vo = count, mo = 2 &* count
        let g = modes + p                    // mode k at g + k * ps: weight [0], variance [vo], mean [mo]
        var nmodes = Int(modesUsed[p])
        var background = false
        var fits = false
        var totalWeight: Float = 0

        var mode = 0
        while mode < nmodes {
            let gm = g + mode * ps
            var weight = c.alpha1 * gm[0] + c.prune
            var swapCount = 0
            if !fits {
                let variance = gm[vo]
                let d = gm[mo] - x
                let dist2 = d * d
                if totalWeight < c.bgRatio && dist2 < c.tb * variance { background = true }
                if dist2 < c.tg * variance {
                    fits = true
                    weight += c.alphaT
                    let k = c.alphaT / weight
                    gm[mo] -= k * d
                    var varnew = variance + k * (dist2 - variance)
                    varnew = max(varnew, c.varMin)
                    varnew = min(varnew, c.varMax)
                    gm[vo] = varnew
                    // Only this mode's weight grew: bubble it up to its place.
                    var i = mode
                    while i > 0 {
                        if weight < g[(i - 1) * ps] { break }
                        swapCount += 1
                        swapModes(g, i, i - 1)
                        i -= 1
                    }
                }
            }
            if weight < -c.prune {
                weight = 0
                nmodes -= 1
            }
            g[(mode - swapCount) * ps] = weight
            totalWeight += weight
            mode += 1
        }

        let invWeight: Float = abs(totalWeight) > Float.ulpOfOne ? 1 / totalWeight : 0
        for k in 0..<nmodes { g[k * ps] *= invWeight }

        if !fits && c.alphaT > 0 {
            // Replace the weakest mode, or add one.
            let nmix = parameters.mixtures
            let newMode: Int
            if nmodes == nmix { newMode = nmix - 1 } else { newMode = nmodes; nmodes += 1 }
            let gn = g + newMode * ps
            if nmodes == 1 {
                gn[0] = 1
            } else {
                gn[0] = c.alphaT
                for i in 0..<(nmodes - 1) { g[i * ps] *= c.alpha1 }
            }
            gn[mo] = x
            gn[vo] = c.varInit
            var i = nmodes - 1
            while i > 0 {
                if c.alphaT < g[(i - 1) * ps] { break }
                swapModes(g, i, i - 1)
                i -= 1
            }
        }
        modesUsed[p] = UInt8(truncatingIfNeeded: nmodes)
        return background
    }

    /// The values one frame's update uses for every pixel: OpenCV's learning rate
    /// `1 / min(2 * frame, history)` and what derives from it, plus the parameters as floats.
    struct FrameConstants {
        let alphaT: Float, alpha1: Float, prune: Float, tb: Float, tg: Float, bgRatio: Float
        let varInit: Float, varMin: Float, varMax: Float

        init(frame: Int, parameters: Parameters) {
            let learningRate = 1.0 / Double(min(2 * frame, parameters.history))
            alphaT = Float(learningRate)
            alpha1 = 1 - alphaT
            prune = Float(-learningRate * Double(parameters.complexityReduction))
            tb = parameters.varThreshold
            tg = parameters.varThresholdGen
            bgRatio = parameters.backgroundRatio
            varInit = parameters.varInit
            varMin = parameters.varMin
            varMax = parameters.varMax
        }
    }

    /// The common case for eight neighbouring pixels at once: every pixel has at least one
    /// mode, one of its modes fits, no mode is pruned and the fitted mode does not move up.
    /// Then the scalar algorithm reduces to the same float operations done lane by lane, so
    /// the result is identical. Returns false, having written nothing, when any lane leaves
    /// the common case.
    @inline(__always)
    private func updateGroup(_ p: Int, gray: UnsafePointer<UInt8>, mask: UnsafeMutablePointer<UInt8>,
                             constants c: FrameConstants, scratch: UnsafeMutablePointer<SIMD8<Float>>) -> Bool {
        typealias F8 = SIMD8<Float>
        let used = UnsafeRawPointer(modesUsed + p).loadUnaligned(as: SIMD8<UInt8>.self)
        if used.min() == 0 { return false }
        let nm = SIMD8<Int32>(truncatingIfNeeded: used)
        let maxModes = Int(used.max())
        let x = F8(SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(gray + p).loadUnaligned(as: SIMD8<UInt8>.self)))
        var fits = SIMDMask<SIMD8<Int32>>(repeating: false)
        var background = SIMDMask<SIMD8<Int32>>(repeating: false)
        var uncommon = SIMDMask<SIMD8<Int32>>(repeating: false)
        var total = F8(repeating: 0)
        var previousWeight = F8(repeating: 0)
        var fittedPlane = -1                      // only the plane where lanes fit changes variance/mean
        var multiplePlanes = false
        let count = self.count, ps = planeStride
        for k in 0..<maxModes {
            let active = SIMD8<Int32>(repeating: Int32(k)) .< nm
            let base = modes + k &* ps + p
            let oldW = UnsafeRawPointer(base).loadUnaligned(as: F8.self)
            var variance = UnsafeRawPointer(base + count).loadUnaligned(as: F8.self)
            var mean = UnsafeRawPointer(base + 2 &* count).loadUnaligned(as: F8.self)
            var weight = c.alpha1 * oldW + c.prune
            let candidate = active .& .!fits
            let d = mean - x
            let dist2 = d * d
            background = background .| (candidate .& (total .< F8(repeating: c.bgRatio)) .& (dist2 .< c.tb * variance))
            let fitNow = candidate .& (dist2 .< c.tg * variance)
            if any(fitNow) {
                let grown = weight + c.alphaT
                let kk = c.alphaT / grown
                var varnew = variance + kk * (dist2 - variance)
                varnew = varnew.replacing(with: F8(repeating: c.varMin), where: varnew .< F8(repeating: c.varMin))
                varnew = varnew.replacing(with: F8(repeating: c.varMax), where: varnew .> F8(repeating: c.varMax))
                mean = mean.replacing(with: mean - kk * d, where: fitNow)
                variance = variance.replacing(with: varnew, where: fitNow)
                weight = weight.replacing(with: grown, where: fitNow)
                if k > 0 { uncommon = uncommon .| (fitNow .& .!(weight .< previousWeight)) }
                fits = fits .| fitNow
                if fittedPlane >= 0 { multiplePlanes = true }
                fittedPlane = k
            }
            uncommon = uncommon .| (active .& (weight .< F8(repeating: -c.prune)))
            total = total + F8().replacing(with: weight, where: active)
            previousWeight = weight
            scratch[3 &* k] = weight.replacing(with: oldW, where: .!active)
            scratch[3 &* k &+ 1] = variance
            scratch[3 &* k &+ 2] = mean
        }
        if any(uncommon .| .!fits) { return false }
        let epsilon = F8(repeating: Float.ulpOfOne)
        let inverse = F8().replacing(with: 1 / total, where: total .> epsilon .| total .< -epsilon)
        for k in 0..<maxModes {
            let active = SIMD8<Int32>(repeating: Int32(k)) .< nm
            let base = UnsafeMutableRawPointer(modes + k &* ps + p)
            let w = scratch[3 &* k]
            base.storeBytes(of: w.replacing(with: w * inverse, where: active), as: F8.self)
            if k == fittedPlane || multiplePlanes {
                base.storeBytes(of: scratch[3 &* k &+ 1], toByteOffset: 4 &* count, as: F8.self)
                base.storeBytes(of: scratch[3 &* k &+ 2], toByteOffset: 8 &* count, as: F8.self)
            }
        }
        let out = SIMD8<UInt8>(truncatingIfNeeded: SIMD8<Int32>(repeating: 255).replacing(with: SIMD8<Int32>(), where: background))
        UnsafeMutableRawPointer(mask + p).storeBytes(of: out, as: SIMD8<UInt8>.self)
        return true
    }
}
