import DeploymentModel
import Foundation
import ProcessTestSupport
import Rules
import Signage
import XCTest

/// Shared fixtures: the tables of the package, examples loaded (or rewritten) in memory, and
/// SVG reading for the assertions.
enum SignageFixtures {
    static let root = ProcessRunner.packageRoot
    static let tables: SignageTables = {
        do { return try SignageTables.load(directory: root.appendingPathComponent("signage").path) } catch {
            fatalError("signage tables do not load: \(error)")
        }
    }()
    /// After AI Act Art. 50 applies (2 August 2026).
    static let date = DateText.parse("2026-12-07")!

    static func example(_ name: String) throws -> LoadedDeployment {
        try DeploymentLoader.load(path: root.appendingPathComponent("examples/\(name)/deployment.yaml").path)
    }

    /// An example with text replaced (a variant written in memory, positions kept per line).
    static func variant(_ name: String, file: String = "variant.yaml", _ edits: [(String, String)]) throws -> LoadedDeployment {
        let path = root.appendingPathComponent("examples/\(name)/deployment.yaml")
        var text = try String(contentsOf: path, encoding: .utf8)
        for (old, new) in edits {
            XCTAssertTrue(text.contains(old), "fixture edit not applicable: \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return try DeploymentLoader.load(yaml: text, file: file, baseDirectory: path.deletingLastPathComponent().path)
    }

    /// 1-based number of the first line of an example's model that contains `text`.
    static func firstLine(containing text: String, in example: String) -> Int? {
        let path = root.appendingPathComponent("examples/\(example)/deployment.yaml")
        let lines = ((try? String(contentsOf: path, encoding: .utf8)) ?? "").components(separatedBy: "\n")
        return lines.firstIndex { $0.contains(text) }.map { $0 + 1 }
    }

    static let regimeTable: RegimeTable = {
        do { return try RegimeTable.load(rulesDirectory: root.appendingPathComponent("rules").path) } catch {
            fatalError("rules/regimes.yaml does not load: \(error)")
        }
    }()

    /// The composer as the command builds it: purposes routed by rules/regimes.yaml.
    static func composer(_ loaded: LoadedDeployment, date: Date = date) throws -> SignComposer {
        SignComposer(tables: tables, loaded: loaded, date: date, regimesByPurpose: try regimeTable.route(loaded.document).regimesByPurpose)
    }

    static func signs(_ loaded: LoadedDeployment, _ language: Language, _ selection: CameraSelection = .all,
                      date: Date = date) throws -> [FirstLayerSign] {
        try composer(loaded, date: date).signs(selection, language: language)
    }

    static func svg(_ sign: FirstLayerSign, size: SignSize = .a5) throws -> String {
        try SignLayout(size: size).svg(sign, qr: sign.secondLayerURL.flatMap(QRCode.init(encoding:)))
    }
}

/// Reads what the assertions need from a generated SVG: the text of each element group, the
/// font sizes, the pictogram box.
struct SVGReader {
    let svg: String

    /// The text of `<g id="el-KIND">`, lines joined by spaces, entities decoded.
    func text(of kind: String) -> String? {
        guard let start = svg.range(of: "<g id=\"el-\(kind)\">"),
              let end = svg.range(of: "</g>", range: start.upperBound..<svg.endIndex) else { return nil }
        return Self.texts(String(svg[start.upperBound..<end.lowerBound])).joined(separator: " ")
    }

    /// Every `<text>` content in the document.
    var allText: String { Self.texts(svg).joined(separator: " ") }

    static func texts(_ fragment: String) -> [String] {
        var result: [String] = []
        var rest = fragment[...]
        while let open = rest.range(of: "<text "), let close = rest.range(of: ">", range: open.upperBound..<rest.endIndex),
              let end = rest.range(of: "</text>", range: close.upperBound..<rest.endIndex) {
            result.append(decode(stripTags(String(rest[close.upperBound..<end.lowerBound]))))
            rest = rest[end.upperBound...]
        }
        return result
    }

    /// (font-size, content) of every `<text>`.
    var fontSizes: [(size: Double, text: String, group: String)] {
        var result: [(Double, String, String)] = []
        var group = ""
        for line in svg.components(separatedBy: "<") {
            if line.hasPrefix("g id=\"el-") { group = String(line.dropFirst(9).prefix { $0 != "\"" }) }
            guard line.hasPrefix("text "), let sizeRange = line.range(of: "font-size=\"") else { continue }
            let value = Double(line[sizeRange.upperBound...].prefix { $0 != "\"" }) ?? 0
            let content = line.split(separator: ">", maxSplits: 1).last.map(String.init) ?? ""
            result.append((value, Self.decode(content), group))
        }
        return result
    }

    /// The attribute `name` of the element whose id is `id`.
    func attribute(_ name: String, ofId id: String) -> String? {
        guard let start = svg.range(of: "id=\"\(id)\""),
              let tagEnd = svg.range(of: ">", range: start.upperBound..<svg.endIndex) else { return nil }
        let tagStart = svg[..<start.lowerBound].range(of: "<", options: .backwards)!.lowerBound
        let tag = svg[tagStart..<tagEnd.lowerBound]
        guard let value = tag.range(of: " \(name)=\"") else { return nil }
        return String(tag[value.upperBound...].prefix { $0 != "\"" })
    }

    static func stripTags(_ text: String) -> String {
        var out = "", inTag = false
        for character in text {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { out.append(character) }
        }
        return out
    }

    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension String {
    /// Whitespace runs as one space (wrapped lines compare with their source text).
    var squeezed: String { split(whereSeparator: \.isWhitespace).joined(separator: " ") }
}
