import Foundation

/// Calendar days as `YYYY-MM-DD` in UTC, as the model writes them.
public enum DateText {
    public static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// Parses `YYYY-MM-DD` (UTC midnight). A day that does not exist (`2026-02-30`) is nil, not
    /// the day Calendar would roll it over to.
    public static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
              day(date) == text else { return nil }
        return date
    }

    private static let frenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                       "septembre", "octobre", "novembre", "décembre"]
    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                        "September", "October", "November", "December"]

    /// `2027-12-02` → « 2 décembre 2027 » (« 1er » for the first day, as French usage writes it);
    /// text that is not a date is returned unchanged.
    public static func french(_ text: String) -> String {
        guard parse(text) != nil else { return text }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        return "\(parts[2] == 1 ? "1er" : String(parts[2]))\u{00A0}\(frenchMonths[parts[1] - 1]) \(parts[0])"
    }

    /// `2027-12-02` → "2 December 2027"; text that is not a date is returned unchanged.
    public static func english(_ text: String) -> String {
        guard parse(text) != nil else { return text }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        return "\(parts[2]) \(englishMonths[parts[1] - 1]) \(parts[0])"
    }
}
