/// CSV/TSV numeric tables as `np.savetxt` writes them (and any spreadsheet export): comment
/// lines (`#`) and a header are skipped; the delimiter is found from the first data line
/// (`,`, tab, `;`, or runs of spaces); non-numeric columns (ids, zone names) are set aside;
/// rows with the table's numeric width form one matrix.
enum DelimitedTableParser {
    /// A text head whose first non-comment lines hold numbers separated by a delimiter.
    static func looksDelimited<C: Collection>(_ head: C) -> Bool where C.Element == UInt8 {
        var numericLines = 0
        var lines = 0
        for line in Array(head).split(separator: 0x0A).prefix(6) {
            if line.first == UInt8(ascii: "#") { continue }
            lines += 1
            let fields = line.split(whereSeparator: { $0 == UInt8(ascii: ",") || $0 == 0x09 || $0 == UInt8(ascii: ";") || $0 == 0x20 })
            let numbers = fields.filter { field in
                Array(field).withUnsafeBufferPointer { b in NumberScanner.number(b, from: 0, to: b.count).map { $0.1 == b.count || b[$0.1] == 0x0D } ?? false }
            }.count
            if fields.count >= 2, numbers >= 1 { numericLines += 1 }
        }
        return lines > 0 && numericLines * 2 >= lines
    }

    static func table(_ b: [UInt8], base: ContentPath, maxRows: Int = 1_000_000) -> NumericArray? {
        var values: [Double] = []
        var width = -1
        var rows = 0
        var delimiter: UInt8 = 0
        b.withUnsafeBufferPointer { buffer in
            var i = 0
            let end = buffer.count
            while i < end, rows < maxRows {
                var lineEnd = i
                while lineEnd < end, buffer[lineEnd] != 0x0A { lineEnd += 1 }
                defer { i = lineEnd + 1 }
                if lineEnd == i || buffer[i] == UInt8(ascii: "#") { continue }
                if delimiter == 0 {
                    for candidate in [UInt8(ascii: ","), 0x09, UInt8(ascii: ";"), 0x20] where UnsafeBufferPointer(rebasing: buffer[i..<lineEnd]).contains(candidate) {
                        delimiter = candidate; break
                    }
                }
                var rowValues = 0
                var j = i
                let start = values.count
                while j < lineEnd {
                    var fieldEnd = j
                    while fieldEnd < lineEnd, buffer[fieldEnd] != delimiter { fieldEnd += 1 }
                    var fieldStart = j
                    while fieldStart < fieldEnd, buffer[fieldStart] == 0x20 || buffer[fieldStart] == UInt8(ascii: "\"") { fieldStart += 1 }
                    var trimmedEnd = fieldEnd
                    while trimmedEnd > fieldStart, [0x20, 0x0D, UInt8(ascii: "\"")].contains(buffer[trimmedEnd - 1]) { trimmedEnd -= 1 }
                    if trimmedEnd > fieldStart, let (value, next) = NumberScanner.number(buffer, from: fieldStart, to: trimmedEnd), next == trimmedEnd {
                        values.append(value); rowValues += 1
                    }
                    j = fieldEnd + 1
                    if delimiter == 0x20 { while j < lineEnd, buffer[j] == 0x20 { j += 1 } }
                }
                if rowValues == 0 { continue }          // a header or a text line
                if width < 0 { width = rowValues }
                if rowValues != width { values.removeSubrange(start...); continue }
                rows += 1
            }
        }
        guard rows > 0, width > 0 else { return nil }
        let shape = rows == 1 ? [width] : [rows, width]
        return NumericArray(path: base.appending("table[\(rows)×\(width)]"), shape: shape, values: values)
    }
}
