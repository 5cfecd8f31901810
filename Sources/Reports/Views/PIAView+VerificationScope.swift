import Assessment
import DeploymentModel
import Foundation

extension PIAView {
    // MARK: What the engine verification tested, and what it did not

    /// The scope of the latest verification, from its attestation: the clips (duration, SHA-256
    /// prefix, faces and people per manifest, people confirmed by silhouette), the events and
    /// tracks seen, whether writes were traced, the time limit, the engine identity (declared
    /// digest against the recorded one) and, in plain words, what was not tested. Every phrase
    /// comes from the label tables (`verification_scope.*`). Nil for an attestation that does
    /// not record its scope (made before verification v2).
    static func verificationScope(_ scope: ReportVerification.Scope?, declared engine: Engine?, language lang: Language) -> [String: Any]? {
        guard let scope else { return nil }
        let labels = Labels.table(lang)
        func text(_ key: String, _ values: [String: String] = [:]) -> String { labels.label("verification_scope." + key, values) }
        func seconds(_ value: Double) -> String { text("seconds", ["value": decimal(value, lang)]) }
        func count(_ value: Int?) -> String { value.map { integer($0, lang) } ?? "—" }

        var rows: [[String: String]] = []
        let durations = scope.clips.compactMap(\.seconds)
        rows.append(["item": text("clips"),
                     "value": durations.count == scope.clips.count && !durations.isEmpty
                        ? text("clips_value", ["count": integer(scope.clips.count, lang), "seconds": seconds(durations.reduce(0, +))])
                        : text("clips_value_no_duration", ["count": integer(scope.clips.count, lang)])])
        let reason = text("untraced_" + (scope.untracedBecause ?? "not-started"))
        rows.append(["item": text("writes"), "value": scope.writesTraced ? text("writes_traced") : text("writes_untraced", ["reason": reason])])
        rows.append(["item": text("output"),
                     "value": scope.tracks.map { text("output_value", ["events": integer(scope.events, lang), "tracks": integer($0, lang)]) }
                        ?? text("output_value_no_tracks", ["events": integer(scope.events, lang)])])
        rows.append(["item": text("time_limit"), "value": text(scope.timeLimitHit ? "time_limit_reached" : "time_limit_not_reached")])
        if scope.otherEngineFailures > 0 {
            rows.append(["item": text("failures"), "value": text("failures_value", ["count": integer(scope.otherEngineFailures, lang)])])
        }
        rows.append(["item": text("identity"), "value": identity(scope, declared: engine?.digest, text)])

        let clips = scope.clips.map { clip -> [String: String] in
            ["name": clip.name, "seconds": clip.seconds.map(seconds) ?? "—",
             "sha256": String(clip.sha256.replacingOccurrences(of: "sha256:", with: "").prefix(12)),
             "faces": clip.faces == nil ? text("no_manifest") : count(clip.faces),
             "people": clip.people == nil ? text("no_manifest") : count(clip.people),
             "confirmed": count(clip.confirmed)]
        }

        var notTested: [String] = []
        if !scope.writesTraced { notTested.append(text("not_tested_untraced", ["reason": reason])) }
        if !scope.coverageJudged {
            notTested.append(text("not_tested_no_coverage"))
        } else {
            if scope.clips.compactMap(\.faces).reduce(0, +) == 0 { notTested.append(text("not_tested_no_face")) }
            let unmanifested = scope.clips.filter { $0.faces == nil }.count
            if unmanifested > 0 { notTested.append(text("not_tested_unmanifested", ["count": integer(unmanifested, lang)])) }
        }
        if scope.timeLimitHit { notTested.append(text("not_tested_time_limit")) }
        if scope.otherEngineFailures > 0 { notTested.append(text("not_tested_failures")) }
        if !scope.engineManifestExamined { notTested.append(text("not_tested_engine_manifest")) }
        let skipped = scope.skippedChecks.filter { $0 != "manifest-models" || scope.engineManifestExamined }
        if !skipped.isEmpty {
            notTested.append(text("not_tested_checks", ["checks": skipped.map { text("check." + $0) }.joined(separator: ", ")]))
        }
        return ["rows": rows, "clips": clips, "hasClips": !clips.isEmpty,
                "notTested": (notTested.isEmpty ? [text("not_tested_none")] : notTested).map { ["text": $0] }]
    }

    /// The engine identity: the built-in engine's digest is recorded only; a vendor engine's
    /// recorded digest is compared with the one the model declares.
    private static func identity(_ scope: ReportVerification.Scope, declared: String?, _ text: (String, [String: String]) -> String) -> String {
        guard let recorded = scope.recordedDigest else { return text("identity_unrecorded", [:]) }
        if scope.engineKind == "builtin" { return text("identity_builtin", ["recorded": recorded]) }
        guard let declared else { return text("identity_undeclared", ["recorded": recorded]) }
        return text(declared == recorded ? "identity_match" : "identity_differ", ["declared": declared, "recorded": recorded])
    }

    /// A verification check named from the label tables, capitalised: "Vecteurs de signature par personne".
    static func checkName(_ id: String, _ lang: Language) -> String {
        let text = Labels.table(lang).label("verification_scope.check." + id)
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// 1,204 in English, 1 204 (narrow no-break space) in French.
    static func integer(_ value: Int, _ lang: Language) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += lang == .fr ? "\u{202F}" : "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// One decimal: 6.0 in English, 6,0 in French.
    static func decimal(_ value: Double, _ lang: Language) -> String {
        let text = String(format: "%.1f", value)
        return lang == .fr ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
