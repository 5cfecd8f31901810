import Crypto
import Foundation
import Yams

/// A deployment model read from a file, with the positions of its values and its hash.
public struct LoadedDeployment: Sendable {
    public var document: DeploymentDocument
    public var sourceMap: SourceMap
    /// The path as given (`-` becomes `<stdin>`).
    public var file: String
    /// `sha256:<hex>` of `ModelEncoding.canonicalJSON(document)`.
    public var modelHash: String

    public init(document: DeploymentDocument, sourceMap: SourceMap, file: String) {
        self.document = document
        self.sourceMap = sourceMap
        self.file = file
        self.modelHash = Self.hash(of: document)
    }

    /// Used by the loader, which already holds the schema-guided value of the document
    /// (the same value `ModelEncoding.value(document)` rebuilds; tests check they agree).
    init(document: DeploymentDocument, value: ModelValue, sourceMap: SourceMap, file: String) {
        self.document = document
        self.sourceMap = sourceMap
        self.file = file
        var json = ""
        ModelEncoding.writeJSON(ModelEncoding.canonical(value, schema: ModelSchema.root), into: &json)
        self.modelHash = Self.hash(ofCanonicalJSON: Data(json.utf8))
    }

    public static func hash(of document: DeploymentDocument) -> String {
        hash(ofCanonicalJSON: ModelEncoding.canonicalJSON(document))
    }

    static func hash(ofCanonicalJSON data: Data) -> String {
        let digest = SHA256.hash(data: data)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var text = "sha256:"
        for byte in digest {
            text.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
            text.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0f)]))
        }
        return text
    }
}

/// Reads and validates deployment models. Every problem is reported, each with its position;
/// a model is returned only when it has none.
public enum DeploymentLoader {
    /// Files (and CSV inventories) larger than this are refused before parsing.
    public static let maximumFileSize = 10 * 1024 * 1024
    /// YAML nodes visited, aliases expanded: stops alias bombs ("billion laughs").
    public static let nodeBudget = 2_000_000

    /// Loads a model file; `-` reads standard input. Relative `cameras_file` paths are
    /// resolved against the file's directory.
    /// `baseCache` shares the bases named by `extends:` between loads (see `ModelInheritance`).
    public static func load(path: String, baseCache: ModelBaseCache? = nil) throws(ModelError) -> LoadedDeployment {
        let label = path == "-" ? "<stdin>" : path
        let data = try readLimited(path: path, label: label)
        let text = try decodeText(data, file: label)
        let base = path == "-" ? FileManager.default.currentDirectoryPath : (path as NSString).deletingLastPathComponent
        return try load(yaml: text, file: label, baseDirectory: base, readCamerasFile: true, baseCache: baseCache)
    }

    /// Loads a model from text; `file` labels positions, `baseDirectory` resolves `cameras_file`
    /// and `extends`.
    public static func load(yaml: String, file: String, baseDirectory: String) throws(ModelError) -> LoadedDeployment {
        try load(yaml: yaml, file: file, baseDirectory: baseDirectory, readCamerasFile: true)
    }

    /// `readCamerasFile: false` is for models whose `cameras` already hold the CSV cameras
    /// (canonical JSON stored in history): `cameras_file` is then kept as a mere record.
    static func load(yaml: String, file: String, baseDirectory: String,
                     readCamerasFile: Bool, baseCache: ModelBaseCache? = nil) throws(ModelError) -> LoadedDeployment {
        guard yaml.utf8.count <= maximumFileSize else { throw .invalid([tooLarge(file, yaml.utf8.count)]) }
        var raw: RawNode
        do {
            raw = try compose(yaml, file: file)
        } catch {
            // libyaml's message for a tab in indentation ("found character that cannot start
            // any token") is obscure: when the file has such tabs, report them instead. Tabs
            // that YAML accepts (inside text) never get here, because the file then parses.
            var tabs = DiagnosticSink()
            checkTabs(yaml, file: file, sink: &tabs)
            throw tabs.isEmpty ? error : .invalid(tabs.sorted())
        }
        raw = try ModelInheritance.resolve(raw, file: file, baseDirectory: baseDirectory, cache: baseCache)

        var reader = SchemaReader()
        var root = reader.read(raw, as: ModelSchema.root, path: "")
        if readCamerasFile, case .object(var fields)? = root, let csvName = fields["cameras_file"]?.stringValue {
            let inline = fields["cameras"]?.listValue ?? []
            let csvLabel = resolve(csvName, against: baseDirectory)
            var csvSink = DiagnosticSink()
            let rows = readCSV(csvLabel, requestedAt: reader.positions["cameras_file"], sink: &csvSink)
            for diagnostic in csvSink.items { reader.sink.error(diagnostic.message, at: diagnostic.position, hint: diagnostic.hint) }
            var cameras = inline
            for (offset, row) in rows.enumerated() {
                cameras.append(reader.read(row, as: ModelSchema.camera, path: "cameras[\(inline.count + offset)]") ?? .null)
            }
            fields["cameras"] = .list(cameras)
            root = .object(fields)
        }
        if let root {
            var references = ReferenceValidation(root: root, positions: reader.positions, sink: reader.sink)
            references.run()
            reader.sink = references.sink
        }
        guard reader.sink.isEmpty, let root else { throw .invalid(reader.sink.sorted()) }

        var document: DeploymentDocument
        do {
            // Free texts given per language: the Swift model holds the text language's text,
            // the variants go to `translations` (see `FreeText`).
            let declared = root["deployment"]?["language"]?.stringValue
            let (resolved, translations) = Translations.extract(from: root, schema: ModelSchema.root, declared: declared)
            var json = ""
            ModelEncoding.writeDecodableJSON(resolved, schema: ModelSchema.root, into: &json)
            document = try JSONDecoder().decode(DeploymentDocument.self, from: Data(json.utf8))
            document.translations = translations.isEmpty ? nil : translations
        } catch {
            // The schema and the Swift types disagree: a bug, but reported, not a crash.
            throw .invalid([Diagnostic(position: SourcePosition(file: file, line: 1, column: 1),
                                       message: "internal error: the model passed validation but could not be decoded: \(error)")])
        }
        return LoadedDeployment(document: document, value: root,
                                sourceMap: SourceMap(withIdAliases(reader.positions, root)), file: file)
    }

