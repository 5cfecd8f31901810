import Assessment
import DeploymentModel
import Foundation

/// The parts of the CNIL PIA method built from the model: the fundamental principles with a
/// status, each feared event with its risk sources, threats by support, impacts and the
/// justification of its scores, data accuracy per analytics feature, the validation page and
/// what changed since the last version. Every word comes from the label tables.
extension PIAView {
    // MARK: Fundamental principles

    /// The principle → the model parts whose findings decide its status.
    static let principleScopes: [(id: String, prefixes: [String])] = [
        ("purposes", ["purposes", "features"]), ("legal-basis", ["authorisations"]),
        ("minimisation", ["cameras"]), ("accuracy", ["engine"]), ("retention", ["retention"]),
        ("information", ["rights.information", "signage"]), ("consent", []),
        ("access-portability", ["rights.access"]), ("rectification-erasure", ["rights.erasure", "rights.rectification"]),
        ("restriction-objection", ["rights.objection"]), ("processors", ["deployment.processors"]),
        ("transfers", ["data_flows"]),
    ]

    static func principles(_ context: ReportContext, labels: LabelTable) -> [[String: Any]] {
        let open = context.assessment.openFindings.filter { $0.kind == .law }
        return principleScopes.map { principle in
            let concerned = open.filter { finding in
                principle.prefixes.contains { finding.subjectPath == $0 || finding.subjectPath.hasPrefix($0 + "[") || finding.subjectPath.hasPrefix($0 + ".") }
            }
            let status = concerned.isEmpty ? "acceptable" : "to-improve"
            let observation = concerned.isEmpty ? labels.label("principle_note.no-finding") : Self.principleNote(concerned, labels: labels)
            return ["principle": labels.label("principle.\(principle.id)"),
                    "toolStatus": labels.label("principle_status.\(status)"),
                    "observation": observation,
                    "dpoStatus": labels.label("principle_status.not-reviewed")]
        }
    }

    /// The findings of a principle in words: how many, and the requirements they fail, named by
    /// the rules' own titles (a rule id means nothing to a signatory; annex B keeps them).
    static func principleNote(_ findings: [Finding], labels: LabelTable) -> String {
        var titles: [String] = []
        for finding in findings.sorted(by: { $0.severity > $1.severity }) {
            let title = plain(finding.title.text(labels.language == "fr" ? .fr : .en))
            if !titles.contains(title) { titles.append(title) }
        }
        let count = labels.label(findings.count == 1 ? "principle_note.findings-one" : "principle_note.findings-many", ["n": String(findings.count)])
        let quoted = titles.map { labels.label("principle_note.quoted", ["text": $0]) }.joined(separator: labels.label("format.list-separator"))
        return count + labels.label(titles.count == 1 ? "principle_note.requirement-one" : "principle_note.requirement-many", ["list": quoted])
    }

    // MARK: Feared events: sources, threats, impacts, justification

    static func riskDetails(_ context: ReportContext, labels: LabelTable) -> [[String: Any]] {
        let document = context.loaded.document
        let facts = RiskWording(document)
        return context.assessment.risks.enumerated().map { index, risk in
            var sources: [String] = []
            var supports: [String] = []
            switch risk.id {
            case "illegitimate-access", "unwanted-modification":
                sources = ["malicious-operator"] + (facts.processors ? ["maintenance-subcontractor"] : [])
                    + (facts.cloud ? ["cloud-provider"] : []) + (facts.networked ? ["external-attacker"] : [])
                    + (facts.authority ? ["authority-misuse"] : [])
                supports = ["people", "servers"] + (facts.networked ? ["networks"] : []) + (facts.edge ? ["edge-devices"] : [])
                    + (facts.cloud ? ["cloud"] : [])
            case "disappearance":
                sources = ["accident", "external-attacker"]
                supports = ["servers"] + (facts.edge ? ["edge-devices"] : [])
            case "function-creep":
                sources = ["management"] + (facts.authority ? ["authority-misuse"] : [])
                supports = ["servers", "people"]
            default:
                sources = ["malicious-operator", "management"]
                supports = ["cameras", "people"]
            }
            var severityWhy: [String] = [labels.label(facts.biometric ? "justification.biometric" : facts.imagesKept ? "justification.images-kept" : "justification.no-images")]
            if facts.publicSpace { severityWhy.append(labels.label("justification.public-space")) }
            var likelihoodWhy: [String] = [labels.label("justification.cameras", ["n": String(document.cameras.count)])]
            if facts.cloud { likelihoodWhy.append(labels.label("justification.cloud")) }
            if risk.measures.isEmpty {
                likelihoodWhy.append(labels.label("justification.no-measure"))
            } else {
                likelihoodWhy.append(labels.label("justification.measures", ["measures": risk.measures.map { measureLabel($0, labels) }.joined(separator: ", ")]))
            }
            return compact([
                "label": "R\(index + 1)", "title": labels.label("risk.\(risk.id)"),
                "sources": sources.map { labels.label("risk_source.\($0)") }.joined(separator: labels.label("format.list-separator")),
                "threats": supports.map { support in
                    let key = "risk_threat.\(risk.id).\(support)"
                    return labels.label("risk_support.\(support)").capitalizedFirst + labels.label("format.colon") + (labels.has(key) ? labels.label(key) : labels.label("risk_threat.generic"))
                }.map { ["text": $0] },
                "impacts": labels.label("risk_impact.\(risk.id)"),
                "severity": Labels.level(risk.inherentSeverity, lang(labels)) + " → " + Labels.level(risk.residualSeverity, lang(labels)),
                "likelihood": Labels.level(risk.inherentLikelihood, lang(labels)) + " → " + Labels.level(risk.residualLikelihood, lang(labels)),
                "severityWhy": severityWhy.joined(separator: labels.label("format.list-separator")),
                "likelihoodWhy": likelihoodWhy.joined(separator: labels.label("format.list-separator")),
                "overridden": risk.overridden as Any,
            ])
        }
    }

