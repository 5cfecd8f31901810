import DeploymentModel
import Crypto
import Foundation

/// A JSON value whose serialisation is canonical: object keys sorted by their UTF-8 bytes, no
/// insignificant whitespace, one escaping for each character. The audit chain hashes this text,
/// so the same content must always give the same bytes — `JSONEncoder` does not promise that
/// (number formatting, escaping of `/`), which is why the store writes its own.
/// Numbers are integers only: nothing the store audits is fractional.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    /// Only produced when decoding stored JSON for diffs; audited payloads never hold one.
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The canonical text.
    public var canonical: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += "\(d)"
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            let keys = fields.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (i, key) in keys.enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeString(key, to: &out)
                out += ":"
                fields[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, to out: inout String) { JSONText.write(s, into: &out) }
}

extension JSONValue: Decodable {
    /// Decodes any JSON (used to read stored findings and models generically). `JSONDecoder`
    /// is strict about types, so `true` never becomes 1 and 1 never becomes `true`.
    /// Fractions become `.double`, which only diffs ever see (never hashed).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    /// Short rendering for diffs and messages (canonical JSON, strings unquoted).
    var display: String {
        if case .string(let s) = self { return s }
        return canonical
    }
}

/// SHA-256 helpers shared by the audit chain, entity content hashes and the CLI.
public enum StoreHashing {
    /// Lower-case hex SHA-256 of `data`.
    public static func sha256Hex(_ data: some DataProtocol) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// `"sha256:<hex>"`, the form used for model hashes across silhouette.
    public static func prefixedSHA256(_ data: some DataProtocol) -> String {
        "sha256:" + sha256Hex(data)
    }
}
