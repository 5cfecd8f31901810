import Foundation

/// Reads a PIA review file (YAML, `review: silhouette/pia-review/v1`) with the deployment
/// model's own reader: the same size, alias-bomb and tab checks, unknown keys with "did you
/// mean", allowed values, dates, and every problem at its `file:line:col` with a hint.
public enum PIAReviewFile {
    /// Reads and checks a review file. `principles` and `risks` are the ids the PIA uses (the
    /// CNIL method's principles, the risk analysis's feared events); `deploymentId` is the id
    /// of the model the review is imported for.
    public static func load(path: String, deploymentId: String, principles: [String], risks: [String]) throws(ModelError) -> PIAReview {
        let data = try DeploymentLoader.readLimited(path: path, label: path)
        let text = try DeploymentLoader.decodeText(data, file: path)
        return try load(yaml: text, file: path, deploymentId: deploymentId, principles: principles, risks: risks)
    }

    public static func load(yaml: String, file: String, deploymentId: String, principles: [String], risks: [String]) throws(ModelError) -> PIAReview {
        let raw: RawNode
        do {
            raw = try DeploymentLoader.compose(yaml, file: file)
        } catch {
            var tabs = DiagnosticSink()
            DeploymentLoader.checkTabs(yaml, file: file, sink: &tabs)
            throw tabs.isEmpty ? error : .invalid(tabs.sorted())
        }
        var reader = SchemaReader()
        let root = reader.read(raw, as: schema(principles: principles, risks: risks), path: "")
        if let root {
            check(root, positions: reader.positions, deploymentId: deploymentId, sink: &reader.sink)
        }
        guard reader.sink.isEmpty, let root else { throw .invalid(reader.sink.sorted()) }
        do {
            var json = ""
            ModelEncoding.writeDecodableJSON(root, schema: schema(principles: principles, risks: risks), into: &json)
            return try JSONDecoder().decode(PIAReview.self, from: Data(json.utf8))
        } catch {
            throw .invalid([Diagnostic(position: SourcePosition(file: file, line: 1, column: 1),
                                       message: "internal error: the review passed validation but could not be decoded: \(error)")])
        }
    }

    /// Checks the schema cannot express: the format line, the deployment, scores 1–4, each
    /// principle and risk judged once, a justification for every score given.
    static func check(_ root: ModelValue, positions: [String: SourcePosition], deploymentId: String, sink: inout DiagnosticSink) {
        if let format = root["review"]?.stringValue, format != PIAReview.format {
            sink.error("review format '\(format)' is not \(PIAReview.format)", at: positions["review"],
                       hint: "the first line of a review file is `review: \(PIAReview.format)`")
        }
        if let id = root["deployment"]?.stringValue, id != deploymentId {
            sink.error("this review is about deployment '\(id)', not '\(deploymentId)'", at: positions["deployment"],
                       hint: "import it with the model of deployment '\(id)', or correct `deployment:`")
        }
        for (list, key) in [("principles", "principle"), ("risks", "risk")] {
            var seen: [String: Int] = [:]
            for (index, item) in (root[list]?.listValue ?? []).enumerated() {
                guard let id = item[key]?.stringValue else { continue }
                if let first = seen[id] {
                    sink.error("\(key) '\(id)' is judged twice (first in \(list)[\(first)])", at: positions["\(list)[\(index)].\(key)"],
                               hint: "give one entry per \(key)")
                }
                seen[id] = seen[id] ?? index
            }
        }
        for (index, risk) in (root["risks"]?.listValue ?? []).enumerated() {
            for score in ["severity", "likelihood", "residual_severity", "residual_likelihood"] {
                guard case .int(let value)? = risk[score] else { continue }
                if !(1...4).contains(value) {
                    sink.error("risks[\(index)].\(score) must be between 1 and 4, not \(value)", at: positions["risks[\(index)].\(score)"],
                               hint: "the CNIL scale: 1 negligible, 2 limited, 3 significant, 4 maximum")
                }
            }
            let needs = [("severity_justification", ["severity", "residual_severity"]), ("likelihood_justification", ["likelihood", "residual_likelihood"])]
            for (reason, scores) in needs where scores.contains(where: { risk[$0] != nil }) && risk[reason] == nil {
                sink.error("risks[\(index)] gives a \(scores[0]) score without \(reason)", at: positions["risks[\(index)]"],
                           hint: "every score the DPO sets is justified in writing: add \(reason): \"…\"")
            }
            if risk["severity"] == nil, risk["likelihood"] == nil, risk["residual_severity"] == nil, risk["residual_likelihood"] == nil,
               risk["severity_justification"] == nil, risk["likelihood_justification"] == nil {
                sink.error("risks[\(index)] judges nothing", at: positions["risks[\(index)]"],
                           hint: "give scores with their justifications, or remove the entry")
            }
        }
        let opinion = root["dpo_opinion"]?["opinion"]?.stringValue
        if opinion == "favourable-with-reservations", (root["reservations"]?.listValue ?? []).isEmpty {
            sink.error("a favourable opinion with reservations lists no reservation", at: positions["dpo_opinion.opinion"],
                       hint: "list them under `reservations:` (each an action, with owner and due date); they go into the action plan")
        }
        if root["controller_decision"]?["decision"]?.stringValue == "accepted-with-conditions",
           (root["controller_decision"]?["conditions"]?.listValue ?? []).isEmpty {
            sink.error("a decision accepted with conditions lists no condition", at: positions["controller_decision.decision"],
                       hint: "list them under `controller_decision.conditions`")
        }
    }

