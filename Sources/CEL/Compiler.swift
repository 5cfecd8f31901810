/// Type-checks the tree and turns it into closures in one pass. Variables become slot loads,
/// fields of declared object types become array indexes, constant subtrees are folded.
struct Compiled {
    let eval: Eval
    let type: CELType
    let constant: CELValue?

    init(_ type: CELType, _ eval: @escaping Eval) {
        self.eval = eval
        self.type = type
        self.constant = nil
    }
    init(constant v: CELValue, type: CELType? = nil) {
        eval = { _ in v }
        self.type = type ?? v.staticType
        constant = v
    }
}

extension CELValue {
    var isMapKey: Bool {
        switch self {
        case .bool, .int, .uint, .string: return true
        default: return false
        }
    }

    var staticType: CELType {
        switch self {
        case .list, .map: return .dyn
        default: return celType
        }
    }
}

struct Compiler {
    let env: CELEnvironment
    let source: String
    private var locals: [(name: String, index: Int, type: CELType)] = []
    private(set) var maxLocals = 0

    init(environment: CELEnvironment, source: String) {
        env = environment
        self.source = source
    }

    func fail(_ message: String, _ e: Expr) -> CELCompileError { CELCompileError(message, offset: e.offset, in: source) }

    static let typeNames: [String: CELType] = [
        "bool": .bool, "int": .int, "uint": .uint, "double": .double, "string": .string, "bytes": .bytes,
        "list": .list(.dyn), "map": .map(.dyn, .dyn), "null_type": .null, "type": .type,
        "google.protobuf.Timestamp": .timestamp, "google.protobuf.Duration": .duration,
    ]

    mutating func compile(_ e: Expr) throws(CELCompileError) -> Compiled {
        switch e.kind {
        case .literal(let v): return Compiled(constant: v)
        case .ident, .select:
            if let r = try resolveName(e) { return r }
            guard case .select(let operand, let field) = e.kind else {
                throw fail("undeclared reference to '\(e.qualifiedName ?? "?")'", e)
            }
            return try select(try compile(operand), field, e)
        case .index(let a, let i):
            let ca = try compile(a), ci = try compile(i)
            let ea = ca.eval, ei = ci.eval
            var t = CELType.dyn
            if case .list(let el) = ca.type { t = el } else if case .map(_, let v) = ca.type { t = v }
            return fold(Compiled(t) { f throws(CELEvalError) in try Ops.index(try ea(f), try ei(f)) }, [ca, ci])
        case .list(let items):
            let cs = try items.map { (x) throws(CELCompileError) -> Compiled in try compile(x) }
            let evals = cs.map(\.eval)
            let el = cs.first.map { f in cs.allSatisfy { $0.type == f.type } ? f.type : .dyn } ?? .dyn
            return fold(Compiled(.list(el)) { f throws(CELEvalError) in
                var out: [CELValue] = []
                out.reserveCapacity(evals.count)
                for ev in evals { out.append(try ev(f)) }
                return .list(out)
            }, cs)
        case .map(let entries):
            var ks: [Compiled] = [], vs: [Compiled] = []
            for en in entries {
                ks.append(try compile(en.key))
                vs.append(try compile(en.value))
            }
            let ke = ks.map(\.eval), ve = vs.map(\.eval)
            let constantKeys = ks.compactMap(\.constant)
            if constantKeys.count == ks.count, constantKeys.allSatisfy(\.isMapKey), let shape = CELMap.shape(for: constantKeys) {
                // Keys known now: the shape is built once; each evaluation only computes the values.
                return fold(Compiled(.map(.dyn, .dyn)) { f throws(CELEvalError) in
                    var vals: [CELValue] = []
                    vals.reserveCapacity(ve.count)
                    for v in ve { vals.append(try v(f)) }
                    return .map(CELMap(shape: shape, values: vals))
                }, ks + vs)
            }
            return fold(Compiled(.map(.dyn, .dyn)) { f throws(CELEvalError) in
                var entries: [(CELValue, CELValue)] = []
                entries.reserveCapacity(ke.count)
                for i in 0..<ke.count {
                    let k = try ke[i](f)
                    guard k.isMapKey else { throw CELEvalError("unsupported map key type: \(k.celType.name)") }
                    entries.append((k, try ve[i](f)))
                }
                guard let m = CELMap(entries: entries) else { throw CELEvalError("duplicate map key") }
                return .map(m)
            }, ks + vs)
        case .message(let name, let fields):
            guard let t = resolveObjectType(name) else { throw fail("unknown message type '\(name)'", e) }
            var idxs: [Int] = [], evs: [Eval] = []
            for fd in fields {
                guard let i = t.index(of: fd.name) else { throw fail("undeclared field '\(fd.name)' on \(t.name)", fd.value) }
                idxs.append(i)
                evs.append(try compile(fd.value).eval)
            }
            let n = t.fields.count, idx = idxs, evals = evs
            return Compiled(.object(t)) { f throws(CELEvalError) in
                var vals = [CELValue?](repeating: nil, count: n)
                for (k, ev) in evals.enumerated() { vals[idx[k]] = try ev(f) }
                return .object(CELObject(type: t, fields: vals))
            }
        case .has(let operand, let field):
            let c = try compile(operand)
            let ev = c.eval
            if case .object(let t) = c.type {
                guard let i = t.index(of: field) else { throw fail("undeclared field '\(field)' on \(t.name)", e) }
                return Compiled(.bool) { f throws(CELEvalError) in
                    let v = try ev(f)
                    if case .object(let o) = v, o.type === t { return .bool(o.fields[i] != nil) }
                    return try Ops.has(v, .string(field), CELValue.string(field).hashValue, field)
                }
            }
            let key = CELValue.string(field), hash = key.hashValue
            return Compiled(.bool) { f throws(CELEvalError) in try Ops.has(try ev(f), key, hash, field) }
        case .comprehension(let macro, let range, let vars, let args):
            return try comprehension(macro, range, vars[0], args, e)
        case .call(let target, let name, let args):
            return try call(target, name, args, e)
        }
    }

