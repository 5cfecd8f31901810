import Foundation

/// Paper sizes of a printed sign (portrait), in millimetres.
public enum SignSize: String, Sendable, CaseIterable {
    case a5 = "A5", a4 = "A4", a3 = "A3"

    public var millimetres: (width: Double, height: Double) {
        switch self {
        case .a5: return (148, 210)
        case .a4: return (210, 297)
        case .a3: return (297, 420)
        }
    }
}

/// Lays a sign out as SVG in millimetre user units (viewBox = paper size), so every font size
/// and box in the file is a physical size. Legibility floor, at A5 and scaled up with the
/// paper: the controller's name and the pictogram at least 10 mm high (capital height), no text
/// whose capitals are under 3 mm (≈ 12 pt). A sign whose content does not fit is refused rather
/// than shrunk below that floor.
public struct SignLayout: Sendable {
    public let size: SignSize

    /// Capital height of DejaVu Sans (the font asked for; Debian's default sans) per em.
    public static let capHeightPerEm = 0.729
    /// Conservative average advance per em, for wrapping (DejaVu Sans is wide).
    static let advancePerEm = 0.58
    static let boldAdvancePerEm = 0.64
    static let fontFamily = "DejaVu Sans, Verdana, sans-serif"

    /// Type sizes relative to A5. `svg` picks the largest that fits, from the paper's own scale
    /// down to 1 (the A5 sizes, the legibility floor).
    var typeScale: Double

    public init(size: SignSize) {
        self.size = size
        self.typeScale = 1
    }

    var scale: Double { size.millimetres.width / 148 }
    var margin: Double { 8 * scale }
    /// Body text: capitals 3.06 mm at A5.
    var bodyFont: Double { 4.2 * typeScale }
    var titleFont: Double { 7 * typeScale }
    /// Controller's name: capitals 10.2 mm at A5.
    var controllerFont: Double { 14 * typeScale }
    var pictogramHeight: Double { 20 * typeScale }
    var qrSide: Double { 24 * typeScale }

    public enum LayoutError: Error, Sendable, Equatable {
        case overflow(sign: String, size: String, neededMillimetres: Int)
    }

    /// The sign with the largest type that fits the paper (never below the A5 sizes).
    public func svg(_ sign: FirstLayerSign, qr: QRCode?) throws(LayoutError) -> String {
        var candidate = self
        var lastError: LayoutError?
        for step in stride(from: scale, through: 1.0, by: -0.05) {
            candidate.typeScale = step
            do { return try candidate.render(sign, qr: qr) } catch { lastError = error }
        }
        candidate.typeScale = 1
        do { return try candidate.render(sign, qr: qr) } catch { throw lastError ?? error }
    }

