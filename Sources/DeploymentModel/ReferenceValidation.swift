/// Checks that need the whole model: unique ids, and references between sections
/// (camera → purpose, purpose → feature, flow endpoints, retention place, operator, waivers).
struct ReferenceValidation {
    let root: ModelValue
    let positions: [String: SourcePosition]
    var sink: DiagnosticSink

    mutating func run() {
        let purposes = uniqueIds("purposes")
        let features = uniqueIds("features")
        let cameras = uniqueIds("cameras")
        let systems = uniqueIds("systems")
        let recipients = uniqueIds("recipients")
        let processors = uniqueIds("deployment.processors", list: root["deployment"]?["processors"])
        checkEndpointClashes(cameras: cameras, systems: systems, recipients: recipients)

        for (index, camera) in items("cameras").enumerated() {
            checkRefs(camera["purposes"], path: "cameras[\(index)].purposes", known: purposes, noun: "purpose")
            if let analytics = camera["analytics"] {
                _ = uniqueIds("cameras[\(index)].analytics.zones", list: analytics["zones"])
                _ = uniqueIds("cameras[\(index)].analytics.lines", list: analytics["lines"])
            }
        }
        for (index, purpose) in items("purposes").enumerated() {
            checkRefs(purpose["features"], path: "purposes[\(index)].features", known: features, noun: "feature")
        }
        let endpoints = cameras.merging(systems) { a, _ in a }.merging(recipients) { a, _ in a }
        for (index, flow) in items("data_flows").enumerated() {
            for end in ["from", "to"] {
                guard let id = flow[end]?.stringValue, endpoints[id] == nil else { continue }
                let path = "data_flows[\(index)].\(end)"
                sink.error("\(path) refers to unknown endpoint '\(id)'", at: positions[path],
                           hint: "flow endpoints are camera, system or recipient ids; " + Self.suggest(id, Array(endpoints.keys), "known"))
            }
        }
        for (index, rule) in items("retention").enumerated() {
            guard let place = rule["where"]?.stringValue, place != "none", systems[place] == nil else { continue }
            let path = "retention[\(index)].where"
            sink.error("\(path) refers to unknown system '\(place)'", at: positions[path],
                       hint: "write a system id or none; " + Self.suggest(place, Array(systems.keys), "systems"))
        }
        let processorNames = items("deployment.processors", list: root["deployment"]?["processors"]).compactMap { $0["name"]?.stringValue }
        for (index, system) in items("systems").enumerated() {
            guard let operator_ = system["operated_by"]?.stringValue, operator_ != "controller",
                  processors[operator_] == nil, !processorNames.contains(operator_) else { continue }
            let path = "systems[\(index)].operated_by"
            sink.error("\(path) refers to unknown operator '\(operator_)'", at: positions[path],
                       hint: "write controller, or a processor's id or name; "
                           + Self.suggest(operator_, ["controller"] + Array(processors.keys) + processorNames, "known"))
        }
        for (index, waiver) in items("waivers").enumerated() {
            guard let rule = waiver["rule"]?.stringValue, !Self.isRuleId(rule) else { continue }
            let path = "waivers[\(index)].rule"
            sink.error("invalid rule id '\(rule)' in \(path)", at: positions[path],
                       hint: "rule ids are upper-case words joined by '-', e.g. GDPR-STORAGE-001")
        }
        checkV2(purposes: purposes, cameras: cameras)
        for (index, risk) in items("risks").enumerated() {
            for key in ["severity", "likelihood", "residual_severity", "residual_likelihood"] {
                guard case .int(let level)? = risk[key], !(1...4).contains(level) else { continue }
                let path = "risks[\(index)].\(key)"
                sink.error("\(path) must be between 1 and 4, not \(level)", at: positions[path],
                           hint: "1 negligible, 2 limited, 3 significant, 4 maximum (CNIL scale)")
            }
        }
    }

    static func isRuleId(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, let first = parts.first?.first, first.isUppercase else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { ($0.isASCII && $0.isUppercase) || ($0.isASCII && $0.isNumber) }
        }
    }

    func items(_ path: String, list: ModelValue? = nil) -> [ModelValue] {
        (list ?? root[path])?.listValue ?? []
    }

    /// Ids of the items of a list, reporting duplicates; id → path of its first definition.
    mutating func uniqueIds(_ path: String, list: ModelValue? = nil) -> [String: String] {
        var seen: [String: String] = [:]
        for (index, item) in items(path, list: list).enumerated() {
            guard let id = item["id"]?.stringValue else { continue }
            let idPath = "\(path)[\(index)].id"
            if let first = seen[id] {
                sink.error("duplicate id '\(id)' in \(path)", at: positions[idPath],
                           hint: "ids must be unique; '\(id)' is first defined at \(positions[first].map(\.description) ?? first)")
            } else {
                seen[id] = idPath
            }
        }
        return seen
    }

    private mutating func checkEndpointClashes(cameras: [String: String], systems: [String: String], recipients: [String: String]) {
        let groups = [("camera", cameras), ("system", systems), ("recipient", recipients)]
        for (i, (nounA, a)) in groups.enumerated() {
            for (nounB, b) in groups[(i + 1)...] {
                for id in Set(a.keys).intersection(b.keys).sorted() {
                    let idPath = b[id]!
                    sink.error("id '\(id)' names both a \(nounA) and a \(nounB)", at: positions[idPath],
                               hint: "data flows refer to cameras, systems and recipients by id, so these ids must differ")
                }
            }
        }
    }

    mutating func checkRefs(_ list: ModelValue?, path: String, known: [String: String], noun: String) {
        for (index, value) in (list?.listValue ?? []).enumerated() {
            guard let id = value.stringValue, known[id] == nil else { continue }
            let itemPath = "\(path)[\(index)]"
            sink.error("\(itemPath) refers to unknown \(noun) '\(id)'", at: positions[itemPath],
                       hint: Self.suggest(id, Array(known.keys), "known \(noun)s"))
        }
    }

    static func suggest(_ id: String, _ known: [String], _ label: String) -> String {
        let sorted = known.sorted()
        var list = sorted.prefix(8).joined(separator: ", ")
        if sorted.count > 8 { list += ", …" }
        if sorted.isEmpty { list = "none defined" }
        if let guess = EditDistance.closest(to: id, in: sorted) { return "did you mean '\(guess)'? \(label): \(list)" }
        return "\(label): \(list)"
    }
}
