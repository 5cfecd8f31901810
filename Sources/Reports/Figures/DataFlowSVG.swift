import Assessment
import DeploymentModel
import Foundation

/// The data-flow diagram: cameras grouped by site (one box per site with its camera count, so
/// that 200 or 10,000 cameras stay readable) → systems (edge devices, VMS, cloud…) in columns by
/// distance from the cameras → recipients. Flows between the same two boxes are merged into one
/// arrow labelled with their data categories. A flow, system or recipient outside the EEA is
/// drawn in red and dashed, with its country and transfer mechanism.
enum DataFlowSVG {
    /// At most this many site boxes; further sites are merged into one "other sites" box.
    static let maxSites = 24

    struct Node {
        var id: String
        var label: String
        var detail: String
        var column: Int
        var outsideEEA: Bool
        var kind: String  // site | system | recipient | other
    }

    struct Edge {
        var from: String
        var to: String
        var data: Set<String> = []
        var encrypted = true
        var outside: [String] = []  // "US (SCC)"
        var flows = 0
    }

    static func render(_ document: DeploymentDocument, language: Language) -> String {
        let french = language == .fr
        // Sites, largest first; the tail merges into one box.
        var camerasPerSite: [String: Int] = [:]
        var siteOfCamera: [String: String] = [:]
        for camera in document.cameras {
            camerasPerSite[camera.site, default: 0] += 1
            siteOfCamera[camera.id] = camera.site
        }
        let sites = camerasPerSite.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let shownSites = sites.count > maxSites ? Array(sites.prefix(maxSites - 1)) : sites
        let shown = Set(shownSites.map(\.key))
        let otherSiteID = "site:*"
        func siteNode(_ site: String) -> String { shown.contains(site) ? "site:\(site)" : otherSiteID }

        var nodes: [String: Node] = [:]
        var order: [String] = []
        func add(_ node: Node) { if nodes[node.id] == nil { nodes[node.id] = node; order.append(node.id) } }
        for (site, count) in shownSites {
            add(Node(id: "site:\(site)", label: site,
                     detail: french ? "\(count) caméra\(count > 1 ? "s" : "")" : "\(count) camera\(count > 1 ? "s" : "")",
                     column: 0, outsideEEA: false, kind: "site"))
        }
        if sites.count > shownSites.count {
            let rest = sites.dropFirst(shownSites.count)
            let cameras = rest.reduce(0) { $0 + $1.value }
            add(Node(id: otherSiteID, label: french ? "\(rest.count) autres sites" : "\(rest.count) other sites",
                     detail: french ? "\(cameras) caméras" : "\(cameras) cameras", column: 0, outsideEEA: false, kind: "site"))
        }
        let area = TransferArea(document)
        let systems = Dictionary(document.systems.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var recipients: [String: Recipient] = [:]
        for recipient in document.recipients {
            recipients[recipient.id] = recipient
            if recipients[recipient.name] == nil { recipients[recipient.name] = recipient }
        }
        func nodeID(_ endpoint: String) -> String {
            if let site = siteOfCamera[endpoint] { return siteNode(site) }
            if systems[endpoint] != nil { return "system:\(endpoint)" }
            if let recipient = recipients[endpoint] { return "recipient:\(recipient.id)" }
            return "other:\(endpoint)"
        }

        func addEndpoint(_ endpoint: String) {
            let id = nodeID(endpoint)
            guard nodes[id] == nil else { return }
            if let system = systems[endpoint] {
                let outside = system.country.map { !area.contains($0) } ?? false
                add(Node(id: id, label: system.id, detail: Labels.systemKind(system.kind, language) + (system.country.map { " · \($0)" } ?? ""),
                         column: 1, outsideEEA: outside, kind: "system"))
            } else if let recipient = recipients[endpoint] {
                let outside = recipient.country.map { !area.contains($0) } ?? false
                add(Node(id: id, label: recipient.name, detail: Labels.recipientKind(recipient.kind, language) + (recipient.country.map { " · \($0)" } ?? ""),
                         column: 2, outsideEEA: outside, kind: "recipient"))
            } else {
                add(Node(id: id, label: endpoint, detail: french ? "non décrit dans le modèle" : "not described in the model",
                         column: 1, outsideEEA: false, kind: "other"))
            }
        }
        // Merge flows per pair of boxes.
        var edges: [String: Edge] = [:]
        var edgeOrder: [String] = []
        for flow in document.dataFlows {
            let from = nodeID(flow.from), to = nodeID(flow.to)
            let key = from + "\u{1}" + to
            var edge = edges[key] ?? Edge(from: from, to: to)
            if edges[key] == nil { edgeOrder.append(key) }
            edge.data.insert(Labels.dataCategory(flow.data, language))
            edge.encrypted = edge.encrypted && flow.encrypted
            edge.flows += 1
            if let country = flow.country, !area.contains(country) {
                let mechanism = flow.transferMechanism ?? (french ? "aucun mécanisme" : "no mechanism")
                let mark = "\(country) (\(mechanism))"
                if !edge.outside.contains(mark) { edge.outside.append(mark) }
            }
            edges[key] = edge
            for endpoint in [flow.from, flow.to] { addEndpoint(endpoint) }
        }
        // A site no flow leaves says so, as the model has it: analysed on the device (on-device
        // processing declared) or no flow declared — never an arrow-less box that reads as video
        // going nowhere.
        let labels = Labels.table(language)
        let onDevice = document.security.contains(.onDeviceProcessing)
        var siteNote: [String: String] = [:]
        for id in order where nodes[id]!.kind == "site" && !edges.values.contains(where: { $0.from == id }) {
            siteNote[id] = labels.label(onDevice ? "data_flow.site-on-device" : "data_flow.site-no-flow")
        }
        // Systems also appear when no flow reaches them; recipients too.
        for system in document.systems { addEndpoint(system.id) }
        for recipient in document.recipients { addEndpoint(recipient.id) }

        // Columns: a system sits one column right of the deepest box that feeds it (bounded, so
        // cycles cannot loop); recipients sit in the last column.
        var column: [String: Int] = [:]
        for id in order { column[id] = nodes[id]!.kind == "site" ? 0 : 1 }
        for _ in 0..<min(nodes.count, 12) {
            var changed = false
            for key in edgeOrder {
                let edge = edges[key]!
                guard nodes[edge.to]?.kind == "system" || nodes[edge.to]?.kind == "other" else { continue }
                let wanted = min((column[edge.from] ?? 0) + 1, 8)
                if wanted > column[edge.to]! { column[edge.to] = wanted; changed = true }
            }
            if !changed { break }
        }
        let lastMiddle = order.filter { nodes[$0]!.kind != "recipient" }.map { column[$0]! }.max() ?? 0
        for id in order where nodes[id]!.kind == "recipient" { column[id] = lastMiddle + 1 }
        let columnCount = (column.values.max() ?? 0) + 1

        // Geometry.
        // Labels wrap on up to three lines (never cut at a fixed width); each box is as tall as its text.
        var arriving: [String: (data: Set<String>, outside: [String], clear: Bool)] = [:]
        for key in edgeOrder {
            let edge = edges[key]!
            var entry = arriving[edge.to] ?? ([], [], false)
            entry.data.formUnion(edge.data)
            entry.outside += edge.outside.filter { !entry.outside.contains($0) }
            entry.clear = entry.clear || !edge.encrypted
            arriving[edge.to] = entry
        }
        var text: [String: (label: [String], detail: [String], flow: [String], flowText: String?, outsideFlow: Bool)] = [:]
        for id in order {
            let node = nodes[id]!
            let detail = node.detail + (node.outsideEEA ? " · " + TransferArea(document).outside(french) : "")
            var flowText: String?
            if let incoming = arriving[id] {
                var label = "← " + incoming.data.sorted().joined(separator: ", ")
                if incoming.clear { label += french ? " · non chiffré" : " · not encrypted" }
                if !incoming.outside.isEmpty { label = "⚠ " + incoming.outside.joined(separator: ", ") + " " + label }
                flowText = label
            }
            text[id] = (SVGWriter.wrapped(node.label, width: 26, maxLines: 3), SVGWriter.wrapped(detail, width: 33, maxLines: 2)
                            + (siteNote[id].map { SVGWriter.wrapped($0, width: 33, maxLines: 2) } ?? []),
                        flowText.map { SVGWriter.wrapped($0, width: 35, maxLines: 3) } ?? [], flowText,
                        !(arriving[id]?.outside.isEmpty ?? true))
        }
        let labelLine = 15.0, detailLine = 13.0, flowLine = 12.5
        func boxHeight(_ id: String) -> Double {
            let t = text[id]!
            return 10 + Double(t.label.count) * labelLine + Double(t.detail.count) * detailLine + Double(t.flow.count) * flowLine + 4
        }
        let boxWidth = 230.0, columnGap = 110.0, rowGap = 14.0, margin = 16.0, headerHeight = 28.0
        var columnBottom: [Int: Double] = [:]
        var position: [String: (x: Double, y: Double)] = [:]
        for id in order {
            let c = column[id]!
            let y = columnBottom[c, default: margin + headerHeight]
            position[id] = (margin + Double(c) * (boxWidth + columnGap), y)
            columnBottom[c] = y + boxHeight(id) + rowGap
        }
        let width = margin * 2 + Double(columnCount) * boxWidth + Double(max(columnCount - 1, 0)) * columnGap
        let height = (columnBottom.values.max() ?? margin + headerHeight) + margin + 40

        var svg = SVGWriter()
        let title = french ? "Schéma des flux de données" : "Data-flow diagram"
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"data-flow\" viewBox=\"0 0 \(SVGWriter.number(width)) \(SVGWriter.number(height))\" width=\"\(SVGWriter.number(width))\" height=\"\(SVGWriter.number(height))\" role=\"img\" aria-label=\"\(title)\">")
        svg.raw("<title>\(title)</title>")
        svg.raw("<defs><marker id=\"df-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"df-arrowhead\"/></marker>")
        svg.raw("<marker id=\"df-arrow-out\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"df-arrowhead-out\"/></marker></defs>")
        let headers = french ? ["Caméras (par site)", "Systèmes", "Destinataires"] : ["Cameras (by site)", "Systems", "Recipients"]
        let hasRecipients = order.contains { nodes[$0]!.kind == "recipient" }
        let systemColumns = columnCount - 1 - (hasRecipients ? 1 : 0)
        for c in 0..<columnCount {
            // Several columns of systems are numbered in the order the data goes through them.
            let systems = systemColumns > 1 ? headers[1] + (french ? " — étape \(c)" : " — step \(c)") : headers[1]
            let header = c == 0 ? headers[0] : c == columnCount - 1 && hasRecipients ? headers[2] : systems
            svg.textNode(header, x: margin + Double(c) * (boxWidth + columnGap), y: margin + 12, cssClass: "df-column")
        }
        for key in edgeOrder {
            let edge = edges[key]!
            guard let a = position[edge.from], let b = position[edge.to] else { continue }
            let x1 = a.x + boxWidth, y1 = a.y + boxHeight(edge.from) / 2, x2 = b.x, y2 = b.y + boxHeight(edge.to) / 2
            let outside = !edge.outside.isEmpty
            let bend = max(abs(x2 - x1) / 2, 40)
            let cssClass = "df-edge" + (outside ? " df-outside" : "") + (edge.encrypted ? "" : " df-clear")
            var tooltip = edge.data.sorted().joined(separator: ", ")
            if !edge.encrypted { tooltip += french ? " — non chiffré" : " — not encrypted" }
            if outside { tooltip += " — " + TransferArea(document).outside(french) + ": " + edge.outside.joined(separator: ", ") }
            svg.raw("<path d=\"M\(SVGWriter.number(x1)),\(SVGWriter.number(y1)) C\(SVGWriter.number(x1 + bend)),\(SVGWriter.number(y1)) \(SVGWriter.number(x2 - bend)),\(SVGWriter.number(y2)) \(SVGWriter.number(x2)),\(SVGWriter.number(y2))\" class=\"\(cssClass)\" marker-end=\"url(#\(outside ? "df-arrow-out" : "df-arrow"))\"><title>\(SVGWriter.escape(tooltip))</title></path>")
        }
        // Boxes and their labels after the paths, so that they are drawn on top of the lines; one
        // flow label per target box, listing what arrives there.
        for id in order {
            let node = nodes[id]!, p = position[id]!, t = text[id]!
            svg.raw("<g class=\"df-node df-\(node.kind)\(node.outsideEEA ? " df-outside" : "")\"><title>\(SVGWriter.escape(node.label + " — " + node.detail))</title>")
            svg.rect(x: p.x, y: p.y, width: boxWidth, height: boxHeight(id), cssClass: "df-box", rx: 6)
            var y = p.y + 18
            svg.textLines(t.label, x: p.x + 8, y: y, lineHeight: labelLine, cssClass: "df-label")
            y += Double(t.label.count) * labelLine + 1
            svg.textLines(t.detail, x: p.x + 8, y: y, lineHeight: detailLine, cssClass: "df-detail")
            y += Double(t.detail.count) * detailLine + 1
            if let flowText = t.flowText {
                svg.textLines(t.flow, x: p.x + 8, y: y, lineHeight: flowLine,
                              cssClass: "df-flow-label" + (t.outsideFlow ? " df-outside-label" : ""), title: flowText)
            }
            svg.raw("</g>")
        }
        let legend = area.canadian
            ? (french ? "Flèche rouge en pointillés : communication hors du Canada (pays, garantie contractuelle)."
                      : "Red dashed arrow: data sent outside Canada (country, contractual safeguard).")
            : (french ? "Flèche rouge en pointillés : transfert hors de l'Espace économique européen (pays, mécanisme du chapitre V)."
                      : "Red dashed arrow: transfer outside the European Economic Area (country, Chapter V mechanism).")
        svg.textNode(legend, x: margin, y: height - 14, cssClass: "df-legend")
        svg.raw("</svg>")
        return svg.text
    }
}
