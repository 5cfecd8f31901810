import Foundation

/// Timestamps and durations: RFC 3339 and Go-style duration parsing and formatting, range-checked
/// arithmetic, and the calendar accessors (`getFullYear`, … with an optional time zone).
enum TimeOps {
    static func add(_ t: CELTimestamp, _ d: CELDuration) throws(CELEvalError) -> CELTimestamp {
        let total = Int128(t.seconds) * 1_000_000_000 + Int128(t.nanos) + Int128(d.nanoseconds)
        return try timestamp(nanoseconds: total)
    }

    static func timestamp(nanoseconds total: Int128) throws(CELEvalError) -> CELTimestamp {
        var s = total / 1_000_000_000, n = total % 1_000_000_000
        if n < 0 { n += 1_000_000_000; s -= 1 }
        guard s >= Int128(CELTimestamp.minSeconds) && s <= Int128(CELTimestamp.maxSeconds) else {
            throw CELEvalError("timestamp out of range")
        }
        return CELTimestamp(seconds: Int64(s), nanos: Int32(n))
    }

    static func addDurations(_ a: CELDuration, _ b: CELDuration) throws(CELEvalError) -> CELDuration {
        let (r, o) = a.nanoseconds.addingReportingOverflow(b.nanoseconds)
        if o { throw CELEvalError("duration out of range") }
        return CELDuration(nanoseconds: r)
    }

    static func difference(_ a: CELTimestamp, _ b: CELTimestamp) throws(CELEvalError) -> CELDuration {
        let d = (Int128(a.seconds) - Int128(b.seconds)) * 1_000_000_000 + Int128(a.nanos) - Int128(b.nanos)
        guard d >= Int128(Int64.min) && d <= Int128(Int64.max) else { throw CELEvalError("duration out of range") }
        return CELDuration(nanoseconds: Int64(d))
    }

    // MARK: Parsing and formatting