    func render(_ sign: FirstLayerSign, qr: QRCode?) throws(LayoutError) -> String {
        let (width, height) = size.millimetres
        let inner = width - 2 * margin
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))mm" height="\(n(height))mm" viewBox="0 0 \(n(width)) \(n(height))" font-family="\(Self.fontFamily)" lang="\(sign.language)" data-sign="\(xml(sign.name))">
        <title>\(xml(sign.title))</title>
        <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="#ffffff"/>
        <rect x="\(n(margin / 2))" y="\(n(margin / 2))" width="\(n(width - margin))" height="\(n(height - margin))" fill="none" stroke="#000000" stroke-width="\(n(0.8 * scale))"/>

        """
        // Header band: pictogram and title.
        let bandHeight = pictogramHeight + 2 * (margin / 2)
        out += "<rect x=\"\(n(margin / 2))\" y=\"\(n(margin / 2))\" width=\"\(n(width - margin))\" height=\"\(n(bandHeight))\" fill=\"#ffd200\"/>\n"
        out += "<svg id=\"pictogram\" x=\"\(n(margin))\" y=\"\(n(margin))\" width=\"\(n(pictogramHeight))\" height=\"\(n(pictogramHeight))\" viewBox=\"0 0 100 100\">\(Pictogram.body)</svg>\n"
        let titleX = margin + pictogramHeight + 5 * scale
        let titleLines = wrap(sign.title, width: width - margin - titleX, font: titleFont, bold: true)
        let titleBlock = Double(titleLines.count) * titleFont * 1.15
        var titleY = margin + (pictogramHeight - titleBlock) / 2 + titleFont * 0.9
        out += "<g id=\"el-title\">"
        for line in titleLines {
            out += text(line, x: titleX, y: titleY, font: titleFont, bold: true)
            titleY += titleFont * 1.15
        }
        out += "</g>\n"
        var y = margin / 2 + bandHeight + 3 * scale
        // Second layer and QR code sit at the bottom; the body flows above them.
        let bottomTop = height - margin - qrSide
        let lineHeight = bodyFont * 1.2
        for element in sign.elements where ![.pictogram, .secondLayer].contains(element.kind) {
            out += "<g id=\"el-\(element.kind.rawValue)\">"
            if element.kind == .controller {
                // The role in small type, then the name in the largest type of the sign.
                y += lineHeight
                out += text(element.heading, x: margin, y: y, font: bodyFont, bold: false)
                y += 2 * typeScale
                for item in element.items {
                    for line in wrap(item.text, width: inner, font: controllerFont, bold: true) {
                        y += controllerFont * Self.capHeightPerEm
                        out += text(line, x: margin, y: y, font: controllerFont, bold: true)
                        y += controllerFont * 0.3
                    }
                }
                y += 1 * scale
            } else {
                // "Heading : text", the heading in bold on the first line of the first item.
                let lead = element.heading.isEmpty ? "" : element.heading + (sign.language == "fr" ? "\u{202F}: " : ": ")
                for (offset, item) in element.items.enumerated() {
                    let prefix = offset == 0 ? lead : ""
                    let lines = wrap(prefix + item.text, width: inner, font: bodyFont, bold: false, boldPrefix: prefix.count)
                    for (number, line) in lines.enumerated() {
                        y += bodyFont * Self.capHeightPerEm + (lineHeight - bodyFont * Self.capHeightPerEm)
                        if number == 0, !prefix.isEmpty, line.hasPrefix(prefix) {
                            out += text(String(line.dropFirst(prefix.count)), x: margin, y: y, font: bodyFont, bold: false, boldLead: prefix)
                        } else {
                            out += text(line, x: margin, y: y, font: bodyFont, bold: false)
                        }
                    }
                }
                y += 1.0 * scale
            }
            out += "</g>\n"
        }
        if y > bottomTop - 1 * scale {
            throw .overflow(sign: sign.name, size: size.rawValue, neededMillimetres: Int((y + qrSide + margin).rounded(.up)))
        }
        if let element = sign.element(.secondLayer) {
            out += "<g id=\"el-second_layer\">"
            let textWidth = qr == nil ? inner : inner - qrSide - 4 * scale
            var lineY = bottomTop + bodyFont
            out += text(element.heading, x: margin, y: lineY, font: bodyFont, bold: true)
            lineY += bodyFont * 1.2
            for item in element.items {
                for line in wrap(item.text, width: textWidth, font: bodyFont, bold: false) {
                    out += text(line, x: margin, y: lineY, font: bodyFont, bold: false)
                    lineY += bodyFont * 1.22
                }
            }
            if lineY - bodyFont > height - margin / 2 {
                throw .overflow(sign: sign.name, size: size.rawValue, neededMillimetres: Int((lineY + margin).rounded(.up)))
            }
            out += "</g>\n"
        }
        if let qr { out += qrSVG(qr, x: width - margin - qrSide, y: bottomTop) }
        out += "</svg>\n"
        return out
    }

    /// The QR code as one path of unit squares per dark run (inside a 4-module quiet zone).
    func qrSVG(_ qr: QRCode, x: Double, y: Double) -> String {
        let modules = Double(qr.size + 8)
        let unit = qrSide / modules
        var path = ""
        for (row, line) in qr.modules.enumerated() {
            var column = 0
            while column < qr.size {
                guard line[column] else { column += 1; continue }
                var end = column
                while end < qr.size && line[end] { end += 1 }
                path += "M\(column + 4) \(row + 4)h\(end - column)v1h-\(end - column)z"
                column = end
            }
        }
        return """
        <svg id="qr" x="\(n(x))" y="\(n(y))" width="\(n(qrSide))" height="\(n(qrSide))" viewBox="0 0 \(Int(modules)) \(Int(modules))" shape-rendering="crispEdges" data-module-mm="\(n(unit))">\
        <rect width="\(Int(modules))" height="\(Int(modules))" fill="#ffffff"/><path d="\(path)" fill="#000000"/></svg>

        """
    }

    func text(_ content: String, x: Double, y: Double, font: Double, bold: Bool, boldLead: String = "") -> String {
        let lead = boldLead.isEmpty ? "" : "<tspan font-weight=\"bold\">\(xml(boldLead))</tspan>"
        return "<text xml:space=\"preserve\" x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(font))\"\(bold ? " font-weight=\"bold\"" : "")>\(lead)\(xml(content))</text>"
    }

    /// Greedy word wrap by estimated width; a word longer than a line (a long URL) is cut.
    /// `boldPrefix` characters at the start are bold (counted wider); the prefix is never
    /// split from its line when it fits.
    func wrap(_ content: String, width: Double, font: Double, bold: Bool, boldPrefix: Int = 0) -> [String] {
        let perChar = font * (bold ? Self.boldAdvancePerEm : Self.advancePerEm)
        let boldExtra = Double(boldPrefix) * font * (Self.boldAdvancePerEm - Self.advancePerEm)
        let capacity = max(8, Int((width - boldExtra) / perChar))
        var lines: [String] = []
        var current = ""
        for word in content.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            while word.count > capacity {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(capacity)))
                word = String(word.dropFirst(capacity))
            }
            if current.isEmpty { current = word } else if current.count + 1 + word.count <= capacity { current += " " + word } else {
                lines.append(current); current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    func n(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// XML text and attribute escaping.
func xml(_ text: String) -> String {
    var out = ""
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(character)
        }
    }
    return out
}
