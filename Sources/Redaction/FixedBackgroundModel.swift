import Detection

/// Foreground against a background fixed for the whole clip (`SceneBackground`): a pixel is
/// foreground when, after dividing the frame by its global gain, it lies farther than its own
/// threshold from the background, or when it is contested (something stood there for a long
/// part of the clip). Nothing is learned from the frames, so nobody fades into the background.
/// The mask is dilated by one pixel before the detector's opening: a textured person matches
/// the background on many of their pixels, and thin limbs that come out as scattered pixels
/// would otherwise be opened away — feet left outside the box.
final class FixedBackgroundModel: BackgroundSubtractor {
    let scene: SceneBackground
    /// The last frame's gain, for the log's lighting notes.
    private(set) var lastGain = 1.0
    /// The index of the frame `apply` is given next: pixels a slow passage went through are
    /// foreground only in their parts of the clip.
    var frameIndex = 0
    /// The last frame divided by its gain: held tracks compare their region with it.
    private(set) var normalised: [UInt8]

    init(scene: SceneBackground) {
        self.scene = scene
        normalised = [UInt8](repeating: 0, count: scene.width * scene.height)
        raw = [UInt8](repeating: 0, count: scene.width * scene.height)
    }

    private var raw: [UInt8]

    func apply(frames: [UnsafePointer<UInt8>], masks: [UnsafeMutablePointer<UInt8>]) {
        let count = scene.width * scene.height
        for (frame, mask) in zip(frames, masks) {
            let gain = scene.median.withUnsafeBufferPointer { SceneBackground.gain(frame, $0.baseAddress!, width: scene.width, height: scene.height) }
            lastGain = gain
            let inverse = Int((65536 / gain).rounded())
            let bit = scene.partBit(frame: frameIndex)
            scene.median.withUnsafeBufferPointer { median in
                scene.threshold.withUnsafeBufferPointer { threshold in
                    scene.contested.withUnsafeBufferPointer { contested in scene.passing.withUnsafeBufferPointer { passing in
                        normalised.withUnsafeMutableBufferPointer { out in
                            raw.withUnsafeMutableBufferPointer { raw in
                                for p in 0..<count {
                                    let v = min(255, (Int(frame[p]) * inverse + 32768) >> 16)
                                    out[p] = UInt8(v)
                                    let d = abs(v - Int(median[p]))
                                    raw[p] = (d > Int(threshold[p]) || contested[p] || passing[p] & bit != 0) ? 255 : 0
                                }
                                Self.dilate(raw.baseAddress!, into: mask, width: scene.width, height: scene.height)
                            }
                        }
                    } }
                }
            }
        }
    }

    /// 3×3 maximum of `source` into `target` (separable: rows into `target`, then columns in place
    /// through one row of carry).
    static func dilate(_ source: UnsafeMutablePointer<UInt8>, into target: UnsafeMutablePointer<UInt8>, width w: Int, height h: Int) {
        for y in 0..<h {
            let s = source + y * w, t = target + y * w
            for x in 0..<w {
                var m = s[x]
                if x > 0 { m = max(m, s[x - 1]) }
                if x + 1 < w { m = max(m, s[x + 1]) }
                t[x] = m
            }
        }
        var above = [UInt8](repeating: 0, count: w)
        for y in 0..<h {
            let row = target + y * w
            for x in 0..<w {
                let current = row[x]
                var m = max(current, above[x])
                if y + 1 < h { m = max(m, row[x + w]) }
                above[x] = current
                row[x] = m
            }
        }
    }
}
