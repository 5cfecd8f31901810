import Assessment
/// Makes untrusted text (anything from a deployment model, the store or a rule message) safe to
/// place inside a Markdown document, so that it is shown literally and can never add structure:
/// no emphasis, link, image, raw HTML, code span, table column, heading, list or new block.
///
/// The result is meant for *inline* positions — a table cell, a list item, the rest of a
/// paragraph — which is where every template puts a value:
/// - every line break (`\n`, `\r`, U+2028, U+2029) becomes a space, so a value never ends a table
///   row or starts a block of its own; tabs become spaces; surrounding whitespace is trimmed;
/// - Markdown punctuation that can open structure is backslash-escaped (CommonMark allows a
///   backslash before any ASCII punctuation, and GFM tables honour `\|` inside cells);
/// - characters that can start a block are escaped at the start of the value;
/// - invisible characters that change how the text *reads* — bidirectional embeddings, overrides
///   and isolates ("Trojan Source"), and C0/C1 control characters — are replaced by a visible
///   `⟨U+202E⟩`: in a document people sign, a reader must see that the input contained one.
public enum MarkdownEscaping {
    /// Escapes `text` for an inline position in Markdown. See the type's documentation.
    public static func inline(_ text: String) -> String {
        let scalars = Array(neutralised(text).unicodeScalars)
        var output = String.UnicodeScalarView()
        output.reserveCapacity(scalars.count + 8)
        let blockMarker = blockMarkerIndex(scalars)
        for (index, scalar) in scalars.enumerated() {
            if index == blockMarker {
                output.append("\\")
                output.append(scalar)
                continue
            }
            switch scalar {
            case "\\", "`", "*", "[", "]", "<", ">", "|", "~", "#", "!":
                output.append("\\")
            case "_":
                // Intraword underscores (`cam_12`) never make emphasis; keep identifiers readable.
                let before = index > 0 ? scalars[index - 1] : " "
                let after = index + 1 < scalars.count ? scalars[index + 1] : " "
                if !(isWordCharacter(before) && isWordCharacter(after)) { output.append("\\") }
            case "&":
                // `&amp;`, `&#60;`: an entity would be decoded; a bare `&` is plain text.
                let after = index + 1 < scalars.count ? scalars[index + 1] : " "
                if after == "#" || (after.isASCII && after.properties.isAlphabetic) { output.append("\\") }
            default:
                break
            }
            output.append(scalar)
        }
        return String(output)
    }

    /// The text with line breaks folded into spaces, surrounding whitespace trimmed and invisible
    /// reading-order or control characters made visible. Also used for SVG text, which has no
    /// Markdown syntax but must not hide characters either.
    public static func neutralised(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        output.reserveCapacity(text.unicodeScalars.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D, 0x09, 0x0B, 0x0C, 0x2028, 0x2029, 0x85:
                pendingSpace = !output.isEmpty
                continue
            case 0x20:
                pendingSpace = !output.isEmpty
                continue
            default:
                break
            }
            if pendingSpace { output.append(" "); pendingSpace = false }
            if isHiddenControl(scalar) {
                output.append(contentsOf: "⟨U+\(hex(scalar.value))⟩".unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Bidi embeddings, overrides, isolates and marks; C0 and C1 controls (other than the
    /// whitespace folded above); the byte-order mark.
    static func isHiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    /// The index of the character that would open a block if the value began a line — a list
    /// marker, block quote, heading, setext underline or thematic break at index 0, or the `.`/`)`
    /// of an ordered-list marker (`1.`: escaping a digit is not an escape in CommonMark).
    private static func blockMarkerIndex(_ scalars: [Unicode.Scalar]) -> Int? {
        guard let first = scalars.first else { return nil }
        switch first {
        case "-", "+", "=", ">", "#", "*", "_": return 0
        case "0"..."9":
            var next = 0
            while next < scalars.count, ("0"..."9").contains(scalars[next]) { next += 1 }
            if next < scalars.count, scalars[next] == "." || scalars[next] == ")" { return next }
            return nil
        default: return nil
        }
    }
}
