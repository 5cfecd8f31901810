import Foundation

/// The empty scene a redaction compares every frame with, built in a first pass over the whole
/// clip instead of learned as frames go by: an adaptive model absorbs a person who stops and
/// starts with a person present on the first frame as background; a temporal median of frames
/// sampled from the entire clip does neither, as long as the person is not there for most of it.
///
/// - `median`: per-pixel temporal median of the sampled frames, each first divided by its global
///   gain (a lighting change is one factor for the whole frame), or the reference frame.
/// - `threshold`: per-pixel foreground threshold, 4σ, at least 14 levels, σ from the median
///   absolute difference of consecutive samples (passers-by and people who stand do not inflate it).
/// - `contested`: pixels where a steady part of the clip (up to 16 segments) has a median that
///   differs from the clip's: something stayed there for a long stretch — a person who stopped
///   for longer than half the clip looks like background to the median. They are always treated as foreground (fail
///   closed): a person who stood there is redacted for the whole clip rather than exposed.
///
/// Gray values are full-range, at the analysis size (`AnalysisScale`).
struct SceneBackground: Sendable {
    let width: Int
    let height: Int
    var median: [UInt8]
    var threshold: [UInt8]
    var contested: [Bool]
    let samples: Int
    let segments: Int
    /// True when `median` is an empty-scene reference frame rather than the clip's median.
    var fromReference = false

    var contestedPixels: Int { contested.reduce(0) { $0 + ($1 ? 1 : 0) } }

    static let minimumThreshold = 14
    /// At most 16 parts, of at least 4 samples and 2 seconds each: a person walking past
    /// covers a pixel for well under a second and never dominates a part; one who stops for
    /// a few seconds does.
    static let maximumSegments = 16
    static let minimumSegmentSeconds = 2.0
    /// Share of a part's samples that must lie within the threshold of the part's median for
    /// the part to count as steady.
    static let steadyShare = 2.0 / 3.0

    /// Builds the background from `frames` (time order, full-range gray, `width × height`)
    /// sampled evenly over a clip of `duration` seconds.
    init(samples frames: [[UInt8]], width: Int, height: Int, duration: Double) {
        self.width = width
        self.height = height
        samples = frames.count
        let count = width * height
        let rough = Self.temporalMedian(frames, count: count)
        let normalised = frames.map { Self.normalise($0, by: Self.gain(of: $0, against: rough, width: width, height: height)) }
        median = Self.temporalMedian(normalised, count: count)
        // Noise: median absolute difference between consecutive samples, per pixel. A person
        // who stands for a long time changes few consecutive pairs, so (unlike the deviation from
        // the median) it does not raise the threshold where they stand and hide them.
        var threshold = [UInt8](repeating: 0, count: count)
        var values = [Int](repeating: 0, count: max(1, normalised.count - 1))
        for p in 0..<count {
            for i in 1..<max(2, normalised.count) where i < normalised.count { values[i - 1] = abs(Int(normalised[i][p]) - Int(normalised[i - 1][p])) }
            let mad = normalised.count > 1 ? Self.select(&values, values.count / 2) : 0
            let sigma = min(15.0, max(1.5, 1.4826 * Double(mad) / 2.0.squareRoot()))
            threshold[p] = UInt8(max(Double(Self.minimumThreshold), (4 * sigma).rounded()))
        }
        self.threshold = threshold
        // Segment medians: where a steady one disagrees with the clip's median, something stood
        // there for part of the clip. Only steady parts count (most of their samples within the
        // threshold of the part's median): the background and a person standing are steady, a
        // person walking past is not — their texture slides by — so a slow walker's path is not
        // redacted for the whole clip while someone who stood is.
        let k = min(Self.maximumSegments, normalised.count / 4, Int(duration / Self.minimumSegmentSeconds))
        segments = k
        var contested = [Bool](repeating: false, count: count)
        if k >= 2 {
            var low = median, high = median
            for s in 0..<k {
                let part = Array(normalised[(s * normalised.count / k)..<((s + 1) * normalised.count / k)])
                let m = Self.temporalMedian(part, count: count)
                let needed = Int((Double(part.count) * Self.steadyShare).rounded(.up))
                for p in 0..<count {
                    let centre = Int(m[p]), limit = Int(threshold[p])
                    guard abs(centre - Int(median[p])) > limit else { continue }
                    var steady = 0
                    for sample in part where abs(Int(sample[p]) - centre) <= limit { steady += 1 }
                    guard steady >= needed else { continue }
                    low[p] = min(low[p], m[p]); high[p] = max(high[p], m[p])
                }
            }
            for p in 0..<count { contested[p] = Int(high[p]) - Int(low[p]) > Int(threshold[p]) }
        }
        self.contested = contested
    }