    // MARK: Steps

    static func readLimited(path: String, label: String) throws(ModelError) -> Data {
        if path == "-" {
            let data = FileHandle.standardInput.readData(ofLength: maximumFileSize + 1)
            guard data.count <= maximumFileSize else { throw .invalid([tooLarge(label, data.count)]) }
            return data
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "it is a directory") }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maximumFileSize else { throw .invalid([tooLarge(label, size)]) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        let data = handle.readData(ofLength: maximumFileSize + 1)
        guard data.count <= maximumFileSize else { throw .invalid([tooLarge(label, data.count)]) }
        return data
    }

    static func tooLarge(_ file: String, _ size: Int) -> Diagnostic {
        let megabytes = String(format: "%.1f", Double(size) / 1_048_576)
        return Diagnostic(position: nil, message: "\(file) is \(megabytes) MB; deployment files are limited to 10 MB",
                          hint: "list cameras in a CSV inventory (cameras_file) and keep the model itself small")
    }

    /// UTF-8 text without NUL bytes; otherwise the position of the first offending byte.
    static func decodeText(_ data: Data, file: String) throws(ModelError) -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) {
            return text
        }
        // Find the first NUL or invalid sequence by decoding byte runs.
        var line = 1, column = 1, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            let valid = byte != 0 && length > 0 && index + length <= bytes.count
                && String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil
            guard valid else { break }
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        let what = index < bytes.count && bytes[index] == 0 ? "a NUL byte" : "bytes that are not UTF-8"
        throw .invalid([Diagnostic(position: SourcePosition(file: file, line: line, column: column),
                                   message: "\(file) is not a text file: it contains \(what)",
                                   hint: "deployment models are UTF-8 YAML text")])
    }

    /// YAML forbids tabs in indentation; libyaml's own message for them is obscure.
    static func checkTabs(_ text: String, file: String, sink: inout DiagnosticSink) {
        var line = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            var column = 0
            for character in rawLine.unicodeScalars {
                column += 1
                if character == "\t" {
                    sink.error("tab character in indentation", at: SourcePosition(file: file, line: line, column: column),
                               hint: "YAML indents with spaces only; replace the tab with spaces")
                    break
                }
                if character != " " { break }
            }
        }
    }

    static func compose(_ text: String, file: String) throws(ModelError) -> RawNode {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw .invalid([syntaxDiagnostic(error, text: text, file: file)])
        } catch {
            throw .invalid([Diagnostic(position: SourcePosition(file: file, line: 1, column: 1), message: "YAML error: \(error)")])
        }
        guard let node else {
            throw .invalid([Diagnostic(position: SourcePosition(file: file, line: 1, column: 1),
                                       message: "\(file) is empty",
                                       hint: "start from a template: silhouette init --template city")])
        }
        var builder = RawNodeBuilder(file: file, budget: nodeBudget)
        do {
            return try builder.build(node)
        } catch {
            switch error {
            case .budgetExceeded(let position):
                throw .invalid([Diagnostic(position: position,
                                           message: "the document expands to more than \(nodeBudget) YAML nodes",
                                           hint: "this is usually an alias bomb (anchors referring to anchors); write the values out")])
            case .nonScalarKey(let position):
                throw .invalid([Diagnostic(position: position, message: "a mapping key must be plain text",
                                           hint: "keys are names such as id or purposes")])
            }
        }
    }

    static func syntaxDiagnostic(_ error: YamlError, text: String, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourcePosition { SourcePosition(file: file, line: mark.line, column: mark.column) }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let hint = context.map { "\($0.text) at line \($0.mark.line), column \($0.mark.column)" }
            return Diagnostic(position: at(mark), message: "YAML syntax error: \(problem)", hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? ""
            let first = at(context.mark)
            let second = DuplicateKeyLocator.secondOccurrence(of: key, after: first, in: text) ?? first
            return Diagnostic(position: second, message: "duplicate key '\(key)'",
                              hint: "each key may appear once in a mapping; it is first written at line \(first.line), column \(first.column)")
        case let .reader(problem, offset, _, _):
            let prefix = offset.map { String(decoding: text.utf8.prefix($0), as: UTF8.self) } ?? ""
            let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
            return Diagnostic(position: SourcePosition(file: file, line: lines.count, column: (lines.last?.unicodeScalars.count ?? 0) + 1),
                              message: "YAML reader error: \(problem)")
        default:
            return Diagnostic(position: SourcePosition(file: file, line: 1, column: 1), message: "YAML error: \(error)")
        }
    }

    static func resolve(_ name: String, against base: String) -> String {
        if name.hasPrefix("/") || base.isEmpty || base == "." { return name }
        return (base as NSString).appendingPathComponent(name)
    }

    static func readCSV(_ path: String, requestedAt: SourcePosition?, sink: inout DiagnosticSink) -> [RawNode] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = FileHandle(forReadingAtPath: path) else {
            sink.error("cannot read cameras file '\(path)'", at: requestedAt,
                       hint: "cameras_file is relative to the deployment file")
            return []
        }
        defer { try? handle.close() }
        let data = handle.readData(ofLength: maximumFileSize + 1)
        guard data.count <= maximumFileSize else {
            sink.error(tooLarge(path, data.count).message, at: requestedAt)
            return []
        }
        let text: String
        do { text = try decodeText(data, file: path) } catch {
            for diagnostic in error.diagnostics { sink.error(diagnostic.message, at: diagnostic.position, hint: diagnostic.hint) }
            return []
        }
        return CameraCSV.rows(text: text, file: path, sink: &sink)
    }

    /// Adds `list[id]` paths for list items that have an id (`features[face-blur]`).
    static func withIdAliases(_ positions: [String: SourcePosition], _ root: ModelValue) -> [String: SourcePosition] {
        var result = positions
        for list in ["purposes", "features", "cameras", "systems", "recipients"] {
            for (index, item) in (root[list]?.listValue ?? []).enumerated() {
                guard let id = item["id"]?.stringValue, let position = positions["\(list)[\(index)]"] else { continue }
                if result["\(list)[\(id)]"] == nil { result["\(list)[\(id)]"] = position }
            }
        }
        return result
    }
}

