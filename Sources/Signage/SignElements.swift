import DeploymentModel
import Foundation

/// The statements of each element, from the model and the label table only (the model's free
/// text — purpose descriptions, justifications — is English in most models and stays off the
/// sign; the second layer carries it).
extension SignComposer {
    /// "Détection du sens de circulation (véhicules)": what the purpose's features do, to whom.
    func purposeText(_ purpose: Purpose, labels: SignageLabels) -> String {
        let features = featuresOf([purpose])
        guard !features.isEmpty else { return capitalised(labels.text("no_feature")) }
        var kinds: [String] = []
        var subjects: [String] = []
        for feature in byImpact(features) where feature.kind != .blur {
            let kind = labels.text("feature_kind." + feature.kind.rawValue)
            if !kinds.contains(kind) { kinds.append(kind) }
            for subject in feature.subjects {
                let label = labels.text("subject." + subject.rawValue)
                if !subjects.contains(label) { subjects.append(label) }
            }
        }
        if kinds.isEmpty { kinds = [labels.text("feature_kind.blur")] }
        let text = capitalised(labels.list(kinds))
        return subjects.isEmpty ? text : "\(text) (\(labels.list(subjects)))"
    }

    func analysisItems(_ features: [Feature], labels: SignageLabels) -> [SignItem] {
        let people = byImpact(features).filter(analysesPeople)
        guard !people.isEmpty else { return [] }
        var kinds: [String] = []
        for feature in people where !kinds.contains(feature.kind.rawValue) { kinds.append(feature.kind.rawValue) }
        let text = capitalised(labels.text("algorithmic_analysis.people", ["kinds": labels.list(kinds.map { labels.text("feature_kind." + $0) })]))
        return [SignItem(fact: "analysis:" + kinds.joined(separator: ","), text: text)]
    }

    /// The processing that could surprise a person most: the first feature in impact order,
    /// with what it produces.
    func impactItems(_ features: [Feature], labels: SignageLabels) -> [SignItem] {
        guard let top = byImpact(features).first(where: { $0.kind != .blur }) ?? features.first else {
            // No analytics: the recording itself is what the person should know about.
            let text = labels.text("most_impactful", ["kind": capitalised(labels.text("no_feature")), "effects": labels.text("recording_effect")])
            return [SignItem(fact: "impact:recording", text: text)]
        }
        let outputs = top.outputs.map(\.rawValue).sorted()
        let effects = labels.list(top.outputs.map { labels.text("output_effect." + $0.rawValue) })
        let text = labels.text("most_impactful", ["kind": capitalised(labels.text("feature_kind." + top.kind.rawValue)), "effects": effects])
        return [SignItem(fact: "impact:\(top.kind.rawValue):" + outputs.joined(separator: ","), text: text)]
    }

    /// The longest retention of images or sound; without any, the longest of what is kept.
    func retentionItems(labels: SignageLabels) throws(SignageError) -> [SignItem] {
        let rules = document.retention
        guard !rules.isEmpty else { throw .noRetention(position: position("retention")) }
        let images = rules.filter { requirements.imageCategories.contains($0.data.rawValue) }
        func longest(_ list: [RetentionRule]) -> RetentionRule? {
            list.max { ($0.duration.totalSeconds ?? .max) < ($1.duration.totalSeconds ?? .max) }
        }
        if let rule = longest(images.filter { $0.duration != .notStored }) {
            guard let seconds = rule.duration.totalSeconds else {
                return [SignItem(fact: "retention:\(rule.data.rawValue):indefinite", text: labels.text("retention.images_indefinite"))]
            }
            return [SignItem(fact: "retention:\(rule.data.rawValue):\(seconds)",
                             text: labels.text("retention.images", ["duration": labels.duration(rule.duration)]))]
        }
        guard let rule = longest(rules.filter { $0.duration != .notStored }) ?? rules.first else {
            throw .noRetention(position: position("retention"))
        }
        let seconds = rule.duration.totalSeconds.map(String.init) ?? "indefinite"
        return [SignItem(fact: "retention:\(rule.data.rawValue):\(seconds)",
                         text: labels.text("retention.no_images", ["category": labels.text("data_category." + rule.data.rawValue),
                                                                  "duration": labels.duration(rule.duration)]))]
    }

    func rightsItem(_ regime: SignRegime, labels: SignageLabels) -> SignItem {
        let authorities = requirements.authorities
        let authority: String
        switch regime {
        case .qc: authority = authorities.qc
        case .pipeda: authority = authorities.pipeda
        case .gdpr:
            let countries = document.deployment.jurisdictions.map { $0.uppercased() }
            authority = countries.compactMap { authorities.gdpr[$0.lowercased()] }.first ?? authorities.gdpr["default"] ?? "supervisory"
        }
        return SignItem(fact: "rights:\(regime.rawValue):\(authority)",
                        text: labels.text("rights." + regime.rawValue, ["authority": labels.text("authority." + authority)]))
    }

    /// Rights under the police directive for the purposes it governs (Directive (EU) 2016/680
    /// Arts. 14–17: access, rectification, erasure, possibly restricted, then exercised through
    /// the supervisory authority).
    func ledRightsItems(_ purposeIds: [String], labels: SignageLabels) -> [SignItem] {
        let led = lawEnforcementPurposes(purposeIds)
        guard !led.isEmpty else { return [] }
        let authority = rightsItem(.gdpr, labels: labels).fact.split(separator: ":").last.map(String.init) ?? "supervisory"
        return [SignItem(fact: "rights:led:" + led.joined(separator: ","),
                         text: labels.text("rights.led", ["authority": labels.text("authority." + authority)]))]
    }

