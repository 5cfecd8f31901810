import Dispatch
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
    /// Every statistic is per pixel, so the pixels are split in chunks computed in parallel
    /// (this runs between the two passes, when nothing else can).
    init(samples frames: [[UInt8]], width: Int, height: Int, duration: Double, stride: Int = 1) {
        self.width = width
        self.height = height
        samples = frames.count
        let count = width * height
        let rough = Self.temporalMedian(frames, count: count)
        let normalised = Self.concurrentMap(frames) { Self.normalise($0, by: Self.gain(of: $0, against: rough, width: width, height: height)) }
        let n = normalised.count
        let k = min(Self.maximumSegments, n / 4, Int(duration / Self.minimumSegmentSeconds))
        segments = k
        let parts = k >= 2 ? (0..<k).map { (($0 * n / k)..<(($0 + 1) * n / k)) } : []
        partStarts = parts.map { $0.lowerBound * stride }
        var median = [UInt8](repeating: 0, count: count)
        var threshold = [UInt8](repeating: 0, count: count)
        var contested = [Bool](repeating: false, count: count)
        var passing = [UInt32](repeating: 0, count: count)
        var partBits = [UInt32](repeating: 0, count: count)
        let columns = PixelColumns(frames: normalised)
        median.withUnsafeMutableBufferPointer { median in
            threshold.withUnsafeMutableBufferPointer { threshold in
                contested.withUnsafeMutableBufferPointer { contested in
                    passing.withUnsafeMutableBufferPointer { passing in
                        partBits.withUnsafeMutableBufferPointer { partBits in
                            let out = PixelStatistics(median: median, threshold: threshold, contested: contested, passing: passing, parts: partBits)
                            Self.forEachChunk(count) { range in columns.statistics(range, parts: parts, into: out) }
                        }
                    }
                }
            }
        }
        self.median = median
        self.threshold = threshold
        if k >= 2 {
            // Someone who stood covers a solid patch; the pixels a slow passer happened to cover
            // steadily are scattered. A contested pixel whose 5×5 neighbourhood is mostly not
            // contested is a passage too.
            let solid = Self.neighbours(contested, width: width, height: height, radius: 2)
            for p in 0..<count where contested[p] && solid[p] < Self.solidNeighbours {
                contested[p] = false
                passing[p] = partBits[p]
            }
        }
        self.passing = passing
        self.contested = contested
    }

    /// Runs `body` on disjoint chunks of `0..<count`, in parallel.
    static func forEachChunk(_ count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let chunks = max(1, min(16, count / 4096))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            body((c * count / chunks)..<((c + 1) * count / chunks))
        }
    }

    /// `transform` applied to every element, in parallel.
    static func concurrentMap<T: Sendable, U>(_ items: [T], _ transform: @Sendable (T) -> U) -> [U] {
        var results = [U?](repeating: nil, count: items.count)
        results.withUnsafeMutableBufferPointer { out in
            let out = UnsafeSendableBuffer(out)
            DispatchQueue.concurrentPerform(iterations: items.count) { out.base[$0] = transform(items[$0]) }
        }
        return results.map { $0! }
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
        // The median by selection, not a sort: the same value, at a fraction of the cost.
        return max(0.2, min(5, select(&ratios, ratios.count / 2)))
    }

    static func normalise(_ frame: [UInt8], by gain: Double) -> [UInt8] {
        let inverse = 1 / gain
        return frame.map { UInt8(min(255, (Double($0) * inverse).rounded())) }
    }

    static func temporalMedian(_ frames: [[UInt8]], count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard !frames.isEmpty else { return out }
        let columns = PixelColumns(frames: frames)
        out.withUnsafeMutableBufferPointer { out in
            let target = UnsafeSendableBuffer(out)
            forEachChunk(count) { range in
                let values = UnsafeMutablePointer<Int>.allocate(capacity: frames.count)
                defer { values.deallocate() }
                for p in range {
                    columns.load(p, into: values)
                    target.base[p] = UInt8(select(values, count: frames.count, frames.count / 2))
                }
            }
        }
        return out
    }

    /// The `k`-th smallest value (quickselect, in place).
    static func select<Value: Comparable>(_ values: inout [Value], _ k: Int) -> Value {
        values.withUnsafeMutableBufferPointer { select($0.baseAddress!, count: $0.count, k) }
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
        LumaDownscaler(scale: self, lut: lut).downscale(luma: luma, stride: stride, into: out)
    }

    /// An analysis-size box in frame pixels, grown by one analysis pixel on every side.
    func frameRect(x: Int, y: Int, width w: Int, height h: Int, frameWidth: Int, frameHeight: Int) -> PixelRect {
        let x0 = max(0, (x - 1) * factor), y0 = max(0, (y - 1) * factor)
        let x1 = min(frameWidth, (x + w + 1) * factor), y1 = min(frameHeight, (y + h + 1) * factor)
        return PixelRect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }
}

/// `AnalysisScale.downscale` for every frame of a clip: averages `factor`×`factor` blocks of
/// luma and maps them through the luma table. The rounded mean and the table are one lookup
/// (`table[sum]`, 255 × factor² + 1 entries, made once), so the loop has no division and its
/// sums wrap unchecked (they cannot overflow): it runs on every frame of a redaction.
final class LumaDownscaler {
    let scale: AnalysisScale
    private let table: [UInt8]
    private var sums: [UInt32]

    init(scale: AnalysisScale, lut: [UInt8]) {
        self.scale = scale
        let area = scale.factor * scale.factor
        table = scale.factor == 1 ? lut : (0...(255 * area)).map { lut[($0 + area / 2) / area] }
        sums = [UInt32](repeating: 0, count: scale.width)
    }

    func downscale(luma: UnsafePointer<UInt8>, stride: Int, into out: UnsafeMutablePointer<UInt8>) {
        let f = scale.factor, width = scale.width, height = scale.height
        table.withUnsafeBufferPointer { table in
            if f == 1 {
                for y in 0..<height { for x in 0..<width { out[y &* width &+ x] = table[Int(luma[y &* stride &+ x])] } }
                return
            }
            sums.withUnsafeMutableBufferPointer { sums in
                for y in 0..<height {
                    sums.update(repeating: 0)
                    for dy in 0..<f {
                        let row = luma + (y &* f &+ dy) &* stride
                        if f == 2 {
                            for x in 0..<width { sums[x] &+= UInt32(row[2 &* x]) &+ UInt32(row[2 &* x &+ 1]) }
                        } else {
                            for x in 0..<width {
                                var s: UInt32 = 0
                                for dx in 0..<f { s &+= UInt32(row[x &* f &+ dx]) }
                                sums[x] &+= s
                            }
                        }
                    }
                    let o = out + y &* width
                    for x in 0..<width { o[x] = table[Int(sums[x])] }
                }
            }
        }
    }
}
