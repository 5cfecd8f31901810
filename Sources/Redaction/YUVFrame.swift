import Detection

/// One 8-bit 4:2:0 frame, all three planes in one buffer exactly as Y4M carries them
/// (Y, then U, then V). Redaction edits it in place before it is re-encoded.
struct YUVFrame {
    let width: Int
    let height: Int
    var bytes: [UInt8]

    var chromaWidth: Int { (width + 1) / 2 }
    var chromaHeight: Int { (height + 1) / 2 }
    var lumaCount: Int { width * height }
    var chromaCount: Int { chromaWidth * chromaHeight }
    static func byteCount(width: Int, height: Int) -> Int {
        width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2)
    }

    /// The three planes with their geometry, for code that treats them alike.
    var planes: [(offset: Int, width: Int, height: Int, scale: Int)] {
        [(0, width, height, 1), (lumaCount, chromaWidth, chromaHeight, 2), (lumaCount + chromaCount, chromaWidth, chromaHeight, 2)]
    }
}

/// A rectangle in frame pixels, half-open: `x..<x+width`.
public struct PixelRect: Sendable, Hashable, Codable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    init(_ box: BoundingBox) { self.init(x: box.x, y: box.y, width: box.width, height: box.height) }

    /// Grown by `fraction` of its size plus `pixels` on every side, clipped to the frame.
    func expanded(fraction: Double, pixels: Int, width frameWidth: Int, height frameHeight: Int) -> PixelRect? {
        let dx = Int((Double(width) * fraction).rounded(.up)) + pixels
        let dy = Int((Double(height) * fraction).rounded(.up)) + pixels
        let x0 = max(0, x - dx), y0 = max(0, y - dy)
        let x1 = min(frameWidth, x + width + dx), y1 = min(frameHeight, y + height + dy)
        guard x1 > x0, y1 > y0 else { return nil }
        return PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    func contains(x px: Int, y py: Int) -> Bool { px >= x && px < x + width && py >= y && py < y + height }
}

/// How a region is made unrecognisable.
public enum RedactionMethod: String, Sendable, CaseIterable, Codable {
    /// A strong separable box blur (three passes ≈ Gaussian), radius tied to the region size.
    case blur
    /// Block averages, blocks at least 1/6 of the region's short side.
    case pixelate
    /// A flat mid-grey.
    case fill
}

extension YUVFrame {
    /// Redacts `rect` (luma pixels) in all planes with `method`.
    mutating func redact(_ rect: PixelRect, method: RedactionMethod) {
        let planes = self.planes
        bytes.withUnsafeMutableBufferPointer { buffer in
            for plane in planes {
                let x0 = rect.x / plane.scale, y0 = rect.y / plane.scale
                let x1 = min(plane.width, (rect.x + rect.width + plane.scale - 1) / plane.scale)
                let y1 = min(plane.height, (rect.y + rect.height + plane.scale - 1) / plane.scale)
                guard x1 > x0, y1 > y0 else { continue }
                let base = buffer.baseAddress! + plane.offset
                let region = PlaneRegion(base: base, stride: plane.width, x: x0, y: y0, width: x1 - x0, height: y1 - y0)
                switch method {
                case .fill: region.fill(128)   // mid-grey luma, neutral chroma
                case .pixelate: region.pixelate(block: max(4, min(region.width, region.height) / 6))
                // The radius follows the long side too: a box clipped thin by the frame edge is
                // still blurred as strongly as the person it holds.
                case .blur: region.blur(radius: max(3, min(region.width, region.height) / 3, max(region.width, region.height) / 6), passes: 3)
                }
            }
        }
    }
}

/// A rectangular window onto one plane.
struct PlaneRegion {
    let base: UnsafeMutablePointer<UInt8>
    let stride: Int
    let x: Int, y: Int, width: Int, height: Int

    @inline(__always) func row(_ r: Int) -> UnsafeMutablePointer<UInt8> { base + (y + r) * stride + x }

