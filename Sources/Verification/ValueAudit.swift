/// Walks one parsed JSON value (an event line, or a line of a JSON file the engine left) and
/// records biometric keys, embedding-shaped arrays, encoded blobs, landmark arrays and face
/// labels, each with its JSON path. Also collects absolute paths the engine mentions, which
/// the sandbox-escape check follows up.
struct ValueAudit {
    /// Arrays this long with mostly fractional values look like embeddings.
    static let embeddingLengths = 64...2048
    /// Landmark sets: at least this many 2-D/3-D points (5-point, 68-point, 468-point meshes).
    static let minimumLandmarkPoints = 5

    var book: EvidenceBook
    /// Absolute paths seen in string values, bounded.
    private(set) var mentionedPaths: Set<String> = []
    static let mentionedPathLimit = 1000

    init(book: EvidenceBook = EvidenceBook()) { self.book = book }

    private enum Component {
        case key(String)
        case index(Int)
    }

    private var path: [Component] = []

    /// Per-key and per-label verdicts, memoised: engines repeat the same few keys and labels
    /// millions of times, and tokenising them each time dominated the audit's cost.
    private struct KeyInfo { var biometricWord: String?; var isLabelKey: Bool }
    private var keyCache: [String: KeyInfo] = [:]
    private var faceLabelCache: [String: Bool] = [:]
    static let cacheLimit = 4096

    private mutating func info(forKey key: String) -> KeyInfo {
        // The contract's own keys, compared without hashing: the common case by far.
        switch key {
        case "t", "camera", "bbox", "track", "zone", "direction", "count": return KeyInfo(biometricWord: nil, isLabelKey: false)
        case "type", "class": return KeyInfo(biometricWord: nil, isLabelKey: true)
        default: break
        }
        if let cached = keyCache[key] { return cached }
        let info = KeyInfo(biometricWord: BiometricVocabulary.match(key), isLabelKey: Self.labelKeys.contains(key.lowercased()))
        if keyCache.count < Self.cacheLimit { keyCache[key] = info }
        return info
    }

    private mutating func isFaceLabel(_ value: String) -> Bool {
        if let cached = faceLabelCache[value] { return cached }
        let verdict = BiometricVocabulary.isFaceLabel(value)
        if faceLabelCache.count < Self.cacheLimit { faceLabelCache[value] = verdict }
        return verdict
    }

    private func pathString() -> String {
        var text = "$"
        for component in path {
            switch component {
            case .key(let key):
                if !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { text += "." + key }
                else { text += "[\"" + key.replacingOccurrences(of: "\"", with: "\\\"") + "\"]" }
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    mutating func audit(_ value: JSONValue, at base: EvidenceLocation) {
        path.removeAll(keepingCapacity: true)
        walk(value, base: base, labelKey: nil)
    }

    private func location(_ base: EvidenceLocation) -> EvidenceLocation {
        var location = base
        location.jsonPath = pathString()
        return location
    }

    private mutating func walk(_ value: JSONValue, base: EvidenceLocation, labelKey: String?) {
        switch value {
        case .object(let members):
            for (key, child) in members {
                path.append(.key(key))
                if let word = info(forKey: key).biometricWord {
                    book.add(.biometricKeys, location(base), "key \"\(key)\" names biometric data (\"\(word)\")")
                }
                walk(child, base: base, labelKey: key)
                path.removeLast()
            }
        case .array(let elements):
            inspectArray(elements, base: base)
            for (index, child) in elements.enumerated() {
                // Plain numbers need no per-element walk; this keeps long numeric arrays cheap.
                if case .number = child { continue }
                path.append(.index(index))
                walk(child, base: base, labelKey: labelKey)
                path.removeLast()
            }
        case .string(let string):
            inspectString(string, base: base, labelKey: labelKey)
        case .number, .bool, .null:
            break
        }
    }

    private mutating func inspectArray(_ elements: [JSONValue], base: EvidenceLocation) {
        if Self.embeddingLengths.contains(elements.count) {
            var stats = FloatStats()
            var allNumbers = true
            for element in elements {
                guard case .number(let number, _) = element else { allNumbers = false; break }
                stats.add(number)
            }
            if allNumbers, stats.nonIntegerFraction >= 0.9, stats.isUnitNorm || stats.maxAbs <= 64 {
                let shape = stats.isUnitNorm ? "near unit L2 norm" : "float-distributed (max |x| \(format(stats.maxAbs)))"
                book.add(.embeddingArrays, location(base),
                         "array of \(elements.count) floats, \(shape), L2 norm \(format(stats.norm)): shaped like an embedding")
            }
        }
        if let layout = LandmarkDetector.flatLayout(elements.count) {
            var stats = ArrayStatistics()
            var allNumbers = true
            for element in elements {
                guard case .number(let number, _) = element else { allNumbers = false; break }
                stats.add(number)
            }
            if allNumbers, LandmarkDetector.coordinateLike(stats) {
                book.add(.landmarkArrays, location(base),
                         "flat list of \(elements.count) numbers = \(layout.points) points × \(layout.dimension) coordinates: shaped like facial landmarks")
            }
        }
        if elements.count >= Self.minimumLandmarkPoints, let dimension = pointDimension(elements) {
            book.add(.landmarkArrays, location(base),
                     "\(elements.count) points of \(dimension) coordinates: shaped like facial/body landmarks")
        }
    }

    /// 2 or 3 when every element is a point (`[x, y]`, `[x, y, z]` or `{x, y[, z]}`).
    private func pointDimension(_ elements: [JSONValue]) -> Int? {
        var dimension: Int?
        for element in elements {
            let size: Int
            switch element {
            case .array(let coordinates):
                guard (2...3).contains(coordinates.count),
                      coordinates.allSatisfy({ if case .number = $0 { return true } else { return false } }) else { return nil }
                size = coordinates.count
            case .object(let members):
                let keys = Set(members.map { $0.key.lowercased() })
                guard keys.isSubset(of: ["x", "y", "z", "visibility", "score", "confidence"]), keys.contains("x"), keys.contains("y") else { return nil }
                size = keys.contains("z") ? 3 : 2
            default:
                return nil
            }
            if let known = dimension, known != size { return nil }
            dimension = size
        }
        return dimension
    }

    private mutating func inspectString(_ string: String, base: EvidenceLocation, labelKey: String?) {
        if let labelKey, string.utf8.count < 256, info(forKey: labelKey).isLabelKey, isFaceLabel(string) {
            book.add(.faceBoxes, location(base), "\(labelKey) \"\(string)\": a box labelled as a face")
        }
        if let finding = BlobDecoder.inspect(string) {
            book.add(.encodedBlobs, location(base),
                     "\(string.utf8.count)-character \(finding.encoding.rawValue) string decodes to \(finding.classification.detail)")
        }
        if string.hasPrefix("/"), mentionedPaths.count < Self.mentionedPathLimit, string.utf8.count < 4096, !string.contains("\n") {
            mentionedPaths.insert(string)
        }
    }

    /// Keys whose string value labels what a box contains.
    static let labelKeys: Set<String> = ["class", "label", "type", "category", "kind", "object", "object_class", "objectclass", "name", "tag", "classname", "class_name"]

    mutating func notePath(_ path: String) {
        if mentionedPaths.count < Self.mentionedPathLimit { mentionedPaths.insert(path) }
    }
}
