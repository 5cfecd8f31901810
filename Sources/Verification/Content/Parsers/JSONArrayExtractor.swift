/// Numeric arrays in a parsed JSON value, at any nesting: arrays of numbers (vectors),
/// arrays of equal-length number arrays (matrices), and OpenCV's JSON FileStorage matrices
/// (`{"type_id": "opencv-matrix", "rows", "cols", "dt", "data"}`), each with its JSON path.
enum JSONArrayExtractor {
    static func arrays(in value: JSONValue, base: ContentPath, limit: Int) -> [NumericArray] {
        var result: [NumericArray] = []
        walk(value, path: "$", base: base, into: &result, limit: limit, depth: 0)
        for index in result.indices { result[index].fromJSON = true }
        return result
    }

    private static func numbers(_ elements: [JSONValue]) -> [Double]? {
        var values: [Double] = []
        values.reserveCapacity(elements.count)
        for element in elements {
            guard case .number(let number, _) = element else { return nil }
            values.append(number)
        }
        return values
    }

    private static func walk(_ value: JSONValue, path: String, base: ContentPath, into result: inout [NumericArray], limit: Int, depth: Int) {
        guard result.count < limit, depth < 256 else { return }
        switch value {
        case .object(let members):
            var fields: [String: JSONValue] = [:]
            for (key, child) in members where ["type_id", "rows", "cols", "dt", "data"].contains(key) { fields[key] = child }
            if case .string("opencv-matrix")? = fields["type_id"], case .array(let data)? = fields["data"], let values = numbers(data) {
                var shape = [values.count]
                if case .number(let rows, _)? = fields["rows"], case .number(let cols, _)? = fields["cols"], rows * cols > 0,
                   values.count == Int(rows * cols) { shape = [Int(rows), Int(cols)] }
                var dt = ""
                if case .string(let text)? = fields["dt"] { dt = " " + text }
                result.append(NumericArray(path: base.appending("\(path) › matrix[\(NumericArray.shapeText(shape))]\(dt)"), shape: shape, values: values))
                return
            }
            for (key, child) in members {
                let safe = key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
                walk(child, path: safe && !key.isEmpty ? path + "." + key : path + "[\"" + key + "\"]", base: base, into: &result, limit: limit, depth: depth + 1)
            }
        case .array(let elements):
            if elements.count >= 2, let values = numbers(elements) {
                result.append(NumericArray(path: base.appending("\(path)[\(values.count)]"), shape: [values.count], values: values))
                return
            }
            var rows: [[Double]] = []
            for element in elements {
                guard case .array(let inner) = element, let values = numbers(inner) else { rows = []; break }
                rows.append(values)
            }
            if rows.count >= 2, let width = rows.first?.count, width >= 2, rows.allSatisfy({ $0.count == width }) {
                result.append(NumericArray(path: base.appending("\(path)[\(rows.count)×\(width)]"), shape: [rows.count, width], values: rows.flatMap { $0 }))
                return
            }
            for (index, child) in elements.enumerated() {
                walk(child, path: path + "[\(index)]", base: base, into: &result, limit: limit, depth: depth + 1)
            }
        default:
            return
        }
    }
}
