/// Value-level semantics of CEL operators: checked integer arithmetic, heterogeneous numeric
/// comparison, concatenation, time arithmetic, membership and indexing.
enum Ops {
    static func add(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw CELEvalError("integer overflow") }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw CELEvalError("unsigned integer overflow") }
            return .uint(r)
        case (.double(let x), .double(let y)): return .double(x + y)
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.bytes(let x), .bytes(let y)): return .bytes(x + y)
        case (.list(let x), .list(let y)): return .list(x + y)
        case (.duration(let x), .duration(let y)): return .duration(try TimeOps.addDurations(x, y))
        case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)): return .timestamp(try TimeOps.add(t, d))
        default: throw .noOverload("_+_", a, b)
        }
    }

    static func subtract(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw CELEvalError("integer overflow") }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw CELEvalError("unsigned integer overflow") }
            return .uint(r)
        case (.double(let x), .double(let y)): return .double(x - y)
        case (.duration(let x), .duration(let y)):
            let (r, o) = x.nanoseconds.subtractingReportingOverflow(y.nanoseconds)
            if o { throw CELEvalError("duration out of range") }
            return .duration(CELDuration(nanoseconds: r))
        case (.timestamp(let t), .duration(let d)):
            if d.nanoseconds == Int64.min { throw CELEvalError("duration out of range") }
            return .timestamp(try TimeOps.add(t, CELDuration(nanoseconds: -d.nanoseconds)))
        case (.timestamp(let x), .timestamp(let y)): return .duration(try TimeOps.difference(x, y))
        default: throw .noOverload("_-_", a, b)
        }
    }

    static func multiply(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw CELEvalError("integer overflow") }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw CELEvalError("unsigned integer overflow") }
            return .uint(r)
        case (.double(let x), .double(let y)): return .double(x * y)
        default: throw .noOverload("_*_", a, b)
        }
    }

    static func divide(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { throw CELEvalError("division by zero") }
            let (r, o) = x.dividedReportingOverflow(by: y)
            if o { throw CELEvalError("integer overflow") }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            if y == 0 { throw CELEvalError("division by zero") }
            return .uint(x / y)
        case (.double(let x), .double(let y)): return .double(x / y)
        default: throw .noOverload("_/_", a, b)
        }
    }

    static func modulo(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { throw CELEvalError("modulus by zero") }
            let (r, o) = x.remainderReportingOverflow(dividingBy: y)
            if o { throw CELEvalError("integer overflow") }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            if y == 0 { throw CELEvalError("modulus by zero") }
            return .uint(x % y)
        default: throw .noOverload("_%_", a, b)
        }
    }

    static func negate(_ a: CELValue) throws(CELEvalError) -> CELValue {
        switch a {
        case .int(let x):
            if x == Int64.min { throw CELEvalError("integer overflow") }
            return .int(-x)
        case .double(let x): return .double(-x)
        case .duration(let d):
            if d.nanoseconds == Int64.min { throw CELEvalError("duration out of range") }
            return .duration(CELDuration(nanoseconds: -d.nanoseconds))
        default: throw .noOverload("-_", a)
        }
    }

    static func not(_ a: CELValue) throws(CELEvalError) -> CELValue {
        guard case .bool(let b) = a else { throw .noOverload("!_", a) }
        return .bool(!b)
    }

    /// Ordering for `< <= > >=`: -1, 0 or 1; nil for NaN; an error for types without an order.
    static func compare(_ a: CELValue, _ b: CELValue, _ op: String) throws(CELEvalError) -> Int? {
        switch (a, b) {
        case (.int, _), (.uint, _), (.double, _):
            switch b {
            case .int, .uint, .double: return NumericOrder.compare(a, b)
            default: throw .noOverload(op, a, b)
            }
        case (.string(let x), .string(let y)):
            // CEL orders strings by code point; Swift's String `<` compares Unicode scalars for ASCII-equivalent data
            // but uses canonical ordering for others, so compare scalars explicitly.
            return compareScalars(x, y)
        case (.bytes(let x), .bytes(let y)): return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.duration(let x), .duration(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.timestamp(let x), .timestamp(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        default: throw .noOverload(op, a, b)
        }
    }

    @inline(__always)
    static func compareScalars(_ x: String, _ y: String) -> Int {
        if x == y { return 0 }
        var i = x.unicodeScalars.makeIterator(), j = y.unicodeScalars.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let a?, let b?): if a != b { return a.value < b.value ? -1 : 1 }
            }
        }
    }

    static func lessThan(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue { .bool((try compare(a, b, "_<_") ?? 1) < 0) }
    static func lessOrEqual(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue { .bool((try compare(a, b, "_<=_") ?? 1) <= 0) }
    static func greaterThan(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue { .bool((try compare(a, b, "_>_") ?? -1) > 0) }
    static func greaterOrEqual(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue { .bool((try compare(a, b, "_>=_") ?? -1) >= 0) }
    static func equal(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue { .bool(a == b) }
    static func notEqual(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue { .bool(a != b) }

    /// `a in b`: list membership by CEL equality, or map key presence.
    static func contained(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch b {
        case .list(let l): return .bool(l.contains(a))
        case .map(let m):
            switch a {
            case .int, .uint, .double, .string, .bool: return .bool(m.contains(a))
            default: return .bool(false)
            }
        default: throw .noOverload("@in", a, b)
        }
    }

    static func index(_ a: CELValue, _ i: CELValue) throws(CELEvalError) -> CELValue {
        switch a {
        case .list(let l):
            let k: Int64
            switch i {
            case .int(let x): k = x
            case .uint(let x): guard x <= UInt64(Int64.max) else { throw CELEvalError("index out of bounds: \(x)") }; k = Int64(x)
            case .double(let d):
                guard let x = Int64(exactly: d) else { throw CELEvalError("invalid list index: \(d)") }
                k = x
            default: throw .noOverload("_[_]", a, i)
            }
            guard k >= 0 && k < Int64(l.count) else { throw CELEvalError("index out of bounds: \(k)") }
            return l[Int(k)]
        case .map(let m):
            switch i {
            case .int, .uint, .double, .string, .bool:
                guard let v = m[i] else { throw CELEvalError("no such key: \(Format.debug(i))") }
                return v
            default: throw CELEvalError("unsupported key type: \(i.celType.name)")
            }
        default: throw .noOverload("_[_]", a, i)
        }
    }

    /// `x.f` on a value whose type was not known at compile time.
    @inline(__always)
    static func select(_ a: CELValue, _ key: CELValue, _ hash: Int, _ name: String) throws(CELEvalError) -> CELValue {
        switch a {
        case .map(let m):
            guard let v = m.lookup(key, hash: hash) else { throw CELEvalError("no such key: '\(name)'") }
            return v
        case .object(let o):
            guard let i = o.type.index(of: name) else { throw CELEvalError("no such field '\(name)' on \(o.type.name)") }
            guard let v = o.fields[i] else { throw CELEvalError("no such field: '\(name)' is not set on \(o.type.name)") }
            return v
        default: throw CELEvalError("type '\(a.celType.name)' does not support field selection")
        }
    }

    static func has(_ a: CELValue, _ key: CELValue, _ hash: Int, _ name: String) throws(CELEvalError) -> CELValue {
        switch a {
        case .map(let m): return .bool(m.contains(key, hash: hash))
        case .object(let o):
            guard let i = o.type.index(of: name) else { throw CELEvalError("no such field '\(name)' on \(o.type.name)") }
            return .bool(o.fields[i] != nil)
        default: throw CELEvalError("type '\(a.celType.name)' does not support field selection")
        }
    }

    static func size(_ a: CELValue) throws(CELEvalError) -> CELValue {
        switch a {
        case .string(let s): return .int(Int64(s.unicodeScalars.count))
        case .bytes(let b): return .int(Int64(b.count))
        case .list(let l): return .int(Int64(l.count))
        case .map(let m): return .int(Int64(m.count))
        default: throw .noOverload("size", a)
        }
    }
}
