import Foundation

/// How long a data category is kept. Written as ISO 8601 (`P30D`, `PT72H`), short forms
/// (`30d`, `72h`, `1y`), `0`/`none` (not stored) or `indefinite` (never compliant, but a
/// DPO must be able to write down what a vendor actually does).
public enum RetentionDuration: Sendable, Equatable, Hashable {
    case seconds(Int64)
    case indefinite

    public static let notStored = RetentionDuration.seconds(0)

    /// Seconds, or nil when indefinite.
    public var totalSeconds: Int64? {
        if case .seconds(let s) = self { return s }
        return nil
    }
}

extension RetentionDuration: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            guard number >= 0 else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "a duration cannot be negative")
            }
            self = .seconds(number)
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = RetentionDuration(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a duration (use 30d, 72h, P30D, PT72H, 0, none or indefinite)")
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension RetentionDuration: CustomStringConvertible {
    /// Parses `30d`, `72h`, `90m`, `45s`, `2w`, `1y` (365 days), `6mo` (30 days each),
    /// ISO 8601 `P1Y2M3W4DT5H6M7S`, `0`, `none`, `indefinite`.
    public init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        switch text {
        case "0", "none", "not-stored": self = .notStored; return
        case "indefinite", "forever", "unlimited": self = .indefinite; return
        default: break
        }
        if text.hasPrefix("p") {
            guard let seconds = Self.parseISO8601(text) else { return nil }
            self = .seconds(seconds)
            return
        }
        let units: [(String, Int64)] = [("mo", 2_592_000), ("y", 31_536_000), ("w", 604_800),
                                        ("d", 86_400), ("h", 3_600), ("min", 60), ("m", 60), ("s", 1)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            let digits = text.dropLast(suffix.count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int64(digits), value >= 0,
                  value <= Int64.max / factor else { return nil }
            self = .seconds(value * factor)
            return
        }
        return nil
    }

    private static func parseISO8601(_ text: String) -> Int64? {
        var total: Int64 = 0
        var number = ""
        var inTime = false
        var sawComponent = false
        for character in text.dropFirst() {
            if character == "t" { guard !inTime else { return nil }; inTime = true; continue }
            if character.isASCII, character.isNumber { number.append(character); continue }
            guard let value = Int64(number) else { return nil }
            let factor: Int64
            switch (character, inTime) {
            case ("y", false): factor = 31_536_000
            case ("m", false): factor = 2_592_000
            case ("w", false): factor = 604_800
            case ("d", false): factor = 86_400
            case ("h", true): factor = 3_600
            case ("m", true): factor = 60
            case ("s", true): factor = 1
            default: return nil
            }
            guard value <= (Int64.max - total) / factor else { return nil }
            total += value * factor
            number = ""
            sawComponent = true
        }
        return number.isEmpty && sawComponent ? total : nil
    }

    /// The shortest exact short form: `30d`, `72h`, `0`, `indefinite`.
    public var description: String {
        guard let seconds = totalSeconds else { return "indefinite" }
        if seconds == 0 { return "0" }
        for (suffix, factor) in [("y", Int64(31_536_000)), ("d", 86_400), ("h", 3_600), ("m", 60)]
        where seconds % factor == 0 {
            return "\(seconds / factor)\(suffix)"
        }
        return "\(seconds)s"
    }
}
