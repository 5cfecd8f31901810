/// JSON string literals, written by hand where output must be byte-stable (canonical model
/// JSON behind `modelHash`, the audit log's hashed payloads, engine events). One escaper for
/// every module, so two hashes of the same text can never differ by escaping style:
/// `"` and `\` escaped, `\n \r \t` by name, other control characters as lowercase `\u00xx`,
/// everything else (all non-ASCII included) written as is.
public enum JSONText {
    /// `s` as a JSON string literal, quotes included.
    public static func quoted(_ s: String) -> String {
        var out = ""
        write(s, into: &out)
        return out
    }

    /// Appends `s` as a JSON string literal to `out`.
    public static func write(_ s: String, into out: inout String) {
        out += "\""
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