enum DuplicateKeyLocator {
    /// The next `key:` after the first one, at the same column (block style) or on the same
    /// line (flow style).
    static func secondOccurrence(of key: String, after first: SourcePosition, in text: String) -> SourcePosition? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let keyScalars = Array(key.unicodeScalars)
        func matches(_ line: [Unicode.Scalar], at start: Int) -> Bool {
            guard start >= 0, start + keyScalars.count <= line.count, Array(line[start..<(start + keyScalars.count)]) == keyScalars else { return false }
            var rest = start + keyScalars.count
            while rest < line.count, line[rest] == " " { rest += 1 }
            return rest < line.count && line[rest] == ":"
        }
        let firstLine = lines[first.line - 1]
        var column = first.column - 1 + keyScalars.count
        while column < firstLine.count {
            if matches(firstLine, at: column), column == 0 || [" ", ",", "{"].contains(firstLine[column - 1]) {
                return SourcePosition(file: first.file, line: first.line, column: column + 1)
            }
            column += 1
        }
        for lineIndex in first.line..<lines.count {
            let line = lines[lineIndex]
            let indent = line.prefix(while: { $0 == " " || $0 == "-" }).count
            if !line.isEmpty, indent < first.column - 1, line.contains(where: { $0 != " " }), line.first != "#" {
                if !(line.prefix(first.column - 1).allSatisfy { $0 == " " || $0 == "-" }) { return nil }
            }
            if matches(line, at: first.column - 1) {
                return SourcePosition(file: first.file, line: lineIndex + 1, column: first.column)
            }
        }
        return nil
    }
}
