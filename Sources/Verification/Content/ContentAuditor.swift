import Foundation

/// The content audit of one file: identify what it is, unpack containers recursively
/// (zip/npz, gzip, zlib, bz2, xz, lz4, tar, pickle, npy, SQLite) within the budget, parse the
/// structured text formats (OpenCV FileStorage YAML/XML/JSON, CSV/TSV, JSON), collect the
/// numeric arrays with their path, then run the detectors (signature, embedding, landmarks,
/// image crop). What cannot be opened is reported as opaque with its size, never skipped.
struct ContentAuditor {
    var budget: ContentBudget

    struct Report {
        /// The outermost format (`gzip`, `opencv-yaml`, …) for the files-left listing.
        var format = "unknown"
        var findings: [ContentFinding] = []
        var arrays: [NumericArray] = []
        var textPayloads: [(path: ContentPath, bytes: [UInt8])] = []
        var jsonValues: [(path: ContentPath, value: JSONValue)] = []
    }

    private var expanded = 0
    private var members = 0
    private var deadline = ContinuousClock.now

    init(budget: ContentBudget = ContentBudget()) { self.budget = budget }

    /// Audits the bytes of one file. `filePath` lets SQLite open the file in place.
    mutating func audit(_ bytes: [UInt8], name: String, filePath: String? = nil) -> Report {
        expanded = 0
        members = 0
        deadline = ContinuousClock.now + .milliseconds(Int(budget.seconds * 1000))
        var report = Report()
        report.format = FormatSniffer.identify(bytes).rawValue
        visit(bytes, path: ContentPath([name]), depth: 0, filePath: filePath, into: &report)
        detect(&report)
        return report
    }

    private func outOfTime() -> Bool { ContinuousClock.now > deadline }

    private mutating func visit(_ bytes: [UInt8], path: ContentPath, depth: Int, filePath: String?, into report: inout Report) {
        if depth > budget.maxDepth {
            report.findings.append(ContentFinding(kind: .budget, path: path, detail: "nested deeper than \(budget.maxDepth) containers (\(bytes.count) bytes not opened): treated as opaque"))
            return
        }
        if outOfTime() {
            report.findings.append(ContentFinding(kind: .budget, path: path, detail: "audit time budget (\(format(budget.seconds)) s) spent before this part (\(bytes.count) bytes): treated as opaque"))
            return
        }
        let format = FormatSniffer.identify(bytes)
        switch format {
        case .jpeg, .png, .gif, .bmp, .webp, .tiff, .pnm:
            report.findings.append(ContentFinding(kind: .imageCrop, path: path, detail: "image-crop test: \(format.rawValue.uppercased()) image (\(bytes.count) bytes, magic \(BinaryClassifier.hexPrefix(bytes)))"))
        case .zstd, .hdf5:
            report.findings.append(ContentFinding(kind: .opaque, path: path, detail: "\(format.rawValue) container (\(bytes.count) bytes) that this audit cannot open: opaque, treated as a possible leak"))
        case .gzip, .bzip2, .xz, .zlib, .lz4:
            let codec: CompressedStreamHandler.Codec = format == .gzip ? .gzip : format == .bzip2 ? .bzip2 : format == .xz ? .xz
                : format == .lz4 ? .lz4 : .zlib
            unpack(bytes[...], codec: codec, path: path, depth: depth, into: &report)
        case .zip:
            guard let list = ZipHandler.members(bytes, limit: budget.maxMembers - members) else {
                report.findings.append(ContentFinding(kind: .opaque, path: path, detail: "zip archive (\(bytes.count) bytes) whose directory cannot be read: opaque"))
                return
            }
            for member in list {
                members += 1
                if members > budget.maxMembers { report.findings.append(budgetFinding(path, "more than \(budget.maxMembers) members")); return }
                let memberPath = path.appending(member.name)
                guard let raw = ZipHandler.rawData(bytes, member) else {
                    report.findings.append(ContentFinding(kind: .opaque, path: memberPath, detail: "zip member whose data cannot be located: opaque")); continue
                }
                switch member.method {
                case 0: visit(Array(raw), path: memberPath, depth: depth + 1, filePath: nil, into: &report)
                case 8: unpack(raw, codec: .deflate, path: memberPath, depth: depth, into: &report, label: nil)
                default:
                    report.findings.append(ContentFinding(kind: .opaque, path: memberPath, detail: "zip member compressed with method \(member.method) (\(raw.count) bytes), not opened: opaque"))
                }
            }
        case .tar:
            for member in TarHandler.members(bytes, limit: budget.maxMembers - members) {
                members += 1
                visit(Array(member.data), path: path.appending(member.name), depth: depth + 1, filePath: nil, into: &report)
            }
        case .pickle:
            var handler = PickleHandler(bytes: bytes, base: path)
            do { report.arrays += try handler.run() } catch {
                report.findings.append(ContentFinding(kind: .opaque, path: path.appending("pickle"), detail: "pickle stream (\(bytes.count) bytes) that cannot be read (\(error)): opaque"))
            }
        case .npy:
            if let array = NpyHandler.array(bytes, base: path) { report.arrays.append(array) }
            else { report.findings.append(ContentFinding(kind: .opaque, path: path, detail: "NumPy .npy (\(bytes.count) bytes) of a type this audit does not read: opaque")) }
        case .sqlite:
            #if canImport(GRDB)
            auditSQLite(bytes, path: path, depth: depth, filePath: filePath, into: &report)
            #else
            report.findings.append(ContentFinding(kind: .opaque, path: path, detail: "SQLite database (\(bytes.count) bytes): no SQLite reader in this build"))
            #endif
        case .openCVYAML:
            report.arrays += FileStorageParser.yaml(bytes, base: path, limit: budget.maxArrays)
        case .openCVXML:
            report.arrays += FileStorageParser.xml(bytes, base: path, limit: budget.maxArrays)
        case .json:
            if let value = try? bytes.withUnsafeBufferPointer({ try JSONScanner.parse($0) }) {
                report.jsonValues.append((path, value))
                report.arrays += JSONArrayExtractor.arrays(in: value, base: path, limit: budget.maxArrays)
            } else {
                auditJSONLines(bytes, path: path, into: &report)
            }
        case .delimited:
            if let table = DelimitedTableParser.table(bytes, base: path) { report.arrays.append(table) }
            report.textPayloads.append((path, bytes))
        case .text:
            report.textPayloads.append((path, bytes))
        case .pythonBytecode:
            report.findings.append(ContentFinding(kind: .note, path: path, detail: HarmlessWrites.note(for: bytes, path: "") ?? "Python bytecode"))
        case .binary:
            auditBinary(bytes, path: path, into: &report)
        }
    }

