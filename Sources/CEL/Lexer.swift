/// Tokens of the CEL grammar. Positions are byte offsets into the UTF-8 source.
enum TokenKind: Equatable {
    case int(UInt64)           // magnitude; the parser applies a leading minus (for -9223372036854775808)
    case intOverflow
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case ident(String)
    case quotedIdent(String)   // `field-name`
    case punct(String)         // operators and punctuation, "in" included
    case eof
}

struct Token {
    let kind: TokenKind
    let offset: Int
}

/// Turns source text into tokens. Errors carry the byte offset of the offending character.
struct Lexer {
    private let src: [UInt8]
    private var i = 0

    init(_ source: String) { src = Array(source.utf8) }

    static let reserved: Set<String> = ["as", "break", "const", "continue", "else", "for", "function", "if",
                                        "import", "let", "loop", "package", "namespace", "return", "var", "void", "while"]

    mutating func tokenize() throws(ParseFailure) -> [Token] {
        var out: [Token] = []
        while true {
            let t = try next()
            out.append(t)
            if t.kind == .eof { return out }
        }
    }

    private func peek(_ k: Int = 0) -> UInt8 { i + k < src.count ? src[i + k] : 0 }

    private mutating func next() throws(ParseFailure) -> Token {
        // Whitespace and comments.
        while i < src.count {
            let c = src[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C { i += 1; continue }
            if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/") {
                while i < src.count && src[i] != 0x0A { i += 1 }
                continue
            }
            break
        }
        let start = i
        guard i < src.count else { return Token(kind: .eof, offset: i) }
        let c = src[i]
        if isDigit(c) || (c == UInt8(ascii: ".") && isDigit(peek(1))) { return try number(start) }
        if isIdentStart(c) {
            // String prefixes r, b, rb, br (any case) directly followed by a quote.
            var j = i, raw = false, bytes = false
            while j < src.count && j - i < 2 {
                let p = src[j] | 0x20
                if p == UInt8(ascii: "r") && !raw { raw = true } else if p == UInt8(ascii: "b") && !bytes { bytes = true } else { break }
                j += 1
            }
            if (raw || bytes) && j < src.count && (src[j] == UInt8(ascii: "'") || src[j] == UInt8(ascii: "\"")) {
                i = j
                return try stringLiteral(start, raw: raw, bytes: bytes)
            }
            while i < src.count && (isIdentStart(src[i]) || isDigit(src[i])) { i += 1 }
            let word = String(decoding: src[start..<i], as: UTF8.self)
            if word == "in" { return Token(kind: .punct("in"), offset: start) }
            return Token(kind: .ident(word), offset: start)
        }
        if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") { return try stringLiteral(start, raw: false, bytes: false) }
        if c == UInt8(ascii: "`") {
            i += 1
            let s = i
            while i < src.count && src[i] != UInt8(ascii: "`") && src[i] != 0x0A { i += 1 }
            guard i < src.count && src[i] == UInt8(ascii: "`") && i > s else {
                throw ParseFailure("unterminated quoted identifier", start)
            }
            let name = String(decoding: src[s..<i], as: UTF8.self)
            i += 1
            for b in name.utf8 where !(isIdentStart(b) || isDigit(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "/") || b == UInt8(ascii: "~")) {
                throw ParseFailure("invalid character in quoted identifier", start)
            }
            return Token(kind: .quotedIdent(name), offset: start)
        }
        let two = i + 1 < src.count ? String(decoding: src[i...(i + 1)], as: UTF8.self) : ""
        if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
            i += 2
            return Token(kind: .punct(two), offset: start)
        }
        if "+-*/%!<>?:.,[](){}=".utf8.contains(c) {
            if c == UInt8(ascii: "=") { throw ParseFailure("unexpected '=' (did you mean '=='?)", start) }
            i += 1
            return Token(kind: .punct(String(UnicodeScalar(c))), offset: start)
        }
        throw ParseFailure("unexpected character '\(scalarAt(start))'", start)
    }

    private func scalarAt(_ k: Int) -> String {
        var end = k + 1
        while end < src.count && src[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: src[k..<end], as: UTF8.self)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66) }
    private func isIdentStart(_ c: UInt8) -> Bool { (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "_") }
    private func hexValue(_ c: UInt8) -> UInt32 { isDigit(c) ? UInt32(c - 0x30) : UInt32((c | 0x20) - 0x61 + 10) }

    private mutating func number(_ start: Int) throws(ParseFailure) -> Token {
        if src[i] == UInt8(ascii: "0") && (peek(1) | 0x20) == UInt8(ascii: "x") && isHex(peek(2)) {
            i += 2
            var v: UInt64 = 0, overflow = false
            while i < src.count && isHex(src[i]) {
                let (m, o1) = v.multipliedReportingOverflow(by: 16)
                let (a, o2) = m.addingReportingOverflow(UInt64(hexValue(src[i])))
                overflow = overflow || o1 || o2
                v = a
                i += 1
            }
            return try intSuffix(v, overflow, start)
        }
        while i < src.count && isDigit(src[i]) { i += 1 }
        var isFloat = false
        if i < src.count && src[i] == UInt8(ascii: ".") && isDigit(peek(1)) {
            isFloat = true
            i += 1
            while i < src.count && isDigit(src[i]) { i += 1 }
        }
        if i < src.count && (src[i] | 0x20) == UInt8(ascii: "e") {
            var j = i + 1
            if j < src.count && (src[j] == UInt8(ascii: "+") || src[j] == UInt8(ascii: "-")) { j += 1 }
            if j < src.count && isDigit(src[j]) {
                isFloat = true
                i = j
                while i < src.count && isDigit(src[i]) { i += 1 }
            }
        }
        let text = String(decoding: src[start..<i], as: UTF8.self)
        if isFloat {
            guard let d = Double(text) else { throw ParseFailure("invalid number '\(text)'", start) }
            return Token(kind: .double(d), offset: start)
        }
        var v: UInt64 = 0, overflow = false
        for b in text.utf8 {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(b - 0x30))
            overflow = overflow || o1 || o2
            v = a
        }
        return try intSuffix(v, overflow, start)
    }

    private mutating func intSuffix(_ v: UInt64, _ overflow: Bool, _ start: Int) throws(ParseFailure) -> Token {
        if i < src.count && (src[i] | 0x20) == UInt8(ascii: "u") {
            i += 1
            if overflow { throw ParseFailure("unsigned integer literal out of range", start) }
            return Token(kind: .uint(v), offset: start)
        }
        if overflow || v > UInt64(Int64.max) + 1 { return Token(kind: .intOverflow, offset: start) }
        return Token(kind: .int(v), offset: start)
    }

    private mutating func stringLiteral(_ start: Int, raw: Bool, bytes: Bool) throws(ParseFailure) -> Token {
        let q = src[i]
        let triple = peek(1) == q && peek(2) == q
        i += triple ? 3 : 1
        var out: [UInt8] = []
        while true {
            guard i < src.count else { throw ParseFailure("unterminated string literal", start) }
            let c = src[i]
            if c == q {
                if !triple { i += 1; break }
                if peek(1) == q && peek(2) == q { i += 3; break }
            }
            if !triple && (c == 0x0A || c == 0x0D) { throw ParseFailure("newline in string literal", start) }
            if c == UInt8(ascii: "\\") && !raw {
                try escape(into: &out, bytes: bytes)
                continue
            }
            out.append(c)
            i += 1
        }
        if bytes { return Token(kind: .bytes(out), offset: start) }
        return Token(kind: .string(String(decoding: out, as: UTF8.self)), offset: start)
    }

    private mutating func escape(into out: inout [UInt8], bytes: Bool) throws(ParseFailure) {
        let at = i
        i += 1
        guard i < src.count else { throw ParseFailure("unterminated escape sequence", at) }
        let c = src[i]
        i += 1
        let simple: [UInt8: UInt8] = [UInt8(ascii: "a"): 7, UInt8(ascii: "b"): 8, UInt8(ascii: "f"): 12, UInt8(ascii: "n"): 10,
                                      UInt8(ascii: "r"): 13, UInt8(ascii: "t"): 9, UInt8(ascii: "v"): 11,
                                      UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "'"): 0x27, UInt8(ascii: "\""): 0x22,
                                      UInt8(ascii: "`"): 0x60, UInt8(ascii: "?"): 0x3F]
        if let s = simple[c] { out.append(s); return }
        func hex(_ n: Int) throws(ParseFailure) -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<n {
                guard i < src.count, isHex(src[i]) else { throw ParseFailure("invalid escape sequence", at) }
                v = v * 16 + hexValue(src[i])
                i += 1
            }
            return v
        }
        var scalar: UInt32
        var isByte = false
        switch c {
        case UInt8(ascii: "x"), UInt8(ascii: "X"): scalar = try hex(2); isByte = true
        case UInt8(ascii: "u"):
            if bytes { throw ParseFailure("\\u escape not allowed in bytes literal", at) }
            scalar = try hex(4)
        case UInt8(ascii: "U"):
            if bytes { throw ParseFailure("\\U escape not allowed in bytes literal", at) }
            scalar = try hex(8)
        case UInt8(ascii: "0")...UInt8(ascii: "3"):
            guard i + 1 < src.count, (0x30...0x37).contains(src[i]), (0x30...0x37).contains(src[i + 1]) else {
                throw ParseFailure("invalid octal escape", at)
            }
            scalar = UInt32(c - 0x30) * 64 + UInt32(src[i] - 0x30) * 8 + UInt32(src[i + 1] - 0x30)
            i += 2
            isByte = true
        default: throw ParseFailure("invalid escape sequence '\\\(scalarAt(at + 1))'", at)
        }
        if bytes && isByte { out.append(UInt8(scalar)); return }
        guard let u = Unicode.Scalar(scalar) else { throw ParseFailure("invalid code point in escape", at) }
        out.append(contentsOf: Array(String(Character(u)).utf8))
    }
}

/// A lexing or parsing failure at a byte offset; turned into a `CELCompileError` with line and column.
struct ParseFailure: Error {
    let message: String
    let offset: Int
    init(_ message: String, _ offset: Int) {
        self.message = message
        self.offset = offset
    }
}
