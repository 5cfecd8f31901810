/// What a run of bytes is, judged by content (magic numbers, float statistics), never by a
/// file name or a key: a leaky engine names its face crop `stats.dat`.
public enum BinaryKind: String, Codable, Sendable {
    case jpeg, png, gif, bmp, webp, tiff, pnm, npy, npz, pickle, sqlite, hdf5
    case float32Array = "float32-array"
    case float64Array = "float64-array"
    case opaque

    public var label: String {
        switch self {
        case .jpeg: return "JPEG image"
        case .png: return "PNG image"
        case .gif: return "GIF image"
        case .bmp: return "BMP image"
        case .webp: return "WebP image"
        case .tiff: return "TIFF image"
        case .pnm: return "PGM/PPM image"
        case .npy: return "NumPy .npy array"
        case .npz: return "zip archive of NumPy arrays (.npz)"
        case .pickle: return "Python pickle"
        case .sqlite: return "SQLite database"
        case .hdf5: return "HDF5 file"
        case .float32Array: return "raw float32 array"
        case .float64Array: return "raw float64 array"
        case .opaque: return "opaque binary data"
        }
    }

    /// Kinds that can carry a face crop, a template or an identity gallery.
    public var isBiometricCapable: Bool { self != .opaque }

    public var isImage: Bool { [.jpeg, .png, .gif, .bmp, .webp, .tiff, .pnm].contains(self) }
}

/// The verdict on a byte run: its kind and a human explanation for the evidence.
public struct BinaryClassification: Sendable, Equatable {
    public var kind: BinaryKind
    public var detail: String
}

public enum BinaryClassifier {
    /// Fewer floats than this is too little to be a template (a 2-float vector is a point).
    static let minimumFloats = 32

    /// Classifies by magic number first, then by float statistics. `nil` means "not
    /// recognisably sensitive" (text, short or random-looking bytes).
    public static func classify(_ bytes: [UInt8]) -> BinaryClassification? {
        if let kind = magicKind(bytes) { return BinaryClassification(kind: kind, detail: "\(kind.label) (\(bytes.count) bytes, magic \(hexPrefix(bytes)))") }
        if let floats = floatArrayDescription(bytes) { return floats }
        return nil
    }

    /// Recognises a format by its leading bytes.
    public static func magicKind(_ b: [UInt8]) -> BinaryKind? {
        func starts(_ prefix: [UInt8]) -> Bool { b.count >= prefix.count && Array(b.prefix(prefix.count)) == prefix }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts([0x42, 0x4D]), b.count >= 26, b[6] == 0, b[7] == 0, b[8] == 0, b[9] == 0 { return .bmp }
        if starts(Array("RIFF".utf8)), b.count >= 12, Array(b[8..<12]) == Array("WEBP".utf8) { return .webp }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if b.count >= 3, b[0] == UInt8(ascii: "P"), (UInt8(ascii: "4")...UInt8(ascii: "6")).contains(b[1]),
           [0x20, 0x0A, 0x0D, 0x09].contains(b[2]) { return .pnm }
        if starts([0x93] + Array("NUMPY".utf8)) { return .npy }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            // A zip holding `.npy` members is an npz; other zips are reported as opaque below.
            let head = b.prefix(4096)
            if containsSubsequence(Array(head), Array(".npy".utf8)) { return .npz }
        }
        if b.count >= 3, b[0] == 0x80, (2...5).contains(b[1]), b.last == UInt8(ascii: ".") { return .pickle }
        if starts(Array("SQLite format 3".utf8) + [0]) { return .sqlite }
        if starts([0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]) { return .hdf5 }
        return nil
    }

    /// Raw float32 (or float64) little-endian data: at least `minimumFloats` values, almost
    /// all finite with a magnitude an embedding would have. Random bytes read as floats have
    /// wildly spread exponents, so they fail the 95% test; text fails it too.
    static func floatArrayDescription(_ bytes: [UInt8]) -> BinaryClassification? {
        if bytes.count % 4 == 0, bytes.count / 4 >= minimumFloats,
           case let stats = FloatStats(float32: bytes), stats.plausibleFraction >= 0.95 {
            return BinaryClassification(kind: .float32Array, detail: "\(bytes.count / 4) float32 values, \(stats.describe())")
        }
        if bytes.count % 8 == 0, bytes.count / 8 >= minimumFloats,
           case let stats = FloatStats(float64: bytes), stats.plausibleFraction >= 0.95 {
            return BinaryClassification(kind: .float64Array, detail: "\(bytes.count / 8) float64 values, \(stats.describe())")
        }
        return nil
    }

    static func hexPrefix(_ bytes: [UInt8]) -> String {
        bytes.prefix(4).map { String($0, radix: 16, uppercase: true).leftPadded(2) }.joined(separator: " ")
    }

    static func containsSubsequence(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        outer: for start in 0...(haystack.count - needle.count) {
            for offset in 0..<needle.count where haystack[start + offset] != needle[offset] { continue outer }
            return true
        }
        return false
    }
}

/// Summary statistics of a run of floats, used both for raw blobs and JSON arrays.
struct FloatStats {
    var count = 0
    var plausible = 0
    var nonInteger = 0
    var sumSquares = 0.0
    var maxAbs = 0.0

    init() {}

    init(float32 bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            for index in 0..<(bytes.count / 4) {
                let bits = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
                add(Double(Float(bitPattern: bits)))
            }
        }
    }

    init(float64 bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            for index in 0..<(bytes.count / 8) {
                let bits = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                add(Double(bitPattern: bits))
            }
        }
    }

    mutating func add(_ value: Double) {
        count += 1
        guard value.isFinite else { return }
        let magnitude = abs(value)
        if magnitude == 0 { zeros += 1 }
        if magnitude == 0 || (magnitude >= 1e-6 && magnitude <= 1e3) { plausible += 1 }
        if value != value.rounded() { nonInteger += 1 }
        sumSquares += value * value
        maxAbs = max(maxAbs, magnitude)
    }

    var zeros = 0
    /// Share of values that look like real-valued features; all-zero padding does not count.
    var plausibleFraction: Double {
        guard count > 0, zeros * 2 < count else { return 0 }
        return Double(plausible) / Double(count)
    }
    var nonIntegerFraction: Double { count == 0 ? 0 : Double(nonInteger) / Double(count) }
    var norm: Double { sumSquares.squareRoot() }
    var isUnitNorm: Bool { abs(norm - 1) <= 0.1 }

    func describe() -> String {
        "L2 norm \(format(norm))\(isUnitNorm ? " (unit-normalised, like an embedding)" : ""), max |x| \(format(maxAbs))"
    }
}

func format(_ value: Double, digits: Int = 3) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
