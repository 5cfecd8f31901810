import Testing
@testable import CEL

/// Deterministic fuzzing: generated and mutated expressions go through the parser, the checker
/// and the evaluator. The only acceptable outcomes are a value, a compile error or an
/// evaluation error — never a crash, a hang or a stack overflow.
@Suite struct CELFuzzTests {
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds = [
        "item.retention_days <= 30 && item.zone in ['a', 'b']", "x.all(e, e > 0) || x.exists_one(e, e == 2)",
        "has(item.tags.owner) ? item.tags.owner.startsWith('p') : false", "[1, 2u, 3.0, 'a', b'b', null, true][x.size() % 7]",
        "{'k': [1, {'n': -9223372036854775808}], 1u: 2.5e-3}", "timestamp('2009-02-13T23:31:30Z') + duration('1h2m3.5s')",
        "'''triple\n''' + r'raw\\d' + \"\\u00e9\\x41\\101\"", "int('12') / 0 % 3 - -1", "type(dyn(1)) == int ? uint(2) : double('NaN')",
        "x.map(e, e * 2).filter(e, e < 10).size()", "x.map(e, e > 1, e + 1)", "y.matches('^a+[b-d]*$') && y.contains('x')",
        "timestamp(0).getDayOfWeek('Europe/Paris') + duration('-1s').getSeconds()", ".x[0] == x[0u]", "a.b.c.d(e)[f]{g: h}",
        "!(-(1)) ? 1 : 2 ? 3 : 4", "string(bytes('é')) == 'é' && bool('true') != false", "1.0 / 0.0 > 9223372036854775807",
    ]
    static let tokens = ["(", ")", "[", "]", "{", "}", ".", ",", ":", "?", "!", "-", "+", "*", "/", "%", "==", "!=", "<", "<=",
                         ">", ">=", "&&", "||", " in ", "x", "y", "item", "e", "1", "0", "2u", "1.5", "'s'", "b'\\xff'", "null",
                         "true", "size", "all", "exists", "map", "filter", "has", "int", "\"", "'", "\\", "`", "0x", "9223372036854775808"]

    func generate(_ rng: inout SplitMix, depth: Int) -> String {
        if depth <= 0 { return ["x", "y", "1", "2u", "3.5", "'str'", "true", "null", "item.fps", "[1, 2]", "{'a': 1}"].randomElement(using: &rng)! }
        let a = generate(&rng, depth: depth - 1), b = generate(&rng, depth: depth - 1)
        switch Int.random(in: 0..<14, using: &rng) {
        case 0: return "(\(a) + \(b))"
        case 1: return "(\(a) \(["-", "*", "/", "%"].randomElement(using: &rng)!) \(b))"
        case 2: return "\(a) \(["==", "!=", "<", "<=", ">", ">="].randomElement(using: &rng)!) \(b)"
        case 3: return "\(a) && \(b) || !\(a)"
        case 4: return "\(a) ? \(b) : \(a)"
        case 5: return "[\(a), \(b)]"
        case 6: return "{\(a): \(b)}"
        case 7: return "\(a)[\(b)]"
        case 8: return "[\(a), \(b)].\(["all", "exists", "exists_one", "filter", "map"].randomElement(using: &rng)!)(v, \(b))"
        case 9: return "size(\(a))"
        case 10: return "\(["int", "uint", "double", "string", "bytes", "bool", "type", "dyn", "timestamp", "duration"].randomElement(using: &rng)!)(\(a))"
        case 11: return "\(a) in \(b)"
        case 12: return "has(\(a).f)"
        default: return "-\(a)"
        }
    }

    func mutate(_ s: String, _ rng: inout SplitMix) -> String {
        var chars = Array(s)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let pos = chars.isEmpty ? 0 : Int.random(in: 0..<chars.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0 where !chars.isEmpty: chars.remove(at: pos)
            case 1: chars.insert(contentsOf: Self.tokens.randomElement(using: &rng)!, at: pos)
            case 2 where !chars.isEmpty: chars[pos] = Character(UnicodeScalar(UInt8.random(in: 32...126, using: &rng)))
            default:
                let end = min(chars.count, pos + Int.random(in: 1...8, using: &rng))
                chars.insert(contentsOf: chars[pos..<end], at: pos)
            }
        }
        return String(chars)
    }

    func run(_ src: String, _ env: CELEnvironment, _ act: CELActivation) -> Bool {
        guard let p = try? CELProgram(src, environment: env) else { return false }
        _ = p.evaluate(act)
        return true
    }

    @Test func tenThousandGeneratedAndMutatedExpressions() {
        var env = CELEnvironment()
        env.declare("x", .dyn); env.declare("y", .dyn); env.declare("item", .dyn)
        var act = env.makeActivation()
        act[env.slot(of: "x")!] = .list([.int(1), .int(2), .int(3)])
        act[env.slot(of: "y")!] = .string("abbc")
        act[env.slot(of: "item")!] = CELValue(json: ["fps": 25, "tags": ["owner": "police"]] as [String: Any])
        var rng = SplitMix(state: 20261123)
        var compiled = 0, total = 0
        for i in 0..<12_000 {
            let base = i % 3 == 0 ? Self.seeds[i % Self.seeds.count] : generate(&rng, depth: Int.random(in: 1...4, using: &rng))
            let src = i % 2 == 0 ? mutate(base, &rng) : base
            if run(src, env, act) { compiled += 1 }
            total += 1
        }
        #expect(total == 12_000)
        // Both outcomes must occur, or the fuzzer is not exercising the evaluator / the error paths.
        #expect(compiled > 3_000)
        #expect(compiled < total)
    }

    @Test(arguments: ["(", "[", "{'a':", "-", "!", "x.", "x[0]", "1 + ", "f(", "x.all(e, "])
    func deepNestingIsAnError(_ unit: String) {
        let src: String
        switch unit {
        case "x.": src = "x" + String(repeating: ".a", count: 100_000)
        case "x[0]": src = "x" + String(repeating: "[0]", count: 100_000)
        case "1 + ": src = String(repeating: "1 + ", count: 100_000) + "1"
        default: src = String(repeating: unit, count: 100_000) + "1"
        }
        var env = CELEnvironment()
        env.declare("x", .dyn)
        #expect(throws: CELCompileError.self) { try CELProgram(src, environment: env) }
    }

    @Test func moderateNestingStillWorks() throws {
        let src = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        #expect(try CELProgram(src, environment: CELEnvironment()).evaluate(CELActivation(slots: 0)).get() == .int(1))
        let sum = (1...150).map(String.init).joined(separator: " + ")
        #expect(try CELProgram(sum, environment: CELEnvironment()).evaluate(CELActivation(slots: 0)).get() == .int(11325))
    }
}
