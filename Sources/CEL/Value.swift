import Foundation

/// A CEL value. Errors are not values: evaluation returns `Result<CELValue, CELEvalError>`.
///
/// `==` is CEL equality: numbers compare across `int`, `uint` and `double` (`1 == 1u == 1.0`),
/// lists and maps compare by content, and NaN is unequal to itself. Hashing agrees with it, so
/// a map keyed by `1` is found with `1u`.
public enum CELValue: Sendable, Hashable {
    case null, bool(Bool), int(Int64), uint(UInt64), double(Double), string(String),
         bytes([UInt8]), list([CELValue]), map(CELMap), duration(CELDuration), timestamp(CELTimestamp),
         type(CELType), object(CELObject)

    /// The runtime type of the value (what `type(x)` returns).
    public var celType: CELType {
        switch self {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .uint: .uint
        case .double: .double
        case .string: .string
        case .bytes: .bytes
        case .list: .list(.dyn)
        case .map: .map(.dyn, .dyn)
        case .duration: .duration
        case .timestamp: .timestamp
        case .type: .type
        case .object(let o): .object(o.type)
        }
    }

    public static func == (a: CELValue, b: CELValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.string(let x), .string(let y)): return CELValue.sameCodeUnits(x, y)
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.list(let x), .list(let y)): return x == y
        case (.map(let x), .map(let y)): return x == y
        case (.duration(let x), .duration(let y)): return x == y
        case (.timestamp(let x), .timestamp(let y)): return x == y
        case (.type(let x), .type(let y)): return x.name == y.name
        case (.object(let x), .object(let y)): return x == y
        case (.int, .uint), (.int, .double), (.uint, .int), (.uint, .double), (.double, .int), (.double, .uint):
            return NumericOrder.compare(a, b) == 0
        default: return false
        }
    }

    /// CEL string equality: same code points (Swift's `==` would also equate canonically
    /// equivalent strings such as a precomposed and a decomposed "é").
    @inline(__always)
    static func sameCodeUnits(_ x: String, _ y: String) -> Bool {
        let a = x.utf8, b = y.utf8
        guard a.count == b.count else { return false }
        if let r = a.withContiguousStorageIfAvailable({ pa in
            b.withContiguousStorageIfAvailable { pb in pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0 }
        }), let r { return r }
        return a.elementsEqual(b)
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(1); hasher.combine(b)
        case .int(let i): hasher.combine(2); hasher.combine(i)
        case .uint(let u):
            if u <= UInt64(Int64.max) { hasher.combine(2); hasher.combine(Int64(u)) } else { hasher.combine(3); hasher.combine(u) }
        case .double(let d):
            if let i = Int64(exactly: d) { hasher.combine(2); hasher.combine(i) }
            else if let u = UInt64(exactly: d) { hasher.combine(3); hasher.combine(u) }
            else { hasher.combine(4); hasher.combine(d) }
        case .string(let s): hasher.combine(5); hasher.combine(s)
        case .bytes(let b): hasher.combine(6); hasher.combine(b)
        case .list(let l): hasher.combine(7); hasher.combine(l.count)
        case .map(let m): hasher.combine(8); hasher.combine(m.count)
        case .duration(let d): hasher.combine(9); hasher.combine(d)
        case .timestamp(let t): hasher.combine(10); hasher.combine(t)
        case .type(let t): hasher.combine(11); hasher.combine(t.name)
        case .object(let o): hasher.combine(12); hasher.combine(ObjectIdentifier(o.type))
        }
    }
}

/// A CEL map: insertion-ordered entries with hashed lookup. Keys are `bool`, `int`, `uint` or `string`.
///
/// A map is a *shape* (its keys, their hashes and a lookup table, shared by every map with the
/// same keys in the same order, such as 10,000 cameras decoded from JSON) plus its own array of
/// values. A selection with a constant key (`m.zone`, `'owner' in m`) hashes the key once at
/// compile time; at run time it probes the shared, cache-resident shape and reads one value.
public struct CELMap: Sendable, Hashable {
    final class Shape: @unchecked Sendable {
        let keys: [CELValue]
        let hashes: [Int]
        /// Open-addressing table of entry indexes (-1 = empty); empty for small maps (linear scan).
        let table: [Int32]

