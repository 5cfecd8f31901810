/// The type-conversion functions `int`, `uint`, `double`, `string`, `bytes`, `bool`, `timestamp`,
/// `duration` and `type`, with CEL's range checks.
enum Conversions {
    static func toInt(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .int: return v
        case .uint(let u):
            guard u <= UInt64(Int64.max) else { throw CELEvalError("range error: \(u) does not fit in int") }
            return .int(Int64(u))
        case .double(let d):
            guard d.isFinite, d > -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_808.0 else {
                throw CELEvalError("range error: \(Format.double(d)) does not fit in int")
            }
            return .int(Int64(d))
        case .string(let s):
            guard let i = Int64(s) else { throw CELEvalError("cannot convert '\(s)' to int") }
            return .int(i)
        case .timestamp(let t): return .int(t.seconds)
        default: throw .noOverload("int", v)
        }
    }

    static func toUint(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .uint: return v
        case .int(let i):
            guard i >= 0 else { throw CELEvalError("range error: \(i) does not fit in uint") }
            return .uint(UInt64(i))
        case .double(let d):
            guard d.isFinite, d > -1, d < 18_446_744_073_709_551_616.0 else {
                throw CELEvalError("range error: \(Format.double(d)) does not fit in uint")
            }
            return .uint(UInt64(d))
        case .string(let s):
            guard let u = UInt64(s) else { throw CELEvalError("cannot convert '\(s)' to uint") }
            return .uint(u)
        default: throw .noOverload("uint", v)
        }
    }

    static func toDouble(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .double: return v
        case .int(let i): return .double(Double(i))
        case .uint(let u): return .double(Double(u))
        case .string(let s):
            guard let d = Double(s) else { throw CELEvalError("cannot convert '\(s)' to double") }
            return .double(d)
        default: throw .noOverload("double", v)
        }
    }

    static func toString(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .string: return v
        case .int(let i): return .string(String(i))
        case .uint(let u): return .string(String(u))
        case .double(let d): return .string(Format.double(d))
        case .bool(let b): return .string(b ? "true" : "false")
        case .bytes(let b):
            guard let s = String(validating: b, as: UTF8.self) else { throw CELEvalError("invalid UTF-8 in bytes") }
            return .string(s)
        case .timestamp(let t): return .string(TimeOps.formatTimestamp(t))
        case .duration(let d): return .string(TimeOps.formatDuration(d))
        default: throw .noOverload("string", v)
        }
    }

    static func toBytes(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .bytes: return v
        case .string(let s): return .bytes(Array(s.utf8))
        default: throw .noOverload("bytes", v)
        }
    }

    static func toBool(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .bool: return v
        case .string(let s):
            switch s {
            case "1", "t", "true", "TRUE", "True": return .bool(true)
            case "0", "f", "false", "FALSE", "False": return .bool(false)
            default: throw CELEvalError("cannot convert '\(s)' to bool")
            }
        default: throw .noOverload("bool", v)
        }
    }

    static func toTimestamp(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .timestamp: return v
        case .string(let s): return .timestamp(try TimeOps.parseTimestamp(s))
        case .int(let i):
            let t = CELTimestamp(seconds: i)
            guard t.isInRange else { throw CELEvalError("timestamp out of range") }
            return .timestamp(t)
        default: throw .noOverload("timestamp", v)
        }
    }

    static func toDuration(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .duration: return v
        case .string(let s): return .duration(try TimeOps.parseDuration(s))
        default: throw .noOverload("duration", v)
        }
    }

    static func type(_ v: CELValue) throws(CELEvalError) -> CELValue { .type(v.celType) }
    static func dyn(_ v: CELValue) throws(CELEvalError) -> CELValue { v }
}

/// Text forms of values.
public enum Format {
    /// Go `strconv.FormatFloat(d, 'g', -1, 64)`, as cel-go's `string(double)`: shortest round-trip
    /// digits, in exponent form when the decimal exponent is < -4 or >= 6 (`string(1234567.0)` is
    /// `1.234567e+06`, `string(0.5)` is `0.5`).
    public static func double(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        // Shortest digits and decimal exponent from Swift's round-trip description.
        let desc = abs(d).description
        var mantissa = desc, exp10 = 0
        if let e = desc.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(desc[..<e])
            exp10 = Int(desc[desc.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0]), fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var dp = intPart.count + exp10
        while digits.hasPrefix("0") && digits.count > 1 { digits.removeFirst(); dp -= 1 }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        let neg = d < 0 ? "-" : ""
        let x = dp - 1
        if x < -4 || x >= 6 {
            var s = neg + String(digits.first!)
            if digits.count > 1 { s += "." + digits.dropFirst() }
            let ax = abs(x)
            return s + "e" + (x < 0 ? "-" : "+") + (ax < 10 ? "0" : "") + String(ax)
        }
        if dp <= 0 { return neg + "0." + String(repeating: "0", count: -dp) + digits }
        if dp >= digits.count { return neg + digits + String(repeating: "0", count: dp - digits.count) }
        let idx = digits.index(digits.startIndex, offsetBy: dp)
        return neg + digits[..<idx] + "." + digits[idx...]
    }

    /// A short CEL-like rendering for error messages.
    public static func debug(_ v: CELValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return "\(u)u"
        case .double(let d): return double(d)
        case .string(let s): return "'\(s)'"
        case .bytes(let b): return "b'\(b.count) bytes'"
        case .list(let l): return "[" + l.map(debug).joined(separator: ", ") + "]"
        case .map(let m): return "{" + zip(m.keys, m.values).map { debug($0) + ": " + debug($1) }.joined(separator: ", ") + "}"
        case .duration(let d): return "duration('\(TimeOps.formatDuration(d))')"
        case .timestamp(let t): return "timestamp('\(TimeOps.formatTimestamp(t))')"
        case .type(let t): return t.name
        case .object(let o): return o.type.name + "{…}"
        }
    }
}
