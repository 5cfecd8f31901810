import CEL
import DeploymentModel
import Foundation

/// What one rule says about one subject.
public enum RuleOutcome: Sendable, Equatable {
    /// `when` is false: the rule does not apply.
    case notApplicable
    case pass
    case fail
    /// `when` or `assert` could not be evaluated (e.g. it reads an absent field without
    /// `has()`); treated as a failure, because a compliance check must fail closed.
    case error(String)

    public var isFailure: Bool {
        switch self {
        case .fail, .error: true
        case .notApplicable, .pass: false
        }
    }
}

extension Rule {
    /// Runs `when` then `assert` against `activation`, whose `item` slot is set.
    func outcome(_ activation: CELActivation) -> RuleOutcome {
        if let when {
            switch when.evaluate(activation) {
            case .success(.bool(false)): return .notApplicable
            case .success(.bool(true)): break
            case .success(let other): return .error("when gave \(MessageTemplate.text(other)), not a bool")
            case .failure(let error): return .error("when: \(error.message)")
            }
        }
        switch assert.evaluate(activation) {
        case .success(.bool(true)): return .pass
        case .success(.bool(false)): return .fail
        case .success(let other): return .error("assert gave \(MessageTemplate.text(other)), not a bool")
        case .failure(let error): return .error("assert: \(error.message)")
        }
    }

    func renderMessage(_ activation: CELActivation, outcome: RuleOutcome) -> LocalizedText {
        var en = messages[.en]!.render(activation)
        var fr = messages[.fr]!.render(activation)
        if case .error(let reason) = outcome {
            en += " (could not be evaluated: \(reason))"
            fr += " (évaluation impossible : \(reason))"
        }
        return LocalizedText(en: en, fr: fr)
    }
}

extension RuleSet {
    /// Evaluates every rule in force on `facts.now` on every subject of its scope; returns the
    /// failures in rule order, then subject order. `notInForce(on:)` lists the rules left out.
    public func evaluate(document: DeploymentDocument, facts: RuleFacts) -> [RuleViolation] {
        evaluate(deployment: Self.deploymentValue(document), facts: facts)
    }

    /// The merged `deployment` view of a document as a CEL value: the `deployment:` section's
    /// keys plus every top-level section.
    static func deploymentValue(_ document: DeploymentDocument) -> CELValue {
        let binding = ModelBinding.shared
        guard let encoded = try? PlainValueEncoder.encode(document), case .map(var fields) = encoded else {
            return ValueConversion.empty(binding.deployment)
        }
        if case .map(let section)? = fields.removeValue(forKey: "deployment") { fields.merge(section) { _, own in own } }
        return ValueConversion.cel(encoded: .map(fields), .object(binding.deployment)) ?? ValueConversion.empty(binding.deployment)
    }

    func evaluate(deployment: CELValue, facts: RuleFacts) -> [RuleViolation] {
        let binding = ModelBinding.shared
        var activation = CELActivation(slots: binding.slots.count)
        RuleInputs.fill(&activation, deployment: deployment, facts: facts)
        let index = ModelIndex(deployment: deployment, binding: binding)
        return ModelIndex.$current.withValue(index) {
            var violations: [RuleViolation] = []
            let servedBy = PackScope(deployment: deployment)
            for rule in rules where rule.inForce(on: facts.now) == .inForce {
                activation[binding.slots.params] = rule.params
                let allowed = facts.purposesByPack?[rule.pack]
                for (path, subject) in Self.subjects(of: rule.scope, in: deployment) {
                    if let allowed, !servedBy.serves(subject, scope: rule.scope, allowed) { continue }
                    activation[binding.slots.item] = subject
                    let outcome = rule.outcome(activation)
                    guard outcome.isFailure else { continue }
                    violations.append(RuleViolation(
                        rule: rule, subjectPath: path,
                        subjectId: ModelIndex.string(subject, "id") ?? ModelIndex.string(subject, "name"),
                        message: rule.renderMessage(activation, outcome: outcome)))
                }
            }
            return violations
        }
    }

    /// `(subject path, value)` for each subject of `scope`.
    static func subjects(of scope: RuleScope, in deployment: CELValue) -> [(String, CELValue)] {
        guard let path = scope.collectionPath else { return [("deployment", deployment)] }
        let key = path.split(separator: ".").last.map(String.init)!
        guard case .list(let items)? = ModelIndex.field(deployment, key) else { return [] }
        return items.enumerated().map { ("\(path)[\($0.offset)]", $0.element) }
    }
}

/// Puts the non-item variables in an activation.
enum RuleInputs {
    static func map(_ dictionary: [String: [String]]) -> CELMap {
        var map = CELMap()
        for key in dictionary.keys.sorted() { map.set(.string(key), .list(dictionary[key]!.map(CELValue.string))) }
        return map
    }

    static func fill(_ activation: inout CELActivation, deployment: CELValue, facts: RuleFacts) {
        let binding = ModelBinding.shared
        let slots = binding.slots
        activation[slots.deployment] = deployment
        activation[slots.now] = .timestamp(CELTimestamp(seconds: Int64(facts.now.timeIntervalSince1970.rounded(.down))))
        let d = facts.derived
        activation[slots.derived] = .object(CELObject(type: binding.derived.type, fields: [
            .int(Int64(d.cameraCount)), .bool(d.largeScale), .bool(d.systematicMonitoring), .bool(d.specialCategories),
            .list(d.wp248Criteria.map(CELValue.string)), .string(d.modelHash), .bool(d.highResidualRisk), .string(d.signedModelHash),
            .list(d.art35_3Cases.map(CELValue.string)),
            .list(d.regimes.map(CELValue.string)), .map(Self.map(d.purposeRegimes)), .bool(d.publicBody), .bool(d.competentAuthority),
            .string(d.province),
        ]))
        let opinionType = binding.shapes["Opinion"]!.type
        let opinions = facts.ethics.map { o in
            CELValue.object(CELObject(type: opinionType, fields: [
                .string(o.id), .string(o.feature), .string(o.featureKind), .string(o.decision),
                .list(o.reservations.map(CELValue.string)), .string(o.reviewBy),
            ]))
        }
        activation[slots.ethics] = .object(CELObject(type: binding.ethics.type, fields: [.list(opinions)]))
        let v = facts.verification
        activation[slots.verification] = .object(CELObject(type: binding.verification.type, fields: [
            .bool(v.exists), .bool(v.passed), .string(v.engine), .string(v.engineVersion), .int(Int64(v.ageDays)),
            .bool(v.identityMatches),
        ]))
    }
}
