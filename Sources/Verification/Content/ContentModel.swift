/// The shared vocabulary of the content audit (identify → unpack → parse → detect):
/// where a value sits inside nested containers, the numeric arrays found there, and the
/// budgets that keep hostile files (bombs, deep nesting) cheap.

/// `knn.joblib › zlib › pickle › ndarray[6×128]`: every step from the file to the value.
public struct ContentPath: Sendable, Hashable, CustomStringConvertible {
    public private(set) var steps: [String]

    public init(_ steps: [String]) { self.steps = steps }

    public func appending(_ step: String) -> ContentPath { ContentPath(steps + [step]) }

    /// Everything after the file name (the part a location's `file` does not say).
    public var inner: String { steps.dropFirst().joined(separator: " › ") }

    public var description: String { steps.joined(separator: " › ") }
}

/// Element types of arrays read from binary formats.
enum ScalarType: Sendable, Equatable {
    case float32, float64, float16, int8, int16, int32, int64, uint8, uint16, uint32, uint64, bool

    var size: Int {
        switch self {
        case .int8, .uint8, .bool: return 1
        case .float16, .int16, .uint16: return 2
        case .float32, .int32, .uint32: return 4
        case .float64, .int64, .uint64: return 8
        }
    }

    var isFloat: Bool { self == .float32 || self == .float64 || self == .float16 }

    /// NumPy type strings: `<f4`, `f8`, `|u1`, `>i2`, `float32`, `?`. Returns the type and
    /// whether it is big-endian; nil for types the audit does not read (objects, records).
    static func numpy(_ descr: String) -> (type: ScalarType, bigEndian: Bool)? {
        var text = Substring(descr)
        var big = false
        if let first = text.first, "<>|=".contains(first) { big = first == ">"; text = text.dropFirst() }
        switch text {
        case "f4", "float32": return (.float32, big)
        case "f8", "float64", "d": return (.float64, big)
        case "f2", "float16", "e": return (.float16, big)
        case "i1", "int8", "b": return (.int8, big)
        case "i2", "int16", "h": return (.int16, big)
        case "i4", "int32", "i": return (.int32, big)
        case "i8", "int64", "q": return (.int64, big)
        case "u1", "uint8", "B": return (.uint8, big)
        case "u2", "uint16", "H": return (.uint16, big)
        case "u4", "uint32", "I": return (.uint32, big)
        case "u8", "uint64", "Q": return (.uint64, big)
        case "b1", "bool", "?": return (.bool, big)
        default: return nil
        }
    }

    /// The byte size of any NumPy type string, including ones not read (`V32`, `U10`, `S8`).
    static func numpyItemSize(_ descr: String) -> Int? {
        if let known = numpy(descr) { return known.type.size }
        let trimmed = descr.drop { "<>|=".contains($0) }
        guard let kind = trimmed.first, let count = Int(trimmed.dropFirst()) else { return nil }
        switch kind {
        case "V", "S", "a": return count
        case "U": return count * 4
        case "c": return count * 8
        default: return nil
        }
    }
}

/// A numeric array found in a file, with its shape and where it came from. Values are read
/// lazily from the bytes they were found in (a 60 MB float32 array is never copied).
struct NumericArray: Sendable {
    enum Storage: Sendable {
        case doubles([Double])
        case bytes([UInt8], offset: Int, type: ScalarType, bigEndian: Bool)
    }

    var path: ContentPath
    var shape: [Int]
    var storage: Storage
    /// Element type as written (`float32`…), or nil for text numbers.
    var elementType: ScalarType?
    /// Found in JSON, whose values the stdout value audit also judges (single embeddings,
    /// nested points): those tests are not repeated on it.
    var fromJSON = false

    init(path: ContentPath, shape: [Int], values: [Double]) {
        self.path = path; self.shape = shape; storage = .doubles(values); elementType = nil
    }

    init(path: ContentPath, shape: [Int], bytes: [UInt8], offset: Int, type: ScalarType, bigEndian: Bool) {
        self.path = path; self.shape = shape; storage = .bytes(bytes, offset: offset, type: type, bigEndian: bigEndian); elementType = type
    }

    var count: Int {
        switch storage {
        case .doubles(let values): return values.count
        case .bytes(let bytes, let offset, let type, _): return max(0, min(shape.reduce(1, *), (bytes.count - offset) / type.size))
        }
    }

    /// Value `index` as a Double (NaN past the end).
    func value(_ index: Int) -> Double {
        switch storage {
        case .doubles(let values): return index < values.count ? values[index] : .nan
        case .bytes(let bytes, let offset, let type, let big):
            let at = offset + index * type.size
            guard at + type.size <= bytes.count else { return .nan }
            return bytes.withUnsafeBytes { raw in ScalarReader.read(raw, at: at, type: type, bigEndian: big) }
        }
    }

    /// `ndarray[6×128]`, `list[136]`.
    static func shapeText(_ shape: [Int]) -> String { shape.map(String.init).joined(separator: "×") }
}

enum ScalarReader {
    static func read(_ raw: UnsafeRawBufferPointer, at offset: Int, type: ScalarType, bigEndian: Bool) -> Double {
        func load<T: FixedWidthInteger>(_: T.Type) -> T {
            let value = raw.loadUnaligned(fromByteOffset: offset, as: T.self)
            return bigEndian ? T(bigEndian: value) : T(littleEndian: value)
        }
        switch type {
        case .float32: return Double(Float(bitPattern: load(UInt32.self)))
        case .float64: return Double(bitPattern: load(UInt64.self))
        case .float16:
            #if arch(arm64) || arch(x86_64)
            return Double(Float(Float16(bitPattern: load(UInt16.self))))
            #else
            return .nan
            #endif
        case .int8: return Double(Int8(bitPattern: raw[offset]))
        case .uint8, .bool: return Double(raw[offset])
        case .int16: return Double(Int16(bitPattern: load(UInt16.self)))
        case .uint16: return Double(load(UInt16.self))
        case .int32: return Double(Int32(bitPattern: load(UInt32.self)))
        case .uint32: return Double(load(UInt32.self))
        case .int64: return Double(Int64(bitPattern: load(UInt64.self)))
        case .uint64: return Double(load(UInt64.self))
        }
    }
}

/// Limits for one file's audit: how deep containers nest, how many bytes may be unpacked in
/// total and from one member, how many members and arrays are looked at, and the time.
public struct ContentBudget: Sendable {
    public var maxDepth = 8
    public var maxExpandedBytes = 512 << 20
    /// One stream may not grow more than this many times its compressed size (bombs).
    public var maxExpansionRatio = 1_000
    public var maxMembers = 10_000
    public var maxArrays = 100_000
    public var seconds = 20.0

    public init() {}
}

/// One thing the audit found in a file: a detector's finding, a container it could not open
/// (opaque), or a harmless write recognised by content (a note).
struct ContentFinding: Sendable {
    enum Kind: Sendable { case signature, embedding, landmarks, imageCrop, sqliteColumn, opaque, budget, note }
    var kind: Kind
    var path: ContentPath
    /// Which test fired and why.
    var detail: String
}
