import Foundation

/// JSON for a report view (strings, booleans, integers, doubles, arrays, dictionaries with
/// sorted keys, absent optionals as null). Foundation's JSONSerialization on Linux took most of
/// the time of a 10,000-camera PIA; this writer is a single pass into a byte buffer.
enum ViewJSON {
    static func data(_ value: Any) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(value, indent: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return Data(out)
    }

    private static func write(_ value: Any, indent: Int, into out: inout [UInt8]) {
        switch value {
        case let string as String:
            writeString(string, into: &out)
        case let bool as Bool:
            out.append(contentsOf: Array((bool ? "true" : "false").utf8))
        case let int as Int:
            out.append(contentsOf: Array(String(int).utf8))
        case let double as Double:
            out.append(contentsOf: Array((double.isFinite ? String(double) : "null").utf8))
        case let dictionary as [String: Any]:
            if dictionary.isEmpty { out.append(contentsOf: Array("{}".utf8)); return }
            out.append(UInt8(ascii: "{"))
            for (index, key) in dictionary.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, into: &out)
                writeString(key, into: &out)
                out.append(contentsOf: Array(" : ".utf8))
                write(dictionary[key]!, indent: indent + 1, into: &out)
            }
            newline(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        case let array as [Any]:
            if array.isEmpty { out.append(contentsOf: Array("[]".utf8)); return }
            out.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, into: &out)
                write(element, indent: indent + 1, into: &out)
            }
            newline(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                if let wrapped = mirror.children.first?.value { write(wrapped, indent: indent, into: &out) } else {
                    out.append(contentsOf: Array("null".utf8))
                }
            } else {
                writeString(String(describing: value), into: &out)
            }
        }
    }

    private static func newline(_ indent: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                let hex = String(byte, radix: 16)
                out.append(contentsOf: Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8))
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
