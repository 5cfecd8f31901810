import Assessment
import DeploymentModel
import XCTest
@testable import Reports

/// A model whose free-text fields hold script tags, table pipes, `](javascript:` links,
/// backticks, emphasis, raw HTML, entities, Mustache braces, newlines and bidi controls renders
/// inert: nothing becomes markup, every table keeps its columns, every control is visible.
final class HostileInputTests: XCTestCase {
    func reports(_ lang: Language) throws -> [RenderedReport] {
        let loaded = try ReportsTestSupport.fixture("hostile.yaml")
        var context = try ReportsTestSupport.context(loaded)
        context.ethicsOpinions.append(ReportOpinion(id: "EC-<script>", featureKind: "direction", decision: "favourable",
                                                    reservations: ["| a | b |", "](javascript:alert(1))"], rationale: "line\nbreak"))
        return try ReportsTestSupport.allReports(context, lang)
    }

    func testHTMLIsInert() throws {
        for lang in Language.allCases {
            for report in try reports(lang) {
                let html = report.html
                let name = "\(report.baseName).\(lang.rawValue).html"
                XCTAssertEqual(HTMLChecks.parserErrors(html).map(\.description), [], name)
                XCTAssertEqual(HTMLChecks.resourceLoads(html), [], name)
                for forbidden in ["<script", "<img", "href=\"javascript", "\u{202E}", "\u{2066}"] {
                    XCTAssertFalse(html.contains(forbidden), "\(name) contains \(forbidden)")
                }
                // The page's stylesheet, and one inside each drawing (paged-media engines read only that).
                let drawings = html.components(separatedBy: "<svg xmlns=").count - 1
                XCTAssertEqual(html.components(separatedBy: "<style>").count - 1, 1 + drawings, "\(name): only the page's own stylesheets")
                XCTAssertEqual(html.components(separatedBy: "</style>").count - 1, 1 + drawings, "\(name): a value closed the stylesheet")
                // The only links: the table of contents (#s-…) and the contact e-mails, autolinked.
                let links = html.components(separatedBy: "<a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                XCTAssertEqual(links.filter { !$0.hasPrefix("#s-") && !$0.hasPrefix("mailto:") }, [], "\(name): a value became a link")
                XCTAssertFalse(html.contains("<strong>bold</strong>"), "\(name): a value became emphasis")
                XCTAssertFalse(html.contains("<code>code</code>"), "\(name): a value became code")
            }
            let sheet = try reports(lang)[1].html
            XCTAssertTrue(sheet.contains("&lt;script&gt;alert(1)&lt;/script&gt; | col | [click](javascript:alert(1)) `code` **bold** _em_ &lt;img src=x onerror=alert(1)&gt; &amp;lt;b&amp;gt; {{ x }} &lt;/style&gt; ⟨U+202E⟩evil⟨U+202C⟩ ⟨U+2066⟩iso⟨U+2069⟩ # not a heading"),
                          "the hostile text is shown literally")
        }
    }

    func testMarkdownTablesKeepTheirColumnsAndNothingBecomesStructure() throws {
        for lang in Language.allCases {
            for report in try reports(lang) {
                let name = "\(report.baseName).\(lang.rawValue).md"
                var columns: Int?
                for (number, line) in report.markdown.components(separatedBy: "\n").enumerated() {
                    guard line.hasPrefix("|") else { columns = nil; continue }
                    let pipes = unescapedPipes(line)
                    if let columns { XCTAssertEqual(pipes, columns, "\(name):\(number + 1): \(line)") } else { columns = pipes }
                }
                XCTAssertFalse(report.markdown.contains("\u{202E}"), name)
                XCTAssertNil(report.markdown.range(of: #"(?<!\\)<script"#, options: .regularExpression), name)
                XCTAssertNil(report.markdown.range(of: #"(?<!\\)\]\(javascript:"#, options: .regularExpression), name)
                XCTAssertTrue(report.markdown.contains(#"\<script\>alert(1)\</script\> \| col \| \[click\](javascript:alert(1)) \`code\` \*\*bold\*\* \_em\_"#), name)
                // The multi-line description stays one paragraph: no injected heading, list or quote.
                for line in report.markdown.components(separatedBy: "\n") {
                    XCTAssertFalse(line.hasPrefix("# heading") || line.hasPrefix("- list item") || line.hasPrefix("> quote")
                                   || line.hasPrefix("1. ordered") || line.hasPrefix("| injected"), "\(name): \(line)")
                }
            }
        }
    }

    func testSVGTextIsEscaped() {
        let svg = RiskMapSVG.render([.init(label: "R1", title: "<script>x</script>\u{202E}", inherent: (4, 4), residual: (1, 1))], language: .en)
        XCTAssertFalse(svg.contains("<script"))
        XCTAssertTrue(svg.contains("&lt;script&gt;x&lt;/script&gt;⟨U+202E⟩"))
    }

    private func unescapedPipes(_ line: String) -> Int {
        var count = 0, escaped = false
        for character in line {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true } else if character == "|" { count += 1 }
        }
        return count
    }
}
