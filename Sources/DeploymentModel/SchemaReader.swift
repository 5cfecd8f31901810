import Foundation

/// Reads a `RawNode` tree against a `SchemaNode`: checks types, enum values, durations,
/// dates, unknown and missing keys, collecting every problem with its position, and
/// records the position of every value under its subject path (`cameras[3].zone`).
struct SchemaReader {
    var sink = DiagnosticSink()
    var positions: [String: SourcePosition] = [:]

    /// Objects that may be written as a bare string, naming one key (`privacy_masks: [windows]`).
    static let scalarShorthand: [String: String] = ["PrivacyMask": "id"]

    mutating func read(_ raw: RawNode, as schema: SchemaNode, path: String, format: String? = nil) -> ModelValue? {
        positions[path] = raw.position
        switch schema {
        case .object(let name, let fields):
            if case .scalar(let text, _, let position) = raw, !raw.isNull, let key = Self.scalarShorthand[name] {
                let synthetic = RawNode.mapping([RawPair(key: key, keyPosition: position,
                                                         value: .scalar(text, plain: false, position))], position)
                return readObject(synthetic, name: name, fields: fields, path: path)
            }
            return readObject(raw, name: name, fields: fields, path: path)
        case .array(let item):
            guard case .sequence(let items, _) = raw else { return typeMismatch(raw, schema, path) }
            // Invalid items stay as `.null` so that indexes keep matching source paths.
            var values: [ModelValue] = []
            values.reserveCapacity(items.count)
            for (index, element) in items.enumerated() {
                let elementPath = "\(path)[\(index)]"
                if element.isNull {
                    positions[elementPath] = element.position
                    sink.error("\(elementPath) is empty", at: element.position, hint: "remove the empty '-' entry")
                    values.append(.null)
                    continue
                }
                values.append(read(element, as: item, path: elementPath) ?? .null)
            }
            return .list(values)
        case .map(let item):
            guard case .mapping(let pairs, _) = raw else { return typeMismatch(raw, schema, path) }
            var values: [String: ModelValue] = [:]
            for pair in pairs {
                let childPath = path.isEmpty ? pair.key : "\(path).\(pair.key)"
                if let value = read(pair.value, as: item, path: childPath) { values[pair.key] = value }
            }
            return .object(values)
        case .string(let allowed):
            guard case .scalar(let text, _, let position) = raw else { return typeMismatch(raw, schema, path) }
            if let allowed, !allowed.contains(text) {
                sink.error("invalid value '\(text)' for \(path)", at: position, hint: Self.enumHint(text, allowed))
                return nil
            }
            if format == "date", !Self.isDate(text) {
                sink.error("invalid date '\(text)' for \(path)", at: position, hint: "write dates as YYYY-MM-DD, e.g. 2025-03-31")
                return nil
            }
            return .string(text)
        case .localisedText:
            return readLocalisedText(raw, path: path)
        case .integer:
            guard case .scalar(let text, _, let position) = raw else { return typeMismatch(raw, schema, path) }
            guard let value = Int64(text) else {
                sink.error("\(path) must be an integer, not '\(text)'", at: position)
                return nil
            }
            return .int(value)
        case .number:
            guard case .scalar(let text, _, let position) = raw else { return typeMismatch(raw, schema, path) }
            guard let value = Double(text), value.isFinite else {
                sink.error("\(path) must be a number, not '\(text)'", at: position)
                return nil
            }
            return .double(value)
        case .boolean:
            guard case .scalar(let text, _, let position) = raw else { return typeMismatch(raw, schema, path) }
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default:
                sink.error("\(path) must be true or false, not '\(text)'", at: position,
                           hint: "write true or false (yes/no/on/off are not accepted)")
                return nil
            }
        case .duration:
            guard case .scalar(let text, _, let position) = raw else { return typeMismatch(raw, schema, path) }
            // A bare integer is seconds, as in RetentionDuration's Codable form.
            guard let duration = Int64(text).flatMap({ $0 >= 0 ? RetentionDuration.seconds($0) : nil })
                    ?? RetentionDuration(parsing: text) else {
                sink.error("invalid duration '\(text)' for \(path)", at: position,
                           hint: "use 30d, 72h, 2w, 6mo, 1y, ISO 8601 (P30D, PT72H), 0 (not stored) or indefinite")
                return nil
            }
            return .duration(duration)
        case .point:
            return readPoint(raw, path: path)
        }
    }

    /// The value of an absent key: its default, with a defaulted section's own defaults filled in.
    static func defaultValue(for field: SchemaField) -> ModelValue? {
        guard let value = field.defaultValue else { return nil }
        if case .object(let fields) = value, fields.isEmpty, case .object(_, let subfields) = field.node {
            var filled: [String: ModelValue] = [:]
            for sub in subfields { if let v = defaultValue(for: sub) { filled[sub.name] = v } }
            return .object(filled)
        }
        return value
    }

    private mutating func readObject(_ raw: RawNode, name: String, fields: [SchemaField], path: String) -> ModelValue? {
        guard case .mapping(let pairs, let position) = raw else {
            return typeMismatch(raw, .object(name: name, fields: fields), path)
        }
        var byName: [String: RawPair] = [:]
        var likelyTypos = Set<String>()
        for pair in pairs {
            guard fields.contains(where: { $0.name == pair.key }) else {
                let known = fields.map(\.name)
                let hint: String
                let guess = EditDistance.closest(to: pair.key, in: known)
                if pair.key.contains(" ") || (pair.value.isNull && guess == nil) {
                    hint = "a text containing ', ' inside {…} must be quoted: \"like, this\""
                } else if let guess {
                    hint = "did you mean '\(guess)'?"
                    likelyTypos.insert(guess)
                } else {
                    hint = "allowed keys: \(known.joined(separator: ", "))"
                }
                sink.error("unknown key '\(pair.key)' in \(Self.describe(path, name))", at: pair.keyPosition, hint: hint)
                continue
            }
            byName[pair.key] = pair
        }
        var values: [String: ModelValue] = [:]
        for field in fields {
            let childPath = path.isEmpty ? field.name : "\(path).\(field.name)"
            guard let pair = byName[field.name], !pair.value.isNull else {
                if field.required, let written = byName[field.name] {
                    sink.error("missing value for required key '\(field.name)' in \(Self.describe(path, name))",
                               at: written.value.position, hint: field.doc)
                } else if field.required {
                    // A misspelt key already reported as unknown ("did you mean …") is not reported twice.
                    if !likelyTypos.contains(field.name) {
                        sink.error("missing required key '\(field.name)' in \(Self.describe(path, name))", at: position,
                                   hint: field.doc)
                    }
                } else if let value = Self.defaultValue(for: field) {
                    values[field.name] = value
                }
                if let pair = byName[field.name] { positions[childPath] = pair.value.position }
                continue
            }
            if field.required, field.node.isText, case .scalar(let text, _, let at) = pair.value,
               text.isBlank {
                positions[childPath] = at
                sink.error("\(childPath) must not be empty", at: at, hint: field.doc)
                continue
            }
            if let value = read(pair.value, as: field.node, path: childPath, format: field.format) {
                values[field.name] = value
            }
        }
        // Partial objects are returned on error: cross-reference checks still run on what was
        // readable, and the sink decides whether the model is valid.
        return .object(values)
    }

    /// Free text: a plain string, or `{fr: …, en: …}` with known language codes and non-blank
    /// texts (a map with no entry is an error: write the text or leave the key out).
    private mutating func readLocalisedText(_ raw: RawNode, path: String) -> ModelValue? {
        switch raw {
        case .scalar(let text, _, _):
            return .string(text)
        case .mapping(let pairs, let position):
            guard !pairs.isEmpty else {
                sink.error("\(path) has no text", at: position, hint: "write the text, or one per language: {fr: \"…\", en: \"…\"}")
                return nil
            }
            var texts: [String: ModelValue] = [:]
            var valid = true
            for pair in pairs {
                let childPath = "\(path).\(pair.key)"
                positions[childPath] = pair.value.position
                guard FreeText.languages.contains(pair.key) else {
                    let guess = EditDistance.closest(to: pair.key, in: FreeText.languages)
                    sink.error("unknown language '\(pair.key)' in \(path)", at: pair.keyPosition,
                               hint: (guess.map { "did you mean '\($0)'? " } ?? "") + "text per language uses the codes \(FreeText.languages.joined(separator: ", ")): {fr: \"…\", en: \"…\"}")
                    valid = false
                    continue
                }
                guard case .scalar(let text, _, let at) = pair.value, !pair.value.isNull else {
                    sink.error("\(childPath) must be text, not \(pair.value.kindName)", at: pair.value.position,
                               hint: "the \(pair.key) text of \(path), quoted if it contains ': '")
                    valid = false
                    continue
                }
                guard !text.isBlank else {
                    sink.error("\(childPath) must not be empty", at: at, hint: "give the text or leave the language out")
                    valid = false
                    continue
                }
                texts[pair.key] = .string(text)
            }
            return valid ? .object(texts) : nil
        default:
            return typeMismatch(raw, .localisedText, path)
        }
    }

    private mutating func readPoint(_ raw: RawNode, path: String) -> ModelValue? {
        var coordinates: [(String, RawNode)] = []
        switch raw {
        case .sequence(let items, _) where items.count == 2:
            coordinates = [("x", items[0]), ("y", items[1])]
        case .mapping(let pairs, let position):
            for pair in pairs where pair.key != "x" && pair.key != "y" {
                sink.error("unknown key '\(pair.key)' in point \(path)", at: pair.keyPosition, hint: "a point has only x and y")
                return nil
            }
            for axis in ["x", "y"] {
                guard let pair = pairs.first(where: { $0.key == axis }) else {
                    sink.error("missing required key '\(axis)' in point \(path)", at: position)
                    return nil
                }
                coordinates.append((axis, pair.value))
            }
        default:
            return typeMismatch(raw, .point, path)
        }
        var result: [String: ModelValue] = [:]
        for (axis, node) in coordinates {
            let axisPath = "\(path).\(axis)"
            positions[axisPath] = node.position
            guard case .scalar(let text, _, let at) = node, let value = Double(text), value.isFinite else {
                sink.error("\(axisPath) must be a number", at: node.position)
                return nil
            }
            guard (0...1).contains(value) else {
                sink.error("\(axisPath) must be between 0 and 1, not \(text)", at: at,
                           hint: "points are in normalised image coordinates: 0 is the left/top edge, 1 the right/bottom")
                return nil
            }
            result[axis] = .double(value)
        }
        return .object(result)
    }

    private mutating func typeMismatch(_ raw: RawNode, _ schema: SchemaNode, _ path: String) -> ModelValue? {
        let found: String
        if case .scalar(let text, _, _) = raw, !raw.isNull { found = "'\(text)'" } else { found = raw.kindName }
        var hint: String?
        if case .array = schema, case .scalar = raw { hint = "write a list: [\(found == "null" ? "" : found.trimmingCharacters(in: CharacterSet(charactersIn: "'")))] or one '- item' per line" }
        sink.error("\(path.isEmpty ? "the document" : path) must be \(schema.expectation), not \(found)", at: raw.position, hint: hint)
        return nil
    }

    static func describe(_ path: String, _ name: String) -> String {
        path.isEmpty ? "the document" : "\(path) (\(name))"
    }

    static func enumHint(_ value: String, _ allowed: [String]) -> String {
        let list = "allowed: \(allowed.joined(separator: ", "))"
        if let guess = EditDistance.closest(to: value, in: allowed) { return "did you mean '\(guess)'? \(list)" }
        return list
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}

/// Typo suggestions ("did you mean") for unknown keys, enum values and ids. The distance is
/// public so other modules' suggestion policies (rule ids, rule-file keys) share one algorithm.
public enum EditDistance {
    /// The candidate closest to `word` when it is plausibly a typo (distance ≤ 1/3 of the
    /// length, at least 1, at most 3), or one that contains / is contained in it.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let lower = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(lower, candidate.lowercased())
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        guard let (candidate, d) = best else { return nil }
        let allowed = min(3, max(1, lower.count / 3))
        if d <= allowed { return candidate }
        if lower.count >= 4, let partial = candidates.first(where: { $0.lowercased().hasPrefix(lower) || lower.hasPrefix($0.lowercased()) }) {
            return partial
        }
        return nil
    }

    /// Levenshtein distance over characters (insertions, deletions, substitutions, each 1).
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension ModelSchema {
    /// Reads a YAML value against a schema node with the same checks and defaults as a
    /// deployment file (durations parsed, absent lists `[]`, absent flags `false`). The Rules
    /// module uses it for rule examples, which write only the fields a rule reads.
    public static func read(yaml: String, as schema: SchemaNode, file: String) throws(ModelError) -> ModelValue {
        let raw = try DeploymentLoader.compose(yaml, file: file)
        var reader = SchemaReader()
        let value = reader.read(raw, as: schema, path: "")
        guard reader.sink.isEmpty, let value else { throw .invalid(reader.sink.sorted()) }
        return value
    }

    /// The object node named `name` (`Camera`, `Purpose`, …) anywhere in the schema.
    public static func object(named name: String) -> SchemaNode? {
        func find(_ node: SchemaNode) -> SchemaNode? {
            switch node {
            case .object(let n, let fields):
                if n == name { return node }
                for field in fields { if let found = find(field.node) { return found } }
                return nil
            case .array(let item), .map(let item): return find(item)
            default: return nil
            }
        }
        return find(root)
    }
}
