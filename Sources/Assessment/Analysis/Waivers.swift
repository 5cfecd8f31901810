import DeploymentModel

/// Matches the model's `waivers:` to findings. A waiver names a rule and optionally a subject
/// (`cameras[3]` by position or `cameras[cam-012]` by id; absent → every subject of that
/// rule). In force until the end of its `expires` day (UTC); after that the finding is open
/// again and says so.
enum WaiverMatcher {
    static func state(ruleId: String, subjectPath: String, subjectId: String?, waivers: [Waiver], today: String) -> WaiverState {
        let aliases = aliasPaths(subjectPath, subjectId: subjectId)
        let matching = waivers.filter { waiver in
            waiver.rule == ruleId && (waiver.subject.map { aliases.contains($0) } ?? true)
        }
        // The waiver that lasts longest decides.
        guard let waiver = matching.max(by: { $0.expires < $1.expires }) else { return .none }
        if waiver.expires < today { return .expired(approver: waiver.approver, expired: waiver.expires) }
        return .waived(approver: waiver.approver, expires: waiver.expires, justification: waiver.justification)
    }

    /// `features[2]` with id `face-blur` is also `features[face-blur]`.
    static func aliasPaths(_ path: String, subjectId: String?) -> Set<String> {
        var result: Set<String> = [path]
        if let id = subjectId, let bracket = path.lastIndex(of: "[") {
            result.insert(String(path[..<bracket]) + "[\(id)]")
        }
        return result
    }
}
