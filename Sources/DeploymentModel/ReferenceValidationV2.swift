/// Cross-field checks of the model-v2 facts: purpose links, information channels, dates
/// that must be in order, and the controller's province against its jurisdictions.
extension ReferenceValidation {
    mutating func checkV2(purposes: [String: String], cameras: [String: String]) {
        for list in ["retention", "data_flows", "recipients"] {
            for (index, item) in items(list).enumerated() {
                checkRefs(item["purposes"], path: "\(list)[\(index)].purposes", known: purposes, noun: "purpose")
            }
        }
        let channels = uniqueIds("information_channels")
        for (index, channel) in items("information_channels").enumerated() {
            checkRefs(channel["cameras"], path: "information_channels[\(index)].cameras", known: cameras, noun: "camera")
            checkRefs(channel["purposes"], path: "information_channels[\(index)].purposes", known: purposes, noun: "purpose")
        }
        checkRefs(root["workforce"]?["information_channels"], path: "workforce.information_channels",
                  known: channels, noun: "information channel")

        for (index, purpose) in items("purposes").enumerated() {
            let path = "purposes[\(index)]"
            if let primary = purpose["legal_basis"]?.stringValue {
                for (i, extra) in (purpose["additional_legal_bases"]?.listValue ?? []).enumerated() where extra.stringValue == primary {
                    sink.error("\(path).additional_legal_bases[\(i)] repeats the purpose's legal_basis '\(primary)'",
                               at: positions["\(path).additional_legal_bases[\(i)]"], hint: "list only the other bases relied on")
                }
            }
            for (i, text) in (purpose["legal_texts"]?.listValue ?? []).enumerated() {
                checkOrder(text, from: "in_force_from", until: "in_force_until", path: "\(path).legal_texts[\(i)]")
            }
            if let law = purpose["special_category_condition"]?["law"] {
                checkOrder(law, from: "in_force_from", until: "in_force_until", path: "\(path).special_category_condition.law")
            }
        }
        if let lifecycle = root["deployment"]?["lifecycle"] {
            checkOrder(lifecycle, from: "since", until: "until", path: "deployment.lifecycle")
        }
        if let entrusted = root["deployment"]?["controller"]?["entrusted_by_law"] {
            checkOrder(entrusted, from: "in_force_from", until: "in_force_until", path: "deployment.controller.entrusted_by_law")
        }
        checkProvince()
    }

    /// `from` after `until` is a typing error, reported at `until`.
    private mutating func checkOrder(_ value: ModelValue, from: String, until: String, path: String) {
        guard let start = value[from]?.stringValue, let end = value[until]?.stringValue, start > end else { return }
        sink.error("\(path).\(until) (\(end)) is before \(path).\(from) (\(start))", at: positions["\(path).\(until)"],
                   hint: "dates are YYYY-MM-DD; the last day cannot come before the first")
    }

    /// `controller.province` and a `CA-XX` jurisdiction must agree.
    private mutating func checkProvince() {
        guard let province = root["deployment"]?["controller"]?["province"]?.stringValue else { return }
        let codes = (root["deployment"]?["jurisdictions"]?.listValue ?? []).compactMap { $0.stringValue?.uppercased() }
        let subdivisions = codes.filter { $0.hasPrefix("CA-") }.map { String($0.dropFirst(3)) }
        if let other = subdivisions.first(where: { $0 != province }) {
            sink.error("deployment.controller.province '\(province)' contradicts jurisdiction 'CA-\(other)'",
                       at: positions["deployment.controller.province"],
                       hint: "write the same province in both places, or drop the CA-\(other) jurisdiction")
        }
    }
}
