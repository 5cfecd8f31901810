import Foundation

/// What changed between two assessments (or an assessment and the current file, once the CLI
/// passes a fresh model and findings): model paths, findings, verdict. Works on JSON snapshots
/// so the store stays independent of the Assessment module.
public struct AssessmentDiff: Sendable, Hashable {
    public struct ModelChange: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case added, removed, changed }
        /// YAML-key path: `cameras[id=cam-012].zone`, `deployment.sector`, `retention[2]`.
        public var path: String
        public var kind: Kind
        /// Compact JSON (strings unquoted) of the old / new value.
        public var old: String?
        public var new: String?
    }

    /// A finding reduced to its identity (rule + subject) and severity.
    public struct FindingKey: Sendable, Hashable, Comparable {
        public var ruleId: String
        public var subjectPath: String
        public var severity: String
        public static func < (a: Self, b: Self) -> Bool { (a.ruleId, a.subjectPath) < (b.ruleId, b.subjectPath) }
    }

    public var modelChanges: [ModelChange]
    public var findingsAdded: [FindingKey]
    public var findingsResolved: [FindingKey]
    /// nil when the verdict did not change.
    public var verdictChange: (old: String, new: String)? {
        oldVerdict == newVerdict ? nil : (oldVerdict, newVerdict)
    }
    public var oldVerdict: String
    public var newVerdict: String

    public var isEmpty: Bool { modelChanges.isEmpty && findingsAdded.isEmpty && findingsResolved.isEmpty && verdictChange == nil }

    /// Compares two snapshots. Findings are decoded generically: any JSON array of objects with
    /// `ruleId`, `subjectPath` and `severity` (other keys ignored).
    public static func compare(oldModel: Data, newModel: Data, oldFindings: Data, newFindings: Data,
                               oldVerdict: String, newVerdict: String) throws(StoreError) -> AssessmentDiff {
        let before = try decode(oldModel, what: "model"), after = try decode(newModel, what: "model")
        var changes: [ModelChange] = []
        diff(before, after, path: "", into: &changes)
        let oldKeys = try findingKeys(oldFindings), newKeys = try findingKeys(newFindings)
        let oldIDs = Set(oldKeys.map { [$0.ruleId, $0.subjectPath] }), newIDs = Set(newKeys.map { [$0.ruleId, $0.subjectPath] })
        return AssessmentDiff(
            modelChanges: changes,
            findingsAdded: newKeys.filter { !oldIDs.contains([$0.ruleId, $0.subjectPath]) }.sorted(),
            findingsResolved: oldKeys.filter { !newIDs.contains([$0.ruleId, $0.subjectPath]) }.sorted(),
            oldVerdict: oldVerdict, newVerdict: newVerdict)
    }

    /// Compares two stored assessments.
    public static func compare(_ a: StoredAssessment, _ b: StoredAssessment) throws(StoreError) -> AssessmentDiff {
        try compare(oldModel: a.modelJSON, newModel: b.modelJSON, oldFindings: a.findingsJSON, newFindings: b.findingsJSON,
                    oldVerdict: a.verdict, newVerdict: b.verdict)
    }

    private static func decode(_ data: Data, what: String) throws(StoreError) -> JSONValue {
        if data.isEmpty { return .null }
        do { return try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw .invalid(message: "stored \(what) JSON cannot be read: \(error.localizedDescription)", hint: nil)
        }
    }

    private static func findingKeys(_ data: Data) throws(StoreError) -> [FindingKey] {
        guard case .array(let items) = try decode(data, what: "findings") else { return [] }
        return items.compactMap { item in
            guard case .object(let o) = item, case .string(let rule)? = o["ruleId"] else { return nil }
            let subject: String = if case .string(let s)? = o["subjectPath"] { s } else { "" }
            let severity: String = if case .string(let s)? = o["severity"] { s } else { "" }
            return FindingKey(ruleId: rule, subjectPath: subject, severity: severity)
        }
    }

    private static func diff(_ a: JSONValue, _ b: JSONValue, path: String, into out: inout [ModelChange]) {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            for key in Set(x.keys).union(y.keys).sorted() {
                let sub = path.isEmpty ? key : "\(path).\(key)"
                switch (x[key], y[key]) {
                case let (old?, new?): diff(old, new, path: sub, into: &out)
                case let (old?, nil): out.append(ModelChange(path: sub, kind: .removed, old: old.display, new: nil))
                case let (nil, new?): out.append(ModelChange(path: sub, kind: .added, old: nil, new: new.display))
                case (nil, nil): break
                }
            }
        case (.array(let x), .array(let y)):
            // Elements with unique string ids are matched by id, so inserting one camera does not
            // show every following camera as changed.
            if let xi = ids(x), let yi = ids(y) {
                let xm = Dictionary(uniqueKeysWithValues: zip(xi, x)), ym = Dictionary(uniqueKeysWithValues: zip(yi, y))
                for id in xi where ym[id] == nil { out.append(ModelChange(path: "\(path)[id=\(id)]", kind: .removed, old: xm[id]!.display, new: nil)) }
                for id in xi where ym[id] != nil { diff(xm[id]!, ym[id]!, path: "\(path)[id=\(id)]", into: &out) }
                for id in yi where xm[id] == nil { out.append(ModelChange(path: "\(path)[id=\(id)]", kind: .added, old: nil, new: ym[id]!.display)) }
            } else {
                for i in 0..<max(x.count, y.count) {
                    let sub = "\(path)[\(i)]"
                    if i >= y.count { out.append(ModelChange(path: sub, kind: .removed, old: x[i].display, new: nil)) }
                    else if i >= x.count { out.append(ModelChange(path: sub, kind: .added, old: nil, new: y[i].display)) }
                    else { diff(x[i], y[i], path: sub, into: &out) }
                }
            }
        default:
            if a != b { out.append(ModelChange(path: path.isEmpty ? "$" : path, kind: .changed, old: a.display, new: b.display)) }
        }
    }

    private static func ids(_ items: [JSONValue]) -> [String]? {
        guard !items.isEmpty else { return nil }
        var ids: [String] = []
        for item in items {
            guard case .object(let o) = item, case .string(let id)? = o["id"] else { return nil }
            ids.append(id)
        }
        return Set(ids).count == ids.count ? ids : nil
    }
}

extension AssessmentDiff.ModelChange: CustomStringConvertible {
    public var description: String {
        switch kind {
        case .added: return "+ \(path): \(new ?? "")"
        case .removed: return "- \(path): \(old ?? "")"
        case .changed: return "~ \(path): \(old ?? "") → \(new ?? "")"
        }
    }
}
