/// Adaptive per-pixel background model: Zivkovic's Gaussian mixture (Z. Zivkovic, "Improved
/// adaptive Gaussian mixture model for background subtraction", ICPR 2004; and with
/// F. van der Heijden, Pattern Recognition Letters 27(7), 2006), ported from OpenCV's
/// `BackgroundSubtractorMOG2` for one 8-bit channel so that its masks match OpenCV's.
///
/// The float operations are those of OpenCV, in the same order, so the results are the same
/// bit for bit. Only the memory layout differs, for speed: mode `k` of every pixel lives in
/// plane `k` (weight, variance, mean), so the common case — a pixel with one or two modes —
/// streams through two planes instead of touching a whole 5-mode record.
public final class BackgroundModel {
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
    /// Frames seen so far; drives the learning rate `1 / min(2 * frames, history)`.
    public private(set) var frames = 0

    private let count: Int
    private let planeStride: Int
    private let modes: UnsafeMutablePointer<Float>      // mixtures planes of (weight, variance, mean)
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

    /// Updates the model with `gray` and writes the foreground mask (0 background, 255
    /// foreground) to `mask`. Both buffers hold `width * height` bytes.
    public func apply(_ gray: UnsafePointer<UInt8>, mask: UnsafeMutablePointer<UInt8>) {
        frames += 1
        let learningRate = 1.0 / Double(min(2 * frames, parameters.history))
        let alphaT = Float(learningRate)
        let alpha1: Float = 1 - alphaT
        let prune = Float(-learningRate * Double(parameters.complexityReduction))
        let tb = parameters.varThreshold, tg = parameters.varThresholdGen, bgRatio = parameters.backgroundRatio
        let varInit = parameters.varInit, varMin = parameters.varMin, varMax = parameters.varMax
        let nmix = parameters.mixtures
        let ps = planeStride
        let modes = self.modes, modesUsed = self.modesUsed

        @inline(__always) func swapModes(_ g: UnsafeMutablePointer<Float>, _ i: Int, _ j: Int) {
            let a = g + i * ps, b = g + j * ps
            let w = a[0], v = a[1], m = a[2]
            a[0] = b[0]; a[1] = b[1]; a[2] = b[2]
            b[0] = w; b[1] = v; b[2] = m
        }

        for p in 0..<count {
            let x = Float(gray[p])
            let g = modes + p * 3                 // mode k at g + k * ps: [weight, variance, mean]
            var nmodes = Int(modesUsed[p])
            var background = false
            var fits = false
            var totalWeight: Float = 0

            var mode = 0
            while mode < nmodes {
                let gm = g + mode * ps
                var weight = alpha1 * gm[0] + prune
                var swapCount = 0
                if !fits {
                    let variance = gm[1]
                    let d = gm[2] - x
                    let dist2 = d * d
                    if totalWeight < bgRatio && dist2 < tb * variance { background = true }
                    if dist2 < tg * variance {
                        fits = true
                        weight += alphaT
                        let k = alphaT / weight
                        gm[2] -= k * d
                        var varnew = variance + k * (dist2 - variance)
                        varnew = max(varnew, varMin)
                        varnew = min(varnew, varMax)
                        gm[1] = varnew
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
                if weight < -prune {
                    weight = 0
                    nmodes -= 1
                }
                g[(mode - swapCount) * ps] = weight
                totalWeight += weight
                mode += 1
            }

            let invWeight: Float = abs(totalWeight) > Float.ulpOfOne ? 1 / totalWeight : 0
            for k in 0..<nmodes { g[k * ps] *= invWeight }

            if !fits && alphaT > 0 {
                // Replace the weakest mode, or add one.
                let newMode: Int
                if nmodes == nmix { newMode = nmix - 1 } else { newMode = nmodes; nmodes += 1 }
                let gn = g + newMode * ps
                if nmodes == 1 {
                    gn[0] = 1
                } else {
                    gn[0] = alphaT
                    for i in 0..<(nmodes - 1) { g[i * ps] *= alpha1 }
                }
                gn[2] = x
                gn[1] = varInit
                var i = nmodes - 1
                while i > 0 {
                    if alphaT < g[(i - 1) * ps] { break }
                    swapModes(g, i, i - 1)
                    i -= 1
                }
            }
            modesUsed[p] = UInt8(truncatingIfNeeded: nmodes)
            mask[p] = background ? 0 : 255
        }
    }
}
