/// Recursive-descent parser for the CEL grammar (cel-spec langdef), with CEL precedence:
/// `?:` < `||` < `&&` < relations (`< <= >= > == != in`) < `+ -` < `* / %` < unary < member.
/// Nesting is bounded (`maxDepth`, `maxHeight`) so hostile input gets an error, not a stack overflow.
struct Parser {
    static let maxDepth = 200
    static let maxHeight = 400

    private var tokens: [Token]
    private var p = 0
    private var depth = 0

    init(_ source: String) throws(ParseFailure) {
        var lexer = Lexer(source)
        tokens = try lexer.tokenize()
    }

    mutating func parse() throws(ParseFailure) -> Expr {
        let e = try expr()
        guard case .eof = tokens[p].kind else { throw ParseFailure("unexpected \(describe(tokens[p]))", tokens[p].offset) }
        return e
    }

    private var tok: Token { tokens[p] }
    private func isPunct(_ s: String) -> Bool { if case .punct(let x) = tok.kind { return x == s }; return false }
    private mutating func accept(_ s: String) -> Bool {
        if isPunct(s) { p += 1; return true }
        return false
    }
    private mutating func expect(_ s: String) throws(ParseFailure) {
        guard accept(s) else { throw ParseFailure("expected '\(s)' but found \(describe(tok))", tok.offset) }
    }
    private func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: "end of input"
        case .punct(let s): "'\(s)'"
        case .ident(let s): "'\(s)'"
        default: "a literal"
        }
    }

    private func node(_ k: Expr.Kind, _ offset: Int, _ children: [Expr]) throws(ParseFailure) -> Expr {
        let e = Expr(k, offset, children: children)
        if e.height > Parser.maxHeight { throw ParseFailure("expression nested too deeply (limit \(Parser.maxHeight))", offset) }
        return e
    }

    private mutating func expr() throws(ParseFailure) -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth { throw ParseFailure("expression nested too deeply (limit \(Parser.maxDepth))", tok.offset) }
        let cond = try or()
        guard isPunct("?") else { return cond }
        let at = tok.offset
        p += 1
        let a = try or()
        try expect(":")
        let b = try expr()
        return try node(.call(target: nil, name: "_?_:_", args: [cond, a, b]), at, [cond, a, b])
    }

    private mutating func or() throws(ParseFailure) -> Expr {
        var l = try and()
        while isPunct("||") {
            let at = tok.offset; p += 1
            let r = try and()
            l = try node(.call(target: nil, name: "_||_", args: [l, r]), at, [l, r])
        }
        return l
    }

    private mutating func and() throws(ParseFailure) -> Expr {
        var l = try relation()
        while isPunct("&&") {
            let at = tok.offset; p += 1
            let r = try relation()
            l = try node(.call(target: nil, name: "_&&_", args: [l, r]), at, [l, r])
        }
        return l
    }

    private static let relops: Set<String> = ["<", "<=", ">", ">=", "==", "!=", "in"]
    private mutating func relation() throws(ParseFailure) -> Expr {
        var l = try addition()
        while case .punct(let op) = tok.kind, Parser.relops.contains(op) {
            let at = tok.offset; p += 1
            let r = try addition()
            let name = op == "in" ? "@in" : "_\(op)_"
            l = try node(.call(target: nil, name: name, args: [l, r]), at, [l, r])
        }
        return l
    }

    private mutating func addition() throws(ParseFailure) -> Expr {
        var l = try multiplication()
        while case .punct(let op) = tok.kind, op == "+" || op == "-" {
            let at = tok.offset; p += 1
            let r = try multiplication()
            l = try node(.call(target: nil, name: "_\(op)_", args: [l, r]), at, [l, r])
        }
        return l
    }

    private mutating func multiplication() throws(ParseFailure) -> Expr {
        var l = try unary()
        while case .punct(let op) = tok.kind, op == "*" || op == "/" || op == "%" {
            let at = tok.offset; p += 1
            let r = try unary()
            l = try node(.call(target: nil, name: "_\(op)_", args: [l, r]), at, [l, r])
        }
        return l
    }

    private mutating func unary() throws(ParseFailure) -> Expr {
        var ops: [(String, Int)] = []
        while case .punct(let op) = tok.kind, op == "!" || op == "-" {
            ops.append((op, tok.offset)); p += 1
        }
        var e: Expr
        // A minus directly before an integer literal is part of the literal (-9223372036854775808).
        if let last = ops.last, last.0 == "-", case .int(let mag) = tok.kind {
            ops.removeLast()
            let at = tok.offset
            p += 1
            let v: Int64 = mag == UInt64(Int64.max) + 1 ? Int64.min : -Int64(mag)
            e = try member(Expr(.literal(.int(v)), last.1))
            _ = at
        } else if let last = ops.last, last.0 == "-", case .double(let d) = tok.kind {
            ops.removeLast()
            p += 1
            e = try member(Expr(.literal(.double(-d)), last.1))
        } else {
            e = try member(try primary())
        }
        for (op, at) in ops.reversed() {
            e = try node(.call(target: nil, name: op == "!" ? "!_" : "-_", args: [e]), at, [e])
        }
        return e
    }

    private mutating func member(_ start: Expr) throws(ParseFailure) -> Expr {
        var e = start
        while true {
            if isPunct(".") {
                let at = tok.offset; p += 1
                let name: String
                switch tok.kind {
                case .ident(let n):
                    name = n
                    p += 1
                    if isPunct("(") {
                        p += 1
                        let args = try exprList(close: ")")
                        e = try call(target: e, name: name, args: args, at: at)
                        continue
                    }
                case .quotedIdent(let n): name = n; p += 1
                default: throw ParseFailure("expected a field name after '.' but found \(describe(tok))", tok.offset)
                }
                e = try node(.select(e, name), at, [e])
            } else if isPunct("[") {
                let at = tok.offset; p += 1
                let i = try expr()
                try expect("]")
                e = try node(.index(e, i), at, [e, i])
            } else if isPunct("{"), let name = e.qualifiedName, isMessageName(e) {
                let at = tok.offset; p += 1
                e = try messageLiteral(name, at)
            } else {
                return e
            }
        }
    }

    private func isMessageName(_ e: Expr) -> Bool {
        switch e.kind {
        case .ident: return true
        case .select(let inner, _): return isMessageName(inner)
        default: return false
        }
    }

    private mutating func messageLiteral(_ name: String, _ at: Int) throws(ParseFailure) -> Expr {
        var fields: [(name: String, value: Expr)] = []
        while !isPunct("}") {
            let fname: String
            switch tok.kind {
            case .ident(let n): fname = n
            case .quotedIdent(let n): fname = n
            default: throw ParseFailure("expected a field name but found \(describe(tok))", tok.offset)
            }
            p += 1
            try expect(":")
            fields.append((fname, try expr()))
            if !accept(",") { break }
        }
        try expect("}")
        return try node(.message(name: name, fields: fields), at, fields.map(\.value))
    }

    private mutating func exprList(close: String) throws(ParseFailure) -> [Expr] {
        var items: [Expr] = []
        while !isPunct(close) {
            items.append(try expr())
            if !accept(",") { break }
        }
        try expect(close)
        return items
    }

    private mutating func primary() throws(ParseFailure) -> Expr {
        let t = tok
        switch t.kind {
        case .int(let mag):
            p += 1
            guard mag <= UInt64(Int64.max) else { throw ParseFailure("integer literal out of range", t.offset) }
            return Expr(.literal(.int(Int64(mag))), t.offset)
        case .intOverflow: throw ParseFailure("integer literal out of range", t.offset)
        case .uint(let u): p += 1; return Expr(.literal(.uint(u)), t.offset)
        case .double(let d): p += 1; return Expr(.literal(.double(d)), t.offset)
        case .string(let s): p += 1; return Expr(.literal(.string(s)), t.offset)
        case .bytes(let b): p += 1; return Expr(.literal(.bytes(b)), t.offset)
        case .quotedIdent: throw ParseFailure("quoted identifiers are only allowed after '.'", t.offset)
        case .eof: throw ParseFailure("unexpected end of input", t.offset)
        case .ident(let name):
            p += 1
            switch name {
            case "true": return Expr(.literal(.bool(true)), t.offset)
            case "false": return Expr(.literal(.bool(false)), t.offset)
            case "null": return Expr(.literal(.null), t.offset)
            default: break
            }
            if Lexer.reserved.contains(name) { throw ParseFailure("reserved identifier '\(name)'", t.offset) }
            if accept("(") {
                let args = try exprList(close: ")")
                return try call(target: nil, name: name, args: args, at: t.offset)
            }
            return Expr(.ident(name, rootOnly: false), t.offset)
        case .punct(let s):
            switch s {
            case ".":
                p += 1
                guard case .ident(let name) = tok.kind else { throw ParseFailure("expected an identifier after '.'", tok.offset) }
                p += 1
                if accept("(") {
                    let args = try exprList(close: ")")
                    return try node(.call(target: nil, name: name, args: args), t.offset, args)
                }
                return Expr(.ident(name, rootOnly: true), t.offset)
            case "(":
                p += 1
                let e = try expr()
                try expect(")")
                return e
            case "[":
                p += 1
                let items = try exprList(close: "]")
                return try node(.list(items), t.offset, items)
            case "{":
                p += 1
                var entries: [(key: Expr, value: Expr)] = []
                while !isPunct("}") {
                    let k = try expr()
                    try expect(":")
                    entries.append((k, try expr()))
                    if !accept(",") { break }
                }
                try expect("}")
                return try node(.map(entries), t.offset, entries.flatMap { [$0.key, $0.value] })
            default:
                throw ParseFailure("unexpected '\(s)'", t.offset)
            }
        }
    }

    /// Builds a call, expanding the macros `has`, `all`, `exists`, `exists_one`, `map`, `filter`.
    private func call(target: Expr?, name: String, args: [Expr], at: Int) throws(ParseFailure) -> Expr {
        if target == nil && name == "has" && args.count == 1 {
            guard case .select(let operand, let field) = args[0].kind else {
                throw ParseFailure("has() argument must be a field selection", args[0].offset)
            }
            return try node(.has(operand, field: field), at, [operand])
        }
        if let target, let macro = Expr.Macro(rawValue: name == "existsOne" ? "exists_one" : name) {
            let arity: Set<Int> = macro == .map ? [2, 3] : [2]
            if arity.contains(args.count) {
                guard case .ident(let v, false) = args[0].kind else {
                    throw ParseFailure("\(name)() variable must be a simple name", args[0].offset)
                }
                return try node(.comprehension(macro, range: target, vars: [v], args: Array(args.dropFirst())), at,
                                [target] + args)
            }
        }
        return try node(.call(target: target, name: name, args: args), at, (target.map { [$0] } ?? []) + args)
    }
}
