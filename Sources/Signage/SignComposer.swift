import DeploymentModel
import Foundation
import Rules

/// Which cameras a `signage` run covers.
public enum CameraSelection: Sendable, Equatable {
    case all
    case camera(String)
    case site(String)
    /// The cameras a posted sign names.
    case cameras([String])
}

/// Derives the first-layer signs from the model: one content per camera, then one sign per
/// group of cameras whose content is the same (same purposes, same controller, same second
/// layer, same legal regime) — not one per camera.
public struct SignComposer: Sendable {
    public let tables: SignageTables
    public let loaded: LoadedDeployment
    /// "Now" for dated obligations (AI Act Art. 50 from 2 August 2026, Art. 5 from 2 February 2025).
    public let date: Date

    /// Purpose id → the regimes it is judged under (`rules/regimes.yaml` routing: `gdpr`, `led`,
    /// `qc`, `pipeda`). Without it the regime follows the jurisdictions alone.
    public let regimesByPurpose: [String: [String]]

    public init(tables: SignageTables, loaded: LoadedDeployment, date: Date, regimesByPurpose: [String: [String]] = [:]) {
        self.tables = tables; self.loaded = loaded; self.date = date; self.regimesByPurpose = regimesByPurpose
    }

    /// The purposes among `ids` judged under the police directive (offence prevention and
    /// detection by a competent authority): their rights are those of Directive (EU) 2016/680.
    func lawEnforcementPurposes(_ ids: [String]) -> [String] {
        ids.filter { id in
            if let regimes = regimesByPurpose[id] { return regimes.contains("led") }
            return document.purposes.first { $0.id == id }?.lawEnforcement == true && regime == .gdpr
        }
    }

    var document: DeploymentDocument { loaded.document }
    var requirements: SignageRequirements { tables.requirements }

    public var regime: SignRegime {
        let jurisdictions = Set(document.deployment.jurisdictions.map { $0.uppercased() })
        if jurisdictions.contains("CA-QC") { return .qc }
        if jurisdictions.contains("CA") || jurisdictions.contains(where: { $0.hasPrefix("CA-") }) { return .pipeda }
        return .gdpr
    }

    /// The cameras a selection names, in model order; unknown ids and sites are errors.
    public func cameras(_ selection: CameraSelection) throws(SignageError) -> [(index: Int, camera: Camera)] {
        let all = Array(document.cameras.enumerated()).map { (index: $0.offset, camera: $0.element) }
        guard !all.isEmpty else { throw .noCameras }
        switch selection {
        case .all: return all
        case .camera(let id):
            let found = all.filter { $0.camera.id == id }
            guard !found.isEmpty else { throw .unknownCamera(id, known: all.map(\.camera.id)) }
            return found
        case .cameras(let ids):
            var found: [(index: Int, camera: Camera)] = []
            for id in ids {
                guard let entry = all.first(where: { $0.camera.id == id }) else { throw .unknownCamera(id, known: all.map(\.camera.id)) }
                found.append(entry)
            }
            return found
        case .site(let site):
            let found = all.filter { $0.camera.site == site }
            guard !found.isEmpty else {
                var sites: [String] = []
                for entry in all where !sites.contains(entry.camera.site) { sites.append(entry.camera.site) }
                throw .unknownSite(site, known: sites)
            }
            return found
        }
    }

    /// The signs for `selection` in `language`, grouped. Throws before anything is produced
    /// when a camera has no second layer, a use is prohibited, or a text is not in `language`.
    public func signs(_ selection: CameraSelection, language: Language) throws(SignageError) -> [FirstLayerSign] {
        let selected = try cameras(selection)
        let missing = selected.filter { $0.camera.signage.secondLayerUrl == nil && $0.camera.signage.secondLayerPlace == nil }
        if let first = missing.first {
            throw .noSecondLayer(cameras: missing.map(\.camera.id), position: position("cameras[\(first.index)]"))
        }
        var groups: [(sign: FirstLayerSign, cameras: [Camera])] = []
        for entry in selected {
            let sign = try content(for: entry.camera, index: entry.index, language: language)
            if let at = groups.firstIndex(where: { $0.sign.elements == sign.elements && $0.sign.title == sign.title }) {
                groups[at].cameras.append(entry.camera)
            } else {
                groups.append((sign, [entry.camera]))
            }
        }
        return groups.enumerated().map { offset, group in
            var sign = group.sign
            sign.cameras = group.cameras.map(\.id)
            var sites: [String] = []
            for camera in group.cameras where !sites.contains(camera.site) { sites.append(camera.site) }
            sign.sites = sites
            let slug = sign.purposes.isEmpty ? "recording" : sign.purposes.joined(separator: "+")
            sign.name = String(format: "sign-%02d-", offset + 1) + String(slug.prefix(60))
            return sign
        }
    }

