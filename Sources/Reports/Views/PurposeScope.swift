import DeploymentModel

/// What belongs to one purpose of a deployment: its cameras, the data categories its features
/// produce, and the recipients, retention rules and flows of that purpose. Model v2 links them
/// explicitly (`purposes:` on a recipient, a retention rule, a flow): a link decides; an entry
/// without links is matched by its data categories. A
/// cycle-counting purpose whose features output counts has statistics, not the video clips that
/// another purpose hands to the police. A purpose without features keeps every category (the
/// sheet then overstates rather than omits).
struct PurposeScope {
    let purpose: Purpose
    let features: [Feature]
    let cameras: [Camera]
    let dataCategories: Set<DataCategory>

    init(_ document: DeploymentDocument, purpose: Purpose) {
        self.purpose = purpose
        features = document.features.filter { purpose.features.contains($0.id) }
        let cameras = document.cameras.filter { $0.purposes.contains(purpose.id) }
        self.cameras = cameras
        var categories = Set<DataCategory>()
        for feature in features {
            for output in feature.outputs { categories.formUnion(Self.categories(of: output)) }
            if feature.kind == .audio || feature.kind == .audioTranscription { categories.insert(.audio) }
            if feature.kind == .timelapse { categories.insert(.timelapse) }
            if feature.kind == .blur { categories.insert(.blurredVideo) }
            if feature.kind == .lpr { categories.insert(.licencePlates) }
        }
        if purpose.statisticsOnly { categories = categories.intersection([.statistics, .events]) }
        if features.isEmpty { categories = Set(DataCategory.allCases) }
        dataCategories = categories
    }

    static func categories(of output: FeatureOutput) -> [DataCategory] {
        switch output {
        case .event, .alert, .text: [.events]
        case .count, .statistic: [.statistics]
        case .snapshot, .image: [.snapshots]
        case .clip: [.clips]
        case .track: [.tracks]
        case .template: [.templates]
        }
    }

    /// The recipients that receive some of this purpose's data, with only that data.
    func recipients(_ document: DeploymentDocument) -> [(Recipient, [DataCategory])] {
        document.recipients.compactMap { recipient in
            if !recipient.purposes.isEmpty {
                return recipient.purposes.contains(purpose.id) ? (recipient, recipient.data) : nil
            }
            let data = recipient.data.filter { dataCategories.contains($0) }
            return data.isEmpty ? nil : (recipient, data)
        }
    }

    func retention(_ document: DeploymentDocument) -> [RetentionRule] {
        document.retention.filter { rule in
            rule.purposes.isEmpty ? dataCategories.contains(rule.data) : rule.purposes.contains(purpose.id)
        }
    }

    /// Whether a flow carries this purpose's data.
    func carries(_ flow: DataFlow) -> Bool {
        flow.purposes.isEmpty ? dataCategories.contains(flow.data) : flow.purposes.contains(purpose.id)
    }
}
