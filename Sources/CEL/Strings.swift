import Foundation

/// String functions. `matches` uses RE2 semantics for the common subset: it searches for the
/// pattern anywhere in the string (anchor with `^…$`). Patterns are run by ICU
/// (`NSRegularExpression`), whose syntax covers RE2's: classes, `\d \w \s \b`, Unicode classes
/// `\p{L}`, repetition `{n,m}`, non-greedy `*?`, groups `(?:…)`, named groups (`(?P<n>…)` is
/// rewritten to `(?<n>…)`), and flags `(?i) (?s) (?m)`. Constructs RE2 rejects (backreferences
/// `\1`, lookaround `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`, possessive `*+`) are rejected here too.
enum Strings {
    static func contains(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        guard case .string(let s) = a, case .string(let t) = b else { throw .noOverload("contains", a, b) }
        return .bool(t.isEmpty || containsBytes(s.utf8, t.utf8))
    }
    /// Code-unit search: CEL compares strings by code points, never by canonical equivalence.
    static func containsBytes(_ s: String.UTF8View, _ t: String.UTF8View) -> Bool {
        let n = s.count, m = t.count
        if m > n { return false }
        let first = t.first!
        var i = s.startIndex
        var remaining = n
        while remaining >= m {
            if s[i] == first && s[i...].starts(with: t) { return true }
            s.formIndex(after: &i)
            remaining -= 1
        }
        return false
    }

    static func startsWith(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        guard case .string(let s) = a, case .string(let t) = b else { throw .noOverload("startsWith", a, b) }
        return .bool(s.utf8.starts(with: t.utf8))
    }
    static func endsWith(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        guard case .string(let s) = a, case .string(let t) = b else { throw .noOverload("endsWith", a, b) }
        return .bool(s.utf8.count >= t.utf8.count && s.utf8.reversed().starts(with: t.utf8.reversed()))
    }
    static func matches(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        guard case .string(let s) = a, case .string(let p) = b else { throw .noOverload("matches", a, b) }
        if p.isEmpty { return .bool(true) }
        return .bool(try CELRegex.compile(p).matches(s))
    }
}

/// A compiled pattern, cached by source text.
struct CELRegex: @unchecked Sendable {
    let regex: NSRegularExpression

    func matches(_ s: String) -> Bool {
        let ns = s as NSString
        return regex.firstMatch(in: s, options: [], range: NSRange(location: 0, length: ns.length)) != nil
    }

    private static let cache = RegexCache()

    static func compile(_ pattern: String) throws(CELEvalError) -> CELRegex {
        if let r = cache.get(pattern) { return r }
        let rejected = [#"(?="#, #"(?!"#, #"(?<="#, #"(?<!"#, "*+", "++", "?+"]
        for r in rejected where pattern.contains(r) { throw CELEvalError("invalid regex '\(pattern)': unsupported construct '\(r)'") }
        if pattern.range(of: #"\\[1-9]"#, options: .regularExpression) != nil {
            throw CELEvalError("invalid regex '\(pattern)': backreferences are not supported")
        }
        let icu = pattern.replacingOccurrences(of: "(?P<", with: "(?<")
        guard let re = try? NSRegularExpression(pattern: icu, options: []) else {
            throw CELEvalError("invalid regex '\(pattern)'")
        }
        let r = CELRegex(regex: re)
        cache.put(pattern, r)
        return r
    }
}

private final class RegexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: CELRegex] = [:]
    func get(_ k: String) -> CELRegex? { lock.lock(); defer { lock.unlock() }; return entries[k] }
    func put(_ k: String, _ v: CELRegex) {
        lock.lock(); defer { lock.unlock() }
        if entries.count > 1000 { entries.removeAll() }
        entries[k] = v
    }
}
