/// A compiled CEL expression: parsed, type-checked against an environment and turned into a
/// tree of closures once; `evaluate` can then run many times (and from several threads).
public struct CELProgram: Sendable {
    let root: Eval
    let localCount: Int
    /// The static type the checker inferred (`dyn` when it depends on run-time values).
    public let resultType: CELType
    /// The source text.
    public let source: String

    public init(_ source: String, environment: CELEnvironment) throws(CELCompileError) {
        self.source = source
        let ast: Expr
        do {
            var parser = try Parser(source)
            ast = try parser.parse()
        } catch {
            throw CELCompileError(error.message, offset: error.offset, in: source)
        }
        var compiler = Compiler(environment: environment, source: source)
        let c = try compiler.compile(ast)
        root = c.eval
        resultType = c.type
        localCount = compiler.maxLocals
    }

    public func evaluate(_ activation: CELActivation) -> Result<CELValue, CELEvalError> {
        if localCount == 0 {
            do throws(CELEvalError) {
                return .success(try root(EvalFrame(slots: activation.values, locals: EvalFrame.noLocals)))
            } catch { return .failure(error) }
        }
        return withUnsafeTemporaryAllocation(of: CELValue.self, capacity: localCount) { buf in
            let base = buf.baseAddress!
            base.initialize(repeating: .null, count: localCount)
            defer { base.deinitialize(count: localCount) }
            do throws(CELEvalError) {
                return .success(try root(EvalFrame(slots: activation.values, locals: base)))
            } catch { return .failure(error) }
        }
    }
}

/// A compile-time error (syntax, undeclared name, unknown field) with its 1-based position.
public struct CELCompileError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let line: Int
    public let column: Int

    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    init(_ message: String, offset: Int, in source: String) {
        var line = 1, column = 1, i = 0
        for b in source.utf8 {
            if i >= offset { break }
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        self.init(message: message, line: line, column: column)
    }

    /// `line:column: message`, e.g. `1:6: undeclared field 'foo' on Camera`.
    public var description: String { "\(line):\(column): \(message)" }
}

/// What a compiled closure sees: the activation's values and the comprehension variables.
struct EvalFrame {
    let slots: [CELValue?]
    let locals: UnsafeMutablePointer<CELValue>
    nonisolated(unsafe) static let noLocals = UnsafeMutablePointer<CELValue>.allocate(capacity: 1)
}

typealias Eval = @Sendable (EvalFrame) throws(CELEvalError) -> CELValue
