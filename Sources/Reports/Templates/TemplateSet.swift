import Assessment
import DeploymentModel
import Foundation
import Mustache

/// Why templates could not be loaded or rendered.
public enum ReportTemplateError: Error, CustomStringConvertible, Sendable {
    case directoryNotFound(searched: [String])
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case syntax(path: String, line: Int, column: Int, reason: String)
    case labels(LabelTableError)

    public var description: String {
        switch self {
        case .directoryNotFound(let searched):
            "report templates not found (looked in \(searched.joined(separator: ", "))); hint: set SILHOUETTE_TEMPLATES_DIR to the templates/ directory of silhouette"
        case .missing(let path):
            "report template \(path) is missing; hint: reinstall silhouette's templates/ directory or point SILHOUETTE_TEMPLATES_DIR at a complete copy"
        case .unreadable(let path, let reason):
            "cannot read report template \(path): \(reason)"
        case .syntax(let path, let line, let column, let reason):
            "\(path):\(line):\(column): Mustache syntax error: \(reason)"
        case .labels(let error):
            error.description
        }
    }
}

/// The Markdown templates of one language (`templates/<lang>/*.md.mustache`) and the stylesheet
/// (`templates/<lang>/report.css`, else `templates/report.css`). Every template must start with
/// `{{% CONTENT_TYPE: MARKDOWN}}` so that `{{value}}` is escaped for Markdown.
public struct TemplateSet: Sendable {
    public let language: Language
    public let directory: String
    public let css: String
    /// The words of `language` (`labels/<lang>.yaml`).
    public let labels: LabelTable
    let library: MustacheLibrary

    /// Finds the templates: `$SILHOUETTE_TEMPLATES_DIR`, else a `templates/` directory beside the
    /// package that holds the running executable (`<bin>/../../../templates` for
    /// `.build/{debug,release}/silhouette`; ancestors are searched so that the resolved
    /// `.build/<triple>/debug` path works too).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ReportTemplateError) -> String {
        switch ProjectDataDirectory.locate("templates", marker: "en", environmentKey: "SILHOUETTE_TEMPLATES_DIR", levels: 5, environment: environment) {
        case .found(let directory): return directory
        case .notFound(let searched): throw .directoryNotFound(searched: searched)
        }
    }

    /// Loads the templates of `language` from `directory` (the `templates/` root).
    public static func load(directory: String, language: Language) throws(ReportTemplateError) -> TemplateSet {
        MarkdownContentType.register()
        let languageDirectory = directory + "/" + language.rawValue
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: languageDirectory)
        } catch {
            throw .missing(path: languageDirectory)
        }
        var library = MustacheLibrary()
        for file in files.sorted() where file.hasSuffix(".md.mustache") {
            let path = languageDirectory + "/" + file
            let text = try read(path)
            do {
                library.register(try MustacheTemplate(string: text), named: String(file.dropLast(".md.mustache".count)))
            } catch let error as MustacheTemplate.ParserError {
                throw .syntax(path: path, line: error.context.lineNumber, column: error.context.columnNumber,
                              reason: String(describing: error.error))
            } catch {
                throw .syntax(path: path, line: 1, column: 1, reason: String(describing: error))
            }
        }
        let localCSS = languageDirectory + "/report.css"
        let css = try read(FileManager.default.fileExists(atPath: localCSS) ? localCSS : directory + "/report.css")
        let labels = try labels(beside: directory, language: language)
        Labels.install(labels, for: language)
        return TemplateSet(language: language, directory: directory, css: css, labels: labels, library: library)
    }

    /// The label table: `$SILHOUETTE_LABELS_DIR`, else `labels/` beside `templates/`, else located
    /// from the executable.
    static func labels(beside directory: String, language: Language) throws(ReportTemplateError) -> LabelTable {
        let sibling = URL(fileURLWithPath: directory).deletingLastPathComponent().appendingPathComponent("labels").path
        let explicit = ProcessInfo.processInfo.environment["SILHOUETTE_LABELS_DIR"] ?? ""
        do {
            if explicit.isEmpty, FileManager.default.fileExists(atPath: sibling + "/en.yaml") {
                return try LabelTable.load(language: language.rawValue, directory: sibling)
            }
            return try LabelTable.load(language: language.rawValue)
        } catch {
            throw .labels(error)
        }
    }

    /// Renders template `name` (file `<name>.md.mustache`) with `view`.
    func render(_ name: String, _ view: [String: Any]) throws(ReportTemplateError) -> String {
        guard let rendered = library.render(view, withTemplate: name) else {
            throw .missing(path: directory + "/" + language.rawValue + "/" + name + ".md.mustache")
        }
        return rendered
    }

    private static func read(_ path: String) throws(ReportTemplateError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            if !FileManager.default.fileExists(atPath: path) { throw .missing(path: path) }
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
    }
}