    private func budgetFinding(_ path: ContentPath, _ what: String) -> ContentFinding {
        ContentFinding(kind: .budget, path: path, detail: "\(what) (budget): the rest is treated as opaque")
    }

    private mutating func unpack(_ input: ArraySlice<UInt8>, codec: CompressedStreamHandler.Codec, path: ContentPath, depth: Int,
                                 into report: inout Report, label: String? = "") {
        let remaining = budget.maxExpandedBytes - expanded
        let ratioLimit = max(1 << 20, input.count.multipliedReportingOverflow(by: budget.maxExpansionRatio).partialValue)
        let limit = min(remaining, ratioLimit)
        let step = label == nil ? path : path.appending(codec.rawValue)
        switch CompressedStreamHandler.inflate(input, codec: codec, limit: limit) {
        case .success(let output):
            expanded += output.count
            visit(output, path: step, depth: depth + 1, filePath: nil, into: &report)
        case .failure(.tooLarge(let limit)):
            report.findings.append(ContentFinding(kind: .budget, path: step,
                                                  detail: "\(codec.rawValue) stream of \(input.count) bytes expands beyond \(limit) bytes (a decompression bomb, or over the budget): treated as opaque"))
        case .failure(let failure):
            report.findings.append(ContentFinding(kind: .opaque, path: step, detail: "\(codec.rawValue) stream (\(input.count) bytes) that cannot be opened: \(failure): opaque"))
        }
    }

