import CEL
import DeploymentModel
import Foundation

/// The deployment being evaluated, indexed for the model helpers (`features_of`, …). Host
/// functions receive only their arguments, so the index travels in a task-local value set
/// around each evaluation; programs are compiled once and shared.
final class ModelIndex: Sendable {
    @TaskLocal static var current: ModelIndex?

    let featuresById: [String: CELValue]
    let purposesById: [String: CELValue]
    let camerasByPurpose: [String: [CELValue]]

    /// Indexes the merged `deployment` value.
    init(deployment: CELValue, binding: ModelBinding) {
        func list(_ name: String) -> [CELValue] {
            guard case .object(let object) = deployment, let index = object.type.index(of: name),
                  case .list(let items)? = object.fields[index] else { return [] }
            return items
        }
        var features: [String: CELValue] = [:]
        for feature in list("features") { if let id = Self.string(feature, "id") { features[id] = feature } }
        var purposes: [String: CELValue] = [:]
        for purpose in list("purposes") { if let id = Self.string(purpose, "id") { purposes[id] = purpose } }
        var cameras: [String: [CELValue]] = [:]
        for camera in list("cameras") {
            for purpose in Self.strings(camera, "purposes") { cameras[purpose, default: []].append(camera) }
        }
        featuresById = features
        purposesById = purposes
        camerasByPurpose = cameras
    }

    static func field(_ value: CELValue, _ name: String) -> CELValue? {
        guard case .object(let object) = value, let index = object.type.index(of: name) else { return nil }
        return object.fields[index]
    }

    static func string(_ value: CELValue, _ name: String) -> String? {
        if case .string(let s)? = field(value, name) { return s }
        return nil
    }

    static func strings(_ value: CELValue, _ name: String) -> [String] {
        guard case .list(let items)? = field(value, name) else { return [] }
        return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
    }
}

/// The label tables (`labels/en.yaml`, `labels/fr.yaml`), loaded once. When they cannot be
/// found, a label shows as `⟦enum.group.value⟧`, so the gap is visible in the message.
enum MessageLabels {
    static let french = try? LabelTable.load(language: "fr")
    static let english = try? LabelTable.load(language: "en")

    static func label(_ table: LabelTable?, _ group: String, _ value: CELValue) -> CELValue {
        func one(_ v: CELValue) -> String {
            guard case .string(let text) = v else { return MessageTemplate.text(v) }
            return table?.enumLabel(group, text) ?? "⟦enum.\(group).\(text)⟧"
        }
        if case .list(let items) = value { return .string(items.map(one).joined(separator: ", ")) }
        return .string(one(value))
    }
}

/// The functions rules may call besides standard CEL (CONTRACTS §3).
enum HostFunctions {
    /// EU member states plus Iceland, Liechtenstein and Norway (ISO 3166-1 alpha-2).
    static let eea: Set<String> = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
                                   "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"]

    static func install(into env: inout CELEnvironment, shapes: [String: ObjectShape]) {
        env.function("duration", receiver: false, params: [.string], result: .duration, throwing: { args throws(CELEvalError) in
            guard case .string(let text) = args[0], let parsed = RetentionDuration(parsing: text) else {
                throw CELEvalError("invalid duration '\(args[0])' (use 30d, 72h, 2w, 1y, P30D)")
            }
            guard let seconds = parsed.totalSeconds else { throw CELEvalError("an indefinite duration has no length") }
            return .duration(CELDuration(seconds: seconds))
        })
        env.function("days", receiver: false, params: [.duration], result: .int, throwing: { args throws(CELEvalError) in
            guard case .duration(let d) = args[0] else { throw CELEvalError("days() needs a duration") }
            return .int(d.nanoseconds / 86_400_000_000_000)
        })
        env.function("date", receiver: false, params: [.string], result: .timestamp, throwing: { args throws(CELEvalError) in
            guard case .string(let text) = args[0], let date = DateText.parse(text) else {
                throw CELEvalError("invalid date '\(args[0])' (write YYYY-MM-DD)")
            }
            return .timestamp(CELTimestamp(seconds: Int64(date.timeIntervalSince1970)))
        })
        // Dates in running text: « 2 décembre 2027 » in French messages, "2 December 2027" in English.
        env.function("date_fr", receiver: false, params: [.string], result: .string) { args in
            guard case .string(let text) = args[0] else { return args[0] }
            return .string(DateText.french(text))
        }
        env.function("date_en", receiver: false, params: [.string], result: .string) { args in
            guard case .string(let text) = args[0] else { return args[0] }
            return .string(DateText.english(text))
        }
        // Enum values in running text, from the label tables: `label_fr('data_category', item.data)`
        // (a list gives its labels comma-separated).
        for (name, table) in [("label_fr", MessageLabels.french), ("label_en", MessageLabels.english)] {
            env.function(name, receiver: false, params: [.string, .dyn], result: .string) { args in
                guard case .string(let group) = args[0] else { return .string("") }
                return MessageLabels.label(table, group, args[1])
            }
        }
        // `list.join(", ")` (as in the CEL strings extension), for lists inside message text.
        env.function("join", receiver: true, params: [.list(.string), .string], result: .string) { args in
            guard case .list(let items) = args[0], case .string(let separator) = args[1] else { return .string("") }
            return .string(items.map { if case .string(let s) = $0 { s } else { MessageTemplate.text($0) } }.joined(separator: separator))
        }
        env.function("is_eea", receiver: false, params: [.string], result: .bool) { args in
            guard case .string(let code) = args[0] else { return .bool(false) }
            return .bool(eea.contains(code.uppercased()))
        }
        guard let feature = shapes["Feature"], let purpose = shapes["Purpose"], let camera = shapes["Camera"] else { return }
        env.function("features_of", receiver: false, params: [.object(purpose.type)], result: .list(.object(feature.type)),
                     throwing: { args throws(CELEvalError) in
            guard let index = ModelIndex.current else { throw CELEvalError("features_of: no deployment in scope") }
            return .list(ModelIndex.strings(args[0], "features").compactMap { index.featuresById[$0] })
        })
        env.function("purposes_of", receiver: false, params: [.object(camera.type)], result: .list(.object(purpose.type)),
                     throwing: { args throws(CELEvalError) in
            guard let index = ModelIndex.current else { throw CELEvalError("purposes_of: no deployment in scope") }
            return .list(ModelIndex.strings(args[0], "purposes").compactMap { index.purposesById[$0] })
        })
        env.function("cameras_of", receiver: false, params: [.object(purpose.type)], result: .list(.object(camera.type)),
                     throwing: { args throws(CELEvalError) in
            guard let index = ModelIndex.current else { throw CELEvalError("cameras_of: no deployment in scope") }
            guard let id = ModelIndex.string(args[0], "id") else { return .list([]) }
            return .list(index.camerasByPurpose[id] ?? [])
        })
    }
}