        init(keys: [CELValue], hashes: [Int]) {
            self.keys = keys
            self.hashes = hashes
            if keys.count <= 8 { table = []; return }
            var size = 16
            while size < keys.count * 2 { size <<= 1 }
            var t = [Int32](repeating: -1, count: size)
            let mask = size - 1
            for i in 0..<keys.count {
                var slot = hashes[i] & mask
                while t[slot] >= 0 { slot = (slot + 1) & mask }
                t[slot] = Int32(i)
            }
            table = t
        }

        @inline(__always)
        func find(_ key: CELValue, hash: Int) -> Int? {
            if table.isEmpty {
                for i in 0..<hashes.count where hashes[i] == hash && keys[i] == key { return i }
                return nil
            }
            let mask = table.count - 1
            var slot = hash & mask
            while true {
                let e = Int(table[slot])
                if e < 0 { return nil }
                if hashes[e] == hash && keys[e] == key { return e }
                slot = (slot + 1) & mask
            }
        }

        static let empty = Shape(keys: [], hashes: [])
    }

    private(set) var shape: Shape
    public private(set) var values: [CELValue]

    init(shape: Shape, values: [CELValue]) {
        self.shape = shape
        self.values = values
    }

    public init() { self.init(shape: .empty, values: []) }

    /// Builds a map; returns nil when a key repeats (CEL rejects `{1: a, 1: b}`).
    public init?(entries: [(CELValue, CELValue)]) {
        guard let shape = CELMap.shape(for: entries.map(\.0)) else { return nil }
        self.init(shape: shape, values: entries.map(\.1))
    }

    /// A shape for these keys (nil when one repeats). Shapes of small key sets are interned so
    /// that maps decoded from uniform JSON share one.
    static func shape(for keys: [CELValue], intern: Bool = false) -> Shape? {
        if intern, let s = ShapeCache.shared.get(keys) { return s }
        let hashes = keys.map(\.hashValue)
        let s = Shape(keys: keys, hashes: hashes)
        if keys.count > 1 {
            for i in 0..<keys.count where s.find(keys[i], hash: hashes[i]) != i { return nil }
        }
        if intern { ShapeCache.shared.put(keys, s) }
        return s
    }

    public var keys: [CELValue] { shape.keys }
    public var count: Int { values.count }

    public subscript(key: CELValue) -> CELValue? {
        guard let i = shape.find(key, hash: key.hashValue) else { return nil }
        return values[i]
    }
    public func contains(_ key: CELValue) -> Bool { shape.find(key, hash: key.hashValue) != nil }

    /// Lookup with a precomputed `key.hashValue` (valid for the life of the process).
    @inline(__always)
    func lookup(_ key: CELValue, hash: Int) -> CELValue? {
        guard let i = shape.find(key, hash: hash) else { return nil }
        return values[i]
    }
    @inline(__always)
    func contains(_ key: CELValue, hash: Int) -> Bool { shape.find(key, hash: hash) != nil }

    /// Sets `key` to `value`, replacing an existing entry in place. Adding a key makes a new
    /// shape (O(n)), so build large maps with `init(entries:)`.
    public mutating func set(_ key: CELValue, _ value: CELValue) {
        let h = key.hashValue
        if let i = shape.find(key, hash: h) {
            values[i] = value
            return
        }
        shape = Shape(keys: shape.keys + [key], hashes: shape.hashes + [h])
        values.append(value)
    }

    public static func == (a: CELMap, b: CELMap) -> Bool {
        guard a.count == b.count else { return false }
        if a.shape === b.shape { return a.values == b.values }
        for (i, k) in a.keys.enumerated() {
            guard let v = b[k], v == a.values[i] else { return false }
        }
        return true
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(count) }
}

/// Interned map shapes (bounded; beyond the bound, shapes are simply not shared).
final class ShapeCache: @unchecked Sendable {
    static let shared = ShapeCache()
    private let lock = NSLock()
    private var shapes: [[CELValue]: CELMap.Shape] = [:]

