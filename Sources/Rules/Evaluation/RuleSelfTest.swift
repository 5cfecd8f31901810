import DeploymentModel
import CEL
import Foundation

/// The result of running one labelled example of a rule.
public struct ExampleResult: Sendable {
    public var ruleId: String
    public var label: RuleExample.Label
    public var index: Int
    public var position: SourcePosition?
    public var outcome: RuleOutcome?
    /// nil when the example behaved as labelled.
    public var problem: String?

    public var ok: Bool { problem == nil }
}

extension Rule {
    /// Runs every example: a `pass` example must not fail (`when` false or `assert` true), a
    /// `fail` example must fail. Values are read like a real model (defaults, durations).
    public func runExamples() -> [ExampleResult] {
        examples.map(run)
    }

    func run(_ example: RuleExample) -> ExampleResult {
        var result = ExampleResult(ruleId: id, label: example.label, index: example.index, position: example.position,
                                   outcome: nil, problem: nil)
        let binding = ModelBinding.shared
        let values = example.values
        do throws(ExampleValueError) {
            let itemShape = binding.scopeShapes[scope] ?? binding.deployment
            var deploymentPlain = values["deployment"]
            if scope == .deployment, deploymentPlain == nil { deploymentPlain = values["item"] }
            let deployment = try convert(deploymentPlain, binding.deployment, "deployment")
            var item = try convert(values["item"], itemShape, "item")
            if scope == .deployment, values["item"] == nil { item = deployment }

            var activation = CELActivation(slots: binding.slots.count)
            let slots = binding.slots
            activation[slots.item] = item
            activation[slots.deployment] = deployment
            activation[slots.derived] = try convert(values["derived"], binding.derived, "derived")
            activation[slots.ethics] = try convert(values["ethics"], binding.ethics, "ethics")
            activation[slots.verification] = try convert(values["verification"], binding.verification, "verification")
            var params = definition.params
            if case .map(let overrides)? = values["params"] { params.merge(overrides) { _, new in new } }
            activation[slots.params] = try ValueConversion.cel(plain: .map(params), .map(.dyn), path: "params") ?? .map(CELMap())
            var now = Date()
            if let written = values["now"] {
                guard case .string(let text) = written, let date = DateText.parse(text) else {
                    throw ExampleValueError(path: "now", message: "\(written.text) is not a date", hint: "write YYYY-MM-DD")
                }
                now = date
            }
            activation[slots.now] = .timestamp(CELTimestamp(seconds: Int64(now.timeIntervalSince1970)))

            // An obligation not in force on the example's day does not apply, as in an assessment.
            let inForce = self.inForce(on: now)
            let outcome = inForce == .inForce
                ? ModelIndex.$current.withValue(ModelIndex(deployment: deployment, binding: binding)) { self.outcome(activation) }
                : RuleOutcome.notApplicable
            result.outcome = outcome
            switch (example.label, outcome) {
            case (.fail, .notApplicable) where inForce != .inForce:
                result.problem = "labelled fail but the rule is not in force on \(DateText.day(now)) (\(inForce))"
            case (.pass, .fail): result.problem = "labelled pass but assert is false"
            case (.pass, .error(let reason)): result.problem = "labelled pass but evaluation failed: \(reason)"
            case (.fail, .pass): result.problem = "labelled fail but assert is true"
            case (.fail, .notApplicable): result.problem = "labelled fail but `when` is false (the rule does not apply)"
            default: break
            }
        } catch {
            result.problem = "\(error.path): \(error.message)" + (error.hint.map { " (hint: \($0))" } ?? "")
        }
        return result
    }

    private func convert(_ plain: PlainValue?, _ shape: ObjectShape, _ path: String) throws(ExampleValueError) -> CELValue {
        guard let plain else { return ValueConversion.empty(shape) }
        return try ValueConversion.cel(plain: plain, .object(shape), path: path) ?? ValueConversion.empty(shape)
    }
}

extension RuleSet {
    /// Every example of every rule.
    public func runExamples() -> [ExampleResult] { rules.flatMap { $0.runExamples() } }
}
