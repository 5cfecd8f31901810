import Foundation
import ProcessTestSupport
import Testing

/// End-to-end: the real `silhouette cel eval` binary.
@Suite struct CELCLITests {
    static let binary = ProcessRunner.silhouette.path

    func run(_ args: [String], stdin: String = "") throws -> ProcessRunner.Run {
        try ProcessRunner.run(ProcessRunner.silhouette, args, stdin: Data(stdin.utf8))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func evalPrintsTheValue() throws {
        let r = try run(["cel", "eval", "item.fps * 2 <= 60 && 'x' in item.tags", "--var", #"item={"fps": 25, "tags": ["x"]}"#])
        #expect(r.status == 0)
        #expect(r.stdout == "true\n")
        let j = try run(["cel", "eval", "--json", "[1u, 2.5, b'hi']"])
        #expect(j.stdout == #"{"list":[{"uint":"1"},{"double":2.5},{"bytes":"aGk="}]}"# + "\n")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func errorsExitTwoWithPosition() throws {
        let r = try run(["cel", "eval", "1 +"])
        #expect(r.status == 2)
        #expect(r.stderr == "error: <expression>:1:4: unexpected end of input\n")
        let e = try run(["cel", "eval", "1 / 0"])
        #expect(e.status == 2)
        #expect(e.stderr == "error: evaluation failed: division by zero\n")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func jsonlAnswersEachLine() throws {
        let input = """
        {"id": "a", "expr": "x + 1", "bindings": {"x": {"int": "41"}}}
        not json
        {"expr": "y", "bindings": {}, "container": "com.example"}
        {"expr": "timestamp('2009-02-13T23:31:30Z')", "bindings": {}}

        """
        let r = try run(["cel", "eval", "--jsonl"], stdin: input)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines == [#"{"id":"a","int":"42"}"#, #"{"error":"request is not a JSON object"}"#,
                          #"{"error":"undeclared reference to 'y'"}"#, #"{"timestamp":"2009-02-13T23:31:30Z"}"#])
    }
}
