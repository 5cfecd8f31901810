import CEL
import DeploymentModel

/// The CEL view of the model and of the assessment facts (CONTRACTS §3), built once from
/// `ModelSchema.root`: one environment per scope (they differ only in the type of `item`),
/// all with the same variable slots, so one activation layout serves every rule.
final class ModelBinding: Sendable {
    static let shared = ModelBinding()

    /// The merged `deployment` view: the `deployment:` section's keys plus every top-level section.
    let deployment: ObjectShape
    /// The element shape of each scope's list (the merged view for `deployment`).
    let scopeShapes: [RuleScope: ObjectShape]
    let derived: ObjectShape
    let ethics: ObjectShape
    let verification: ObjectShape
    let environments: [RuleScope: CELEnvironment]
    let slots: Slots
    let shapes: [String: ObjectShape]

    struct Slots: Sendable {
        let item, deployment, params, now, derived, ethics, verification: Int
        let count: Int
    }

    private init() {
        var builder = ShapeBuilder()
        let rootFields = ModelSchema.root.fields
        let section = rootFields.first { $0.name == "deployment" }?.node.fields ?? []
        var merged: [(String, SchemaNode, SchemaField?)] = section.map { ($0.name, $0.node, $0) }
        for field in rootFields where field.name != "deployment" && !merged.contains(where: { $0.0 == field.name }) {
            merged.append((field.name, field.node, field))
        }
        deployment = builder.object(name: "Deployment", fields: merged)

        var scopes: [RuleScope: ObjectShape] = [.deployment: deployment]
        for scope in RuleScope.allCases where scope != .deployment {
            let key = scope.collectionPath!.split(separator: ".").last.map(String.init)!
            if let index = deployment.index(of: key), case .list(.object(let element)) = deployment.fields[index].node {
                scopes[scope] = element
            }
        }
        scopeShapes = scopes

        derived = builder.define(name: "Derived", fields: [
            ShapeField(name: "camera_count", node: .int, kind: .model(nil)),
            ShapeField(name: "large_scale", node: .bool, kind: .model(nil)),
            ShapeField(name: "systematic_monitoring", node: .bool, kind: .model(nil)),
            ShapeField(name: "special_categories", node: .bool, kind: .model(nil)),
            ShapeField(name: "wp248_criteria", node: .list(.string(enumValues: nil)), kind: .model(nil)),
            ShapeField(name: "model_hash", node: .string(enumValues: nil), kind: .model(nil)),
            ShapeField(name: "high_residual_risk", node: .bool, kind: .model(nil)),
            ShapeField(name: "signed_model_hash", node: .string(enumValues: nil), kind: .model(nil)),
            ShapeField(name: "art35_3_cases", node: .list(.string(enumValues: ["art35-3-a", "art35-3-b", "art35-3-c"])), kind: .model(nil)),
            // Applicable law (regimes.yaml): the regimes in play, each purpose's, and the
            // controller facts the routing used.
            ShapeField(name: "regimes", node: .list(.string(enumValues: nil)), kind: .model(nil)),
            ShapeField(name: "purpose_regimes", node: .map(.list(.string(enumValues: nil))), kind: .model(nil)),
            ShapeField(name: "public_body", node: .bool, kind: .model(nil)),
            ShapeField(name: "competent_authority", node: .bool, kind: .model(nil)),
            ShapeField(name: "province", node: .string(enumValues: nil), kind: .model(nil)),
        ])
        let opinion = builder.define(name: "Opinion", fields: [
            ShapeField(name: "id", node: .string(enumValues: nil), kind: .model(nil)),
            ShapeField(name: "feature", node: .string(enumValues: nil), kind: .model(nil)),
            ShapeField(name: "feature_kind", node: .string(enumValues: nil), kind: .model(nil)),
            ShapeField(name: "decision", node: .string(enumValues: ["favourable", "favourable-with-reservations", "unfavourable"]), kind: .model(nil)),
            ShapeField(name: "reservations", node: .list(.string(enumValues: nil)), kind: .model(nil)),
            ShapeField(name: "review_by", node: .string(enumValues: nil), kind: .model(nil)),
        ])
        ethics = builder.define(name: "Ethics", fields: [ShapeField(name: "opinions", node: .list(.object(opinion)), kind: .model(nil))])
        verification = builder.define(name: "Verification", fields: [
            ShapeField(name: "exists", node: .bool, kind: .model(nil)),
            ShapeField(name: "passed", node: .bool, kind: .model(nil)),
            ShapeField(name: "engine", node: .string(enumValues: nil), kind: .model(nil)),
            ShapeField(name: "engine_version", node: .string(enumValues: nil), kind: .model(nil)),
            ShapeField(name: "age_days", node: .int, kind: .model(nil)),
            ShapeField(name: "identity_matches", node: .bool, kind: .model(nil)),
        ])
        shapes = builder.shapes

        var environments: [RuleScope: CELEnvironment] = [:]
        var slots: Slots?
        for scope in RuleScope.allCases {
            var env = CELEnvironment()
            env.declare("item", .object((scopes[scope] ?? deployment).type))
            env.declare("deployment", .object(deployment.type))
            env.declare("params", .map(.string, .dyn))
            env.declare("now", .timestamp)
            env.declare("derived", .object(derived.type))
            env.declare("ethics", .object(ethics.type))
            env.declare("verification", .object(verification.type))
            for shape in builder.shapes.values { env.declare(type: shape.type) }
            HostFunctions.install(into: &env, shapes: builder.shapes)
            environments[scope] = env
            slots = Slots(item: env.slot(of: "item")!, deployment: env.slot(of: "deployment")!, params: env.slot(of: "params")!,
                          now: env.slot(of: "now")!, derived: env.slot(of: "derived")!, ethics: env.slot(of: "ethics")!,
                          verification: env.slot(of: "verification")!, count: env.slotCount)
        }
        self.environments = environments
        self.slots = slots!
    }

    func environment(for scope: RuleScope) -> CELEnvironment { environments[scope]! }
}
