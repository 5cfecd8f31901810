/// Compilation of calls: logical operators with error absorption, the standard functions and
/// host functions.
typealias Fn1 = @Sendable (CELValue) throws(CELEvalError) -> CELValue
typealias Fn2 = @Sendable (CELValue, CELValue) throws(CELEvalError) -> CELValue

enum Builtins {
    static let binary: [String: (Fn2, CELType?)] = [
        "_+_": (Ops.add, nil), "_-_": (Ops.subtract, nil), "_*_": (Ops.multiply, nil), "_/_": (Ops.divide, nil),
        "_%_": (Ops.modulo, nil), "_==_": (Ops.equal, .bool), "_!=_": (Ops.notEqual, .bool),
        "_<_": (Ops.lessThan, .bool), "_<=_": (Ops.lessOrEqual, .bool), "_>_": (Ops.greaterThan, .bool),
        "_>=_": (Ops.greaterOrEqual, .bool), "@in": (Ops.contained, .bool), "matches": (Strings.matches, .bool),
    ]
    static let unary: [String: (Fn1, CELType?)] = [
        "-_": (Ops.negate, nil), "!_": (Ops.not, .bool), "size": (Ops.size, .int),
        "int": (Conversions.toInt, .int), "uint": (Conversions.toUint, .uint), "double": (Conversions.toDouble, .double),
        "string": (Conversions.toString, .string), "bytes": (Conversions.toBytes, .bytes), "bool": (Conversions.toBool, .bool),
        "dyn": (Conversions.dyn, .dyn), "type": (Conversions.type, .type),
        "timestamp": (Conversions.toTimestamp, .timestamp), "duration": (Conversions.toDuration, .duration),
    ]
    /// Receiver-style functions with no argument besides the receiver.
    static let method0: [String: (Fn1, CELType?)] = {
        var m: [String: (Fn1, CELType?)] = ["size": (Ops.size, .int)]
        for n in TimeOps.accessorNames { m[n] = ({ (v) throws(CELEvalError) in try TimeOps.accessor(n, v, zone: nil) }, .int) }
        return m
    }()
    /// Receiver-style functions with one argument.
    static let method1: [String: (Fn2, CELType?)] = {
        var m: [String: (Fn2, CELType?)] = [
            "contains": (Strings.contains, .bool), "startsWith": (Strings.startsWith, .bool),
            "endsWith": (Strings.endsWith, .bool), "matches": (Strings.matches, .bool),
        ]
        for n in TimeOps.accessorNames {
            m[n] = ({ (v, z) throws(CELEvalError) in
                guard case .string(let zone) = z else { throw .noOverload(n, v, z) }
                return try TimeOps.accessor(n, v, zone: zone)
            }, .int)
        }
        return m
    }()
}

extension Compiler {
    mutating func call(_ target: Expr?, _ name: String, _ args: [Expr], _ e: Expr) throws(CELCompileError) -> Compiled {
        switch name {
        case "_&&_", "_||_": return try logical(name == "_&&_", args, e)
        case "_?_:_": return try conditional(args)
        default: break
        }
        // `ns.fn(x)` where `ns.fn` is a declared function name.
        if let target, let q = target.qualifiedName, env.functions[q + "." + name] != nil {
            return try hostCall(q + "." + name, receiver: false, nil, args, e)
        }
        if env.functions[name]?.contains(where: { $0.receiver == (target != nil) && $0.params.count == args.count + (target != nil ? 1 : 0) }) == true {
            return try hostCall(name, receiver: target != nil, target, args, e)
        }
        guard let builtin = try builtin(target, name, args) else {
            if !env.undeclaredReferencesAreErrors {
                let msg = "undeclared reference to '\(name)' with \(args.count) argument(s)"
                return Compiled(.dyn) { _ throws(CELEvalError) in throw CELEvalError(msg) }
            }
            if target == nil && args.isEmpty == false || target != nil {
                throw fail("undeclared reference to '\(name)' (no overload with \(args.count) argument\(args.count == 1 ? "" : "s")\(target != nil ? " on a receiver" : ""))", e)
            }
            throw fail("undeclared reference to '\(name)'", e)
        }
        return builtin
    }

    /// The standard function `name` for this call shape, or nil.
    private mutating func builtin(_ target: Expr?, _ name: String, _ args: [Expr]) throws(CELCompileError) -> Compiled? {
        var operands: [Expr] = args
        var fn1: (Fn1, CELType?)?, fn2: (Fn2, CELType?)?
        if let target {
            operands.insert(target, at: 0)
            if args.isEmpty { fn1 = Builtins.method0[name] } else if args.count == 1 { fn2 = Builtins.method1[name] }
        } else if args.count == 1 {
            fn1 = Builtins.unary[name]
        } else if args.count == 2 {
            fn2 = Builtins.binary[name]
        }
        if fn1 == nil && fn2 == nil { return nil }
        let cs = try operands.map { (x) throws(CELCompileError) -> Compiled in try compile(x) }
        if let (fn, rt) = fn1 {
            let a = cs[0].eval
            let type = rt ?? (name == "-_" ? cs[0].type : .dyn)
            if name == "dyn" { return Compiled(.dyn, a) }
            return fold(Compiled(type) { f throws(CELEvalError) in try fn(try a(f)) }, cs)
        }
        let (fn, rt) = fn2!
        let a = cs[0].eval, b = cs[1].eval
        var type = rt ?? .dyn
        if rt == nil, cs[0].type == cs[1].type, [.int, .uint, .double, .string, .bytes].contains(cs[0].type) { type = cs[0].type }
        if let special = specialized(name, cs[0], cs[1]) { return special }
        return fold(Compiled(type) { f throws(CELEvalError) in try fn(try a(f), try b(f)) }, cs)
    }

