/// Walks a tar archive (ustar, GNU, pax): 512-byte headers, octal sizes, data padded to 512.
/// Long names (GNU `L`, pax `path=`) are applied; links and directories carry no data.
enum TarHandler {
    struct Member {
        var name: String
        var data: ArraySlice<UInt8>
    }

    static func checksumMatches(_ b: [UInt8], at offset: Int) -> Bool {
        guard offset + 512 <= b.count else { return false }
        var sum = 0
        for index in 0..<512 { sum += (148..<156).contains(index) ? 0x20 : Int(b[offset + index]) }
        guard let stored = octal(b[(offset + 148)..<(offset + 156)]) else { return false }
        return stored == sum
    }

    static func octal(_ field: ArraySlice<UInt8>) -> Int? {
        var value = 0
        var sawDigit = false
        for byte in field {
            if byte == 0 || byte == 0x20 { if sawDigit { break } else { continue } }
            guard (0x30...0x37).contains(byte) else { return nil }
            value = value * 8 + Int(byte - 0x30)
            sawDigit = true
            if value > Int(Int32.max) * 64 { return nil }
        }
        return sawDigit ? value : 0
    }

    static func members(_ b: [UInt8], limit: Int) -> [Member] {
        var result: [Member] = []
        var position = 0
        var longName: String?
        while result.count < limit, position + 512 <= b.count {
            if b[position..<(position + 512)].allSatisfy({ $0 == 0 }) { break }
            guard checksumMatches(b, at: position), let size = octal(b[(position + 124)..<(position + 136)]) else { break }
            let type = b[position + 156]
            let dataStart = position + 512
            let data = b[dataStart..<min(b.count, dataStart + size)]
            var name = String(decoding: b[position..<(position + 100)].prefix { $0 != 0 }, as: UTF8.self)
            let prefix = String(decoding: b[(position + 345)..<(position + 500)].prefix { $0 != 0 }, as: UTF8.self)
            if !prefix.isEmpty { name = prefix + "/" + name }
            switch type {
            case UInt8(ascii: "L"):
                longName = String(decoding: data.prefix { $0 != 0 }, as: UTF8.self)
            case UInt8(ascii: "x"):
                for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                    if let range = line.range(of: " path=") { longName = String(line[range.upperBound...]) }
                }
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"):
                result.append(Member(name: longName ?? name, data: data))
                longName = nil
            default:
                longName = nil
            }
            position = dataStart + (size + 511) / 512 * 512
        }
        return result
    }
}