    func fill(_ value: UInt8) {
        for r in 0..<height { row(r).update(repeating: value, count: width) }
    }

    func pixelate(block: Int) {
        var by = 0
        while by < height {
            let bh = min(block, height - by)
            var bx = 0
            while bx < width {
                let bw = min(block, width - bx)
                var sum = 0
                for r in by..<(by + bh) { let p = row(r); for c in bx..<(bx + bw) { sum += Int(p[c]) } }
                let mean = UInt8((sum + bw * bh / 2) / (bw * bh))
                for r in by..<(by + bh) { (row(r) + bx).update(repeating: mean, count: bw) }
                bx += block
            }
            by += block
        }
    }

    /// Box blur with running sums, horizontal then vertical, `passes` times; edges clamp to
    /// the region so nothing outside it leaks in or is changed. The vertical pass runs along
    /// rows (running column sums over a copy of the region), so both passes read memory in
    /// order: blurring is most of a redaction's own work. Sums are divided by the window with a
    /// 16-bit fixed-point reciprocal (at most one grey level off) and wrapping arithmetic, which
    /// cannot overflow here (a sum is at most 255 × the window): an integer division and overflow
    /// checks per pixel made this loop half of a redaction's time and kept it from vectorising.
    func blur(radius: Int, passes: Int) {
        let factor = radius / Self.reducedBlurRadius
        if factor >= 2, width >= 2 * factor, height >= 2 * factor {
            blurReduced(radius: radius, passes: passes, factor: factor)
        } else {
            blurDirect(radius: radius, passes: passes)
        }
    }

    /// Radius, in reduced pixels, at which a large blur is computed: a blur as wide as a third
    /// of a person leaves nothing finer than its radius, so it is computed on block means
    /// (`factor`² fewer pixels) and drawn back with bilinear interpolation. The block means only
    /// add smoothing: the result is never sharper than the direct blur of the same radius.
    static let reducedBlurRadius = 4

    private func blurReduced(radius: Int, passes: Int, factor k: Int) {
        let sw = (width + k - 1) / k, sh = (height + k - 1) / k
        let small = UnsafeMutablePointer<UInt8>.allocate(capacity: sw * sh)
        let sums = UnsafeMutablePointer<UInt32>.allocate(capacity: sw)
        defer { small.deallocate(); sums.deallocate() }
        for by in 0..<sh {
            let r0 = by * k, r1 = min(height, r0 + k)
            sums.update(repeating: 0, count: sw)
            for r in r0..<r1 {
                let p = row(r)
                for bx in 0..<sw {
                    var sum: UInt32 = 0
                    for c in (bx * k)..<min(width, bx * k + k) { sum &+= UInt32(p[c]) }
                    sums[bx] &+= sum
                }
            }
            for bx in 0..<sw {
                let count = UInt32((min(width, bx * k + k) - bx * k) * (r1 - r0))
                small[by * sw + bx] = UInt8(truncatingIfNeeded: (sums[bx] + count / 2) / count)
            }
        }
        PlaneRegion(base: small, stride: sw, x: 0, y: 0, width: sw, height: sh)
            .blurDirect(radius: max(1, (radius + k / 2) / k), passes: passes)
        // Bilinear interpolation with 7-bit weights, so that a row interpolated across fits in
        // 16 bits and the blend down the rows multiplies 16-bit lanes (fast on every x86-64);
        // the centre of output pixel x falls at (x + ½) / k − ½ in reduced pixels, clamped.
        func taps(_ n: Int, _ limit: Int) -> (lower: [Int], upper: [Int], weight: [UInt16]) {
            var lower = [Int](repeating: 0, count: n), upper = lower, weight = [UInt16](repeating: 0, count: n)
            for i in 0..<n {
                let position = min(max(((2 * i + 1) * 128) / (2 * k) - 64, 0), (limit - 1) * 128)
                lower[i] = position >> 7
                upper[i] = min(lower[i] + 1, limit - 1)
                weight[i] = UInt16(position & 127)
            }
            return (lower, upper, weight)
        }
        let columns = taps(width, sw), rows = taps(height, sh)
        let top = UnsafeMutablePointer<UInt16>.allocate(capacity: width)
        let bottom = UnsafeMutablePointer<UInt16>.allocate(capacity: width)
        defer { top.deallocate(); bottom.deallocate() }
        columns.lower.withUnsafeBufferPointer { lower in
            columns.upper.withUnsafeBufferPointer { upper in
                columns.weight.withUnsafeBufferPointer { weight in
                    func interpolateRow(_ source: Int, into out: UnsafeMutablePointer<UInt16>) {
                        let s = small + source * sw
                        for x in 0..<width {
                            let w = weight[x]
                            out[x] = UInt16(s[lower[x]]) &* (128 &- w) &+ UInt16(s[upper[x]]) &* w
                        }
                    }
                    var cached = (top: -1, bottom: -1)
                    for y in 0..<height {
                        let (above, below) = (rows.lower[y], rows.upper[y])
                        if cached.top != above {
                            if cached.bottom == above { top.update(from: bottom, count: width) } else { interpolateRow(above, into: top) }
                            cached.top = above
                        }
                        if cached.bottom != below { interpolateRow(below, into: bottom); cached.bottom = below }
                        let w = UInt32(rows.weight[y]), p = row(y)
                        for x in 0..<width {
                            let value = (UInt32(top[x]) &* (128 &- w) &+ UInt32(bottom[x]) &* w &+ 0x2000) >> 14
                            p[x] = UInt8(truncatingIfNeeded: Swift.min(value, 255))
                        }
                    }
                }
            }
        }
    }

