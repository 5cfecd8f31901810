import Foundation

/// The JSON encoding of CEL values used by the cel-spec conformance runner
/// (`../shared/conformance/cel/README.md`): one-key objects such as `{"int": "-42"}`,
/// `{"list": [...]}`, `{"map": [[k, v], ...]}`, `{"timestamp": "2009-02-13T23:31:30Z"}`.
public enum CELWireFormat {
    public struct DecodeError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Answers one request line `{"expr": ..., "bindings": {...}, "container": ...}` with one
    /// response line (an encoded value or `{"error": ...}`); never throws.
    public static func respond(toRequest line: String) -> String {
        guard let data = line.data(using: .utf8),
              let obj = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any] else {
            return #"{"error":"request is not a JSON object"}"#
        }
        let id = obj["id"] as? String
        func reply(_ body: String) -> String {
            guard let id else { return body }
            return "{\"id\":" + quote(id) + "," + body.dropFirst()
        }
        guard let expr = obj["expr"] as? String else { return reply(#"{"error":"request has no \"expr\" string"}"#) }
        var env = CELEnvironment()
        env.undeclaredReferencesAreErrors = false
        if let c = obj["container"] as? String { env.container = c }
        var values: [(String, CELValue)] = []
        if let b = obj["bindings"] as? [String: Any] {
            for (name, enc) in b {
                do { values.append((name, try decode(enc))) } catch {
                    return reply("{\"error\":" + quote("binding '\(name)': \(error)") + "}")
                }
                env.declare(name, .dyn)
            }
        }
        let program: CELProgram
        do { program = try CELProgram(expr, environment: env) } catch {
            return reply("{\"error\":" + quote(error.description) + "}")
        }
        var act = env.makeActivation()
        for (n, v) in values { act[env.slot(of: n)!] = v }
        switch program.evaluate(act) {
        case .success(let v): return reply(encode(v))
        case .failure(let e): return reply("{\"error\":" + quote(e.message) + "}")
        }
    }

    /// Decodes one encoded value.
    public static func decode(_ json: Any) throws(DecodeError) -> CELValue {
        guard let o = json as? [String: Any], o.count == 1, let (k, v) = o.first else {
            throw DecodeError(description: "an encoded value is an object with exactly one key")
        }
        switch k {
        case "null": return .null
        case "bool":
            guard let n = v as? NSNumber, String(cString: n.objCType) == "c" || v is Bool else { throw DecodeError(description: "bad bool") }
            return .bool(n.boolValue)
        case "int":
            if let s = v as? String, let i = Int64(s) { return .int(i) }
            if let n = v as? NSNumber { return .int(n.int64Value) }
            throw DecodeError(description: "bad int")
        case "uint":
            if let s = v as? String, let u = UInt64(s) { return .uint(u) }
            if let n = v as? NSNumber { return .uint(n.uint64Value) }
            throw DecodeError(description: "bad uint")
        case "double":
            if let s = v as? String {
                switch s {
                case "NaN": return .double(.nan)
                case "Infinity": return .double(.infinity)
                case "-Infinity": return .double(-.infinity)
                default: if let d = Double(s) { return .double(d) }
                }
            }
            if let n = v as? NSNumber { return .double(n.doubleValue) }
            throw DecodeError(description: "bad double")
        case "string":
            guard let s = v as? String else { throw DecodeError(description: "bad string") }
            return .string(s)
        case "bytes":
            guard let s = v as? String, let d = base64(s) else { throw DecodeError(description: "bad bytes") }
            return .bytes(d)
        case "list":
            guard let a = v as? [Any] else { throw DecodeError(description: "bad list") }
            return .list(try a.map { (x) throws(DecodeError) -> CELValue in try decode(x) })
        case "map":
            guard let a = v as? [Any] else { throw DecodeError(description: "bad map") }
            var entries: [(CELValue, CELValue)] = []
            for e in a {
                guard let pair = e as? [Any], pair.count == 2 else { throw DecodeError(description: "bad map entry") }
                entries.append((try decode(pair[0]), try decode(pair[1])))
            }
            guard let m = CELMap(entries: entries) else { throw DecodeError(description: "duplicate map key") }
            return .map(m)
        case "timestamp":
            guard let s = v as? String else { throw DecodeError(description: "bad timestamp") }
            do { return .timestamp(try TimeOps.parseTimestamp(s)) } catch { throw DecodeError(description: error.message) }
        case "duration":
            guard let s = v as? String else { throw DecodeError(description: "bad duration") }
            do { return .duration(try TimeOps.parseDuration(s)) } catch { throw DecodeError(description: error.message) }
        case "type":
            guard let s = v as? String, let t = Compiler.typeNames[s] else { throw DecodeError(description: "unsupported type value") }
            return .type(t)
        default:
            throw DecodeError(description: "unsupported value kind '\(k)'")
        }
    }

    /// Encodes a value as one line of JSON.
    public static func encode(_ v: CELValue) -> String {
        switch v {
        case .null: return #"{"null":null}"#
        case .bool(let b): return b ? #"{"bool":true}"# : #"{"bool":false}"#
        case .int(let i): return "{\"int\":\"\(i)\"}"
        case .uint(let u): return "{\"uint\":\"\(u)\"}"
        case .double(let d):
            if d.isNaN { return #"{"double":"NaN"}"# }
            if d.isInfinite { return d < 0 ? #"{"double":"-Infinity"}"# : #"{"double":"Infinity"}"# }
            return "{\"double\":\(d.description)}"
        case .string(let s): return "{\"string\":" + quote(s) + "}"
        case .bytes(let b): return "{\"bytes\":\"" + Data(b).base64EncodedString() + "\"}"
        case .list(let l): return "{\"list\":[" + l.map(encode).joined(separator: ",") + "]}"
        case .map(let m):
            return "{\"map\":[" + zip(m.keys, m.values).map { "[" + encode($0) + "," + encode($1) + "]" }.joined(separator: ",") + "]}"
        case .timestamp(let t): return "{\"timestamp\":\"" + TimeOps.formatTimestamp(t) + "\"}"
        case .duration(let d): return "{\"duration\":\"" + TimeOps.formatDuration(d) + "\"}"
        case .type(let t): return "{\"type\":" + quote(t.name) + "}"
        case .object(let o):
            var fields: [String] = []
            for (i, f) in o.type.fields.enumerated() { if let x = o.fields[i] { fields.append(quote(f.name) + ":" + encode(x)) } }
            return "{\"object\":{\"type\":" + quote(o.type.name) + ",\"fields\":{" + fields.joined(separator: ",") + "}}}"
        }
    }

    static func base64(_ s: String) -> [UInt8]? {
        var t = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while t.count % 4 != 0 { t += "=" }
        return Data(base64Encoded: t).map { Array($0) }
    }

    /// A JSON string literal.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
