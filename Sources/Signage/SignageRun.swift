import DeploymentModel
import Foundation
import Reports
import Rules

/// Output format of the signs (the notice is always Markdown and HTML, plus PDF with `pdf`).
public enum SignFormat: String, Sendable, CaseIterable {
    case svg, pdf, png
}

/// One `silhouette signage` run: every file it writes, produced in memory first so that an
/// error anywhere leaves nothing written.
public struct SignageRun: Sendable {
    public struct OutputFile: Sendable {
        public var name: String
        public var data: Data
    }

    public var signs: [FirstLayerSign]
    public var files: [OutputFile]

    public static func generate(tables: SignageTables, loaded: LoadedDeployment, selection: CameraSelection,
                                language: Language, size: SignSize, format: SignFormat, date: Date,
                                regimesByPurpose: [String: [String]] = [:]) throws(SignageError) -> SignageRun {
        // Free text given per language: the sign's language; a text the model lacks in it is
        // marked untranslated (and, on a sign, refused by the language guard like any foreign text).
        var loaded = loaded
        let untranslated = tables.labels(language).text("notice.untranslated")
        loaded.document = loaded.document.localised(to: language.rawValue, untranslated: { "\($0) \(untranslated)" })
        let composer = SignComposer(tables: tables, loaded: loaded, date: date, regimesByPurpose: regimesByPurpose)
        let signs = try composer.signs(selection, language: language)
        let layout = SignLayout(size: size)
        var files: [OutputFile] = []
        for sign in signs {
            var qr: QRCode?
            if let url = sign.secondLayerURL {
                guard let code = QRCode(encoding: url) else {
                    throw .renderFailed(tool: "libqrencode", reason: "cannot encode '\(url)' (at most \(QRCode.maximumLength) bytes)")
                }
                qr = code
            }
            let svg: String
            do { svg = try layout.svg(sign, qr: qr) } catch {
                guard case .overflow(_, _, let needed) = error else { throw .renderFailed(tool: "layout", reason: "\(error)") }
                throw .renderFailed(tool: "layout", reason: "sign \(sign.name) needs \(needed) mm of height, more than \(size.rawValue) has, without text under 3 mm; hint: use a larger --size")
            }
            switch format {
            case .svg: files.append(OutputFile(name: sign.name + ".svg", data: Data(svg.utf8)))
            case .png: files.append(OutputFile(name: sign.name + ".png", data: try ExternalRenderer.png(svg: svg)))
            case .pdf: files.append(OutputFile(name: sign.name + ".pdf", data: try ExternalRenderer.pdf(svg: svg)))
            }
        }
        let css = (try? String(contentsOfFile: tablesDirectoryCSS(tables), encoding: .utf8)) ?? ""
        var documents = [SecondLayerNotice(composer: composer, language: language).render()]
        let staff = StaffDocuments(composer: composer, language: language)
        if staff.applies {
            documents.append(try staff.letter())
            documents.append(try staff.staffCouncilSummary())
        }
        for document in documents {
            files.append(OutputFile(name: document.name + ".md", data: Data(document.markdown.utf8)))
            let html = HTMLPage(title: document.title, runningHeader: document.title, language: language, css: css)
                .render(fragment: MarkdownRenderer.html(document.markdown))
            files.append(OutputFile(name: document.name + ".html", data: Data(html.utf8)))
            if format == .pdf { files.append(OutputFile(name: document.name + ".pdf", data: try ExternalRenderer.pdf(html: html))) }
        }
        return SignageRun(signs: signs, files: files)
    }

    static func tablesDirectoryCSS(_ tables: SignageTables) -> String { tables.directory + "/notice.css" }
}
