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
                                // Wrapping arithmetic and no branches (no value here can
                                // overflow: a pixel times a gain of at most 5 × 65536), so the loop,
                                // which runs on every pixel of every frame, vectorises.
                                let gain32 = UInt32(inverse)
                                for p in 0..<count {
                                    let v = Swift.min(255, (UInt32(frame[p]) &* gain32 &+ 32768) &>> 16)
                                    out[p] = UInt8(truncatingIfNeeded: v)
                                    let d = Int32(bitPattern: v) &- Int32(median[p])
                                    let distance = d < 0 ? 0 &- d : d
                                    let far: UInt8 = distance > Int32(threshold[p]) ? 1 : 0
                                    let held: UInt8 = contested[p] ? 1 : 0
                                    let passed: UInt8 = passing[p] & bit != 0 ? 1 : 0
                                    raw[p] = (far | held | passed) &* 255
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
    /// through one row of carry). Edges are handled outside the inner loops, which then vectorise.
    static func dilate(_ source: UnsafeMutablePointer<UInt8>, into target: UnsafeMutablePointer<UInt8>, width w: Int, height h: Int) {
        guard w > 0, h > 0 else { return }
        for y in 0..<h {
            let s = source + y &* w, t = target + y &* w
            guard w > 1 else { t[0] = s[0]; continue }
            t[0] = max(s[0], s[1])
            for x in 1..<(w - 1) { t[x] = max(s[x &- 1], max(s[x], s[x &+ 1])) }
            t[w - 1] = max(s[w - 2], s[w - 1])
        }
        let above = UnsafeMutablePointer<UInt8>.allocate(capacity: w)
        defer { above.deallocate() }
        above.update(repeating: 0, count: w)
        for y in 0..<h {
            let row = target + y &* w
            if y + 1 < h {
                let below = row + w
                for x in 0..<w {
                    let current = row[x]
                    row[x] = max(current, max(above[x], below[x]))
                    above[x] = current
                }
            } else {
                for x in 0..<w {
                    let current = row[x]
                    row[x] = max(current, above[x])
                    above[x] = current
                }
            }
        }
    }
}
