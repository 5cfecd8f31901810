/// Identify: what a run of bytes *is*, from its content only (magic numbers, then the shape
/// of text), never from a name. Each format has a handler or parser; images are crops.
enum ContentFormat: String, Sendable {
    case zip, gzip, bzip2, xz, zlib, lz4, zstd, tar, pickle, npy, sqlite, hdf5
    case jpeg, png, gif, bmp, webp, tiff, pnm
    case pythonBytecode = "python-bytecode"
    case openCVYAML = "opencv-yaml"
    case openCVXML = "opencv-xml"
    case json
    case delimited = "csv"
    case text
    case binary

    var isImage: Bool { [.jpeg, .png, .gif, .bmp, .webp, .tiff, .pnm].contains(self) }
    /// Containers with a known format but no decoder here: reported as opaque.
    var isUnopenable: Bool { [.zstd, .hdf5].contains(self) }
}

enum FormatSniffer {
    static func identify(_ b: [UInt8]) -> ContentFormat {
        func starts(_ prefix: [UInt8]) -> Bool { b.count >= prefix.count && b[0..<prefix.count].elementsEqual(prefix) }
        if let kind = BinaryClassifier.magicKind(b), kind.isImage {
            switch kind {
            case .jpeg: return .jpeg
            case .png: return .png
            case .gif: return .gif
            case .bmp: return .bmp
            case .webp: return .webp
            case .tiff: return .tiff
            default: return .pnm
            }
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if starts([0x1F, 0x8B]) { return .gzip }
        if starts(Array("BZh".utf8)), b.count > 3, (0x31...0x39).contains(b[3]) { return .bzip2 }
        if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .xz }
        if starts([0x04, 0x22, 0x4D, 0x18]) { return .lz4 }
        if starts([0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
        if starts([0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]) { return .hdf5 }
        if starts(Array("SQLite format 3".utf8) + [0]) { return .sqlite }
        if starts([0x93] + Array("NUMPY".utf8)) { return .npy }
        if b.count >= 2, b[0] == 0x80, (2...5).contains(b[1]) { return .pickle }
        if isTar(b) { return .tar }
        if isZlib(b) { return .zlib }
        if isPythonBytecode(b) { return .pythonBytecode }
        return identifyText(b)
    }

    /// A ustar header: "ustar" at 257 and a valid octal checksum.
    static func isTar(_ b: [UInt8]) -> Bool {
        guard b.count >= 512, b[257..<262].elementsEqual(Array("ustar".utf8)) else { return false }
        return TarHandler.checksumMatches(b, at: 0)
    }

    /// RFC 1950 header: CM 8, window ≤ 32K, FCHECK multiple of 31, no preset dictionary.
    static func isZlib(_ b: [UInt8]) -> Bool {
        guard b.count >= 2, b[0] & 0x0F == 8, b[0] >> 4 <= 7 else { return false }
        return (UInt16(b[0]) << 8 | UInt16(b[1])) % 31 == 0 && b[1] & 0x20 == 0
    }

    /// CPython bytecode: a 2-byte magic number below 3600 followed by `\r\n`, then flags.
    static func isPythonBytecode(_ b: [UInt8]) -> Bool {
        guard b.count >= 16, b[2] == 0x0D, b[3] == 0x0A else { return false }
        let magic = Int(b[0]) | Int(b[1]) << 8
        return (3000...4000).contains(magic)
    }

    static func identifyText(_ b: [UInt8]) -> ContentFormat {
        let head = b.prefix(4096)
        // Text: no NUL and valid UTF-8 in the head (a cut multi-byte sequence at the end is fine).
        guard !head.contains(0), String(validating: head.count == b.count ? head : head.dropLast(3), as: UTF8.self) != nil else { return .binary }
        let start = head.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        if start.starts(with: Array("%YAML".utf8)) { return .openCVYAML }
        if start.starts(with: Array("<?xml".utf8)) || start.starts(with: Array("<opencv_storage".utf8)) {
            return containsBytes(head, Array("<opencv_storage".utf8)) ? .openCVXML : .text
        }
        if let first = start.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return .json }
        if DelimitedTableParser.looksDelimited(head) { return .delimited }
        return .text
    }

    static func containsBytes<C: Collection>(_ haystack: C, _ needle: [UInt8]) -> Bool where C.Element == UInt8 {
        let bytes = Array(haystack)
        guard needle.count <= bytes.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