    func get(_ keys: [CELValue]) -> CELMap.Shape? {
        lock.lock(); defer { lock.unlock() }
        return shapes[keys]
    }
    func put(_ keys: [CELValue], _ s: CELMap.Shape) {
        lock.lock(); defer { lock.unlock() }
        if shapes.count < 4096 && keys.count <= 64 { shapes[keys] = s }
    }
}

/// An instance of a host-declared record type. `fields[i]` is nil when field i is absent,
/// which makes `has(x.f)` false and selecting `x.f` an evaluation error.
public struct CELObject: Sendable, Hashable {
    public let type: CELObjectType
    public let fields: [CELValue?]

    public init(type: CELObjectType, fields: [CELValue?]) {
        self.type = type
        self.fields = fields
    }

    /// Convenience: builds an object from named values; names the type does not declare are ignored.
    public init(type: CELObjectType, values: [String: CELValue]) {
        var f = [CELValue?](repeating: nil, count: type.fields.count)
        for (k, v) in values { if let i = type.index(of: k) { f[i] = v } }
        self.init(type: type, fields: f)
    }

    public static func == (a: CELObject, b: CELObject) -> Bool { a.type === b.type && a.fields == b.fields }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(type)) }
}

/// A signed span of time with nanosecond precision (the range of a 64-bit nanosecond count, as cel-go).
public struct CELDuration: Sendable, Hashable, Comparable {
    public var nanoseconds: Int64
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init(seconds: Int64) { self.nanoseconds = seconds * 1_000_000_000 }
    public static func < (a: CELDuration, b: CELDuration) -> Bool { a.nanoseconds < b.nanoseconds }
}

/// An instant: seconds since the Unix epoch plus nanoseconds (0...999,999,999), years 0001–9999 (UTC).
public struct CELTimestamp: Sendable, Hashable, Comparable {
    public var seconds: Int64
    public var nanos: Int32
    /// Seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the valid range.
    public static let minSeconds: Int64 = -62_135_596_800
    public static let maxSeconds: Int64 = 253_402_300_799

    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }
    var isInRange: Bool { seconds >= Self.minSeconds && seconds <= Self.maxSeconds }
    public static func < (a: CELTimestamp, b: CELTimestamp) -> Bool {
        a.seconds != b.seconds ? a.seconds < b.seconds : a.nanos < b.nanos
    }
}

/// An evaluation error ("division by zero", "no such key: 'x'", "no such overload"…).
public struct CELEvalError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    static func noOverload(_ op: String, _ args: CELValue...) -> CELEvalError {
        CELEvalError("no such overload: \(op)(\(args.map { $0.celType.name }.joined(separator: ", ")))")
    }
}

/// Ordering between int, uint and double: int/uint exactly, against double through Double.
enum NumericOrder {
    /// -1, 0, 1, or nil when unordered (NaN) or not numbers.
    static func compare(_ a: CELValue, _ b: CELValue) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.uint(let x), .uint(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.int(let x), .uint(let y)): return x < 0 ? -1 : cmp(UInt64(x), y)
        case (.uint(let x), .int(let y)): return y < 0 ? 1 : cmp(x, UInt64(y))
        case (.int(let x), .double(let y)): return intDouble(x, y)
        case (.double(let x), .int(let y)): return intDouble(y, x).map { -$0 }
        case (.uint(let x), .double(let y)): return uintDouble(x, y)
        case (.double(let x), .uint(let y)): return uintDouble(y, x).map { -$0 }
        default: return nil
        }
    }
    private static func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
    // Integers meet doubles as doubles (lossy above 2^53), which is what the CEL spec's
    // conformance tests require (`dyn(9223372036854775807) < 9223372036854775808.0` is false).
    private static func intDouble(_ x: Int64, _ y: Double) -> Int? {
        if y.isNaN { return nil }
        let d = Double(x)
        return d < y ? -1 : (d > y ? 1 : 0)
    }
    private static func uintDouble(_ x: UInt64, _ y: Double) -> Int? {
        if y.isNaN { return nil }
        let d = Double(x)
        return d < y ? -1 : (d > y ? 1 : 0)
    }
}
