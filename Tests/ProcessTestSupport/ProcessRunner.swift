import Foundation

/// Runs a program to completion for an end-to-end test: the `silhouette` binary, or a tool
/// the test checks against (ffprobe, a validator). One implementation for every test target,
/// so that none reads its pipes one after the other: standard error is drained while standard
/// output is read, and a program that writes a lot to both cannot stall on a full pipe.
public enum ProcessRunner {
    /// What the run printed and how it ended.
    public struct Run: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The package root (where `.build/` and `examples/` are).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The debug `silhouette` binary that `make test` builds.
    public static let silhouette = packageRoot.appendingPathComponent(".build/debug/silhouette")

    /// Runs `executable` with `arguments`. Standard input is `stdin` (or empty), never the test
    /// runner's. `environment` replaces the inherited environment when given; `directory` is
    /// the working directory when given.
    public static func run(_ executable: URL, _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil,
                           environment: [String: String]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let errors = DrainedPipe(err)
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = errors.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                   stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Runs a program found on PATH (through `/usr/bin/env`).
    public static func run(tool: String, _ arguments: [String], stdin: Data? = nil) throws -> Run {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [tool] + arguments, stdin: stdin)
    }
}

/// Reads a pipe to its end on a background queue.
private final class DrainedPipe: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchGroup()

    init(_ pipe: Pipe) {
        done.enter()
        DispatchQueue.global().async { [self] in
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            done.leave()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
