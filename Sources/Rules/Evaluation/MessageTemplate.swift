import CEL
import Foundation
import DeploymentModel

/// A message with `{{ CEL expression }}` placeholders, compiled against the rule's scope and
/// filled from the same variables as `assert`.
struct MessageTemplate: Sendable {
    enum Segment: Sendable {
        case text(String)
        case expression(CELProgram)
    }
    let segments: [Segment]

    init(_ text: String, environment: CELEnvironment, position: SourcePosition?, what: String) throws(RuleError) {
        var segments: [Segment] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            segments.append(.text(String(rest[..<open.lowerBound])))
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw .invalid([RuleDiagnostic(position: position, message: "\(what): '{{' without a closing '}}'",
                                               hint: "placeholders are written {{ item.id }}")])
            }
            let source = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            do {
                segments.append(.expression(try CELProgram(source, environment: environment)))
            } catch {
                throw .invalid([RuleDiagnostic(position: position, message: "\(what): placeholder {{\(source)}}: \(error.message)",
                                               hint: "placeholders use the same variables as `assert`")])
            }
            rest = rest[close.upperBound...]
        }
        segments.append(.text(String(rest)))
        self.segments = segments
    }

    func render(_ activation: CELActivation) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .text(let text): out += text
            case .expression(let program):
                switch program.evaluate(activation) {
                case .success(let value): out += Self.text(value)
                case .failure: out += "?"
                }
            }
        }
        return out
    }

    /// How a value reads in a message: durations in short form (`30d`), dates as YYYY-MM-DD,
    /// objects by their id, lists comma-separated.
    static func text(_ value: CELValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): return s
        case .bytes(let b): return "\(b.count) bytes"
        case .list(let items): return items.map(text).joined(separator: ", ")
        case .map(let map): return "{" + zip(map.keys, map.values).map { "\(text($0)): \(text($1))" }.joined(separator: ", ") + "}"
        case .duration(let d):
            let seconds = d.nanoseconds / 1_000_000_000
            return seconds < 0 ? "-" + RetentionDuration.seconds(-seconds).description : RetentionDuration.seconds(seconds).description
        case .timestamp(let t): return DateText.day(Date(timeIntervalSince1970: TimeInterval(t.seconds)))
        case .type(let t): return t.description
        case .object(let object):
            if let index = object.type.index(of: "id"), case .string(let id)? = object.fields[index] { return id }
            if let index = object.type.index(of: "name"), case .string(let name)? = object.fields[index] { return name }
            return object.type.name
        }
    }
}