    /// RFC 3339: `2009-02-13T23:31:30.123Z`, `…+01:00`.
    static func parseTimestamp(_ s: String) throws(CELEvalError) -> CELTimestamp {
        let b = Array(s.utf8)
        var i = 0
        func num(_ n: Int) throws(CELEvalError) -> Int {
            var v = 0
            for _ in 0..<n {
                guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { throw CELEvalError("invalid timestamp '\(s)'") }
                v = v * 10 + Int(b[i] - 0x30)
                i += 1
            }
            return v
        }
        func lit(_ c: Character) throws(CELEvalError) {
            guard i < b.count, Character(UnicodeScalar(b[i])).lowercased() == c.lowercased() else {
                throw CELEvalError("invalid timestamp '\(s)'")
            }
            i += 1
        }
        let year = try num(4); try lit("-"); let month = try num(2); try lit("-"); let day = try num(2)
        try lit("T"); let hour = try num(2); try lit(":"); let minute = try num(2); try lit(":"); let second = try num(2)
        var nanos = 0
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < b.count && b[i] >= 0x30 && b[i] <= 0x39 {
                if digits < 9 { nanos = nanos * 10 + Int(b[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0 && digits <= 9 else { throw CELEvalError("invalid timestamp '\(s)'") }
            for _ in digits..<9 { nanos *= 10 }
        }
        var offset = 0
        guard i < b.count else { throw CELEvalError("invalid timestamp '\(s)'") }
        if b[i] | 0x20 == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            let oh = try num(2); try lit(":"); let om = try num(2)
            offset = sign * (oh * 3600 + om * 60)
        } else { throw CELEvalError("invalid timestamp '\(s)'") }
        guard i == b.count, month >= 1, month <= 12, day >= 1, day <= daysInMonth(year, month), hour < 24, minute < 60, second < 60 else {
            throw CELEvalError("invalid timestamp '\(s)'")
        }
        let days = daysFromCivil(year, month, day)
        let secs = Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        let t = CELTimestamp(seconds: secs, nanos: Int32(nanos))
        guard t.isInRange else { throw CELEvalError("timestamp out of range") }
        return t
    }

    static func formatTimestamp(_ t: CELTimestamp) -> String {
        let days = floorDiv(t.seconds, 86400)
        let rem = Int(t.seconds - days * 86400)
        let (y, m, d) = civilFromDays(days)
        var s = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(rem / 3600, 2) + ":" + pad(rem / 60 % 60, 2) + ":" + pad(rem % 60, 2)
        if t.nanos != 0 { s += "." + fraction(Int(t.nanos)) }
        return s + "Z"
    }

    /// Go `time.ParseDuration` syntax: `-1h2m3.5s`, `100ms`, `1us`, `0`.
    static func parseDuration(_ s: String) throws(CELEvalError) -> CELDuration {
        var sc = Array(s.unicodeScalars)
        var negative = false
        if let f = sc.first, f == "-" || f == "+" { negative = f == "-"; sc.removeFirst() }
        if sc.count == 1 && sc[0] == "0" { return CELDuration(nanoseconds: 0) }
        guard !sc.isEmpty else { throw CELEvalError("invalid duration '\(s)'") }
        var total: Int128 = 0
        var i = 0
        let units: [(String, Int128)] = [("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000),
                                         ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000)]
        while i < sc.count {
            var whole: Int128 = 0, frac: Int128 = 0, fracScale: Int128 = 1, digits = 0
            while i < sc.count, isDigit(sc[i]) {
                whole = whole * 10 + Int128(sc[i].value - 48); digits += 1; i += 1
                if whole > Int128(Int64.max) * 1000 { throw CELEvalError("duration out of range") }
            }
            if i < sc.count && sc[i] == "." {
                i += 1
                while i < sc.count, isDigit(sc[i]) {
                    if fracScale < 1_000_000_000_000_000_000 { frac = frac * 10 + Int128(sc[i].value - 48); fracScale *= 10 }
                    digits += 1; i += 1
                }
            }
            guard digits > 0 else { throw CELEvalError("invalid duration '\(s)'") }
            var unit = ""
            while i < sc.count && !(isDigit(sc[i]) || sc[i] == ".") { unit.unicodeScalars.append(sc[i]); i += 1 }
            guard let scale = units.first(where: { $0.0 == unit })?.1 else { throw CELEvalError("invalid duration '\(s)': unknown unit '\(unit)'") }
            total += whole * scale + frac * scale / fracScale
            if total > Int128(Int64.max) { throw CELEvalError("duration out of range") }
        }
        return CELDuration(nanoseconds: Int64(negative ? -total : total))
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    /// Protobuf JSON form: `-1.5s`, `3600s`.
    static func formatDuration(_ d: CELDuration) -> String {
        let mag = d.nanoseconds.magnitude
        var s = (d.nanoseconds < 0 ? "-" : "") + String(mag / 1_000_000_000)
        let n = Int(mag % 1_000_000_000)
        if n != 0 { s += "." + fraction(n) }
        return s + "s"
    }

    private static func fraction(_ nanos: Int) -> String {
        var f = pad(nanos, 9)
        while f.hasSuffix("0") { f.removeLast() }
        return f
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    // MARK: Calendar

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int64) -> (Int, Int, Int) {
        let z = Int(z0) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }

    static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }
    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }

    /// Seconds east of UTC for a zone name (`UTC`, `Europe/Paris`, `+11:00`, `-02:30`, `02:00`) at an instant.
    static func offset(zone: String, at t: CELTimestamp) throws(CELEvalError) -> Int64 {
        let b = Array(zone.utf8)
        var body = b[...], sign: Int64 = 1
        if let f = b.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
            sign = f == UInt8(ascii: "-") ? -1 : 1
            body = b.dropFirst()
        }
        if body.count == 5, body[body.startIndex + 2] == UInt8(ascii: ":"),
           let h = Int64(String(decoding: body.prefix(2), as: UTF8.self)),
           let m = Int64(String(decoding: body.suffix(2), as: UTF8.self)), h < 24, m < 60 {
            return sign * (h * 3600 + m * 60)
        }
        guard let tz = TimeZone(identifier: zone) else { throw CELEvalError("unknown time zone '\(zone)'") }
        return Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.seconds))))
    }

    static func accessor(_ name: String, _ v: CELValue, zone: String?) throws(CELEvalError) -> CELValue {
        switch v {
        case .timestamp(let t):
            let local = t.seconds + (try zone.map { (z) throws(CELEvalError) -> Int64 in try offset(zone: z, at: t) } ?? 0)
            let days = floorDiv(local, 86400)
            let rem = local - days * 86400
            let (y, m, d) = civilFromDays(days)
            switch name {
            case "getFullYear": return .int(Int64(y))
            case "getMonth": return .int(Int64(m - 1))
            case "getDate": return .int(Int64(d))
            case "getDayOfMonth": return .int(Int64(d - 1))
            case "getDayOfYear": return .int(Int64(daysFromCivil(y, m, d) - daysFromCivil(y, 1, 1)))
            case "getDayOfWeek": return .int(Int64(((days % 7) + 11) % 7))   // 1970-01-01 was a Thursday (4)
            case "getHours": return .int(rem / 3600)
            case "getMinutes": return .int(rem / 60 % 60)
            case "getSeconds": return .int(rem % 60)
            case "getMilliseconds": return .int(Int64(t.nanos / 1_000_000))
            default: break
            }
        case .duration(let d) where zone == nil:
            switch name {
            case "getHours": return .int(d.nanoseconds / 3_600_000_000_000)
            case "getMinutes": return .int(d.nanoseconds / 60_000_000_000)
            case "getSeconds": return .int(d.nanoseconds / 1_000_000_000)
            case "getMilliseconds": return .int(d.nanoseconds % 1_000_000_000 / 1_000_000)
            default: break
            }
        default: break
        }
        throw .noOverload(name, v)
    }

    static let accessorNames: Set<String> = ["getFullYear", "getMonth", "getDate", "getDayOfMonth", "getDayOfYear",
                                             "getDayOfWeek", "getHours", "getMinutes", "getSeconds", "getMilliseconds"]
}
