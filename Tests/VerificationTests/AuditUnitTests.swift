import Foundation
import Testing
@testable import Verification

@Suite("Audit building blocks")
struct AuditUnitTests {
    // MARK: JSON

    @Test func scannerKeepsOrderDuplicatesAndNumberKinds() throws {
        let value = try JSONScanner.parse(#"{"b": 1, "a": [2.5, -3e2, "x\u00e9\n"], "b": null, "t": true}"#)
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a", "b", "t"])
        #expect(members[0].value == .number(1, isInteger: true))
        #expect(members[1].value == .array([.number(2.5, isInteger: false), .number(-300, isInteger: false), .string("xé\n")]))
    }

    @Test func scannerReportsTheColumn() {
        #expect(throws: JSONSyntaxError(column: 9, message: "expected ',' or '}'")) { try JSONScanner.parse(#"{"t": 1 "x": 2}"#) }
        #expect(throws: JSONSyntaxError(column: 1, message: "unexpected character 'h'")) { try JSONScanner.parse("hello") }
    }

    @Test func scannerRejectsHostileNesting() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: JSONSyntaxError.self) { try JSONScanner.parse(deep) }
    }

    // MARK: Lines

    @Test func linesSpanChunksAndOversizedLinesAreCut() {
        var splitter = LineSplitter(maxLineBytes: 10)
        var seen: [String] = []
        let handle: (Int, LineSplitter.Line) -> Void = { number, line in
            switch line {
            case .complete(let bytes): seen.append("\(number):" + String(decoding: bytes, as: UTF8.self))
            case .oversized(let count): seen.append("\(number):oversized \(count)")
            }
        }
        for chunk in ["ab", "c\nde", "f\n0123456789", "ABCDEF\nlast"] {
            Array(chunk.utf8).withUnsafeBytes { splitter.feed($0, handle) }
        }
        splitter.finish(handle)
        #expect(seen == ["1:abc", "2:def", "3:oversized 16", "4:last"])
    }

    // MARK: Keys

    @Test(arguments: [("faceVec", "face"), ("FACE_ID", "face"), ("re_id", "re id"), ("embedding", "embed"),
                      ("featureVector", "feature vector"), ("landmarks68", "landmark"), ("descriptorBytes", "descriptor"),
                      ("faceembedding", "face")])
    func biometricKeysMatch(_ key: String, _ word: String) {
        #expect(BiometricVocabulary.match(key) == word)
    }

    @Test(arguments: ["surface", "interface", "t", "bbox", "track", "direction", "count", "zone", "camera", "purpose", "reindex"])
    func innocentKeysDoNotMatch(_ key: String) {
        #expect(BiometricVocabulary.match(key) == nil)
    }

    // MARK: Blobs

    @Test func shortHexIdsAndHashesAreNotBlobs() {
        #expect(BlobDecoder.inspect(String(repeating: "ab", count: 32)) == nil)          // 64 hex chars: a SHA-256
        #expect(BlobDecoder.inspect("a91f") == nil)
        #expect(BlobDecoder.inspect(String(repeating: "wordsonly", count: 20)) == nil)   // letters only: not base64
    }

    @Test func randomBytesAreOpaqueNotFloats() {
        var bytes = [UInt8](repeating: 0, count: 512)
        var state: UInt64 = 0x9E3779B97F4A7C15
        for i in bytes.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes[i] = UInt8(truncatingIfNeeded: state >> 56)
        }
        #expect(BinaryClassifier.classify(bytes) == nil)
        let hex = bytes.map { String($0, radix: 16).leftPadded(2) }.joined()
        #expect(BlobDecoder.inspect(hex)?.classification.kind == .opaque)
    }

    @Test func zeroPaddingIsNotAFloatArray() {
        #expect(BinaryClassifier.floatArrayDescription([UInt8](repeating: 0, count: 1024)) == nil)
    }

    // MARK: Arrays

    @Test func pixelCoordinatesAndCountsAreNotEmbeddings() {
        var audit = ValueAudit()
        let integers = JSONValue.array((0..<128).map { .number(Double($0), isInteger: true) })
        let coordinates = JSONValue.array((0..<128).map { .number(Double($0) * 7.5 + 100.25, isInteger: false) })
        audit.audit(.object([("a", integers), ("b", coordinates)]), at: EvidenceLocation(source: "stdout"))
        #expect(audit.book.count(.embeddingArrays) == 0)
    }

    @Test func polygonsOfFourPointsAreNotLandmarks() {
        var audit = ValueAudit()
        let square = JSONValue.array([[0, 0], [1, 0], [1, 1], [0, 1]].map { .array($0.map { .number(Double($0), isInteger: true) }) })
        audit.audit(.object([("zone", square)]), at: EvidenceLocation(source: "stdout"))
        #expect(audit.book.count(.landmarkArrays) == 0)
    }

    // MARK: Tracks

    @Test func countersRestartingPerClipAreNotPersistentIdentity() {
        var tracks = TrackAudit(window: 600)
        var book = EvidenceBook()
        for clip in 1...3 {
            tracks.startClip(clip)
            for id in 1...20 {
                tracks.observe(event: .object([("t", .number(Double(id), isInteger: true)), ("track", .number(Double(id), isInteger: true))]), line: id)
            }
            tracks.finishClip(into: &book)
        }
        #expect(book.count(.trackLifetime) == 0)
    }

    @Test func chanceCollisionOfShortRandomIdsIsTolerated() {
        // One shared 4-hex id among 60 × 60 is expected 5% of the time: not evidence.
        let expected = 60.0 * 60.0 / 65536.0
        #expect(TrackAudit.poissonTail(atLeast: 1, mean: expected) > TrackAudit.chanceThreshold)
        #expect(TrackAudit.poissonTail(atLeast: 4, mean: expected) < TrackAudit.chanceThreshold)
    }

    // MARK: Trace

    @Test func straceLinesGiveTheWrittenPath() {
        let open = WriteTrace.parseWrite(#"openat(AT_FDCWD</work>, "x.jpg", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 3</tmp/x.jpg>"#, pid: "42")
        #expect(open == WriteTrace.Write(path: "/tmp/x.jpg", pid: "42", call: "openat for writing"))
        #expect(WriteTrace.parseWrite(#"openat(AT_FDCWD</work>, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3</etc/ld.so.cache>"#, pid: "1") == nil)
        #expect(WriteTrace.parseWrite(#"openat(AT_FDCWD</work>, "/nope", O_WRONLY|O_CREAT, 0666) = -1 EACCES (Permission denied)"#, pid: "1") == nil)
        let rename = WriteTrace.parseWrite(#"renameat2(AT_FDCWD</s/clip-1>, "a.tmp", AT_FDCWD</var/tmp>, "b.jpg", 0) = 0"#, pid: "7")
        #expect(rename?.path == "/var/tmp/b.jpg")
    }

    @Test func sandboxPathsAreShownAsTheEngineSawThem() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(sandbox.display(sandbox.home + "/.cache/v") == "$HOME/.cache/v")
        #expect(sandbox.display(sandbox.tmp + "/x") == "$TMPDIR/x")
        #expect(sandbox.display(sandbox.root + "/clip-12/crop.jpg") == "cwd[clip 12]/crop.jpg")
        #expect(sandbox.display("/etc/passwd") == "/etc/passwd")
    }

    @Test func relativeEnginePathsAreResolvedFromTheInvokingDirectory() {
        #expect(EngineRunner.absolutized("bin/engine --json {clip}", currentDirectory: "/work/x") == "'/work/x/bin/engine' --json {clip}")
        #expect(EngineRunner.absolutized("./e {clip}", currentDirectory: "/w") == "'/w/e' {clip}")
        #expect(EngineRunner.absolutized("python3 e.py {clip}", currentDirectory: "/w") == "python3 e.py {clip}")
        #expect(EngineRunner.absolutized("/opt/e {clip}", currentDirectory: "/w") == "/opt/e {clip}")
    }

    @Test func clipPathIsQuotedForTheShell() {
        #expect(EngineRunner.commandLine("engine --in {clip} --json", clip: "/a b/it's.mp4") == #"engine --in '/a b/it'\''s.mp4' --json"#)
        #expect(EngineRunner.commandLine("engine", clip: "/c.mp4") == "engine '/c.mp4'")
    }
}

@Suite("Engine contract table")
struct EngineContractTests {
    @Test func fastLookupAgreesWithTheDocumentedFields() {
        #expect(EngineContract.fields.allSatisfy { EngineContract.fieldType($0.name) == $0.type })
        #expect(EngineContract.fieldType("embedding") == nil)
    }

    @Test func violationsNameTheFieldAndTheType() throws {
        let event = try JSONScanner.parse(#"{"t": "soon", "type": "count", "count": -1, "type": "x", "bbox": [1, 2, 3]}"#)
        let found = EngineContract.violations(of: event).map { "\($0.path) \($0.detail)" }
        #expect(found == [
            "$.t \"t\" must be number, got string",
            "$.count \"count\" must be a non-negative number, got number",
            "$.type key \"type\" repeated in one event",
            "$.bbox \"bbox\" must be [x, y, w, h] numbers, got array of 3",
        ])
        #expect(EngineContract.violations(of: try JSONScanner.parse(#"{"zone": "a"}"#)).map(\.detail)
                == ["required field \"t\" is missing", "required field \"type\" is missing"])
    }
}
