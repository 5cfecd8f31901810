import Foundation

/// Reads a CSV camera inventory into raw camera nodes with CSV positions.
///
/// The header row names camera keys (`id,site,zone,purposes,signage.first_layer`); a dotted
/// name fills a nested section. Cells of list keys (`purposes`, `privacy_masks`) hold items
/// separated by `;`. Empty cells are absent keys. Fields may be double-quoted (RFC 4180).
enum CameraCSV {
    struct Cell { var text: String; var position: SourcePosition }

    static func rows(text: String, file: String, sink: inout DiagnosticSink) -> [RawNode] {
        let records = parse(text, file: file)
        guard let header = records.first else {
            sink.error("the camera inventory is empty", at: SourcePosition(file: file, line: 1, column: 1),
                       hint: "the first row names the columns, e.g. id,site,zone,purposes")
            return []
        }
        let listKeys = Set(ModelSchema.camera.fields.compactMap { field -> String? in
            if case .array = field.node { return field.name }
            return nil
        })
        let names = header.map { $0.text.trimmedSpaces }
        var nodes: [RawNode] = []
        for record in records.dropFirst() {
            if record.count == 1, record[0].text.trimmedSpaces.isEmpty { continue }
            guard record.count == header.count else {
                sink.error("row has \(record.count) cells but the header has \(header.count)", at: record[0].position,
                           hint: "quote cells that contain commas: \"a, b\"")
                continue
            }
            var top: [RawPair] = []
            var nested: [String: (SourcePosition, [RawPair])] = [:]
            var nestedOrder: [String] = []
            for ((column, name), cell) in zip(zip(header, names), record) where !cell.text.isEmpty {
                let value: RawNode
                if listKeys.contains(name) {
                    value = .sequence(split(cell), cell.position)
                } else {
                    value = .scalar(cell.text, plain: true, cell.position)
                }
                let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
                if parts.count == 2 {
                    if nested[parts[0]] == nil { nested[parts[0]] = (column.position, []); nestedOrder.append(parts[0]) }
                    nested[parts[0]]!.1.append(RawPair(key: parts[1], keyPosition: column.position, value: value))
                } else {
                    top.append(RawPair(key: name, keyPosition: column.position, value: value))
                }
            }
            for key in nestedOrder {
                let (position, pairs) = nested[key]!
                top.append(RawPair(key: key, keyPosition: position, value: .mapping(pairs, pairs.first?.value.position ?? position)))
            }
            nodes.append(.mapping(top, record[0].position))
        }
        return nodes
    }

    /// `a;b;c` → three scalars, each positioned at its own column.
    private static func split(_ cell: Cell) -> [RawNode] {
        var items: [RawNode] = []
        var column = cell.position.column
        for part in cell.text.split(separator: ";", omittingEmptySubsequences: false) {
            let trimmed = String(part).trimmedSpaces
            let lead = part.prefix(while: { $0 == " " }).count
            if !trimmed.isEmpty {
                items.append(.scalar(trimmed, plain: true,
                                     SourcePosition(file: cell.position.file, line: cell.position.line, column: column + lead)))
            }
            column += part.unicodeScalars.count + 1
        }
        return items
    }

    /// RFC 4180 records with the position of each cell's first character.
    static func parse(_ text: String, file: String) -> [[Cell]] {
        var records: [[Cell]] = []
        var record: [Cell] = []
        var field = ""
        var line = 1, column = 1
        var fieldStart = SourcePosition(file: file, line: 1, column: 1)
        var inQuotes = false
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var index = 0
        func endField() { record.append(Cell(text: field, position: fieldStart)); field = "" }
        while index < scalars.count {
            let c = scalars[index]
            index += 1
            if inQuotes {
                if c == "\"" {
                    if index < scalars.count, scalars[index] == "\"" { field.unicodeScalars.append("\""); index += 1; column += 2; continue }
                    inQuotes = false
                } else {
                    field.unicodeScalars.append(c)
                    if c == "\n" { line += 1; column = 1; continue }
                }
                column += 1
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                inQuotes = true
                column += 1
            case ",":
                endField()
                column += 1
                fieldStart = SourcePosition(file: file, line: line, column: column)
            case "\r":
                column += 1
            case "\n":
                endField()
                records.append(record)
                record = []
                line += 1
                column = 1
                fieldStart = SourcePosition(file: file, line: line, column: column)
            default:
                field.unicodeScalars.append(c)
                column += 1
            }
        }
        if !field.isEmpty || !record.isEmpty { endField(); records.append(record) }
        return records
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (cheaper than Foundation's
    /// `trimmingCharacters`, which dominates a 10,000-row inventory otherwise).
    var trimmedSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }

    /// True when the text is only whitespace (spaces, tabs, newlines).
    var isBlank: Bool {
        unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{A0}" }
    }
}
