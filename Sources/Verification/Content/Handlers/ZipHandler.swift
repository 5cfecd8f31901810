/// Lists the members of a zip (npz, docx, …) from its central directory — the only place
/// with reliable sizes when the writer patched local headers afterwards (NumPy's savez
/// writes zip64 local headers then seeks back) — and gives each member's bytes, stored or
/// deflated. Falls back to walking local headers when the central directory is missing (a
/// zip cut short).
enum ZipHandler {
    struct Member {
        var name: String
        var method: UInt16
        var compressedSize: Int
        var size: Int
        var localHeaderOffset: Int
    }

    static func members(_ b: [UInt8], limit: Int) -> [Member]? {
        if let central = centralDirectory(b, limit: limit) { return central }
        return localHeaders(b, limit: limit)
    }

    private static func u16(_ b: [UInt8], _ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ at: Int) -> Int { u16(b, at) | u16(b, at + 2) << 16 }
    private static func u64(_ b: [UInt8], _ at: Int) -> Int { u32(b, at) | u32(b, at + 4) << 32 }

    private static func centralDirectory(_ b: [UInt8], limit: Int) -> [Member]? {
        guard b.count >= 22 else { return nil }
        var eocd = -1
        var at = b.count - 22
        let floor = max(0, b.count - 22 - 65_535)
        while at >= floor {
            if b[at] == 0x50, b[at + 1] == 0x4B, b[at + 2] == 0x05, b[at + 3] == 0x06 { eocd = at; break }
            at -= 1
        }
        guard eocd >= 0 else { return nil }
        var count = u16(b, eocd + 10)
        var offset = u32(b, eocd + 16)
        // zip64 end of central directory (locator just before the EOCD).
        if (count == 0xFFFF || offset == 0xFFFF_FFFF), eocd >= 20, u32(b, eocd - 20) == 0x0706_4B50 {
            let record = u64(b, eocd - 20 + 8)
            if record >= 0, record + 56 <= b.count, u32(b, record) == 0x0606_4B50 {
                count = u64(b, record + 32)
                offset = u64(b, record + 48)
            }
        }
        guard offset >= 0, offset < b.count else { return nil }
        var result: [Member] = []
        var position = offset
        for _ in 0..<min(count, limit) {
            guard position + 46 <= b.count, u32(b, position) == 0x0201_4B50 else { break }
            let nameLength = u16(b, position + 28), extraLength = u16(b, position + 30), commentLength = u16(b, position + 32)
            guard position + 46 + nameLength + extraLength <= b.count else { break }
            var member = Member(name: String(decoding: b[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self),
                                method: UInt16(u16(b, position + 10)), compressedSize: u32(b, position + 20),
                                size: u32(b, position + 24), localHeaderOffset: u32(b, position + 42))
            applyZip64(b, extraStart: position + 46 + nameLength, extraLength: extraLength, to: &member)
            result.append(member)
            position += 46 + nameLength + extraLength + commentLength
        }
        return result.isEmpty && count > 0 ? nil : result
    }

    /// The zip64 extra field (id 1) holds, in order, the sizes and offset whose 32-bit field is full.
    private static func applyZip64(_ b: [UInt8], extraStart: Int, extraLength: Int, to member: inout Member) {
        var at = extraStart
        let end = extraStart + extraLength
        while at + 4 <= end {
            let id = u16(b, at), size = u16(b, at + 2)
            if id == 1 {
                var field = at + 4
                if member.size == 0xFFFF_FFFF, field + 8 <= end { member.size = u64(b, field); field += 8 }
                if member.compressedSize == 0xFFFF_FFFF, field + 8 <= end { member.compressedSize = u64(b, field); field += 8 }
                if member.localHeaderOffset == 0xFFFF_FFFF, field + 8 <= end { member.localHeaderOffset = u64(b, field) }
                return
            }
            at += 4 + size
        }
    }

    private static func localHeaders(_ b: [UInt8], limit: Int) -> [Member]? {
        var result: [Member] = []
        var position = 0
        while result.count < limit, position + 30 <= b.count, u32(b, position) == 0x0403_4B50 {
            let nameLength = u16(b, position + 26), extraLength = u16(b, position + 28)
            var member = Member(name: String(decoding: b[(position + 30)..<min(b.count, position + 30 + nameLength)], as: UTF8.self),
                                method: UInt16(u16(b, position + 8)), compressedSize: u32(b, position + 18),
                                size: u32(b, position + 22), localHeaderOffset: position)
            applyZip64(b, extraStart: position + 30 + nameLength, extraLength: min(extraLength, max(0, b.count - position - 30 - nameLength)), to: &member)
            // Sizes unknown in the local header (data descriptor): the rest is one member.
            if member.compressedSize == 0 || member.compressedSize == 0xFFFF_FFFF { member.compressedSize = b.count - position - 30 - nameLength - extraLength }
            result.append(member)
            position += 30 + nameLength + extraLength + max(0, member.compressedSize)
        }
        return result.isEmpty ? nil : result
    }

    /// The member's stored bytes (still compressed when `method` is 8).
    static func rawData(_ b: [UInt8], _ member: Member) -> ArraySlice<UInt8>? {
        let header = member.localHeaderOffset
        guard header >= 0, header + 30 <= b.count, u32(b, header) == 0x0403_4B50 else { return nil }
        let start = header + 30 + u16(b, header + 26) + u16(b, header + 28)
        guard start <= b.count, member.compressedSize >= 0 else { return nil }
        return b[start..<min(b.count, start + member.compressedSize)]
    }
}
