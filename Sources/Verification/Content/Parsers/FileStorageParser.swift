/// OpenCV FileStorage in YAML (`%YAML:1.0`, `!!opencv-matrix` with `rows`/`cols`/`dt`/`data`)
/// and XML (`<opencv_storage>`, `type_id="opencv-matrix"`): every matrix with its shape and
/// the key it sits under, and every other flow sequence of numbers (`key: [ 1, 2, 3 ]`).
/// Line-oriented and single-pass: a 16,384-bin LBPH histogram is read at number speed.
enum FileStorageParser {
    static func yaml(_ b: [UInt8], base: ContentPath, limit: Int) -> [NumericArray] {
        var arrays: [NumericArray] = []
        var rows: Int?, cols: Int?, dt = ""
        var key = "", lastKey = ""
        var itemIndex: [String: Int] = [:]
        b.withUnsafeBufferPointer { buffer in
            var i = 0
            let end = buffer.count
            while i < end, arrays.count < limit {
                // One logical line: skip indentation and list dashes.
                var lineStart = i
                while lineStart < end, buffer[lineStart] == 0x20 || buffer[lineStart] == 0x09 { lineStart += 1 }
                var isItem = false
                if lineStart + 1 < end, buffer[lineStart] == UInt8(ascii: "-"), buffer[lineStart + 1] == 0x20 { isItem = true; lineStart += 2 }
                var lineEnd = lineStart
                while lineEnd < end, buffer[lineEnd] != 0x0A { lineEnd += 1 }
                var colon = lineStart
                while colon < lineEnd, buffer[colon] != UInt8(ascii: ":"), buffer[colon] != UInt8(ascii: "[") { colon += 1 }
                if isItem { itemIndex[lastKey, default: -1] += 1 }
                guard colon < lineEnd, buffer[colon] == UInt8(ascii: ":") else { i = lineEnd + 1; continue }
                key = String(decoding: UnsafeBufferPointer(rebasing: buffer[lineStart..<colon]), as: UTF8.self)
                var valueStart = colon + 1
                while valueStart < lineEnd, buffer[valueStart] == 0x20 { valueStart += 1 }
                switch key {
                case "rows": rows = Int(String(decoding: UnsafeBufferPointer(rebasing: buffer[valueStart..<lineEnd]), as: UTF8.self).trimmedOf(" \r"))
                case "cols": cols = Int(String(decoding: UnsafeBufferPointer(rebasing: buffer[valueStart..<lineEnd]), as: UTF8.self).trimmedOf(" \r"))
                case "dt": dt = String(decoding: UnsafeBufferPointer(rebasing: buffer[valueStart..<lineEnd]), as: UTF8.self).trimmedOf(" \r\"'")
                case "data" where valueStart < lineEnd && buffer[valueStart] == UInt8(ascii: "["):
                    let (values, after) = flowSequence(buffer, from: valueStart + 1)
                    var shape = [values.count]
                    if let rows, let cols, rows * cols > 0, values.count % (rows * cols) == 0 {
                        let channels = values.count / (rows * cols)
                        shape = channels > 1 ? [rows, cols, channels] : [rows, cols]
                    }
                    let owner = itemIndex[lastKey].map { "\(lastKey)[\($0)]" } ?? lastKey
                    arrays.append(NumericArray(path: base.appending("\(owner) › matrix[\(NumericArray.shapeText(shape))] \(dt)"), shape: shape, values: values))
                    rows = nil; cols = nil; dt = ""
                    i = after
                    continue
                default:
                    if valueStart < lineEnd, buffer[valueStart] == UInt8(ascii: "[") {
                        let (values, after) = flowSequence(buffer, from: valueStart + 1)
                        if values.count >= 2 { arrays.append(NumericArray(path: base.appending("\(key)[\(values.count)]"), shape: [values.count], values: values)) }
                        i = after
                        continue
                    }
                    if !key.isEmpty { lastKey = key }
                }
                i = lineEnd + 1
            }
        }
        return arrays
    }

    /// Numbers up to the closing `]`, across lines; returns them and the index after `]`.
    static func flowSequence(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> ([Double], Int) {
        var values: [Double] = []
        var i = start
        let end = b.count
        while i < end {
            let c = b[i]
            if c == UInt8(ascii: "]") { return (values, i + 1) }
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == UInt8(ascii: ",") { i += 1; continue }
            if let (value, next) = NumberScanner.number(b, from: i, to: end) { values.append(value); i = next; continue }
            // Not a number (a nested sequence or a string): skip the token.
            while i < end, b[i] != UInt8(ascii: ","), b[i] != UInt8(ascii: "]") { i += 1 }
        }
        return (values, end)
    }

    static func xml(_ b: [UInt8], base: ContentPath, limit: Int) -> [NumericArray] {
        var arrays: [NumericArray] = []
        var rows: Int?, cols: Int?, dt = ""
        var elementStack: [String] = []
        var itemIndex: [String: Int] = [:]
        b.withUnsafeBufferPointer { buffer in
            var i = 0
            let end = buffer.count
            while i < end, arrays.count < limit {
                guard buffer[i] == UInt8(ascii: "<") else { i += 1; continue }
                var close = i + 1
                while close < end, buffer[close] != UInt8(ascii: ">") { close += 1 }
                guard close < end else { break }
                let tag = String(decoding: UnsafeBufferPointer(rebasing: buffer[(i + 1)..<close]), as: UTF8.self)
                i = close + 1
                if tag.hasPrefix("?") || tag.hasPrefix("!") { continue }
                if tag.hasPrefix("/") { _ = elementStack.popLast(); continue }
                let name = String(tag.prefix { $0 != " " && $0 != "/" })
                if tag.hasSuffix("/") { continue }
                if name == "_", let parent = elementStack.last { itemIndex[parent, default: -1] += 1 }
                elementStack.append(name)
                // Text content up to the next tag.
                var textEnd = i
                while textEnd < end, buffer[textEnd] != UInt8(ascii: "<") { textEnd += 1 }
                switch name {
                case "rows": rows = Int(String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<textEnd]), as: UTF8.self).trimmedOf(" \n\r\t"))
                case "cols": cols = Int(String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<textEnd]), as: UTF8.self).trimmedOf(" \n\r\t"))
                case "dt": dt = String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<textEnd]), as: UTF8.self).trimmedOf(" \n\r\t")
                default:
                    var values: [Double] = []
                    var j = i
                    var numeric = true
                    while j < textEnd {
                        let c = buffer[j]
                        if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { j += 1; continue }
                        guard let (value, next) = NumberScanner.number(buffer, from: j, to: textEnd) else { numeric = false; break }
                        values.append(value); j = next
                    }
                    guard numeric, values.count >= 2 else { break }
                    var shape = [values.count]
                    if name == "data", let rows, let cols, rows * cols > 0, values.count % (rows * cols) == 0 {
                        let channels = values.count / (rows * cols)
                        shape = channels > 1 ? [rows, cols, channels] : [rows, cols]
                    }
                    let owners = elementStack.dropLast(name == "data" ? 2 : 1)
                    let ownerName = owners.last ?? name
                    let owner = name == "data" ? (itemIndex[ownerName].map { "\(ownerName)[\($0)]" } ?? (elementStack.dropLast().last ?? ownerName)) : name
                    let what = name == "data" ? "matrix[\(NumericArray.shapeText(shape))] \(dt)" : "[\(values.count)]"
                    arrays.append(NumericArray(path: base.appending("\(owner) › \(what)"), shape: shape, values: values))
                    rows = nil; cols = nil; dt = ""
                }
                i = textEnd
            }
        }
        return arrays
    }
}