    /// The review file's shape (also documents it: `silhouette review --help` quotes it).
    public static func schema(principles: [String], risks: [String]) -> SchemaNode {
        let text = ModelSchema.text
        let principle: SchemaNode = .object(name: "PrincipleReview", fields: [
            ModelSchema.req("principle", .string(enumValues: principles), "The principle of the CNIL method."),
            ModelSchema.req("status", .string(enumValues: PIAReview.principleStatuses), "`acceptable` or `to-improve`."),
            ModelSchema.opt("comment", text, "The DPO's comment."),
        ])
        let risk: SchemaNode = .object(name: "RiskReview", fields: [
            ModelSchema.req("risk", .string(enumValues: risks), "The feared event."),
            ModelSchema.opt("severity", .integer, "Inherent severity 1–4 as the DPO judges it."),
            ModelSchema.opt("likelihood", .integer, "Inherent likelihood 1–4."),
            ModelSchema.opt("residual_severity", .integer, "Residual severity 1–4, after the measures."),
            ModelSchema.opt("residual_likelihood", .integer, "Residual likelihood 1–4."),
            ModelSchema.opt("severity_justification", text, "Why this severity."),
            ModelSchema.opt("likelihood_justification", text, "Why this likelihood."),
        ])
        let reservation: SchemaNode = .object(name: "Reservation", fields: [
            ModelSchema.req("action", text, "What must be done."),
            ModelSchema.opt("owner", text, "Who acts: a role (controller, dpo, security-officer, system-operator, accountable-person: shown as its label) or an office."),
            ModelSchema.opt("due", text, "By when.", format: "date"),
        ])
        return .object(name: "PIAReview", fields: [
            ModelSchema.req("review", .string(enumValues: [PIAReview.format]), "The file format: `\(PIAReview.format)`."),
            ModelSchema.req("deployment", text, "The id of the deployment reviewed."),
            ModelSchema.req("reviewer", text, "Who reviewed (the DPO; the controller's representative for a decision)."),
            ModelSchema.req("date", text, "The day of the review.", format: "date"),
            ModelSchema.list("principles", principle, "Status and comment per fundamental principle."),
            ModelSchema.list("risks", risk, "Risk scores re-judged, each with its written reason."),
            ModelSchema.list("reservations", reservation, "The DPO's reservations: actions merged into the action plan."),
            ModelSchema.opt("dpo_opinion", .object(name: "DPOOpinion", fields: [
                ModelSchema.req("opinion", .string(enumValues: PIAReview.opinions), "`favourable`, `favourable-with-reservations` or `unfavourable`."),
                ModelSchema.opt("text", text, "The opinion in words."),
            ]), "The DPO's opinion (GDPR Art. 35(2))."),
            ModelSchema.opt("data_subjects_opinion", .object(name: "DataSubjectsOpinion", fields: [
                ModelSchema.opt("who", text, "Whose opinion (residents' council, staff council, survey…)."),
                ModelSchema.req("text", text, "Their opinion."),
                ModelSchema.opt("date", text, "When it was given.", format: "date"),
            ]), "The opinion of the people concerned or their representatives (GDPR Art. 35(9))."),
            ModelSchema.opt("prior_consultation", .object(name: "PriorConsultationDecision", fields: [
                ModelSchema.req("decision", .string(enumValues: PIAReview.consultationDecisions), "`not-required`, `required` or `done`."),
                ModelSchema.opt("reason", text, "Why."),
                ModelSchema.opt("reference", text, "The authority's reference, when done."),
                ModelSchema.opt("date", text, "When it was sent.", format: "date"),
            ]), "The decision on prior consultation of the supervisory authority (GDPR Art. 36)."),
            ModelSchema.opt("controller_decision", .object(name: "ControllerDecision", fields: [
                ModelSchema.req("decision", .string(enumValues: PIAReview.controllerDecisions), "`accepted`, `accepted-with-conditions` or `refused`."),
                ModelSchema.req("by", text, "Who decides for the controller."),
                ModelSchema.opt("date", text, "The day of the decision.", format: "date"),
                ModelSchema.list("conditions", text, "Conditions of an acceptance."),
                ModelSchema.list("residual_risks_accepted", .string(enumValues: risks), "Risks whose residual level the controller accepts."),
            ]), "The controller's decision on the processing."),
        ])
    }
}

