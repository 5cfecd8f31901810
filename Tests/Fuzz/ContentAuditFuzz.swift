// libFuzzer harness for the verification content audit (identify → unpack → parse →
// detect): every input must come back with a report, within the budget, without a crash.
// Built by scripts/fuzz-content with the Verification sources that do not need GRDB.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContentAudit(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var budget = ContentBudget()
    budget.maxExpandedBytes = 16 << 20
    budget.seconds = 5
    var auditor = ContentAuditor(budget: budget)
    let report = auditor.audit(bytes, name: "input")
    // Touch every finding so the whole report is built.
    var total = 0
    for finding in report.findings { total &+= finding.detail.utf8.count &+ finding.path.steps.count }
    return total == Int.min ? 1 : 0
}
