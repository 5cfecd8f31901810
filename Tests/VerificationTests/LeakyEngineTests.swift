import Foundation
import Testing
@testable import Verification

/// Every deliberately leaky fixture engine is caught by the right check, with the evidence
/// pointing at the exact line and JSON path (or file and offset).
@Suite("Leaky engines are caught")
struct LeakyEngineTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var engine: String
        /// Exactly the checks that must fail.
        var fails: Set<CheckID>
        /// The check whose first evidence is asserted.
        var check: CheckID
        var location: EvidenceLocation
        var detailPrefix: String
        var testDescription: String { engine }
    }

    static func stdout(line: Int, _ path: String, clip: Int = 1) -> EvidenceLocation {
        EvidenceLocation(source: "stdout", clip: clip, line: line, jsonPath: path)
    }

    static func file(_ path: String, line: Int? = nil, jsonPath: String? = nil, within: String? = nil) -> EvidenceLocation {
        EvidenceLocation(source: "file", line: line, jsonPath: jsonPath, file: path, within: within)
    }

    static let cases: [Case] = [
        Case(engine: "leak-embedding-innocent-key.py", fails: [.contractFields, .embeddingArrays], check: .embeddingArrays,
             location: stdout(line: 11, "$.stats"), detailPrefix: "array of 512 floats, near unit L2 norm"),
        Case(engine: "leak-base64-float32.py", fails: [.contractFields, .encodedBlobs], check: .encodedBlobs,
             location: stdout(line: 6, "$.meta"), detailPrefix: "684-character base64 string decodes to 128 float32 values, L2 norm 1 (unit-normalised"),
        Case(engine: "leak-hex-blob.py", fails: [.contractFields, .encodedBlobs], check: .encodedBlobs,
             location: stdout(line: 6, "$.sig"), detailPrefix: "512-character hex string decodes to 64 float32 values"),
        Case(engine: "leak-data-uri-jpeg.py", fails: [.contractFields, .encodedBlobs], check: .encodedBlobs,
             location: stdout(line: 2, "$.thumb"), detailPrefix: "467-character base64 string decodes to JPEG image (332 bytes, magic FF D8 FF E0)"),
        Case(engine: "leak-float-list-string.py", fails: [.contractFields, .encodedBlobs], check: .encodedBlobs,
             location: stdout(line: 2, "$.notes"), detailPrefix: "1081-character number list string decodes to 128 numbers in a string"),
        Case(engine: "leak-face-crop-cwd.py", fails: [.writtenFiles], check: .writtenFiles,
             location: file("cwd[clip 1]/stats.dat"), detailPrefix: "image-crop test: JPEG image (332 bytes, magic FF D8 FF E0)"),
        Case(engine: "leak-tmpdir-png.py", fails: [.writtenFiles], check: .writtenFiles,
             location: file("$TMPDIR/face_0001.png"), detailPrefix: "image-crop test: PNG image (67 bytes, magic 89 50 4E 47)"),
        Case(engine: "leak-npy.py", fails: [.signatureVectors], check: .signatureVectors,
             location: file("cwd[clip 1]/cache.bin", within: "ndarray[2×128] <f4"), detailPrefix: "signature test: 2 vectors of 128 values, one per row"),
        Case(engine: "leak-raw-float32-file.py", fails: [.embeddingArrays], check: .embeddingArrays,
             location: file("$HOME/.cache/v"), detailPrefix: "raw-float test: 256 float32 values, L2 norm 1.414"),
        Case(engine: "leak-pickle.py", fails: [.embeddingArrays], check: .embeddingArrays,
             location: file("$TMPDIR/state", within: "pickle › list[64]"), detailPrefix: "embedding test: 64 floats, near unit L2 norm"),
        Case(engine: "leak-sqlite-blobs.py", fails: [.sqliteBlobs], check: .sqliteBlobs,
             location: file("$HOME/index.db", within: "people.vec[row 1] BLOB"), detailPrefix: "raw-float test: 128 float32 values, L2 norm 1 (unit-normalised"),
        Case(engine: "leak-json-file.py", fails: [.biometricKeys, .embeddingArrays, .signatureVectors], check: .embeddingArrays,
             location: file("cwd[clip 1]/tracks.json", line: 1, jsonPath: "$.tracks[0].embedding"),
             detailPrefix: "array of 128 floats, near unit L2 norm"),
        Case(engine: "leak-persistent-tracks.py", fails: [.trackLifetime], check: .trackLifetime,
             location: stdout(line: 1, "$.track", clip: 2), detailPrefix: "track id \""),
        Case(engine: "leak-long-track.py", fails: [.trackLifetime], check: .trackLifetime,
             location: stdout(line: 11, "$.track"), detailPrefix: "track \"f00dfeed\" lives 900 s of clip time (t 0 → 900), beyond the 600 s window"),
        Case(engine: "leak-landmarks.py", fails: [.contractFields, .landmarkArrays], check: .landmarkArrays,
             location: stdout(line: 2, "$.pts"), detailPrefix: "5 points of 2 coordinates"),
        Case(engine: "leak-nested-keys.py", fails: [.contractFields, .biometricKeys], check: .biometricKeys,
             location: stdout(line: 2, "$.meta.reIdFeat"), detailPrefix: "key \"reIdFeat\" names biometric data (\"re id\")"),
        Case(engine: "leak-after-1000-lines.py", fails: [.contractFields, .biometricKeys, .embeddingArrays], check: .biometricKeys,
             location: stdout(line: 1001, "$.embedding"), detailPrefix: "key \"embedding\" names biometric data"),
        Case(engine: "leak-face-boxes.sh", fails: [.faceBoxes], check: .faceBoxes,
             location: stdout(line: 2, "$.class"), detailPrefix: "class \"face\": a box labelled as a face"),
        Case(engine: "leak-extra-fields.sh", fails: [.contractFields], check: .contractFields,
             location: stdout(line: 2, "$.gender"), detailPrefix: "field \"gender\" is outside the engine contract"),
    ]

    @Test(arguments: cases)
    func caught(_ leak: Case) async throws {
        let attestation = try await Fixtures.verify(leak.engine)
        #expect(attestation.verdict == .biometricDataFound)
        #expect(attestation.failedChecks == leak.fails)
        let evidence = try #require(attestation.check(leak.check).evidence.first)
        #expect(evidence.location == leak.location)
        #expect(evidence.detail.hasPrefix(leak.detailPrefix), "\(evidence.detail)")
    }

    @Test func persistentTracksNameTheSharedIDs() async throws {
        let attestation = try await Fixtures.verify("leak-persistent-tracks.py", clips: 3)
        let evidence = attestation.check(.trackLifetime).evidence
        // Clip 2 shares with clip 1; clip 3 with clips 1 and 2.
        #expect(evidence.map(\.location.clip) == [2, 3, 3])
        #expect(evidence.allSatisfy { $0.detail.contains("and 4 more also appeared in clip") && $0.detail.contains("5 shared ids") })
    }

    @Test func leakAfterThousandCleanLinesIsFoundOnLine1001Only() async throws {
        let attestation = try await Fixtures.verify("leak-after-1000-lines.py", clips: 1)
        #expect(attestation.check(.embeddingArrays).evidence.map(\.location) == [Self.stdout(line: 1001, "$.embedding")])
        #expect(attestation.audit.stdoutLines == 1010)
    }

    @Test func manifestDeclaringFaceRecognitionFails() async throws {
        let attestation = try await Fixtures.verify("clean-bash.sh", clips: 1, manifest: "face-recognition.yaml")
        #expect(attestation.failedChecks == [.manifestModels])
        let evidence = try #require(attestation.check(.manifestModels).evidence.first)
        #expect(evidence.location.line == 8)
        #expect(evidence.location.jsonPath == "models[1].task")
        #expect(evidence.detail == "model \"arcface-r100\" declares task \"face-recognition\" (column 11)")
    }

    /// A JPEG written beside the clip: a sandbox violation whose content (a crop) is also
    /// biometric data, so the verdict is the stronger one.
    @Test func writeOutsideTheSandboxIsTraced() async throws {
        let attestation = try await Fixtures.verify("escape-write.py", clips: 1)
        #expect(attestation.failedChecks == [.sandboxEscape, .writtenFiles])
        #expect(attestation.verdict == .biometricDataFound)
        #expect(attestation.writesTraced)
        let evidence = try #require(attestation.check(.sandboxEscape).evidence.first)
        #expect(evidence.location.source == "trace")
        #expect(evidence.location.file?.hasSuffix(".jpg") == true)
        #expect(evidence.detail.contains("by openat for writing, outside its sandbox; content: jpeg, 332 bytes (at the end), 1 biometric finding"), "\(evidence.detail)")
        let crop = try #require(attestation.check(.writtenFiles).evidence.first)
        #expect(crop.location.source == "trace" && crop.detail.hasPrefix("image-crop test: JPEG image"))
    }

    @Test func writeBesideTheClipIsFoundInTheEndStateWithoutTracing() async throws {
        let attestation = try await Fixtures.verify("escape-write.py", clips: 1, traceWrites: false)
        #expect(!attestation.writesTraced)
        #expect(attestation.failedChecks == [.sandboxEscape, .writtenFiles])
        let evidence = try #require(attestation.check(.sandboxEscape).evidence.first)
        #expect(evidence.location.source == "end state")
        #expect(evidence.location.file?.hasSuffix(".jpg") == true)
        #expect(evidence.detail.contains("was modified during the run (found beside the clips or the engine's files), outside its sandbox; content: jpeg, 332 bytes (on disk), 1 biometric finding"), "\(evidence.detail)")
        #expect(attestation.fileAuditScope.hasPrefix("only the end state (writes not traced: --no-trace was given)"))
        #expect(attestation.notTested.first?.hasPrefix("Writes were not traced (--no-trace was given): only the end state was audited") == true)
    }
}