    /// Evaluates a node at compile time when all its inputs are constants; an evaluation error
    /// stays a run-time error.
    func fold(_ c: Compiled, _ inputs: [Compiled]) -> Compiled {
        guard inputs.allSatisfy({ $0.constant != nil }) else { return c }
        let frame = EvalFrame(slots: [], locals: EvalFrame.noLocals)
        do throws(CELEvalError) {
            let v = try c.eval(frame)
            return Compiled(constant: v, type: c.type == .dyn ? v.staticType : c.type)
        } catch { return c }
    }

    // MARK: Names

    private func candidates(_ name: String) -> [String] {
        if name.hasPrefix(".") { return [String(name.dropFirst())] }
        var out: [String] = []
        var parts = container.split(separator: ".").map(String.init)
        while !parts.isEmpty {
            out.append(parts.joined(separator: ".") + "." + name)
            parts.removeLast()
        }
        out.append(name)
        return out
    }
    private var container: String { env.container }

    func resolveObjectType(_ name: String) -> CELObjectType? {
        for c in candidates(name) { if let t = env.objectTypes[c] { return t } }
        return nil
    }

    /// Resolves an identifier or a chain `a.b.c` to a local, a variable (longest dotted prefix
    /// first) or a type name, then applies the remaining selections.
    private mutating func resolveName(_ e: Expr) throws(CELCompileError) -> Compiled? {
        var chain: [Expr] = []
        var cur = e
        while case .select(let inner, _) = cur.kind { chain.append(cur); cur = inner }
        guard case .ident(let root, let rootOnly) = cur.kind else { return nil }
        chain.reverse()   // selects from innermost to outermost
        var fields: [String] = []
        for s in chain { if case .select(_, let f) = s.kind { fields.append(f) } }
        if !rootOnly, let l = locals.last(where: { $0.name == root }) {
            let idx = l.index
            var c = Compiled(l.type) { f in f.locals[idx] }
            for (k, s) in chain.enumerated() { c = try select(c, fields[k], s) }
            return c
        }
        let parts = [root] + fields
        for n in stride(from: parts.count, through: 1, by: -1) {
            let name = (rootOnly ? "." : "") + parts[0..<n].joined(separator: ".")
            for cand in candidates(name) {
                var base: Compiled?
                if let v = env.variables[cand] {
                    let slot = v.slot
                    base = Compiled(v.type) { f throws(CELEvalError) in
                        guard let x = f.slots[slot] else { throw CELEvalError("no value bound to variable '\(cand)'") }
                        return x
                    }
                } else if let t = Compiler.typeNames[cand] {
                    base = Compiled(constant: .type(t), type: .type)
                } else if let t = env.objectTypes[cand] {
                    base = Compiled(constant: .type(.object(t)), type: .type)
                }
                guard var c = base else { continue }
                for k in (n - 1)..<fields.count { c = try select(c, fields[k], chain[k]) }
                return c
            }
        }
        if chain.isEmpty {
            if !env.undeclaredReferencesAreErrors {
                let msg = "undeclared reference to '\(root)'"
                return Compiled(.dyn) { _ throws(CELEvalError) in throw CELEvalError(msg) }
            }
            throw fail("undeclared reference to '\(root)'", e)
        }
        return nil
    }

