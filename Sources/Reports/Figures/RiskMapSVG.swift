import Assessment
import Foundation

/// The 4×4 risk map of the CNIL method: likelihood across, severity up. Each risk appears twice —
/// a hollow marker at its inherent score and a filled one at its residual score — joined by an
/// arrow; a legend below maps each label (R1, R2…) to the risk's title.
enum RiskMapSVG {
    struct Entry {
        var label: String
        var title: String
        var inherent: (severity: Int, likelihood: Int)
        var residual: (severity: Int, likelihood: Int)
    }

    static let cell = 120.0
    static let left = 96.0
    static let top = 20.0

    static func render(_ entries: [Entry], language: Language) -> String {
        let french = language == .fr
        let levels = french ? ["Négligeable", "Limitée", "Importante", "Maximale"]
                            : ["Negligible", "Limited", "Significant", "Maximum"]
        let gridSize = cell * 4
        let legendTop = top + gridSize + 64
        let height = legendTop + Double(entries.count) * 18 + 24
        let width = left + gridSize + 24
        var svg = SVGWriter()
        let title = french ? "Cartographie des risques : gravité et vraisemblance, avant et après mesures"
                           : "Risk map: severity and likelihood, before and after measures"
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"risk-map\" viewBox=\"0 0 \(SVGWriter.number(width)) \(SVGWriter.number(height))\" width=\"\(SVGWriter.number(width))\" height=\"\(SVGWriter.number(height))\" role=\"img\" aria-label=\"\(SVGWriter.escape(title))\">")
        svg.raw("<title>\(SVGWriter.escape(title))</title>")
        svg.raw("<defs><marker id=\"rm-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"rm-arrowhead\"/></marker></defs>")
        // Cells: colour by zone (severity + likelihood), as in the CNIL's risk map.
        for severity in 1...4 {
            for likelihood in 1...4 {
                let zone = severity + likelihood <= 4 ? "low" : severity + likelihood <= 5 ? "moderate" : severity + likelihood <= 6 ? "high" : "critical"
                svg.rect(x: left + Double(likelihood - 1) * cell, y: top + Double(4 - severity) * cell,
                         width: cell, height: cell, cssClass: "rm-cell rm-\(zone)")
            }
        }
        for index in 0..<4 {
            svg.textNode(levels[index], x: left + (Double(index) + 0.5) * cell, y: top + gridSize + 18, cssClass: "rm-axis", anchor: "middle")
            svg.textNode(levels[index], x: left - 8, y: top + (3.5 - Double(index)) * cell + 4, cssClass: "rm-axis", anchor: "end")
        }
        svg.textNode(french ? "Vraisemblance →" : "Likelihood →", x: left + gridSize / 2, y: top + gridSize + 40, cssClass: "rm-axis-title", anchor: "middle")
        svg.textNode(french ? "Gravité ↑" : "Severity ↑", x: 4, y: top + 12, cssClass: "rm-axis-title")

        // Each risk has the same slot in every cell: its own height (so horizontal arrows never
        // overlap) and one of three columns, so markers sharing a cell stay apart.
        func slot(_ index: Int, _ severity: Int, _ likelihood: Int) -> (Double, Double) {
            let s = min(max(severity, 1), 4), l = min(max(likelihood, 1), 4)
            let i = index % 7
            return (left + Double(l - 1) * cell + 22 + Double(i % 3) * 38, top + Double(4 - s) * cell + 16 + Double(i) * 14.5)
        }
        var markers = ""
        var arrows = SVGWriter()
        for (index, entry) in entries.enumerated() {
            let start = slot(index, entry.inherent.severity, entry.inherent.likelihood)
            let label = SVGWriter.escape(entry.label)
            let tooltip = SVGWriter.escape(entry.title)
            if entry.inherent == entry.residual {
                markers += "<g class=\"rm-marker rm-unchanged\"><title>\(tooltip)</title><circle cx=\"\(SVGWriter.number(start.0))\" cy=\"\(SVGWriter.number(start.1))\" r=\"11\"/><text x=\"\(SVGWriter.number(start.0))\" y=\"\(SVGWriter.number(start.1 + 3.5))\" text-anchor=\"middle\">\(label)</text></g>"
                continue
            }
            let end = slot(index, entry.residual.severity, entry.residual.likelihood)
            let dx = end.0 - start.0, dy = end.1 - start.1
            let length = max((dx * dx + dy * dy).squareRoot(), 1)
            arrows.line(x1: start.0 + dx / length * 12, y1: start.1 + dy / length * 12,
                        x2: end.0 - dx / length * 13, y2: end.1 - dy / length * 13, cssClass: "rm-arrow", marker: "rm-arrow")
            markers += "<g class=\"rm-marker rm-inherent\"><title>\(tooltip)</title><circle cx=\"\(SVGWriter.number(start.0))\" cy=\"\(SVGWriter.number(start.1))\" r=\"11\"/><text x=\"\(SVGWriter.number(start.0))\" y=\"\(SVGWriter.number(start.1 + 3.5))\" text-anchor=\"middle\">\(label)</text></g>"
            markers += "<g class=\"rm-marker rm-residual\"><title>\(tooltip)</title><circle cx=\"\(SVGWriter.number(end.0))\" cy=\"\(SVGWriter.number(end.1))\" r=\"11\"/><text x=\"\(SVGWriter.number(end.0))\" y=\"\(SVGWriter.number(end.1 + 3.5))\" text-anchor=\"middle\">\(label)</text></g>"
        }
        svg.raw(arrows.text)
        svg.raw(markers)
        // Legend.
        let key = french ? "○ avant mesures   ● après mesures (risque résiduel)" : "○ before measures   ● after measures (residual risk)"
        svg.textNode(key, x: left, y: legendTop - 6, cssClass: "rm-legend-key")
        for (index, entry) in entries.enumerated() {
            let y = legendTop + 14 + Double(index) * 18
            svg.textNode("\(entry.label)", x: left, y: y, cssClass: "rm-legend-label")
            svg.textNode(SVGWriter.truncated(entry.title, 80), x: left + 36, y: y, cssClass: "rm-legend", title: entry.title)
        }
        svg.raw("</svg>")
        return svg.text
    }
}
