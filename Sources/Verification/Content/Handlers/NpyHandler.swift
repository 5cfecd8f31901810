/// Reads a `.npy` header (`\x93NUMPY`, version, header dict with `descr`, `fortran_order`,
/// `shape`) and gives the array over the bytes that follow.
enum NpyHandler {
    static func array(_ b: [UInt8], base: ContentPath) -> NumericArray? {
        guard b.count >= 10 else { return nil }
        let major = b[6]
        let headerLength: Int
        let start: Int
        if major == 1 { headerLength = Int(b[8]) | Int(b[9]) << 8; start = 10 }
        else {
            guard b.count >= 12 else { return nil }
            headerLength = Int(b[8]) | Int(b[9]) << 8 | Int(b[10]) << 16 | Int(b[11]) << 24; start = 12
        }
        guard headerLength >= 0, start + headerLength <= b.count else { return nil }
        let header = String(decoding: b[start..<(start + headerLength)], as: UTF8.self)
        guard let descr = value(of: "descr", in: header).map({ $0.trimmedOf("'\" ") }),
              let shapeText = value(of: "shape", in: header) else { return nil }
        let shape = shapeText.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard let type = ScalarType.numpy(descr) else { return nil }
        let text = "ndarray[\(NumericArray.shapeText(shape))] \(descr)"
        return NumericArray(path: base.appending(text), shape: shape, bytes: b, offset: start + headerLength, type: type.type, bigEndian: type.bigEndian)
    }

    /// The text after `'key':` up to the next top-level comma or closing brace.
    private static func value(of key: String, in header: String) -> String? {
        guard let range = header.range(of: "'\(key)':") else { return nil }
        var depth = 0
        var result = ""
        for char in header[range.upperBound...] {
            if char == "(" { depth += 1 }
            if char == ")" { depth -= 1; if depth == 0 { result.append(char); return result.trimmedOf(" ") } }
            if depth == 0 && (char == "," || char == "}") { return result.trimmedOf(" ") }
            result.append(char)
        }
        return nil
    }
}

extension String {
    func trimmedOf(_ set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