    #if canImport(GRDB)
    private mutating func auditSQLite(_ bytes: [UInt8], path: ContentPath, depth: Int, filePath: String?, into report: inout Report) {
        var file = filePath
        var temporary: String?
        if file == nil {
            let name = FileManager.default.temporaryDirectory.appendingPathComponent("silhouette-sqlite-\(UUID().uuidString).db").path
            guard FileManager.default.createFile(atPath: name, contents: Data(bytes)) else { return }
            file = name
            temporary = name
        }
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
        switch SQLiteHandler.read(path: file!, base: path) {
        case .success(let contents):
            report.arrays += contents.arrays
            for blob in contents.blobs.prefix(budget.maxMembers) {
                let before = report.findings.count
                let arraysBefore = report.arrays.count
                visit(blob.bytes, path: blob.path, depth: depth + 1, filePath: nil, into: &report)
                let judged = report.findings.count > before || report.arrays.count > arraysBefore
                if !judged && blob.bytes.count >= 16 {
                    report.findings.append(ContentFinding(kind: .sqliteColumn, path: blob.path, detail: "BLOB of \(blob.bytes.count) bytes of unrecognised binary data in a column"))
                }
            }
        case .failure(let error):
            report.findings.append(ContentFinding(kind: .opaque, path: path, detail: "SQLite database (\(bytes.count) bytes) that cannot be read (\(error)): opaque"))
        }
    }

    #endif

    /// JSON Lines (one value per line) or text: values are kept for the key/label audit.
    private mutating func auditJSONLines(_ bytes: [UInt8], path: ContentPath, into report: inout Report) {
        var parsedAny = false
        var line = 0
        for slice in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            line += 1
            guard let value = try? Array(slice).withUnsafeBufferPointer({ try JSONScanner.parse($0) }) else { continue }
            parsedAny = true
            let linePath = path.appending("line \(line)")
            report.jsonValues.append((linePath, value))
            report.arrays += JSONArrayExtractor.arrays(in: value, base: linePath, limit: 1_000)
            if report.arrays.count > budget.maxArrays { break }
        }
        if !parsedAny { report.textPayloads.append((path, bytes)) }
    }

    /// Unrecognised binary: raw floats are judged as an array; random-looking bytes (an
    /// encrypted or unknown-compressed gallery) are opaque; low-entropy data is listed only.
    private mutating func auditBinary(_ bytes: [UInt8], path: ContentPath, into report: inout Report) {
        if let floats = BinaryClassifier.floatArrayDescription(bytes) {
            let type: ScalarType = floats.kind == .float32Array ? .float32 : .float64
            let count = bytes.count / type.size
            report.arrays.append(NumericArray(path: path.appending("raw \(type == .float32 ? "float32" : "float64")[\(count)]"),
                                              shape: [count], bytes: bytes, offset: 0, type: type, bigEndian: false))
            report.findings.append(ContentFinding(kind: .embedding, path: path, detail: "raw-float test: \(floats.detail)"))
            return
        }
        let entropy = Self.entropy(bytes)
        if bytes.count >= Self.opaqueMinimumBytes, entropy >= Self.opaqueEntropy {
            report.findings.append(ContentFinding(kind: .opaque, path: path,
                                                  detail: "opaque test: \(bytes.count) bytes of unrecognised binary data, \(format(entropy, digits: 2)) bits of entropy per byte (encrypted or compressed in an unknown format): cannot be ruled out"))
        } else if !bytes.isEmpty {
            report.findings.append(ContentFinding(kind: .note, path: path,
                                                  detail: "unrecognised binary data (\(bytes.count) bytes, \(format(entropy, digits: 2)) bits of entropy per byte: structured, not a template format)"))
        }
    }

    static let opaqueMinimumBytes = 256
    static let opaqueEntropy = 6.0

    /// Shannon entropy in bits per byte, over at most the first 1 MiB.
    static func entropy(_ bytes: [UInt8]) -> Double {
        var counts = [Int](repeating: 0, count: 256)
        let sample = bytes.prefix(1 << 20)
        for byte in sample { counts[Int(byte)] += 1 }
        let total = Double(sample.count)
        guard total > 0 else { return 0 }
        return counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }

    /// Runs the detectors over the arrays found. An array claimed by a more specific test
    /// (image, landmarks) is not judged again as a signature or embedding.
    private func detect(_ report: inout Report) {
        var remaining: [NumericArray] = []
        for array in report.arrays {
            if let finding = ImageArrayDetector.finding(for: array) ?? LandmarkDetector.finding(for: array) {
                report.findings.append(finding)
            } else {
                remaining.append(array)
            }
        }
        let signatures = SignatureDetector.findings(remaining)
        report.findings += signatures
        let claimed = Set(signatures.map(\.path))
        for array in remaining where !claimed.contains(array.path) {
            if let finding = EmbeddingDetector.finding(for: array), !report.findings.contains(where: { $0.kind == .embedding && array.path.steps.starts(with: $0.path.steps) }) {
                report.findings.append(finding)
            }
        }
    }
}