    /// Faster closures for frequent shapes: comparisons against a constant, membership in a constant list.
    private func specialized(_ name: String, _ l: Compiled, _ r: Compiled) -> Compiled? {
        let a = l.eval
        if name == "@in", case .string? = l.constant, r.constant == nil {
            // `'key' in m`: the key is hashed now, not on every evaluation.
            let key = l.constant!, hash = key.hashValue, b = r.eval
            return Compiled(.bool) { f throws(CELEvalError) in
                let m = try b(f)
                if case .map(let map) = m { return .bool(map.contains(key, hash: hash)) }
                return try Ops.contained(key, m)
            }
        }
        if l.constant != nil { return nil }
        switch (name, r.constant) {
        case ("matches", .string(let p)?):
            // Constant pattern: compiled once here, not looked up in the cache per evaluation.
            guard !p.isEmpty, let re = try? CELRegex.compile(p) else { return nil }
            return Compiled(.bool) { f throws(CELEvalError) in
                let v = try a(f)
                guard case .string(let s) = v else { throw .noOverload("matches", v, .string(p)) }
                return .bool(re.matches(s))
            }
        case ("_<_", .int(let c)?), ("_<=_", .int(let c)?), ("_>_", .int(let c)?), ("_>=_", .int(let c)?):
            let generic = Builtins.binary[name]!.0
            let test: @Sendable (Int64) -> Bool
            switch name {
            case "_<_": test = { $0 < c }
            case "_<=_": test = { $0 <= c }
            case "_>_": test = { $0 > c }
            default: test = { $0 >= c }
            }
            let rhs = CELValue.int(c)
            return Compiled(.bool) { f throws(CELEvalError) in
                let v = try a(f)
                if case .int(let x) = v { return .bool(test(x)) }
                return try generic(v, rhs)
            }
        case ("_==_", let c?):
            if l.constant != nil { return nil }
            return Compiled(.bool) { f throws(CELEvalError) in .bool(try a(f) == c) }
        case ("_!=_", let c?):
            if l.constant != nil { return nil }
            return Compiled(.bool) { f throws(CELEvalError) in .bool(try a(f) != c) }
        case ("@in", .list(let items)?) where l.constant == nil:
            let strings = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
            if strings.count == items.count {
                let set = Set(strings)
                return Compiled(.bool) { f throws(CELEvalError) in
                    let v = try a(f)
                    if case .string(let s) = v { return .bool(set.contains(s)) }
                    return .bool(items.contains(v))
                }
            }
            return nil
        default: return nil
        }
    }

    /// `&&` and `||`: an error on one side is absorbed when the other side decides the result.
    private mutating func logical(_ isAnd: Bool, _ args: [Expr], _ e: Expr) throws(CELCompileError) -> Compiled {
        let l = try compile(args[0]), r = try compile(args[1])
        let a = l.eval, b = r.eval
        let decisive = !isAnd   // false decides &&, true decides ||
        let op = isAnd ? "_&&_" : "_||_"
        let c = Compiled(.bool) { f throws(CELEvalError) in
            var err: CELEvalError?
            do throws(CELEvalError) {
                let x = try a(f)
                if case .bool(let v) = x { if v == decisive { return x } } else { err = .noOverload(op, x) }
            } catch { err = error }
            let y = try b(f)   // an error here wins only when the left side did not decide
            guard case .bool(let w) = y else { throw err ?? .noOverload(op, y) }
            if w == decisive { return y }
            if let err { throw err }
            return y
        }
        return fold(c, [l, r])
    }

    private mutating func conditional(_ args: [Expr]) throws(CELCompileError) -> Compiled {
        let c = try compile(args[0]), t = try compile(args[1]), e = try compile(args[2])
        let ce = c.eval, te = t.eval, ee = e.eval
        if case .bool(let b)? = c.constant { return b ? t : e }
        return Compiled(t.type == e.type ? t.type : .dyn) { f throws(CELEvalError) in
            let v = try ce(f)
            guard case .bool(let b) = v else { throw .noOverload("_?_:_", v) }
            return b ? try te(f) : try ee(f)
        }
    }

    private mutating func hostCall(_ name: String, receiver: Bool, _ target: Expr?, _ args: [Expr], _ e: Expr) throws(CELCompileError) -> Compiled {
        let operands = (target.map { [$0] } ?? []) + args
        let overloads = (env.functions[name] ?? []).filter { $0.receiver == receiver && $0.params.count == operands.count }
        let fallback = try builtin(target, name, args)
        let cs = try operands.map { (x) throws(CELCompileError) -> Compiled in try compile(x) }
        let evals = cs.map(\.eval)
        let result = overloads.count == 1 ? overloads[0].result : .dyn
        let fb = fallback?.eval
        return Compiled(result) { f throws(CELEvalError) in
            var vals: [CELValue] = []
            vals.reserveCapacity(evals.count)
            for ev in evals { vals.append(try ev(f)) }
            for o in overloads where zip(vals, o.params).allSatisfy({ $0.0.matches($0.1) }) {
                return try o.impl(vals)
            }
            if let fb { return try fb(f) }
            throw CELEvalError("no matching overload for '\(name)' with arguments (\(vals.map { $0.celType.name }.joined(separator: ", ")))")
        }
    }
}

extension CELValue {
    /// Whether the value belongs to `type` (`dyn` accepts everything).
    func matches(_ type: CELType) -> Bool {
        switch (type, self) {
        case (.dyn, _): return true
        case (.list, .list), (.map, .map): return true
        case (.object(let t), .object(let o)): return o.type === t
        default: return type == celType
        }
    }
}
