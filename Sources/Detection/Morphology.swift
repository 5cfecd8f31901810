/// 3×3 binary morphology on 0/255 masks, as OpenCV's `morphologyEx` with a 3×3 rectangle and
/// its default border (pixels outside the image never win a min or a max).
///
/// A rectangle is separable, so each operation is a horizontal pass then a vertical pass of
/// 3-wide min (erode) or max (dilate), 16 pixels at a time. On a 0/255 mask min is AND and
/// max is OR.
struct Morphology {
    let width: Int
    let height: Int

    /// Opening (erode, dilate) then closing (dilate, erode) of `mask`, in place; `scratch`
    /// holds `width * height` bytes.
    func openThenClose(_ mask: UnsafeMutablePointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>) {
        pass(mask, into: scratch, erode: true)
        pass(scratch, into: mask, erode: false)
        pass(mask, into: scratch, erode: false)
        pass(scratch, into: mask, erode: true)
    }

    /// One 3×3 erosion or dilation from `src` into `dst` (distinct buffers). The horizontal
    /// result of the current row is kept in `rows` (three rotating row buffers).
    private func pass(_ src: UnsafeMutablePointer<UInt8>, into dst: UnsafeMutablePointer<UInt8>, erode: Bool) {
        let w = width, h = height
        // Horizontal pass into dst (safe: each output row depends on one input row).
        for y in 0..<h {
            horizontal(src + y * w, dst + y * w, erode: erode)
        }
        // Vertical pass in place over dst, carrying the previous row's original values.
        let previous = UnsafeMutablePointer<UInt8>.allocate(capacity: w)
        let current = UnsafeMutablePointer<UInt8>.allocate(capacity: w)
        defer { previous.deallocate(); current.deallocate() }
        for y in 0..<h {
            let row = dst + y * w
            current.update(from: row, count: w)
            let below: UnsafeMutablePointer<UInt8>? = y + 1 < h ? dst + (y + 1) * w : nil
            let above: UnsafeMutablePointer<UInt8>? = y > 0 ? previous : nil
            vertical(row, current: current, above: above, below: below, erode: erode)
            previous.update(from: current, count: w)
        }
    }

    @inline(__always)
    private func horizontal(_ s: UnsafeMutablePointer<UInt8>, _ d: UnsafeMutablePointer<UInt8>, erode: Bool) {
        let w = width
        if w == 1 { d[0] = s[0]; return }
        d[0] = erode ? s[0] & s[1] : s[0] | s[1]
        d[w - 1] = erode ? s[w - 2] & s[w - 1] : s[w - 2] | s[w - 1]
        var x = 1
        let raw = UnsafeRawPointer(s)
        while x + 17 <= w {
            let l = raw.loadUnaligned(fromByteOffset: x - 1, as: SIMD16<UInt8>.self)
            let c = raw.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self)
            let r = raw.loadUnaligned(fromByteOffset: x + 1, as: SIMD16<UInt8>.self)
            let v = erode ? (l & c & r) : (l | c | r)
            UnsafeMutableRawPointer(d).storeBytes(of: v, toByteOffset: x, as: SIMD16<UInt8>.self)
            x += 16
        }
        while x < w - 1 {
            d[x] = erode ? s[x - 1] & s[x] & s[x + 1] : s[x - 1] | s[x] | s[x + 1]
            x += 1
        }
    }

    @inline(__always)
    private func vertical(_ out: UnsafeMutablePointer<UInt8>, current: UnsafeMutablePointer<UInt8>,
                          above: UnsafeMutablePointer<UInt8>?, below: UnsafeMutablePointer<UInt8>?, erode: Bool) {
        let w = width
        // A missing neighbour row is replaced by the current row: min/max with itself is a no-op.
        let a = UnsafeRawPointer(above ?? current), b = UnsafeRawPointer(below ?? current)
        let c = UnsafeRawPointer(current), o = UnsafeMutableRawPointer(out)
        var x = 0
        while x + 16 <= w {
            let va = a.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self)
            let vb = b.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self)
            let vc = c.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self)
            let v = erode ? (va & vc & vb) : (va | vc | vb)
            o.storeBytes(of: v, toByteOffset: x, as: SIMD16<UInt8>.self)
            x += 16
        }
        let pa = a.assumingMemoryBound(to: UInt8.self), pb = b.assumingMemoryBound(to: UInt8.self)
        while x < w {
            out[x] = erode ? pa[x] & current[x] & pb[x] : pa[x] | current[x] | pb[x]
            x += 1
        }
    }
}
