import ArgumentParser
import CEL
import Foundation

/// Hidden: the engine side of `make bench`'s rules benchmark (scripts/bench-cel).
struct CELBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark the CEL engine: each expression of a file over each item of a JSON array.",
        discussion: """
        Compiles every line of --expressions once, binds each element of --data to `item`, and \
        evaluates everything on one thread. Prints evaluations per second and, per expression, how \
        many items made it true (one JSON object with --json). Used by scripts/bench-cel.

        Example:
          silhouette cel bench --expressions ../shared/anchors/rules-bench/expressions.txt --data cameras.json
        """,
        shouldDisplay: false
    )

    @Option(help: "File with one CEL expression per line (blank lines ignored).")
    var expressions: String

    @Option(help: "JSON file holding an array of items.")
    var data: String

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func run() throws {
        guard let text = try? String(contentsOfFile: expressions, encoding: .utf8) else {
            throw CELBenchError.unreadable(expressions)
        }
        let exprs = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let raw = FileManager.default.contents(atPath: data) else { throw CELBenchError.unreadable(data) }
        guard let array = (try? JSONSerialization.jsonObject(with: raw)) as? [Any] else { throw CELBenchError.notArray(data) }
        let items = array.map { CELValue(json: $0) }
        let report: CELBenchmark.Report
        do { report = try CELBenchmark.run(expressions: exprs, items: items) } catch {
            throw CELBenchError.compile(expressions, error)
        }
        if json {
            let obj: [String: Any] = [
                "engine": "silhouette-cel", "expressions": exprs.count, "items": items.count,
                "evaluations": report.evaluations, "wall_s": report.wallSeconds,
                "evals_per_s": Int(report.evaluationsPerSecond), "evals_per_cpu_s": Int(report.evaluationsPerCPUSecond),
                "true_counts": report.trueCounts, "errors": report.errorCounts,
            ]
            let d = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
            print(String(decoding: d, as: UTF8.self))
        } else {
            print("silhouette-cel: \(report.evaluations) evaluations in \(String(format: "%.3f", report.wallSeconds))s = \(Int(report.evaluationsPerSecond)) evals/s (CPU \(Int(report.evaluationsPerCPUSecond))/s)")
            print("true counts:", report.trueCounts)
            print("errors:", report.errorCounts)
        }
    }
}

enum CELBenchError: Error, CustomStringConvertible {
    case unreadable(String)
    case notArray(String)
    case compile(String, CELCompileError)

    var description: String {
        switch self {
        case .unreadable(let p): "cannot read \(p) (hint: generate the data with gen_cameras.py 10000 > cameras.json)"
        case .notArray(let p): "\(p): expected a JSON array of objects"
        case .compile(let p, let e): "\(p):\(e.line):\(e.column): \(e.message)"
        }
    }
}
