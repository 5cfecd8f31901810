import Foundation

/// Runs the converters a sign or notice goes through: `rsvg-convert` (Debian's librsvg2-bin)
/// for SVG → PNG/PDF, WeasyPrint for HTML → PDF. Input goes through a private temporary
/// directory, output is read back as bytes (the caller writes it atomically), and each run has
/// a time limit.
public enum ExternalRenderer {
    public static let timeLimit: TimeInterval = 60

    /// PNG at `dpi` (150 by default: sharp enough to read and to scan the QR code).
    public static func png(svg: String, dpi: Int = 150) throws(SignageError) -> Data {
        try run("rsvg-convert", input: svg, inputName: "sign.svg",
                arguments: { ["--format=png", "--dpi-x=\(dpi)", "--dpi-y=\(dpi)", "--output", $1, $0] }, outputName: "sign.png")
    }

    public static func pdf(svg: String) throws(SignageError) -> Data {
        try run("rsvg-convert", input: svg, inputName: "sign.svg",
                arguments: { ["--format=pdf", "--output", $1, $0] }, outputName: "sign.pdf")
    }

    public static func pdf(html: String) throws(SignageError) -> Data {
        try run("weasyprint", input: html, inputName: "notice.html",
                arguments: { ["--quiet", $0, $1] }, outputName: "notice.pdf")
    }

    static func run(_ tool: String, input: String, inputName: String,
                    arguments: (String, String) -> [String], outputName: String) throws(SignageError) -> Data {
        let fm = FileManager.default
        let directory = fm.temporaryDirectory.appendingPathComponent("silhouette-signage-\(UUID().uuidString)")
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .renderFailed(tool: tool, reason: "cannot create a temporary directory: \(error.localizedDescription)")
        }
        defer { try? fm.removeItem(at: directory) }
        let inputPath = directory.appendingPathComponent(inputName).path
        let outputPath = directory.appendingPathComponent(outputName).path
        guard fm.createFile(atPath: inputPath, contents: Data(input.utf8)) else {
            throw .renderFailed(tool: tool, reason: "cannot write its input")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments(inputPath, outputPath)
        process.currentDirectoryURL = directory
        // stderr to a file, not a pipe: a chatty converter must not block on a full pipe.
        let errorPath = directory.appendingPathComponent("stderr.txt").path
        guard fm.createFile(atPath: errorPath, contents: nil), let errors = FileHandle(forWritingAtPath: errorPath) else {
            throw .renderFailed(tool: tool, reason: "cannot open a file for its messages")
        }
        defer { try? errors.close() }
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw .renderFailed(tool: tool, reason: "cannot start it (\(error.localizedDescription)); hint: run scripts/install-deps")
        }
        let deadline = Date().addingTimeInterval(timeLimit)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw .renderFailed(tool: tool, reason: "no result within \(Int(timeLimit)) s")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let message = String(decoding: (fm.contents(atPath: errorPath) ?? Data()).prefix(400), as: UTF8.self)
        guard process.terminationStatus == 0, let data = fm.contents(atPath: outputPath), !data.isEmpty else {
            let detail = message.split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
            if process.terminationStatus == 127 {
                throw .renderFailed(tool: tool, reason: "not installed; hint: run scripts/install-deps")
            }
            throw .renderFailed(tool: tool, reason: detail)
        }
        return data
    }
}
