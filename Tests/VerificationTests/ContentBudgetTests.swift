import Foundation
import ProcessTestSupport
import Testing
@testable import Verification

/// Hostile files: decompression bombs, deep nesting, truncated and corrupt streams, random
/// bytes. Each is reported (opaque or over budget) in bounded time and memory, never skipped.
@Suite("Content audit budgets and bombs")
struct ContentBudgetTests {
    /// Bytes made by Python's standard library (zlib, gzip, zipfile), so the containers are real.
    static func python(_ script: String) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("silhouette-bomb-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let wrapped = "import sys\nclass _Out:\n    buffer = open(sys.argv[1], 'wb')\n    def flush(self): pass\nsys.stdout = _Out()\n" + script + "\n_Out.buffer.close()\n"
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-B", "-c", wrapped, path])
        #expect(result.status == 0, "\(result.stderr)")
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func audit(_ bytes: [UInt8], budget: ContentBudget) -> ContentAuditor.Report {
        var auditor = ContentAuditor(budget: budget)
        return auditor.audit(bytes, name: "bomb")
    }

    @Test func gzipBombIsStoppedByTheByteBudget() throws {
        let bomb = try Self.python("import gzip; sys.stdout.buffer.write(gzip.compress(bytes(64 << 20), 9))")
        var budget = ContentBudget()
        budget.maxExpandedBytes = 8 << 20
        let started = ContinuousClock.now
        let report = Self.audit(bomb, budget: budget)
        #expect(ContinuousClock.now - started < .seconds(5))
        let finding = try #require(report.findings.first { $0.kind == .budget })
        #expect(finding.path.description == "bomb › gzip")
        #expect(finding.detail.contains("expands beyond 8388608 bytes (a decompression bomb"), "\(finding.detail)")
    }

    @Test func lz4BombIsStoppedAndCorruptFrameIsOpaque() throws {
        let bomb = try Self.python("import lz4.frame; sys.stdout.buffer.write(lz4.frame.compress(bytes(64 << 20)))")
        var budget = ContentBudget()
        budget.maxExpandedBytes = 8 << 20
        let started = ContinuousClock.now
        let report = Self.audit(bomb, budget: budget)
        #expect(ContinuousClock.now - started < .seconds(5))
        let finding = try #require(report.findings.first { $0.kind == .budget }, "\(report.findings.map(\.detail))")
        #expect(finding.path.description == "bomb › lz4")
        #expect(finding.detail.contains("expands beyond 8388608 bytes (a decompression bomb"), "\(finding.detail)")
        // The frame magic, then a header whose checksum is wrong: opaque with its size, never silent.
        let corrupt: [UInt8] = [0x04, 0x22, 0x4D, 0x18, 0x64, 0x40, 0x00] + [UInt8](repeating: 0xAB, count: 300)
        let second = Self.audit(corrupt, budget: ContentBudget())
        let opaque = try #require(second.findings.first { $0.kind == .opaque }, "\(second.findings.map(\.detail))")
        #expect(opaque.detail.contains("lz4 stream (307 bytes) that cannot be opened"), "\(opaque.detail)")
    }

    @Test func zipBombIsStoppedByTheExpansionRatio() throws {
        let bomb = try Self.python("""
            import io, zipfile
            b = io.BytesIO()
            with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("zeros.bin", bytes(256 << 20))
            sys.stdout.buffer.write(b.getvalue())
            """)
        var budget = ContentBudget()
        budget.maxExpansionRatio = 100
        let report = Self.audit(bomb, budget: budget)
        let finding = try #require(report.findings.first { $0.kind == .budget })
        #expect(finding.path.description == "bomb › zeros.bin")
        #expect(finding.detail.hasPrefix("deflate stream of"), "\(finding.detail)")
    }

    @Test func deepNestingStopsAtTheDepthBudget() throws {
        let nested = try Self.python("""
            import gzip
            data = b"[1, 2, 3]"
            for _ in range(12):
                data = gzip.compress(data)
            sys.stdout.buffer.write(data)
            """)
        let report = Self.audit(nested, budget: ContentBudget())
        let finding = try #require(report.findings.first { $0.kind == .budget })
        #expect(finding.detail.hasPrefix("nested deeper than 8 containers"), "\(finding.detail)")
        #expect(finding.path.steps.count == 10)
    }

    @Test func truncatedAndCorruptStreamsAreOpaqueNotSilent() throws {
        let truncated = try Self.python("import gzip, os; sys.stdout.buffer.write(gzip.compress(os.urandom(4096))[:40])")
        let report = Self.audit(truncated, budget: ContentBudget())
        #expect(report.findings.contains { $0.kind == .opaque || $0.kind == .note || $0.kind == .budget }, "\(report.findings.map(\.detail))")
        var corrupt: [UInt8] = [0x1F, 0x8B, 0x08, 0x00] + [UInt8](repeating: 0xAB, count: 600)
        corrupt[10] = 0xFF
        let second = Self.audit(corrupt, budget: ContentBudget())
        let finding = try #require(second.findings.first { $0.kind == .opaque })
        #expect(finding.detail.contains("gzip stream (604 bytes) that cannot be opened"), "\(finding.detail)")
    }

    @Test func randomBytesAreOpaqueAndStructuredBinaryIsANote() {
        var random = SystemRandomNumberGenerator()
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }
        let report = Self.audit(noise, budget: ContentBudget())
        #expect(report.findings.map(\.kind) == [.opaque])
        #expect(report.findings.first?.detail.hasPrefix("opaque test: 4096 bytes of unrecognised binary data") == true)
        // A registry-like file: a header, zero padding and names (GStreamer's cache looks so).
        let structured = [0xC0, 0xDE, 0xF0, 0x0D] + [UInt8](repeating: 0, count: 600) + Array(String(repeating: "libgstcoreelements.so ", count: 40).utf8)
        let second = Self.audit(structured, budget: ContentBudget())
        #expect(second.findings.map(\.kind) == [.note])
    }

    @Test func hostilePickleNeverCrashesAndIsBounded() {
        // A MARK flood, an underflow, an opcode out of range and a huge declared length.
        let samples: [[UInt8]] = [
            [0x80, 0x04] + [UInt8](repeating: 0x28, count: 100_000) + [0x2E],
            [0x80, 0x02, 0x52, 0x2E],
            [0x80, 0x05, 0xFF],
            [0x80, 0x04, 0x8E] + [UInt8](repeating: 0xFF, count: 8),
        ]
        for sample in samples {
            let report = Self.audit(sample, budget: ContentBudget())
            #expect(report.arrays.isEmpty)
        }
    }

    @Test func semaphoreAndBytecodeAreRecognisedByContent() {
        var semaphore = [UInt8](repeating: 0, count: 32)
        semaphore[0] = 1
        #expect(HarmlessWrites.note(for: semaphore, path: "/dev/shm/sem.mp-x1") != nil)
        // The same bytes under another name, or a larger file in /dev/shm, are not a semaphore.
        #expect(HarmlessWrites.note(for: semaphore, path: "/tmp/sem.mp-x1") == nil)
        #expect(HarmlessWrites.note(for: [UInt8](repeating: 7, count: 4096), path: "/dev/shm/sem.mp-x1") == nil)
        let bytecode: [UInt8] = [0xA7, 0x0D, 0x0D, 0x0A] + [UInt8](repeating: 0, count: 12) + [0xE3] + [UInt8](repeating: 0, count: 40)
        #expect(HarmlessWrites.note(for: bytecode, path: "/srv/__pycache__/x.pyc")?.hasPrefix("Python bytecode (magic 3495") == true)
    }
}
