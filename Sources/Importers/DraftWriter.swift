import DeploymentModel

/// Writes a `DraftDeployment` as a deployment model (YAML) that validates, with a `TODO`
/// comment wherever a configuration cannot know the answer. The values written for unknowns
/// (`legal_basis: none`, `first_layer: false`) are the ones that make `assess` flag them, so a
/// draft is never mistaken for a finished model.
public enum DraftWriter {
    public static func yaml(_ draft: DraftDeployment) -> String {
        var out = YAMLLines()
        out.comment("Draft deployment model imported from \(draft.source).")
        out.comment("Review every TODO before assessing it: a configuration cannot know purposes, legal bases,")
        out.comment("signage or who the controller is. Credentials in the configuration were not copied.")
        for warning in draft.warnings { out.comment("Note: " + sanitizeComment(warning)) }
        out.line("apiVersion: silhouette/v2")
        out.line("deployment:")
        out.line("  id: \(quote(draft.id))")
        out.line("  name: \(quote(draft.name))")
        out.line("  jurisdictions: [EU]  # TODO: EU, FR, DE…, CA with CA-QC/CA-ON… (the law of each purpose is routed from them)")
        out.line("  sector: other  # TODO: public-authority | retail | transport | construction | workplace | …")
        out.line("  publicly_accessible: false  # TODO: true if the public can enter the filmed areas")
        out.line("  controller:")
        out.line("    name: \(quote("TODO: controller's legal name"))")
        out.line("    country: \(quote("TODO"))")
        out.line("    contact: \(quote("TODO: privacy contact"))")
        out.line("    # TODO (routing facts): public_body: true for a public authority; entrusted_by_law: {instrument: …, article: …}")
        out.line("    # for a body a law entrusts with public authority; in Canada province: QC|ON|… and federally_regulated: true")
        out.line("  # TODO: lifecycle: {phase: pilot|production, since: YYYY-MM-DD}")
        out.line("  processors: []  # TODO: integrators, cloud or AI providers acting for the controller")
        out.line("purposes:")
        out.line("  - id: todo-purpose")
        out.line("    description: \(quote("TODO: the specific purpose (e.g. detect intrusions in the closed warehouse at night)"))")
        out.line("    legal_basis: none  # TODO: consent | contract | legal-obligation | vital-interests | public-task | legitimate-interests")
        out.line("    necessity: \(quote("TODO: why cameras are needed and which less intrusive means were considered"))")
        out.line("    data_subjects: [TODO]")
        out.line("    features: [\(draft.features.map(\.id).joined(separator: ", "))]")
        out.line("    human_review: false  # TODO: true if an operator confirms every alert")
        out.line("    law_enforcement: false  # TODO: true for prevention or detection of criminal offences")
        out.line("    automated_decisions: none")
        out.line("features:" + (draft.features.isEmpty ? " []" : ""))
        for feature in draft.features {
            out.line("  - id: \(quote(feature.id))")
            out.line("    kind: \(feature.kind.rawValue)")
            out.line("    description: \(quote(feature.description))")
            out.line("    subjects: [\(feature.subjects.map(\.rawValue).joined(separator: ", "))]")
            out.line("    outputs: [\(feature.outputs.map(\.rawValue).joined(separator: ", "))]")
            out.line("    on_device: \(feature.onDevice)")
            if feature.followsIndividual { out.line("    follows_individual: true") }
            if let modality = feature.biometricModality { out.line("    biometric_modality: \(modality.rawValue)") }
            if let comparison = feature.biometricComparison {
                out.line("    biometric_comparison: \(comparison.rawValue)  # \(comparison == .identification ? "1:N: who is this person?" : "1:1 or categorisation")")
            } else if feature.biometricModality != nil {
                out.line("    # TODO: biometric_comparison: one-to-one (verification) or one-to-many (identification)")
            }
        }
        out.line("cameras:" + (draft.cameras.isEmpty ? " []" : ""))
        for camera in draft.cameras {
            if let comment = camera.comment { out.line("  # \(sanitizeComment(comment))") }
            out.line("  - id: \(quote(camera.id))")
            out.line("    site: \(quote("TODO"))")
            out.line("    zone: other  # TODO: public-road | shop-floor | workplace | private-home | …")
            out.line("    purposes: [todo-purpose]")
            out.line("    audio: \(camera.audio)")
            if let resolution = camera.resolution { out.line("    resolution: \(quote(resolution))") }
            if camera.ptz { out.line("    ptz: true") }
            out.line("    privacy_masks: []  # TODO: masks that blank private places before analysis")
            out.line("    signage: {first_layer: false}  # TODO: is a first-layer sign placed before the area?")
            out.line("    hidden: false  # TODO: true for a covert camera")
        }
        out.line("systems:" + (draft.systems.isEmpty ? " []" : ""))
        for system in draft.systems {
            out.line("  - id: \(quote(system.id))  # \(sanitizeComment(system.note))")
            out.line("    kind: \(system.kind.rawValue)")
            out.line("    operated_by: controller  # TODO: controller, or the processor that runs it")
            if let country = system.country { out.line("    country: \(quote(country))") }
            out.line("    holds: [\(system.holds.map(\.rawValue).joined(separator: ", "))]")
            out.line("    access_control: \(system.accessControl)")
            out.line("    access_logging: false  # TODO")
            out.line("    encrypted_at_rest: false  # TODO")
        }
        out.line("retention:" + (draft.retention.isEmpty ? " []" : ""))
        for rule in draft.retention {
            out.line("  - data: \(rule.data.rawValue)  # \(sanitizeComment(rule.note))")
            out.line("    duration: \(quote(rule.duration.description))")
            out.line("    where: \(quote(rule.location))")
        }
        out.line("data_flows:" + (draft.flows.isEmpty ? " []" : ""))
        for flow in draft.flows {
            out.line("  - {from: \(quote(flow.from)), to: \(quote(flow.to)), data: \(flow.data.rawValue), encrypted: \(flow.encrypted)}")
        }
        out.line("recipients: []  # TODO: who receives events, clips or statistics, and for which purposes")
        out.line("information_channels: []  # TODO: signs, letters, contract clauses, consent forms…: {id, kind, states, cameras, purposes}")
        out.line("security: [\(draft.security.map(\.rawValue).joined(separator: ", "))]  # TODO: complete")
        out.line("rights: {}  # TODO: how people are informed and exercise access, objection, erasure")
        out.line("engine: {name: \(quote(draft.engineName)), version: \(quote(draft.engineVersion))}")
        return out.text
    }

    /// Double-quoted YAML scalar: safe for any text, including `:`, `#`, quotes and newlines.
    static func quote(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    escaped += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
    }

    /// Comments come from configuration names; keep them on one line.
    static func sanitizeComment(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}

private struct YAMLLines {
    var text = ""
    mutating func line(_ s: String) { text += s + "\n" }
    mutating func comment(_ s: String) { text += "# " + s + "\n" }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
