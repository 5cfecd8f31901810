import Foundation
import Yams

/// Reads an ethics register YAML file into records, reporting every problem with
/// `file:line:col` (Yams marks) before anything is written.
enum EthicsRegisterParser {
    struct Parsed {
        var submission: EthicsSubmission
        var position: String
        var opinions: [(EthicsOpinion, String)]
        /// The deliberation records of those opinions, after them (an opinion is inserted first).
        var deliberations: [(EthicsDeliberation, String)] = []
    }

    static func parse(_ text: String, file: String, maxBytes: Int) throws(StoreError) -> [Parsed] {
        guard text.utf8.count <= maxBytes else {
            throw .invalid(message: "\(file): file is larger than \(maxBytes >> 20) MiB", hint: "an ethics register is a few kilobytes")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw StoreError.invalid(message: "\(file):1:1: empty file", hint: "export one with `silhouette ethics export`")
            }
            root = node
        } catch let error as StoreError { throw error } catch {
            throw .invalid(message: "\(file): YAML syntax error: \(String(describing: error).split(separator: "\n").first ?? "")",
                           hint: "check indentation and quoting")
        }
        let reader = Reader(file: file)
        let top = try reader.mapping(root, "the document", keys: ["api_version", "submissions"])
        let version = try reader.string(top, root, "api_version")
        guard version == EthicsRegisterYAML.apiVersion else {
            throw .invalid(message: "\(reader.pos(Reader.value(top, "api_version") ?? root)): api_version '\(version)' is not \(EthicsRegisterYAML.apiVersion)",
                           hint: "this silhouette reads ethics registers written by `silhouette ethics export`")
        }
        var parsed: [Parsed] = []
        var seen: [String: String] = [:]
        for item in try reader.sequence(Reader.value(top, "submissions"), "submissions", in: root) {
            let m = try reader.mapping(item, "a submission", keys: ["id", "feature", "feature_kind", "rationale", "deployments",
                                                                    "submitted_at", "submitted_by", "opinions"])
            let submission = EthicsSubmission(
                id: try reader.string(m, item, "id"), feature: try reader.optionalString(m, "feature"),
                featureKind: try reader.optionalString(m, "feature_kind"), rationale: try reader.string(m, item, "rationale"),
                deployments: try reader.strings(Reader.value(m, "deployments"), "deployments", in: item),
                submittedAt: try reader.timestamp(m, item, "submitted_at"), submittedBy: try reader.string(m, item, "submitted_by"))
            let position = reader.pos(item)
            try reader.wrap(position) { () throws(StoreError) in try EthicsValidation.validate(submission) }
            try reader.unique(submission.id, position, &seen)
            var opinions: [(EthicsOpinion, String)] = []
            var deliberations: [(EthicsDeliberation, String)] = []
            for o in try reader.sequence(Reader.value(m, "opinions"), "opinions", in: item) {
                let om = try reader.mapping(o, "an opinion", keys: ["id", "decision", "members", "rationale", "reservations",
                                                                   "review_by", "issued_at", "deliberations"])
                let raw = try reader.string(om, o, "decision")
                guard let decision = EthicsDecision(rawValue: raw) else {
                    throw .invalid(message: "\(reader.pos(Reader.value(om, "decision") ?? o)): unknown decision '\(raw)'",
                                   hint: EthicsDecision.allCases.map(\.rawValue).joined(separator: " | "))
                }
                let opinion = EthicsOpinion(
                    id: try reader.string(om, o, "id"), submissionId: submission.id, decision: decision,
                    members: try reader.strings(Reader.value(om, "members"), "members", in: o), rationale: try reader.string(om, o, "rationale"),
                    reservations: try reader.strings(Reader.value(om, "reservations"), "reservations", in: o),
                    reviewBy: try reader.optionalString(om, "review_by"), issuedAt: try reader.timestamp(om, o, "issued_at"))
                try reader.wrap(reader.pos(o)) { () throws(StoreError) in try EthicsValidation.validate(opinion) }
                try reader.unique(opinion.id, reader.pos(o), &seen)
                opinions.append((opinion, reader.pos(o)))
                for d in try reader.sequence(Reader.value(om, "deliberations"), "deliberations", in: o) {
                    let dm = try reader.mapping(d, "a deliberation", keys: ["id", "meeting_date", "present", "quorum", "votes_for",
                                                                            "votes_against", "abstentions", "dissent", "conflicts",
                                                                            "documents", "chair", "recorded_at"])
                    let deliberation = EthicsDeliberation(
                        id: try reader.string(dm, d, "id"), opinionId: opinion.id, meetingDate: try reader.string(dm, d, "meeting_date"),
                        present: try reader.strings(Reader.value(dm, "present"), "present", in: d), quorum: try reader.int(dm, d, "quorum"),
                        votesFor: try reader.int(dm, d, "votes_for"), votesAgainst: try reader.int(dm, d, "votes_against"),
                        abstentions: try reader.int(dm, d, "abstentions"), dissent: try reader.optionalString(dm, "dissent"),
                        conflicts: try reader.strings(Reader.value(dm, "conflicts"), "conflicts", in: d),
                        documents: try reader.strings(Reader.value(dm, "documents"), "documents", in: d),
                        chair: try reader.string(dm, d, "chair"), recordedAt: try reader.timestamp(dm, d, "recorded_at"))
                    try reader.wrap(reader.pos(d)) { () throws(StoreError) in
                        try EthicsValidation.validateID(deliberation.id)
                        try deliberation.validate()
                    }
                    try reader.unique(deliberation.id, reader.pos(d), &seen)
                    deliberations.append((deliberation, reader.pos(d)))
                }
            }
            parsed.append(Parsed(submission: submission, position: position, opinions: opinions, deliberations: deliberations))
        }
        return parsed
    }

    /// Small typed accessors over composed nodes; every error names the node's position.
    struct Reader {
        let file: String
        /// Bounds the walk: aliases are shared when composed but multiply when walked.
        static let maxItems = 100_000

        static func value(_ m: Node.Mapping, _ key: String) -> Node? {
            m.first { $0.key.string == key }?.value
        }

        func pos(_ node: Node) -> String {
            guard let mark = node.mark else { return file }
            return "\(file):\(mark.line):\(mark.column)"
        }

        func fail(_ node: Node, _ message: String, hint: String? = nil) -> StoreError {
            .invalid(message: "\(pos(node)): \(message)", hint: hint)
        }

        func wrap(_ position: String, _ body: () throws(StoreError) -> Void) throws(StoreError) {
            do { try body() } catch {
                if case let .invalid(message, hint) = error { throw .invalid(message: "\(position): \(message)", hint: hint) }
                throw error
            }
        }

        func unique(_ id: String, _ position: String, _ seen: inout [String: String]) throws(StoreError) {
            if let first = seen[id] { throw .invalid(message: "\(position): id '\(id)' is used twice (first at \(first))", hint: "ids must be unique") }
            seen[id] = position
        }

        func mapping(_ node: Node, _ what: String, keys: Set<String>) throws(StoreError) -> Node.Mapping {
            guard let m = node.mapping else { throw fail(node, "\(what) must be a mapping") }
            for (key, _) in m {
                guard let k = key.string, keys.contains(k) else {
                    throw fail(key, "unknown key '\(key.string ?? "?")' in \(what)", hint: "allowed: \(keys.sorted().joined(separator: ", "))")
                }
            }
            return m
        }

        func sequence(_ node: Node?, _ what: String, in parent: Node) throws(StoreError) -> [Node] {
            guard let node else { return [] }
            if case .scalar(let s) = node, s.string == "" || s.string == "~" || s.string == "null" { return [] }
            guard let seq = node.sequence else { throw fail(node, "\(what) must be a list") }
            guard seq.count <= Self.maxItems else { throw fail(node, "\(what) has more than \(Self.maxItems) items") }
            return Array(seq)
        }

        func string(_ m: Node.Mapping, _ parent: Node, _ key: String) throws(StoreError) -> String {
            guard let node = Reader.value(m, key) else { throw fail(parent, "missing '\(key)'") }
            guard case .scalar(let s) = node else { throw fail(node, "'\(key)' must be a string") }
            return s.string
        }

        func optionalString(_ m: Node.Mapping, _ key: String) throws(StoreError) -> String? {
            guard let node = Reader.value(m, key) else { return nil }
            guard case .scalar(let s) = node else { throw fail(node, "'\(key)' must be a string") }
            return s.string.isEmpty || s.string == "~" || s.string == "null" ? nil : s.string
        }

        func strings(_ node: Node?, _ what: String, in parent: Node) throws(StoreError) -> [String] {
            try sequence(node, what, in: parent).map { (item: Node) throws(StoreError) -> String in
                guard case .scalar(let s) = item else { throw fail(item, "\(what) must be a list of strings") }
                return s.string
            }
        }

        func int(_ m: Node.Mapping, _ parent: Node, _ key: String) throws(StoreError) -> Int {
            let text = try string(m, parent, key)
            guard let value = Int(text) else { throw fail(Reader.value(m, key) ?? parent, "'\(key)' must be a whole number, not '\(text)'") }
            return value
        }

        func timestamp(_ m: Node.Mapping, _ parent: Node, _ key: String) throws(StoreError) -> Date {
            let text = try string(m, parent, key)
            guard (try? Date(text, strategy: StoreDates.style)) != nil else {
                throw fail(Reader.value(m, key) ?? parent, "'\(key)' is not an ISO 8601 UTC timestamp", hint: "e.g. 2026-11-23T10:00:00.000Z")
            }
            return StoreDates.date(text)
        }
    }
}