    private func blurDirect(radius: Int, passes: Int) {
        guard width > 0, height > 0, radius > 0 else { return }
        let w = width, h = height
        let window = UInt32(2 * radius + 1)
        let reciprocal = ((1 << 16) + window / 2) / window
        @inline(__always) func mean(_ sum: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: Swift.min((sum &* reciprocal &+ 0x8000) >> 16, 255)) }
        let padded = UnsafeMutablePointer<UInt32>.allocate(capacity: max(w, h) + 2 * radius)
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: w * h)
        let sums = UnsafeMutablePointer<UInt32>.allocate(capacity: w)
        defer { padded.deallocate(); copy.deallocate(); sums.deallocate() }
        for _ in 0..<passes {
            for r in 0..<h {
                let p = row(r)
                let first = UInt32(p[0]), last = UInt32(p[w - 1])
                for i in 0..<radius { padded[i] = first; padded[radius &+ w &+ i] = last }
                for c in 0..<w { padded[radius &+ c] = UInt32(p[c]) }
                var sum: UInt32 = 0
                for i in 0..<(2 * radius + 1) { sum &+= padded[i] }
                p[0] = mean(sum)
                for c in 1..<w {
                    sum = sum &+ padded[c &+ 2 &* radius] &- padded[c &- 1]
                    p[c] = mean(sum)
                }
            }
            for r in 0..<h { (copy + r * w).update(from: row(r), count: w) }
            @inline(__always) func source(_ r: Int) -> UnsafeMutablePointer<UInt8> { copy + min(max(r, 0), h - 1) * w }
            sums.update(repeating: 0, count: w)
            for i in -radius...radius { let s = source(i); for c in 0..<w { sums[c] &+= UInt32(s[c]) } }
            for r in 0..<h {
                let p = row(r)
                for c in 0..<w { p[c] = mean(sums[c]) }
                if r + 1 < h {
                    let incoming = source(r + radius + 1), outgoing = source(r - radius)
                    for c in 0..<w { sums[c] = sums[c] &+ UInt32(incoming[c]) &- UInt32(outgoing[c]) }
                }
            }
        }
    }
}
