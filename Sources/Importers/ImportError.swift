/// Why an import failed. Every case names the file and, where there is one, the position,
/// so the CLI can print one line and exit 2.
public enum ImportError: Error, CustomStringConvertible, Equatable {
    case unreadable(file: String, reason: String)
    case unwritable(file: String, reason: String)
    case tooLarge(file: String, bytes: Int, limit: Int)
    case notText(file: String)
    case syntax(file: String, line: Int?, column: Int?, problem: String)
    case hostileXML(file: String, reason: String)
    case notRecognised(file: String, found: String, expected: String)
    case invalidValue(file: String, path: String, problem: String)
    case nothingToImport(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read: \(reason)"
        case .unwritable(let file, let reason):
            return "\(file): cannot write: \(reason)"
        case .tooLarge(let file, let bytes, let limit):
            return "\(file): file is \(bytes) bytes, over the \(limit)-byte limit for an import (hint: is this really a configuration file?)"
        case .notText(let file):
            return "\(file): not a UTF-8 text file (hint: export the configuration as YAML or XML)"
        case .syntax(let file, let line, let column, let problem):
            let position = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "\(file)\(position): \(problem)"
        case .hostileXML(let file, let reason):
            return "\(file): refused: \(reason) (hint: ONVIF responses never need a DTD or entities)"
        case .notRecognised(let file, let found, let expected):
            return "\(file): \(found); expected \(expected)"
        case .invalidValue(let file, let path, let problem):
            return "\(file): \(path): \(problem)"
        case .nothingToImport(let file, let reason):
            return "\(file): nothing to import: \(reason)"
        }
    }
}

/// Reads an import input with the limits every importer shares: configurations are small,
/// so anything huge or binary is refused before a parser sees it.
enum ImportInput {
    static let maximumBytes = 5 * 1024 * 1024

    static func read(_ path: String, limit: Int = maximumBytes) throws(ImportError) -> String {
        let data: [UInt8]
        if path == "-" {
            data = readStandardInput(limit: limit + 1)
        } else {
            guard let handle = fopen(path, "rb") else {
                throw .unreadable(file: path, reason: String(cString: strerror(errno)))
            }
            defer { fclose(handle) }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var collected: [UInt8] = []
            while true {
                let count = fread(&buffer, 1, buffer.count, handle)
                if count > 0 { collected.append(contentsOf: buffer[0..<count]) }
                if count < buffer.count { break }
                if collected.count > limit { break }
            }
            if ferror(handle) != 0 { throw .unreadable(file: path, reason: "read error (is it a directory?)") }
            data = collected
        }
        if data.count > limit { throw .tooLarge(file: displayName(path), bytes: data.count, limit: limit) }
        if data.contains(0) { throw .notText(file: displayName(path)) }
        guard let text = String(validating: data, as: UTF8.self) else { throw .notText(file: displayName(path)) }
        return text
    }

    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    private static func readStandardInput(limit: Int) -> [UInt8] {
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while collected.count <= limit {
            let count = Glibc.read(STDIN_FILENO, &buffer, buffer.count)
            if count <= 0 { break }
            collected.append(contentsOf: buffer[0..<count])
        }
        return collected
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
