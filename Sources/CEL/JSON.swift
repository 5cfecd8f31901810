import Foundation

public extension CELValue {
    /// Converts plain JSON (as produced by `JSONSerialization`, or Swift literals) to a CEL value:
    /// integers → `int`, numbers with a fraction or exponent → `double`, objects → maps with string
    /// keys, arrays → lists, `NSNull` → `null`. Anything else becomes `null`.
    init(json: Any) {
        switch json {
        case let v as CELValue: self = v
        case let s as String: self = .string(s)
        case let n as NSNumber: self = CELValue.number(n)
        case let b as Bool: self = .bool(b)
        case let i as Int: self = .int(Int64(i))
        case let i as Int64: self = .int(i)
        case let d as Double: self = .double(d)
        case let a as [Any]: self = .list(a.map { CELValue(json: $0) })
        case let o as [String: Any]:
            let names = o.keys.sorted()
            let shape = CELMap.shape(for: names.map { .string($0) }, intern: true)!
            self = .map(CELMap(shape: shape, values: names.map { CELValue(json: o[$0]!) }))
        default: self = .null
        }
    }

    private static func number(_ n: NSNumber) -> CELValue {
        let t = String(cString: n.objCType)
        if t == "c" || t == "B" { return .bool(n.boolValue) }
        if t == "d" || t == "f" {
            let d = n.doubleValue
            return .double(d)
        }
        if t == "Q" { return .uint(n.uint64Value) }
        return .int(n.int64Value)
    }
}