    /// The sign one camera needs. Its `cameras` and `name` are filled in by `signs`.
    func content(for camera: Camera, index: Int, language: Language) throws(SignageError) -> FirstLayerSign {
        let labels = tables.labels(language)
        let purposes = document.purposes.filter { camera.purposes.contains($0.id) }
        let features = featuresOf(purposes)
        try checkProhibitions(features, camera: camera)
        let regime = self.regime
        let csi = regime == .gdpr && csiApplies(to: camera)
        var elements: [SignElement] = []
        func add(_ kind: SignElementKind, _ items: [SignItem]) {
            guard !items.isEmpty else { return }
            let heading = kind == .pictogram ? "" : labels.text("heading." + kind.rawValue)
            elements.append(SignElement(kind: kind, heading: heading, items: items))
        }
        let required = Set(requirements.regimes[regime.rawValue]?.elements ?? [])
        add(.pictogram, [SignItem(fact: "pictogram:camera", text: "")])
        let controller = document.deployment.controller
        try guardLanguage(controller.name, field: "deployment.controller.name", labels: labels)
        add(.controller, [SignItem(fact: "controller:\(controller.name)", text: controller.name)])
        // Purposes whose features read the same on a sign are one line (its fact names them all).
        var purposeItems: [SignItem] = []
        for purpose in purposes {
            let text = purposeText(purpose, labels: labels)
            if let at = purposeItems.firstIndex(where: { $0.text == text }) {
                purposeItems[at].fact += "," + purpose.id
            } else {
                purposeItems.append(SignItem(fact: "purpose:\(purpose.id)", text: text))
            }
        }
        add(.purposes, purposeItems)
        if required.contains(.algorithmicAnalysis) { add(.algorithmicAnalysis, analysisItems(features, labels: labels)) }
        if required.contains(.mostImpactful) { add(.mostImpactful, impactItems(features, labels: labels)) }
        add(.retention, try retentionItems(labels: labels))
        add(.rights, [rightsItem(regime, labels: labels)] + ledRightsItems(purposes.map(\.id), labels: labels))
        add(.contact, [try contactItem(regime, labels: labels)])
        if csi, required.contains(.csiPanonceau) { add(.csiPanonceau, [csiItem(labels: labels)]) }
        if required.contains(.aiActNotice) { add(.aiActNotice, aiActItems(features, labels: labels)) }
        let secondLayer = try secondLayerItem(camera, index: index, labels: labels)
        if required.contains(.qcTechnology) { add(.qcTechnology, qcItems(features, camera: camera, where: secondLayer.place, labels: labels)) }
        add(.secondLayer, [secondLayer.item])
        return FirstLayerSign(
            name: "", deploymentId: document.deployment.id, language: language.rawValue, regime: regime,
            title: labels.text(csi ? "title.csi" : "title." + regime.rawValue), cameras: [], sites: [],
            purposes: purposes.map(\.id), elements: elements, secondLayerURL: camera.signage.secondLayerUrl)
    }

    func position(_ path: String) -> SourcePosition? { loaded.sourceMap.position(of: path) }

    func featuresOf(_ purposes: [Purpose]) -> [Feature] {
        var result: [Feature] = []
        for purpose in purposes {
            for id in purpose.features {
                if let feature = document.features.first(where: { $0.id == id }), !result.contains(feature) { result.append(feature) }
            }
        }
        return result
    }

    /// The features in impact order (most impactful first, EDPB 3/2019 § 114).
    func byImpact(_ features: [Feature]) -> [Feature] {
        let order = requirements.impactOrder
        let keeping = Set(requirements.impactOutputs)
        func rank(_ feature: Feature) -> (Int, Int) {
            (feature.outputs.contains { keeping.contains($0.rawValue) } ? 0 : 1, order.firstIndex(of: feature.kind.rawValue) ?? order.count)
        }
        return features.sorted { rank($0) < rank($1) }
    }

    func analysesPeople(_ feature: Feature) -> Bool {
        requirements.analysesPeople.kinds.contains(feature.kind.rawValue)
            || feature.subjects.contains { requirements.analysesPeople.subjects.contains($0.rawValue) }
    }

    func csiApplies(to camera: Camera) -> Bool {
        let rule = requirements.csi
        guard document.deployment.jurisdictions.contains(where: { $0.uppercased() == rule.jurisdiction }) else { return false }
        return rule.publicZones.contains(camera.zone.rawValue)
            || (document.deployment.publiclyAccessible && rule.openToPublicZones.contains(camera.zone.rawValue))
    }

    static func dayString(_ text: String) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    func inForce(from text: String) -> Bool {
        guard let start = Self.dayString(text) else { return true }
        return date >= start
    }

    /// Art. 5 AI Act and the like: no sign for a prohibited use — refuse, naming the rule.
    func checkProhibitions(_ features: [Feature], camera: Camera) throws(SignageError) {
        for prohibition in requirements.prohibited where inForce(from: prohibition.appliesFrom) {
            if let exemption = prohibition.exemptionJustification, document.justifications[exemption] != nil { continue }
            let setting = prohibition.sectors.contains(document.deployment.sector.rawValue)
                || prohibition.zones.contains(camera.zone.rawValue)
                || (prohibition.filmsWorkstations && camera.filmsWorkstations)
            guard setting else { continue }
            if let feature = features.first(where: { prohibition.kinds.contains($0.kind.rawValue) }) {
                let index = document.features.firstIndex(of: feature) ?? 0
                throw .prohibited(rule: prohibition.rule, feature: feature.id,
                                  article: prohibition.refs.map { "\($0.law) \($0.article)" }.joined(separator: "; "),
                                  position: position("features[\(index)]"))
            }
        }
    }

    /// Fails closed when a free-text value of the model would put another language on the sign.
    func guardLanguage(_ value: String, field: String, labels: SignageLabels) throws(SignageError) {
        if let marker = LanguageGuard.foreignMarker(in: value, markers: labels.foreignMarkers) {
            _ = marker
            throw .notInLanguage(field: field, value: value, language: labels.language, position: position(field))
        }
    }
}
