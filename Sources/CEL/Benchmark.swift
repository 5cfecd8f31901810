import Foundation

/// The rules benchmark (`../shared/anchors/rules-bench`): every expression, compiled once,
/// evaluated against every item bound to `item`, on one thread.
public enum CELBenchmark {
    public struct Report: Sendable {
        public var evaluations: Int
        public var wallSeconds: Double
        public var cpuSeconds: Double
        /// For each expression, on how many items it evaluated to `true`.
        public var trueCounts: [Int]
        /// For each expression, how many evaluations ended in an error or a non-bool value.
        public var errorCounts: [Int]
        public var evaluationsPerSecond: Double { Double(evaluations) / wallSeconds }
        public var evaluationsPerCPUSecond: Double { Double(evaluations) / cpuSeconds }
    }

    /// Compiles the expressions (failing on the first that does not compile, with its line number)
    /// and runs them over `items`.
    public static func run(expressions: [String], items: [CELValue]) throws(CELCompileError) -> Report {
        var env = CELEnvironment()
        env.declare("item", .dyn)
        let slot = env.slot(of: "item")!
        var programs: [CELProgram] = []
        for (n, e) in expressions.enumerated() {
            do { programs.append(try CELProgram(e, environment: env)) } catch {
                throw CELCompileError(message: "expression \(n + 1): \(error.message)", line: n + 1, column: error.column)
            }
        }
        let activations = items.map { v -> CELActivation in
            var a = env.makeActivation()
            a[slot] = v
            return a
        }
        var trues = [Int](repeating: 0, count: programs.count), errors = trues
        let cpu0 = cpuTime()
        let start = ContinuousClock.now
        for (i, p) in programs.enumerated() {
            var t = 0, e = 0
            for a in activations {
                switch p.evaluate(a) {
                case .success(.bool(true)): t += 1
                case .success(.bool(false)): break
                default: e += 1
                }
            }
            trues[i] = t
            errors[i] = e
        }
        let elapsed = ContinuousClock.now - start
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Report(evaluations: programs.count * activations.count, wallSeconds: wall,
                      cpuSeconds: max(cpuTime() - cpu0, 1e-9), trueCounts: trues, errorCounts: errors)
    }

    #if os(Linux)
    private static let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
    private static let RUSAGE_SELF_WHO = RUSAGE_SELF
    #endif

    private static func cpuTime() -> Double {
        var ru = rusage()
        getrusage(RUSAGE_SELF_WHO, &ru)
        return Double(ru.ru_utime.tv_sec) + Double(ru.ru_utime.tv_usec) / 1e6 + Double(ru.ru_stime.tv_sec) + Double(ru.ru_stime.tv_usec) / 1e6
    }
}
