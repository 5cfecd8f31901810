/// Finds binary payloads hidden in strings: base64 (standard or URL-safe, with or without a
/// `data:` prefix), hex, and long comma/space-separated number lists.
enum BlobDecoder {
    /// Shorter strings cannot hold a useful template; ids and hashes stay below it.
    static let minimumEncodedLength = 64
    /// Decoded payloads this large that match no known format are still reported: the
    /// engine contract has no place for binary data.
    static let opaqueReportBytes = 256

    enum Encoding: String { case base64, hex, numberList = "number list" }

    struct Finding {
        var encoding: Encoding
        var decodedBytes: Int
        var classification: BinaryClassification
    }

    /// Examines one string value; `nil` when it is not an encoded payload worth reporting.
    static func inspect(_ string: String) -> Finding? {
        let utf8 = string.utf8
        guard utf8.count >= minimumEncodedLength else { return nil }
        var payload = Substring(string)
        if payload.hasPrefix("data:"), let comma = payload.firstIndex(of: ",") {
            payload = payload[payload.index(after: comma)...]
        }
        let bytes = Array(payload.utf8)
        if let decoded = decodeHex(bytes) { return finding(.hex, decoded) }
        if let decoded = decodeBase64(bytes) { return finding(.base64, decoded) }
        if let numbers = parseNumberList(payload), numbers.count >= BinaryClassifier.minimumFloats {
            var stats = FloatStats()
            numbers.forEach { stats.add($0) }
            guard stats.nonIntegerFraction >= 0.5 else { return nil }
            let detail = "\(numbers.count) numbers in a string, \(stats.describe())"
            return Finding(encoding: .numberList, decodedBytes: numbers.count * 4,
                           classification: BinaryClassification(kind: .float32Array, detail: detail))
        }
        return nil
    }

    private static func finding(_ encoding: Encoding, _ decoded: [UInt8]) -> Finding? {
        if let classification = BinaryClassifier.classify(decoded) {
            return Finding(encoding: encoding, decodedBytes: decoded.count, classification: classification)
        }
        guard decoded.count >= opaqueReportBytes else { return nil }
        return Finding(encoding: encoding, decodedBytes: decoded.count,
                       classification: BinaryClassification(kind: .opaque, detail: "\(decoded.count) bytes of unrecognised binary data"))
    }

    static func decodeHex(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count % 2 == 0, bytes.count >= minimumEncodedLength else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var index = 0
        while index < bytes.count {
            guard let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static let base64Table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, char) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(char)] = UInt8(index)
        }
        table[Int(UInt8(ascii: "-"))] = 62   // URL-safe alphabet
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Strict base64: alphabet only, padding only at the end, at least one character that
    /// is not a plain letter (pure words are not payloads).
    static func decodeBase64(_ bytes: [UInt8]) -> [UInt8]? {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "=") { end -= 1 }
        guard bytes.count - end <= 2, end >= minimumEncodedLength else { return nil }
        if bytes.count != end, bytes.count % 4 != 0 { return nil }
        var sawNonLetter = false
        var out: [UInt8] = []
        out.reserveCapacity(end * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for index in 0..<end {
            let byte = bytes[index]
            let value = base64Table[Int(byte)]
            if value == 0xFF { return nil }
            if value >= 52 { sawNonLetter = true }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        if end % 4 == 1 { return nil }
        return sawNonLetter ? out : nil
    }

    /// "0.12, -0.5, 0.33 …" or "0.12 -0.5 0.33": numbers only, separated by commas and/or spaces.
    static func parseNumberList(_ text: Substring) -> [Double]? {
        var trimmed = text
        if trimmed.first == "[" && trimmed.last == "]" { trimmed = trimmed.dropFirst().dropLast() }
        var numbers: [Double] = []
        for token in trimmed.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" || $0 == "\t" }) {
            guard let value = Double(token), value.isFinite else { return nil }
            numbers.append(value)
        }
        return numbers
    }
}