    func select(_ base: Compiled, _ field: String, _ e: Expr) throws(CELCompileError) -> Compiled {
        let ev = base.eval
        let key = CELValue.string(field), hash = key.hashValue
        switch base.type {
        case .object(let t):
            guard let i = t.index(of: field) else { throw fail("undeclared field '\(field)' on \(t.name)", e) }
            return Compiled(t.fields[i].type) { f throws(CELEvalError) in
                let v = try ev(f)
                if case .object(let o) = v, o.type === t {
                    guard let x = o.fields[i] else { throw CELEvalError("no such field: '\(field)' is not set on \(t.name)") }
                    return x
                }
                return try Ops.select(v, key, hash, field)
            }
        case .map(_, let vt):
            return fold(Compiled(vt) { f throws(CELEvalError) in try Ops.select(try ev(f), key, hash, field) }, [base])
        case .dyn:
            return fold(Compiled(.dyn) { f throws(CELEvalError) in try Ops.select(try ev(f), key, hash, field) }, [base])
        default:
            throw fail("type '\(base.type)' does not support field selection", e)
        }
    }

    // MARK: Comprehensions

    private mutating func comprehension(_ macro: Expr.Macro, _ range: Expr, _ v: String, _ args: [Expr], _ e: Expr) throws(CELCompileError) -> Compiled {
        let r = try compile(range)
        var elType = CELType.dyn
        switch r.type {
        case .list(let t): elType = t
        case .map(let k, _): elType = k
        case .dyn: break
        default: throw fail("\(macro.rawValue)() cannot iterate over \(r.type)", range)
        }
        let slot = locals.count
        locals.append((v, slot, elType))
        maxLocals = max(maxLocals, locals.count)
        let bodies = try args.map { (a) throws(CELCompileError) -> Compiled in try compile(a) }
        locals.removeLast()
        let re = r.eval
        let b0 = bodies[0].eval
        let items: @Sendable (EvalFrame) throws(CELEvalError) -> [CELValue] = { f throws(CELEvalError) in
            switch try re(f) {
            case .list(let l): return l
            case .map(let m): return m.keys
            case let other: throw CELEvalError("\(macro.rawValue)() cannot iterate over \(other.celType.name)")
            }
        }
        switch macro {
        case .all, .exists:
            let stop = macro == .exists   // the value that decides the result
            return Compiled(.bool) { f throws(CELEvalError) in
                var err: CELEvalError?
                for x in try items(f) {
                    f.locals[slot] = x
                    do throws(CELEvalError) {
                        guard case .bool(let b) = try b0(f) else { throw CELEvalError("no matching overload for \(macro.rawValue)(): predicate is not bool") }
                        if b == stop { return .bool(stop) }
                    } catch { if err == nil { err = error } }
                }
                if let err { throw err }
                return .bool(!stop)
            }
        case .existsOne:
            return Compiled(.bool) { f throws(CELEvalError) in
                var n = 0
                for x in try items(f) {
                    f.locals[slot] = x
                    guard case .bool(let b) = try b0(f) else { throw CELEvalError("no matching overload for exists_one(): predicate is not bool") }
                    if b { n += 1 }
                }
                return .bool(n == 1)
            }
        case .filter:
            return Compiled(.list(elType)) { f throws(CELEvalError) in
                var out: [CELValue] = []
                for x in try items(f) {
                    f.locals[slot] = x
                    guard case .bool(let b) = try b0(f) else { throw CELEvalError("no matching overload for filter(): predicate is not bool") }
                    if b { out.append(x) }
                }
                return .list(out)
            }
        case .map:
            if bodies.count == 2 {
                let b1 = bodies[1].eval
                return Compiled(.list(bodies[1].type)) { f throws(CELEvalError) in
                    var out: [CELValue] = []
                    for x in try items(f) {
                        f.locals[slot] = x
                        guard case .bool(let b) = try b0(f) else { throw CELEvalError("no matching overload for map(): filter is not bool") }
                        if b { out.append(try b1(f)) }
                    }
                    return .list(out)
                }
            }
            return Compiled(.list(bodies[0].type)) { f throws(CELEvalError) in
                let xs = try items(f)
                var out: [CELValue] = []
                out.reserveCapacity(xs.count)
                for x in xs {
                    f.locals[slot] = x
                    out.append(try b0(f))
                }
                return .list(out)
            }
        }
    }
}
