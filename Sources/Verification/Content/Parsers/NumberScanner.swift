/// Reads decimal numbers out of text bytes quickly (CSV tables, OpenCV FileStorage `data:`
/// blocks): sign, digits, fraction, exponent, `nan`/`inf`. Precision is that of a Double
/// built from at most 19 significant digits — plenty to judge shapes and statistics.
struct NumberScanner {
    static let powers: [Double] = (0...308).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Parses one number starting at `index` (after optional spaces); returns it and the index
    /// after it, or nil when the bytes there are not a number.
    @inline(__always)
    static func number(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> (Double, Int)? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        if b[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if b[i] == UInt8(ascii: "+") { i += 1 }
        guard i < end else { return nil }
        let c = b[i] | 0x20
        if c == UInt8(ascii: "n") || c == UInt8(ascii: "i") || (b[i] == UInt8(ascii: ".") && i + 1 < end && (b[i + 1] | 0x20) == UInt8(ascii: "n")) {
            // nan, inf, .nan, .inf (YAML)
            var j = i
            while j < end, (b[j] | 0x20) >= UInt8(ascii: "a"), (b[j] | 0x20) <= UInt8(ascii: "z") || b[j] == UInt8(ascii: ".") { j += 1 }
            let word = String(decoding: UnsafeBufferPointer(rebasing: b[i..<j]), as: UTF8.self).lowercased()
            switch word {
            case "nan", ".nan": return (.nan, j)
            case "inf", ".inf", "infinity": return (negative ? -.infinity : .infinity, j)
            default: return nil
            }
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while i < end, b[i] >= 0x30, b[i] <= 0x39 {
            sawDigit = true
            if digits < 19 { mantissa = mantissa * 10 + UInt64(b[i] - 0x30); if mantissa > 0 { digits += 1 } } else { exponent += 1 }
            i += 1
        }
        if i < end, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, b[i] >= 0x30, b[i] <= 0x39 {
                sawDigit = true
                if digits < 19 { mantissa = mantissa * 10 + UInt64(b[i] - 0x30); exponent -= 1; if mantissa > 0 { digits += 1 } }
                i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < end, b[i] | 0x20 == UInt8(ascii: "e") {
            var j = i + 1
            var negativeExponent = false
            if j < end, b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: "+") { negativeExponent = b[j] == UInt8(ascii: "-"); j += 1 }
            var value = 0
            var any = false
            while j < end, b[j] >= 0x30, b[j] <= 0x39 { value = min(value * 10 + Int(b[j] - 0x30), 10_000); any = true; j += 1 }
            if any { exponent += negativeExponent ? -value : value; i = j }
        }
        var result = Double(mantissa)
        if exponent > 0 { result = exponent > 308 ? .infinity : result * powers[exponent] }
        else if exponent < 0 { result = -exponent > 308 ? (-exponent > 630 ? 0 : result / powers[308] / powers[min(308, -exponent - 308)]) : result / powers[-exponent] }
        return (negative ? -result : result, i)
    }
}