    /// Uses an empty-scene reference frame as the background (a person who never moves is then
    /// foreground); thresholds and contested pixels still come from the clip's samples.
    mutating func useReference(_ reference: [UInt8]) {
        precondition(reference.count == median.count)
        median = reference
        fromReference = true
    }

    /// The frame's global gain against the background (16.16 fixed point): the median ratio over
    /// a grid of pixels, so a lighting change is not taken for foreground everywhere.
    static func gain(of frame: [UInt8], against background: [UInt8], width: Int, height: Int) -> Double {
        frame.withUnsafeBufferPointer { f in background.withUnsafeBufferPointer { b in gain(f.baseAddress!, b.baseAddress!, width: width, height: height) } }
    }

    static func gain(_ frame: UnsafePointer<UInt8>, _ background: UnsafePointer<UInt8>, width: Int, height: Int) -> Double {
        var ratios: [Double] = []
        ratios.reserveCapacity((width / 4 + 1) * (height / 4 + 1))
        var y = 2
        while y < height {
            var x = 2
            while x < width {
                let b = background[y * width + x]
                if b >= 24 { ratios.append(Double(frame[y * width + x]) / Double(b)) }
                x += 4
            }
            y += 4
        }
        guard ratios.count >= 16 else { return 1 }
        ratios.sort()
        return max(0.2, min(5, ratios[ratios.count / 2]))
    }

    static func normalise(_ frame: [UInt8], by gain: Double) -> [UInt8] {
        let inverse = 1 / gain
        return frame.map { UInt8(min(255, (Double($0) * inverse).rounded())) }
    }

    static func temporalMedian(_ frames: [[UInt8]], count: Int) -> [UInt8] {
        guard !frames.isEmpty else { return [UInt8](repeating: 0, count: count) }
        var out = [UInt8](repeating: 0, count: count)
        var values = [Int](repeating: 0, count: frames.count)
        for p in 0..<count {
            for (i, frame) in frames.enumerated() { values[i] = Int(frame[p]) }
            out[p] = UInt8(select(&values, frames.count / 2))
        }
        return out
    }

    /// The `k`-th smallest value (quickselect, in place).
    static func select(_ values: inout [Int], _ k: Int) -> Int {
        var lo = 0, hi = values.count - 1
        while lo < hi {
            let pivot = values[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return values[k] }
        }
        return values[k]
    }
}

/// The resolution analysis runs at: frames wider than 384 px are averaged down by an integer
/// factor (768×576 → 384×288), which keeps a standing person tens of pixels tall and costs a
/// quarter of the work. Boxes are scaled back up and grown by one analysis pixel.
struct AnalysisScale: Sendable, Equatable {
    let factor: Int
    let width: Int
    let height: Int

    static let targetWidth = 384

    init(width: Int, height: Int) {
        factor = max(1, width / Self.targetWidth)
        self.width = width / factor
        self.height = height / factor
    }

    /// Full-range gray at analysis size from a frame's luma plane (`lut`: luma → full range).
    func downscale(luma: UnsafePointer<UInt8>, stride: Int, lut: [UInt8], into out: UnsafeMutablePointer<UInt8>) {
        lut.withUnsafeBufferPointer { table in
            if factor == 1 {
                for y in 0..<height { for x in 0..<width { out[y * width + x] = table[Int(luma[y * stride + x])] } }
                return
            }
            let f = factor, area = f * f
            var sums = [Int](repeating: 0, count: width)
            for y in 0..<height {
                for x in 0..<width { sums[x] = 0 }
                for dy in 0..<f {
                    let row = luma + (y * f + dy) * stride
                    for x in 0..<width {
                        var s = 0
                        for dx in 0..<f { s += Int(row[x * f + dx]) }
                        sums[x] += s
                    }
                }
                for x in 0..<width { out[y * width + x] = table[(sums[x] + area / 2) / area] }
            }
        }
    }

    /// An analysis-size box in frame pixels, grown by one analysis pixel on every side.
    func frameRect(x: Int, y: Int, width w: Int, height h: Int, frameWidth: Int, frameHeight: Int) -> PixelRect {
        let x0 = max(0, (x - 1) * factor), y0 = max(0, (y - 1) * factor)
        let x1 = min(frameWidth, (x + w + 1) * factor), y1 = min(frameHeight, (y + h + 1) * factor)
        return PixelRect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }
}