    /// The DPO (GDPR), the person in charge (Québec P-39.1 s. 3.1), the accountable person
    /// (PIPEDA 4.1); else the controller's own contact.
    func contactItem(_ regime: SignRegime, labels: SignageLabels) throws(SignageError) -> SignItem {
        let controller = document.deployment.controller
        let person: Contact?
        let role: String
        let path: String
        switch regime {
        case .gdpr:
            person = controller.dpo; role = "dpo"; path = "deployment.controller.dpo.name"
        case .qc, .pipeda:
            person = controller.accountablePerson ?? controller.dpo; role = regime.rawValue
            path = controller.accountablePerson != nil ? "deployment.controller.accountable_person.name" : "deployment.controller.dpo.name"
        }
        guard let person else {
            return SignItem(fact: "contact:\(controller.contact)",
                            text: "\(labels.text("contact_role.controller")) : \(controller.contact)".frenchColon(labels))
        }
        try guardLanguage(person.name, field: path, labels: labels)
        let reach = [person.email, person.phone.map(Self.unbreakable)].compactMap { $0 }.joined(separator: " · ")
        let means = reach.isEmpty ? controller.contact : reach
        return SignItem(fact: "contact:\(means)",
                        text: "\(labels.text("contact_role." + role)) : \(person.name) — \(means)".frenchColon(labels))
    }

    func csiItem(labels: SignageLabels) -> SignItem {
        let controller = document.deployment.controller
        let phone = controller.dpo?.phone ?? controller.accountablePerson?.phone
        let phoneText = phone.map { labels.text("csi_phone", ["phone": Self.unbreakable($0)]) } ?? ""
        return SignItem(fact: "csi:\(controller.name):\(phone ?? "")",
                        text: labels.text("csi_panonceau", ["controller": controller.name, "phone": phoneText]))
    }

    /// AI Act Art. 50(3), from its date of application.
    func aiActItems(_ features: [Feature], labels: SignageLabels) -> [SignItem] {
        let rule = requirements.aiActArt503
        guard inForce(from: rule.appliesFrom) else { return [] }
        var items: [SignItem] = []
        if features.contains(where: { rule.emotionKinds.contains($0.kind.rawValue) }) {
            items.append(SignItem(fact: "ai-act:emotion", text: labels.text("ai_act.emotion")))
        }
        if features.contains(where: { rule.categorisationKinds.contains($0.kind.rawValue)
            && $0.subjects.contains { rule.categorisationSubjects.contains($0.rawValue) } }) {
            items.append(SignItem(fact: "ai-act:categorisation", text: labels.text("ai_act.categorisation")))
        }
        return items
    }

    func secondLayerItem(_ camera: Camera, index: Int, labels: SignageLabels) throws(SignageError) -> (item: SignItem, place: String) {
        if let url = camera.signage.secondLayerUrl {
            return (SignItem(fact: "second-layer:url:\(url)", text: labels.text("second_layer.url", ["url": Self.displayURL(url)])), Self.displayURL(url))
        }
        let place = camera.signage.secondLayerPlace ?? ""
        try guardLanguage(place, field: "cameras[\(index)].signage.second_layer_place", labels: labels)
        return (SignItem(fact: "second-layer:place:\(place)", text: labels.text("second_layer.place", ["place": place])), place)
    }

    /// Québec P-39.1 s. 8.1: a technology able to identify, locate or profile.
    func qcItems(_ features: [Feature], camera: Camera, where place: String, labels: SignageLabels) -> [SignItem] {
        let rule = requirements.qcTechnology
        var functions: [String] = []
        var kinds: [String] = []
        for feature in byImpact(features) {
            var does: [String] = []
            if rule.identify.contains(feature.kind.rawValue) { does.append("identify") }
            if rule.locate.contains(feature.kind.rawValue) || feature.followsIndividual
                || feature.outputs.contains(where: { rule.locatingOutputs.contains($0.rawValue) }) { does.append("locate") }
            if rule.profile.contains(feature.kind.rawValue) { does.append("profile") }
            guard !does.isEmpty else { continue }
            kinds.append(feature.kind.rawValue)
            for function in does where !functions.contains(function) { functions.append(function) }
        }
        guard !functions.isEmpty else { return [] }
        let order = ["identify", "locate", "profile"]
        functions.sort { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! }
        let text = labels.text("qc_technology", [
            "functions": functions.map { labels.text("qc_function." + $0) }.joined(separator: labels.text("qc_functions_join")),
            "kinds": labels.list(kinds.map { labels.text("feature_kind." + $0) }), "where": place])
        return [SignItem(fact: "qc-technology:" + functions.joined(separator: ",") + ":" + kinds.joined(separator: ","), text: text)]
    }

    /// The URL as printed: no scheme, no trailing slash (the QR code carries the full URL).
    static func displayURL(_ url: String) -> String {
        var text = url
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text.removeFirst(scheme.count) }
        if text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// A telephone number never wraps in the middle: its spaces become no-break spaces.
    static func unbreakable(_ phone: String) -> String { phone.replacingOccurrences(of: " ", with: "\u{00A0}") }

    func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}

extension String {
    /// French typography puts a (narrow) no-break space before ":"; English puts none.
    func frenchColon(_ labels: SignageLabels) -> String {
        labels.language == "fr" ? replacingOccurrences(of: " : ", with: "\u{202F}: ") : replacingOccurrences(of: " : ", with: ": ")
    }
}

/// Tells whether a free-text value would put another language on a sign.
public enum LanguageGuard {
    /// The first marker word (or phrase) of another language found in `text`, whole words,
    /// case-insensitive; nil when none.
    public static func foreignMarker(in text: String, markers: [String]) -> String? {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" }).map(String.init)
        let joined = " " + words.joined(separator: " ") + " "
        for marker in markers {
            if joined.contains(" " + marker.lowercased() + " ") { return marker }
        }
        return nil
    }
}
