extension RedactionMethodNote {
    static let staticWarning = "static people cannot be excluded: without an empty-scene reference frame (--background-frame), a person who does not move during the whole clip looks like background and may be left visible; review the output (--review-sheet)"

    static func describe(scene: SceneBackground, keepOnly: Bool, reference: String? = nil) -> RedactionMethodNote {
        let pixels = Double(scene.width * scene.height)
        var warnings: [String] = []
        if !scene.fromReference && !keepOnly { warnings.append(staticWarning) }
        if scene.segments < 2 {
            warnings.append("the clip is too short to compare its parts (\(scene.samples) frames sampled): a person who stands for most of it may be taken for background")
        } else if scene.samples < 8 {
            warnings.append("only \(scene.samples) frames to build the background from: people present in most of them may be taken for background")
        }
        return RedactionMethodNote(background: scene.fromReference ? "reference-frame" : "clip-median", reference: reference, samples: scene.samples,
                                   analysisWidth: scene.width, analysisHeight: scene.height,
                                   contestedShare: pixels > 0 ? Double(scene.contestedPixels) / pixels : 0,
                                   keepOnly: keepOnly,
                                   // --keep-only redacts the background too: a static person is hidden either way.
                                   staticPeopleExcluded: scene.fromReference || keepOnly, warnings: warnings)
    }
}

extension ExposureEstimate {
    init(records: [FrameRedactor.Record], analysisPixels: Int, gains: [Double], note: RedactionMethodNote, requesterHiddenFrom: Int?) {
        let usual = gains.sorted().dropFirst(gains.count / 2).first ?? 1
        let shares = records.map { Double($0.uncoveredForeground) / Double(max(1, analysisPixels)) }
        let worst = shares.indices.max { shares[$0] < shares[$1] }
        self.init(framesWithUncoveredForeground: records.filter { $0.uncoveredForeground > 0 }.count,
                  worstUncoveredShare: worst.map { shares[$0] } ?? 0,
                  worstFrame: worst.flatMap { shares[$0] > 0 ? records[$0].frame : nil },
                  meanUncoveredShare: shares.isEmpty ? 0 : shares.reduce(0, +) / Double(shares.count),
                  framesWithHeldTracks: records.filter { !$0.held.isEmpty }.count,
                  framesWithOverlaps: records.filter { !$0.overlaps.isEmpty }.count,
                  requesterHiddenFrom: requesterHiddenFrom,
                  framesWithLightingChange: gains.filter { abs($0 / usual - 1) > 0.1 }.count,
                  staticPeople: note.keepOnly ? "hidden: --keep-only redacts everything but the requester"
                      : note.staticPeopleExcluded ? "excluded: background from the empty-scene reference frame"
                      : "cannot be excluded: no empty-scene reference frame (--background-frame)")
    }
}

extension FrameRedactor.Record {
    /// Residual risk used to order the review sheet: uncovered foreground first, then held
    /// tracks and overlaps (each a place where the detection was not sure).
    var risk: Double { Double(uncoveredForeground) + (held.isEmpty ? 0 : 0.5) + (overlaps.isEmpty ? 0 : 0.25) }
}
