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
/// - `passing`: pixels a person moving very slowly was steady on within a part — a passage, not
///   a stand — foreground only in the parts around it, so the whole path is not redacted all along.
///
/// Gray values are full-range, at the analysis size (`AnalysisScale`).
struct SceneBackground: Sendable {
    let width: Int
    let height: Int
    var median: [UInt8]
    var threshold: [UInt8]
    var contested: [Bool]
    /// Pixels something moved very slowly through: bit `s` set when the pixel is foreground in
    /// part `s` of the clip (the parts it was steadily covered in, and their neighbours).
    var passing: [UInt32]
    /// The first frame of every part (empty when the clip is too short to be split).
    let partStarts: [Int]
    let samples: Int
    let segments: Int
    /// True when `median` is an empty-scene reference frame rather than the clip's median.
    var fromReference = false

    var contestedPixels: Int { contested.reduce(0) { $0 + ($1 ? 1 : 0) } }
    var passingPixels: Int { passing.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }

    /// The bit of `passing` for a frame of the clip (0 when the clip has no parts).
    func partBit(frame: Int) -> UInt32 {
        guard let part = partStarts.lastIndex(where: { $0 <= frame }) else { return 0 }
        return UInt32(1) << UInt32(part)
    }

    static let minimumThreshold = 14
    /// At most 16 parts, of at least 4 samples and 2 seconds each: a person walking past
    /// covers a pixel for well under a second and never dominates a part; one who stops for
    /// a few seconds does.
    static let maximumSegments = 16
    static let minimumSegmentSeconds = 2.0
    /// Share of a part's samples that must lie within the threshold of the part's median for
    /// the part to count as steady.
    static let steadyShare = 2.0 / 3.0
    /// Contested pixels in a 5×5 neighbourhood (of 25) for a pixel to stay contested for the
    /// whole clip: a standing person three pixels wide still has 15.
    static let solidNeighbours = 13

    /// Builds the background from `frames` (time order, full-range gray, `width × height`)
    /// sampled evenly over a clip of `duration` seconds, one every `stride` frames from frame 0.
    init(samples frames: [[UInt8]], width: Int, height: Int, duration: Double, stride: Int = 1) {
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
        var passing = [UInt32](repeating: 0, count: count)
        var partStarts: [Int] = []
        if k >= 2 {
            // Every part's median, and where it is steady and differs from the clip's.
            var partMedians: [[UInt8]] = []
            var differs: [[Bool]] = []
            for s in 0..<k {
                let range = (s * normalised.count / k)..<((s + 1) * normalised.count / k)
                partStarts.append(range.lowerBound * stride)
                let part = Array(normalised[range])
                let m = Self.temporalMedian(part, count: count)
                let needed = Int((Double(part.count) * Self.steadyShare).rounded(.up))
                var differing = [Bool](repeating: false, count: count)
                for p in 0..<count {
                    let centre = Int(m[p]), limit = Int(threshold[p])
                    guard abs(centre - Int(median[p])) > limit else { continue }
                    var steady = 0
                    for sample in part where abs(Int(sample[p]) - centre) <= limit { steady += 1 }
                    differing[p] = steady >= needed
                }
                partMedians.append(m)
                differs.append(differing)
            }
            // A differing part is a passage when a neighbouring part shows a third value (neither
            // the clip's median nor this part's): something kept changing there — a person moving
            // very slowly, whose texture slides by — rather than two steady states alternating
            // (background and a person who stood, in either role). Where every differing part
            // of a pixel is a passage, the pixel is foreground only in those parts and their
            // neighbours; otherwise nobody can tell which state is the person, and it is
            // foreground for the whole clip (fail closed).
            var parts = [UInt32](repeating: 0, count: count)
            for p in 0..<count {
                let limit = Int(threshold[p]), clip = Int(median[p])
                var allPassages = true
                for s in 0..<k where differs[s][p] {
                    parts[p] |= (UInt32(0b111) << UInt32(s)) >> 1
                    let own = Int(partMedians[s][p])
                    var third = false
                    for t in [s - 1, s + 1] where t >= 0 && t < k {
                        let v = Int(partMedians[t][p])
                        if abs(v - clip) > limit && abs(v - own) > limit { third = true }
                    }
                    if !third { allPassages = false }
                }
                guard parts[p] != 0 else { continue }
                if allPassages { passing[p] = parts[p] } else { contested[p] = true }
            }
            // Someone who stood covers a solid patch; the pixels a slow passer happened to cover
            // steadily are scattered. A contested pixel whose 5×5 neighbourhood is mostly not
            // contested is a passage too.
            let solid = Self.neighbours(contested, width: width, height: height, radius: 2)
            for p in 0..<count where contested[p] && solid[p] < Self.solidNeighbours {
                contested[p] = false
                passing[p] = parts[p]
            }
        }
        self.partStarts = partStarts
        self.passing = passing
        self.contested = contested
    }

    /// For every pixel, how many pixels of its (2r+1)² neighbourhood are set (summed-area table).
    static func neighbours(_ mask: [Bool], width: Int, height: Int, radius r: Int) -> [Int] {
        var table = [Int](repeating: 0, count: (width + 1) * (height + 1))
        for y in 0..<height {
            var row = 0
            for x in 0..<width {
                row += mask[y * width + x] ? 1 : 0
                table[(y + 1) * (width + 1) + x + 1] = table[y * (width + 1) + x + 1] + row
            }
        }
        var out = [Int](repeating: 0, count: width * height)
        for y in 0..<height {
            let y0 = max(0, y - r), y1 = min(height, y + r + 1)
            for x in 0..<width {
                let x0 = max(0, x - r), x1 = min(width, x + r + 1)
                out[y * width + x] = table[y1 * (width + 1) + x1] - table[y0 * (width + 1) + x1] - table[y1 * (width + 1) + x0] + table[y0 * (width + 1) + x0]
            }
        }
        return out
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
