import ArgumentParser
import CEL
import Foundation

/// `silhouette cel …`: tools around the rules' expression language.
struct CELCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cel",
        abstract: "Evaluate Common Expression Language (CEL) expressions, the language of the rules.",
        discussion: """
        Rules test a deployment with CEL expressions such as `item.retention_days <= 30`. \
        These commands run the same engine on an expression of your own, to try a rule's condition \
        before writing it.
        """,
        subcommands: [CELEvalCommand.self, CELBenchCommand.self]
    )
}

enum CELCommandError: Error, CustomStringConvertible {
    case badVariable(String)
    case compile(CELCompileError)
    case evaluation(CELEvalError)
    case missingExpression

    var description: String {
        switch self {
        case .badVariable(let s): "--var \(s): expected NAME=JSON, e.g. --var 'item={\"fps\": 25}' (hint: quote the JSON for your shell)"
        case .compile(let e): "<expression>:\(e.description)"
        case .evaluation(let e): "evaluation failed: \(e.message)"
        case .missingExpression: "no expression given (hint: silhouette cel eval '1 + 2', or --jsonl to read requests from stdin)"
        }
    }
}

struct CELEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a CEL expression and print its value.",
        discussion: """
        Variables are given as plain JSON: integers become `int`, numbers with a fraction `double`, \
        objects maps with string keys.

        Examples:
          silhouette cel eval '1 + 2 * 3'                                   # 7
          silhouette cel eval 'item.fps <= 25' --var 'item={"fps": 30}'     # false
          silhouette cel eval "timestamp('2026-01-01T00:00:00Z').getDayOfWeek('Europe/Paris')"

        With --jsonl it reads requests from stdin, one JSON object per line \
        ({"expr": "x + 1", "bindings": {"x": {"int": "1"}}, "container": "a.b"}), and writes one \
        encoded value or {"error": "..."} per line, flushed: the protocol of the cel-spec \
        conformance runner (../shared/conformance/cel).
        """
    )

    @Argument(help: "The CEL expression.")
    var expression: String?

    @Option(name: .customLong("var"), help: ArgumentHelp("A variable as NAME=JSON (repeatable).", valueName: "name=json"))
    var variables: [String] = []

    @Flag(help: "Print the value in the conformance JSON encoding instead of CEL syntax.")
    var json = false

    @Flag(help: "Read requests from stdin, one per line, and answer each with one line (conformance protocol).")
    var jsonl = false

    func run() throws {
        if jsonl {
            while let line = readLine(strippingNewline: true) {
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                let out = CELWireFormat.respond(toRequest: line) + "\n"
                FileHandle.standardOutput.write(Data(out.utf8))
            }
            return
        }
        guard let expression else { throw CELCommandError.missingExpression }
        var env = CELEnvironment()
        var values: [(String, CELValue)] = []
        for v in variables {
            guard let eq = v.firstIndex(of: "="), eq != v.startIndex,
                  let parsed = try? JSONSerialization.jsonObject(with: Data(v[v.index(after: eq)...].utf8), options: [.fragmentsAllowed]) else {
                throw CELCommandError.badVariable(v)
            }
            let name = String(v[..<eq])
            env.declare(name, .dyn)
            values.append((name, CELValue(json: parsed)))
        }
        let program: CELProgram
        do { program = try CELProgram(expression, environment: env) } catch { throw CELCommandError.compile(error) }
        var act = env.makeActivation()
        for (n, v) in values { act[env.slot(of: n)!] = v }
        switch program.evaluate(act) {
        case .success(let v): print(json ? CELWireFormat.encode(v) : Format.debug(v))
        case .failure(let e): throw CELCommandError.evaluation(e)
        }
    }
}
