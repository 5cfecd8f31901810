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
    /// order: blurring is most of a redaction's own work.
    func blur(radius: Int, passes: Int) {
        guard width > 0, height > 0 else { return }
        let w = width, h = height
        let window = Int32(2 * radius + 1), half = window / 2
        let padded = UnsafeMutablePointer<Int32>.allocate(capacity: max(w, h) + 2 * radius)
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: w * h)
        let sums = UnsafeMutablePointer<Int32>.allocate(capacity: w)
        defer { padded.deallocate(); copy.deallocate(); sums.deallocate() }
        for _ in 0..<passes {
            for r in 0..<h {
                let p = row(r)
                for i in 0..<radius { padded[i] = Int32(p[0]); padded[radius + w + i] = Int32(p[w - 1]) }
                for c in 0..<w { padded[radius + c] = Int32(p[c]) }
                var sum: Int32 = 0
                for i in 0..<(2 * radius + 1) { sum += padded[i] }
                for c in 0..<w {
                    p[c] = UInt8(truncatingIfNeeded: (sum + half) / window)
                    if c + 1 < w { sum += padded[c + 2 * radius + 1] - padded[c] }
                }
            }
            for r in 0..<h { (copy + r * w).update(from: row(r), count: w) }
            @inline(__always) func source(_ r: Int) -> UnsafeMutablePointer<UInt8> { copy + min(max(r, 0), h - 1) * w }
            for c in 0..<w { sums[c] = 0 }
            for i in -radius...radius { let s = source(i); for c in 0..<w { sums[c] += Int32(s[c]) } }
            for r in 0..<h {
                let p = row(r)
                for c in 0..<w { p[c] = UInt8(truncatingIfNeeded: (sums[c] + half) / window) }
                if r + 1 < h {
                    let incoming = source(r + radius + 1), outgoing = source(r - radius)
                    for c in 0..<w { sums[c] += Int32(incoming[c]) - Int32(outgoing[c]) }
                }
            }
        }
    }
}
