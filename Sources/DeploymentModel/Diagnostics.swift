import Foundation

/// Where a value was written: `file:line:col`, 1-based, columns counted in Unicode scalars.
public struct SourcePosition: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in a deployment model, printed as
/// `file:line:col: error: message (hint: …)`.
public struct Diagnostic: Sendable, Codable, Hashable, CustomStringConvertible {
    public var position: SourcePosition?
    public var message: String
    public var hint: String?

    public init(position: SourcePosition?, message: String, hint: String? = nil) {
        self.position = position
        self.message = message
        self.hint = hint
    }

    public var description: String {
        let prefix = position.map { "\($0): " } ?? ""
        let suffix = hint.map { " (hint: \($0))" } ?? ""
        return "\(prefix)error: \(message)\(suffix)"
    }
}

/// Why a deployment model could not be loaded.
public enum ModelError: Error, Sendable, CustomStringConvertible {
    /// The file was read but is not a valid model; every problem found, in file order.
    case invalid([Diagnostic])
    /// The file could not be read at all (missing, a directory, permission denied).
    case unreadable(path: String, reason: String)

    public var diagnostics: [Diagnostic] {
        switch self {
        case .invalid(let list): return list
        case .unreadable(let path, let reason):
            return [Diagnostic(position: nil, message: "cannot read '\(path)': \(reason)")]
        }
    }

    /// All diagnostics, one per line.
    public var description: String {
        switch self {
        case .invalid(let list):
            return list.map(\.description).joined(separator: "\n")
        case .unreadable(let path, let reason):
            return "cannot read '\(path)': \(reason)"
        }
    }
}

/// Collects diagnostics while a model is read; order of discovery is kept, then sorted by
/// position when loading ends.
struct DiagnosticSink {
    private(set) var items: [Diagnostic] = []
    /// Stops runaway reports (e.g. a 10,000-row CSV with a wrong header): past this many,
    /// one final diagnostic says how many more were dropped.
    let limit = 500
    private(set) var dropped = 0

    mutating func error(_ message: String, at position: SourcePosition?, hint: String? = nil) {
        guard items.count < limit else { dropped += 1; return }
        items.append(Diagnostic(position: position, message: message, hint: hint))
    }

    var isEmpty: Bool { items.isEmpty }

    /// File-level diagnostics (no position) first, then by file (in order of first
    /// appearance), line and column; ties keep discovery order.
    func sorted() -> [Diagnostic] {
        var fileRank: [String: Int] = [:]
        for item in items { if let file = item.position?.file, fileRank[file] == nil { fileRank[file] = fileRank.count } }
        var result = items.enumerated().sorted { a, b in
            func key(_ entry: (offset: Int, element: Diagnostic)) -> (Int, Int, Int, Int) {
                guard let p = entry.element.position else { return (-1, 0, 0, entry.offset) }
                return (fileRank[p.file] ?? 0, p.line, p.column, entry.offset)
            }
            return key(a) < key(b)
        }.map(\.element)
        if dropped > 0 {
            result.append(Diagnostic(position: nil, message: "\(dropped) more errors not shown",
                                     hint: "fix the errors above first"))
        }
        return result
    }
}