    static func lang(_ labels: LabelTable) -> Language { Language(rawValue: labels.language) ?? .en }

    /// A measure named by the risk analysis: a security-measure id or a short phrase.
    static func measureLabel(_ measure: String, _ labels: LabelTable) -> String {
        if labels.has("enum.security_measure.\(measure)") { return labels.enumLabel("security_measure", measure).lowercased() }
        let key = "risk_measure." + measure.replacingOccurrences(of: " ", with: "-")
        return labels.has(key) ? labels.label(key) : measure
    }

    // MARK: Data accuracy

    static func accuracy(_ context: ReportContext, labels: LabelTable) -> [[String: Any]] {
        context.loaded.document.features.filter { ![.timelapse, .blur].contains($0.kind) }.map { feature in
            ["feature": feature.id, "kind": labels.enumLabel("feature_kind", feature.kind.rawValue),
             "falsePositives": labels.label("status.not-measured"), "falseNegatives": labels.label("status.not-measured"),
             "source": labels.label("accuracy.no-source")]
        }
    }

    // MARK: Validation and changes

    static func validation(_ context: ReportContext, labels: LabelTable) -> [String: Any] {
        let document = context.loaded.document
        let hash = context.assessment.modelHash
        let current = context.signOffs.filter { $0.modelHash == hash }
        let controller = current.last { $0.role == "controller" }
        let dpo = current.last { $0.role == "dpo" }
        let highResidual = context.assessment.risks.contains(where: \.isHighResidual)
        return compact([
            "controllerDecision": controller.map { "\($0.opinion) — \($0.name), \(labels.date($0.date))" } ?? labels.label("controller_decision.pending"),
            "dpoOpinion": dpo.map { "\($0.opinion) — \($0.name), \(labels.date($0.date))" }
                ?? document.dpia?.dpoAdvice.map { labels.label("validation.dpo-advice-in-model", ["date": labels.date($0.date), "summary": UntranslatedMarker.marked($0.summary, labels)]) }
                ?? labels.label("opinion.none"),
            "residualRisks": labels.label(highResidual ? "validation.residual-high" : "validation.residual-acceptable"),
            // The model's record first; else what the regime in play says (Québec and PIPEDA have
            // no GDPR Art. 36); else, under the GDPR, whether the residual risk requires it.
            "priorConsultation": document.dpia?.priorConsultation
                ?? context.assessment.threshold.priorConsultation?.text(labels.language == "fr" ? .fr : .en)
                ?? labels.label(highResidual ? "validation.consultation-required" : "status.not-provided"),
            "subjectsOpinion": document.dpia?.dataSubjectViews.map { views in
                views.sought ? (views.how ?? labels.label("status.not-provided"))
                    : labels.label("validation.subjects-not-sought", ["reason": views.reasonNot.map { UntranslatedMarker.marked($0, labels) } ?? labels.label("status.not-provided")])
            } ?? labels.label("status.not-provided"),
            "dpoName": document.deployment.controller.dpo?.name ?? document.deployment.controller.accountablePerson?.name ?? "",
            "controllerName": document.deployment.controller.name,
        ])
    }

    static func changes(_ context: ReportContext, labels: LabelTable) -> [String: Any] {
        guard let changes = context.changes else { return ["none": true, "text": labels.label("changes.first")] }
        let sections = changes.modelSections.map { section, count in
            ["part": labels.has("model_section.\(section)") ? labels.label("model_section.\(section)") : section, "count": count] as [String: Any]
        }
        return ["since": labels.date(changes.since), "sections": sections, "hasSections": !sections.isEmpty,
                "added": changes.findingsAdded.joined(separator: ", "), "hasAdded": !changes.findingsAdded.isEmpty,
                "resolved": changes.findingsResolved.joined(separator: ", "), "hasResolved": !changes.findingsResolved.isEmpty,
                "unchanged": sections.isEmpty && changes.findingsAdded.isEmpty && changes.findingsResolved.isEmpty]
    }
}

/// The facts of the model that the risk justifications quote.
struct RiskWording {
    let biometric, imagesKept, publicSpace, cloud, processors, networked, authority, edge: Bool

    init(_ d: DeploymentDocument) {
        let kinds = Set(d.features.map(\.kind))
        let outputs = Set(d.features.flatMap(\.outputs))
        biometric = !kinds.isDisjoint(with: [.faceRecognition, .reid]) || outputs.contains(.template)
        let stored = Set(d.retention.filter { ($0.duration.totalSeconds ?? 1) > 0 }.map(\.data))
        imagesKept = !stored.isDisjoint(with: [.rawVideo, .snapshots, .clips, .audio, .templates]) || !outputs.isDisjoint(with: [.snapshot, .clip, .image])
        publicSpace = d.deployment.publiclyAccessible
        cloud = d.systems.contains { $0.kind == .cloud }
        processors = !d.deployment.processors.isEmpty
        networked = !d.systems.isEmpty || !d.dataFlows.isEmpty
        authority = d.recipients.contains { $0.kind == .authority }
        edge = d.systems.contains { $0.kind == .edgeDevice }
    }
}
