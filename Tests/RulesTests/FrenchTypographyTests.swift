import Foundation
import XCTest
@testable import Rules

/// Every French title, message, remediation, dates note and reference title/note of the built-in packs follows French
/// typography (audit of December 2026, section 5): no ISO date in running text (`date_fr()`),
/// no straight `"` used as quotes (« … » or “ … ”), a non-breaking space (U+00A0, or the narrow
/// U+202F) before `:` `;` `?` `!` and inside « », the typographic apostrophe ’.
final class FrenchTypographyTests: XCTestCase {
    func testEveryFrenchTextOfTheBuiltInPacksFollowsFrenchTypography() throws {
        let set = try RuleSet.loadAll(extraDirectories: [], builtinDirectory: Fixtures.builtinRules)
        XCTAssertGreaterThan(set.rules.count, 100, "the built-in packs were not loaded")
        var problems: [String] = []
        for rule in set.rules {
            let d = rule.definition
            var texts = [("title", d.title.fr), ("message", d.message.fr), ("remediation", d.remediation.fr)]
            if let note = d.datesUncertain { texts.append(("dates_uncertain", note.fr)) }
            for ref in d.refs {
                if let title = ref.frenchTitle { texts.append(("refs title", title)) }
                if let note = ref.frenchNote { texts.append(("refs note", note)) }
            }
            for (field, text) in texts {
                problems += FrenchTypography.problems(in: text).map { "\(d.id) \(field): \($0)" }
            }
        }
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }

    /// The checker itself catches each fault it is meant to catch, in text and in the French
    /// string literals of a message's placeholders, and accepts correct text.
    func testTheCheckerFindsEachFault() {
        XCTAssertEqual(kinds("Applicable à compter du 2027-12-02."), ["ISO date « 2027-12-02 »"])
        XCTAssertEqual(kinds("La finalité \"x\" est illicite."), ["straight \" used as a quote", "straight \" used as a quote"])
        XCTAssertEqual(kinds("Conservation illimitée : aucune."), ["no non-breaking space before « : »"])
        XCTAssertEqual(kinds("Conservation illimitée: aucune."), ["no non-breaking space before « : »"])
        XCTAssertEqual(kinds("Retirer la fonctionnalité ; ou la justifier."), ["no non-breaking space before « ; »"])
        XCTAssertEqual(kinds("Retirer l'accès."), ["straight apostrophe in « l'a » (use ’)"])
        XCTAssertEqual(kinds("La caméra « c1 » filme"), ["no non-breaking space after «", "no non-breaking space before »"])
        XCTAssertEqual(kinds("{{ size(x) > 0 ? x.join(' ; ') : 'aucune' }}"), ["no non-breaking space before « ; »"])
        XCTAssertEqual(kinds("Le {{ date_fr('2027-12-02') }}\u{a0}: voir `kind: fria` et https://cnil.fr/x?y=1 «\u{a0}{{ item.id }}\u{a0}»\u{202f}; fin\u{202f}!"), [])
    }

    private func kinds(_ text: String) -> [String] {
        FrenchTypography.problems(in: text).map { $0.components(separatedBy: " (…")[0] }
    }
}

/// The French typography checks of the test above.
enum FrenchTypography {
    static let nonBreaking: Set<Character> = ["\u{a0}", "\u{202f}"]

    static func problems(in text: String) -> [String] {
        var result: [String] = []
        // Placeholders are CEL: only their quoted string literals are French text.
        let placeholders = matches(#"\{\{.*?\}\}"#, in: text)
        let literals = placeholders.flatMap { matches(#"'[^']*'"#, in: $0).map { String($0.dropFirst().dropLast()) } }
        let prose = strip(text, patterns: [#"(?s)\{\{.*?\}\}"#, "`[^`]*`", #"https?://\S+"#])
        for date in matches(#"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b"#, in: prose) { result.append("ISO date « \(date) »") }
        for elision in matches(#"\w'\w"#, in: prose) { result.append("straight apostrophe in « \(elision) » (use ’)") }
        for piece in [prose] + literals.map({ strip($0, patterns: ["`[^`]*`"]) }) {
            result += piece.filter { $0 == "\"" }.map { _ in "straight \" used as a quote" }
            result += spacing(piece)
        }
        return result
    }

    private static func spacing(_ text: String) -> [String] {
        var result: [String] = []
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            let previous: Character? = i > 0 ? chars[i - 1] : nil
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if ":;?!".contains(c) {
                if let previous, nonBreaking.contains(previous) { continue }
                // Punctuation (followed by a space or the end), not `a:b` inside a token.
                guard previous == " " || next == nil || next == " " || next.map(nonBreaking.contains) == true else { continue }
                let context = String(chars[max(0, i - 22)..<min(chars.count, i + 11)])
                result.append("no non-breaking space before « \(c) » (…\(context)…)")
            } else if c == "«", next.map(nonBreaking.contains) != true {
                result.append("no non-breaking space after «")
            } else if c == "»", previous.map(nonBreaking.contains) != true {
                result.append("no non-breaking space before »")
            }
        }
        return result
    }

    private static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    private static func strip(_ text: String, patterns: [String]) -> String {
        patterns.reduce(text) { partial, pattern in
            partial.replacingOccurrences(of: pattern, with: " ", options: [.regularExpression])
        }
    }
}
