import Foundation

/// JUnit XML for CI dashboards: one test suite per pack, one test case per rule of the pack
/// that produced a finding or ran clean. A rule with open findings fails (one `<failure>`
/// listing every subject); a rule whose findings are all waived is skipped.
struct JUnitFormatter {
    let language: Language

    func render(_ result: AssessmentResult) -> String {
        let byRule = Dictionary(grouping: result.findings, by: \.ruleId)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let openCount = result.findings.filter(\.isOpen).map(\.ruleId)
        out += "<testsuites name=\"silhouette assess \(xml(result.deploymentId))\" tests=\"\(byRule.count)\" failures=\"\(Set(openCount).count)\">\n"
        for pack in result.packs {
            let rules = byRule.keys.filter { id in byRule[id]!.first!.pack == pack }.sorted()
            let failures = rules.filter { byRule[$0]!.contains(where: \.isOpen) }.count
            let skipped = rules.count - failures
            out += "  <testsuite name=\"\(xml(pack))\" tests=\"\(rules.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\" errors=\"0\">\n"
            for id in rules {
                let findings = byRule[id]!
                let first = findings[0]
                out += "    <testcase classname=\"\(xml(pack))\" name=\"\(xml(id)): \(xml(first.title.text(language)))\">\n"
                let open = findings.filter(\.isOpen)
                if open.isEmpty {
                    out += "      <skipped message=\"waived\"/>\n"
                } else {
                    let body = open.map { f in
                        "\(f.subjectPath)\(f.position.map { " (\($0))" } ?? ""): \(f.message.text(language))"
                    }.joined(separator: "\n") + "\n" + first.refs.map(\.citation).joined(separator: "; ")
                    out += "      <failure type=\"\(first.severity.rawValue)\" message=\"\(xml(open[0].message.text(language)))\">\(xml(body))</failure>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    private func xml(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            default:
                // Control characters are not allowed in XML 1.0.
                if scalar.value >= 0x20 { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
