/// The per-pixel statistics of `SceneBackground`, computed one pixel at a time over the
/// samples of that pixel (a column through the sampled frames), so that chunks of pixels can be
/// computed in parallel and each pixel's samples are read once.
final class PixelColumns: @unchecked Sendable {  // immutable after init
    /// The frames, one after the other (`count` pixels each).
    private let data: UnsafeMutablePointer<UInt8>
    let frameCount: Int
    private let pixels: Int

    init(frames: [[UInt8]]) {
        frameCount = frames.count
        pixels = frames.first?.count ?? 0
        data = .allocate(capacity: max(1, frameCount * pixels))
        for (i, frame) in frames.enumerated() {
            frame.withUnsafeBufferPointer { (data + i * pixels).update(from: $0.baseAddress!, count: min(pixels, $0.count)) }
        }
    }

    deinit { data.deallocate() }

    /// The samples of pixel `p`, in time order.
    @inline(__always) func load(_ p: Int, into values: UnsafeMutablePointer<Int>) {
        var source = data + p
        for i in 0..<frameCount { values[i] = Int(source.pointee); source += pixels }
    }

    /// Median, threshold, and (with `parts`) the contested and passing state of every pixel in
    /// `range`; see `SceneBackground` for what each means.
    func statistics(_ range: Range<Int>, parts: [Range<Int>], into out: PixelStatistics) {
        let n = frameCount, k = parts.count
        let column = UnsafeMutablePointer<Int>.allocate(capacity: max(1, n))
        let scratch = UnsafeMutablePointer<Int>.allocate(capacity: max(1, n))
        defer { column.deallocate(); scratch.deallocate() }
        var partMedians = [Int](repeating: 0, count: k)
        var differs = [Bool](repeating: false, count: k)
        for p in range {
            load(p, into: column)
            scratch.update(from: column, count: n)
            let clip = n > 0 ? SceneBackground.select(scratch, count: n, n / 2) : 0
            out.median[p] = UInt8(clip)
            // Noise: median absolute difference between consecutive samples. A person who
            // stands for a long time changes few consecutive pairs, so (unlike the deviation
            // from the median) it does not raise the threshold where they stand and hide them.
            var mad = 0
            if n > 1 {
                for i in 1..<n { scratch[i - 1] = abs(column[i] - column[i - 1]) }
                mad = SceneBackground.select(scratch, count: n - 1, (n - 1) / 2)
            }
            let sigma = min(15.0, max(1.5, 1.4826 * Double(mad) / 2.0.squareRoot()))
            let limit = Int(max(Double(SceneBackground.minimumThreshold), (4 * sigma).rounded()))
            out.threshold[p] = UInt8(limit)
            guard k >= 2 else { continue }
            // Part medians: where a steady one disagrees with the clip's median, something
            // stood there for part of the clip. Only steady parts count (most of their samples
            // within the threshold of the part's median): the background and a person standing
            // are steady, a person walking past is not — their texture slides by.
            for (s, part) in parts.enumerated() {
                for i in part { scratch[i - part.lowerBound] = column[i] }
                let centre = SceneBackground.select(scratch, count: part.count, part.count / 2)
                partMedians[s] = centre
                differs[s] = false
                guard abs(centre - clip) > limit else { continue }
                let needed = Int((Double(part.count) * SceneBackground.steadyShare).rounded(.up))
                var steady = 0
                for i in part where abs(column[i] - centre) <= limit { steady += 1 }
                differs[s] = steady >= needed
            }
            // A differing part is a passage when a neighbouring part shows a third value
            // (neither the clip's median nor this part's): something kept changing there — a
            // person moving very slowly — rather than two steady states alternating (background
            // and a person who stood, in either role). Where every differing part of a pixel is
            // a passage, the pixel is foreground only in those parts and their neighbours;
            // otherwise nobody can tell which state is the person, and it is foreground for the
            // whole clip (fail closed).
            var bits: UInt32 = 0
            var allPassages = true
            for s in 0..<k where differs[s] {
                bits |= (UInt32(0b111) << UInt32(s)) >> 1
                let own = partMedians[s]
                var third = false
                for t in [s - 1, s + 1] where t >= 0 && t < k {
                    let v = partMedians[t]
                    if abs(v - clip) > limit && abs(v - own) > limit { third = true }
                }
                if !third { allPassages = false }
            }
            out.parts[p] = bits
            guard bits != 0 else { continue }
            if allPassages { out.passing[p] = bits } else { out.contested[p] = true }
        }
    }
}

/// Where `PixelColumns.statistics` writes; chunks write disjoint pixels.
struct PixelStatistics: @unchecked Sendable {
    let median: UnsafeMutableBufferPointer<UInt8>
    let threshold: UnsafeMutableBufferPointer<UInt8>
    let contested: UnsafeMutableBufferPointer<Bool>
    let passing: UnsafeMutableBufferPointer<UInt32>
    /// The parts each pixel differs in (with their neighbours), passage or not.
    let parts: UnsafeMutableBufferPointer<UInt32>
}

/// A buffer written at disjoint indices by parallel iterations.
struct UnsafeSendableBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>
    init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }
}

extension SceneBackground {
    /// The `k`-th smallest of `count` values (quickselect, in place).
    static func select<Value: Comparable>(_ values: UnsafeMutablePointer<Value>, count: Int, _ k: Int) -> Value {
        var lo = 0, hi = count - 1
        while lo < hi {
            let pivot = values[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j { (values[i], values[j]) = (values[j], values[i]); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return values[k] }
        }
        return values[k]
    }
}
