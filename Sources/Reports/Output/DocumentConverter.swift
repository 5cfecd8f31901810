import Foundation

/// Makes the paged and editable formats with external programs: PDF from the HTML page with
/// WeasyPrint (CSS Paged Media: cover, running headers, contents with page numbers, landscape
/// annexes), DOCX and ODT from the Markdown with pandoc and the reference document kept in
/// `templates/` (`reference.docx`, `reference.odt`), so the editable file has the house styles.
/// Each run works in a private temporary directory, is killed after `timeout` seconds, and a
/// missing program is one clear error before anything is written.
public struct DocumentConverter: Sendable {
    /// The `templates/` directory holding the reference documents.
    public var templatesDirectory: String?
    public var timeout: TimeInterval
    /// Where programs are looked up (default: `$PATH`).
    public var searchPath: [String]

    public init(templatesDirectory: String? = nil, timeout: TimeInterval = 300,
                searchPath: [String] = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)) {
        self.templatesDirectory = templatesDirectory
        self.timeout = timeout
        self.searchPath = searchPath
    }

    /// The program a format needs: `weasyprint` or `pandoc` (nil for the text formats).
    public static func tool(for format: ReportFormat) -> String? {
        switch format {
        case .pdf: "weasyprint"
        case .docx, .odt: "pandoc"
        case .md, .html, .json: nil
        }
    }

    /// The full path of `tool` on the search path, or nil.
    public func locate(_ tool: String) -> String? {
        for directory in searchPath where !directory.isEmpty {
            let candidate = directory + "/" + tool
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public func convert(_ report: RenderedReport, to format: ReportFormat) throws(ReportOutputError) -> Data {
        guard let tool = Self.tool(for: format) else { return report.content(format) ?? Data() }
        guard let executable = locate(tool) else { throw .toolMissing(tool: tool, format: format.rawValue) }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("silhouette-convert-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        } catch {
            throw .conversionFailed(tool: tool, format: format.rawValue, reason: error.localizedDescription)
        }
        let output = work.appendingPathComponent("out." + format.fileExtension).path
        var arguments: [String]
        let input: String
        switch format {
        case .pdf:
            input = work.appendingPathComponent("in.html").path
            arguments = ["--quiet", "--encoding", "utf-8", "--media-type", "print", input, output]
        default:
            input = work.appendingPathComponent("in.md").path
            arguments = ["--from", "gfm", "--to", format.rawValue, "--metadata", "title=" + report.title,
                         "--metadata", "lang=" + report.language, "--output", output]
            if let directory = templatesDirectory {
                let reference = directory + "/reference." + format.fileExtension
                guard FileManager.default.fileExists(atPath: reference) else {
                    throw .conversionFailed(tool: tool, format: format.rawValue,
                                            reason: "reference document \(reference) is missing; hint: reinstall silhouette's templates/ directory")
                }
                arguments += ["--reference-doc", reference]
            }
            arguments.append(input)
        }
        do {
            try Data((format == .pdf ? report.html : report.pandocMarkdown).utf8).write(to: URL(fileURLWithPath: input))
        } catch {
            throw .conversionFailed(tool: tool, format: format.rawValue, reason: error.localizedDescription)
        }
        let (status, stderr) = run(executable, arguments, in: work)
        guard status == 0, let data = FileManager.default.contents(atPath: output), !data.isEmpty else {
            let reason = stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(status)"
            throw .conversionFailed(tool: tool, format: format.rawValue, reason: status == -9 ? "no result after \(Int(timeout)) s" : reason)
        }
        return data
    }

    /// Runs `executable` with a time limit; returns its exit status (-9 when killed) and stderr.
    private func run(_ executable: String, _ arguments: [String], in directory: URL) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errorFile = directory.appendingPathComponent("stderr.txt")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil),
              let errorHandle = try? FileHandle(forWritingTo: errorFile) else { return (-1, "cannot create a temporary file") }
        process.standardError = errorHandle
        do {
            try process.run()
        } catch {
            return (-1, error.localizedDescription)
        }
        let deadline = Date().addingTimeInterval(timeout)
        var killed = false
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                killed = true
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        try? errorHandle.close()
        let stderr = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return (killed ? -9 : process.terminationStatus, stderr)
    }
}