extension PIAReviewFile {
    /// A starting review file for a deployment: every principle and risk to judge, each part
    /// explained, values to replace. It does not import as written (the placeholders `TODO`
    /// are not allowed values), so nothing is recorded until the DPO has filled it in.
    public static func template(deploymentId: String, principles: [String], risks: [String], date: String) -> String {
        var lines = [
            "# PIA review: the DPO's evaluation and the controller's decision (CNIL PIA method).",
            "# Fill in what was decided, remove what was not, then:",
            "#   silhouette review import DEPLOYMENT.yaml THIS-FILE.yaml",
            "# The review is recorded against the model's hash: once the model changes, the PIA says the",
            "# review was made on another version and stays a draft until it is reviewed again.",
            "review: \(PIAReview.format)",
            "deployment: \(deploymentId)",
            "reviewer: TODO                # the DPO's name",
            "date: \(date)",
            "",
            "# Fundamental principles: acceptable or to-improve, with a comment.",
            "principles:",
        ]
        for id in principles {
            lines += ["  - principle: \(id)", "    status: TODO            # acceptable | to-improve", "    comment: \"\""]
        }
        lines += ["", "# Risks whose scores you judge differently (1 negligible … 4 maximum), each with its reason.",
                  "# Remove the entries you do not change.", "risks:"]
        for id in risks {
            lines += ["  - risk: \(id)", "    severity: TODO", "    likelihood: TODO",
                      "    severity_justification: \"\"", "    likelihood_justification: \"\""]
        }
        lines += [
            "", "# Reservations: actions the controller must take; they go into the action plan.",
            "reservations:", "  - action: TODO", "    owner: controller", "    due: \(date)",
            "", "dpo_opinion:", "  opinion: TODO               # favourable | favourable-with-reservations | unfavourable", "  text: \"\"",
            "", "data_subjects_opinion:", "  who: \"\"                     # residents' council, staff council, survey…", "  text: TODO",
            "", "prior_consultation:         # GDPR Art. 36", "  decision: TODO             # not-required | required | done", "  reason: \"\"",
            "", "controller_decision:", "  decision: TODO             # accepted | accepted-with-conditions | refused",
            "  by: TODO                   # who decides for the controller", "  date: \(date)", "  conditions: []",
            "  residual_risks_accepted: [] # risk ids: \(risks.joined(separator: ", "))", "",
        ]
        return lines.joined(separator: "\n")
    }
}
