import Assessment
import XCTest
@testable import Reports

final class MarkdownEscapingTests: XCTestCase {
    func testStructureCharactersAreEscaped() {
        XCTAssertEqual(MarkdownEscaping.inline("a | b"), "a \\| b")
        XCTAssertEqual(MarkdownEscaping.inline("*bold* `code`"), "\\*bold\\* \\`code\\`")
        XCTAssertEqual(MarkdownEscaping.inline("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))")
        XCTAssertEqual(MarkdownEscaping.inline("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>")
        XCTAssertEqual(MarkdownEscaping.inline("~~gone~~"), "\\~\\~gone\\~\\~")
        XCTAssertEqual(MarkdownEscaping.inline("![img](x)"), "\\!\\[img\\](x)")
        XCTAssertEqual(MarkdownEscaping.inline("back\\slash"), "back\\\\slash")
    }

    func testIdentifiersStayReadable() {
        XCTAssertEqual(MarkdownEscaping.inline("cam_012 avenue-carnot"), "cam_012 avenue-carnot")
        XCTAssertEqual(MarkdownEscaping.inline("_start"), "\\_start")
        XCTAssertEqual(MarkdownEscaping.inline("Dupont & fils"), "Dupont & fils")
        XCTAssertEqual(MarkdownEscaping.inline("&lt;b&gt;"), "\\&lt;b\\&gt;")
    }

    func testBlockStartersAtTheStartAreEscaped() {
        XCTAssertEqual(MarkdownEscaping.inline("# Heading"), "\\# Heading")
        XCTAssertEqual(MarkdownEscaping.inline("- item"), "\\- item")
        XCTAssertEqual(MarkdownEscaping.inline("1. first"), "1\\. first")
        XCTAssertEqual(MarkdownEscaping.inline("2024) year"), "2024\\) year")
        XCTAssertEqual(MarkdownEscaping.inline("> quote"), "\\> quote")
        XCTAssertEqual(MarkdownEscaping.inline("a - b"), "a - b")
    }

    func testLineBreaksFoldAndControlsBecomeVisible() {
        XCTAssertEqual(MarkdownEscaping.inline("  one\n\n| two |\r\nthree  "), "one \\| two \\| three")
        XCTAssertEqual(MarkdownEscaping.inline("abc\u{202E}fdp.exe"), "abc⟨U+202E⟩fdp.exe")
        XCTAssertEqual(MarkdownEscaping.inline("x\u{2066}y\u{2069}\u{200F}"), "x⟨U+2066⟩y⟨U+2069⟩⟨U+200F⟩")
        XCTAssertEqual(MarkdownEscaping.inline("nul\u{0}bell\u{7}"), "nul⟨U+0000⟩bell⟨U+0007⟩")
        // Arabic and Hebrew letters are not controls and stay as written.
        XCTAssertEqual(MarkdownEscaping.inline("مدينة"), "مدينة")
    }
}
