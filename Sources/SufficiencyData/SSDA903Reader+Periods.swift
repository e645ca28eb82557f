import SufficiencyModel

extension SSDA903Reader {
    /// Periods of care and their placements from one child's cleaned, sorted episodes.
    ///
    /// A period starts with the child's first episode, after an episode whose REC is not X1, after a gap (an episode
    /// ending with X1 and the next starting later), and at an RNE S; the last two are counted as splits. Within a
    /// period, an RNE L, T or U episode continues the current placement; anything else is a move.
    ///
    /// Episodes under a short-break legal status (LS V3 or V4, an agreed series of short-term placements) are left
    /// out, as the DfE leaves such children out of its figures: a period in progress ends where one begins (without
    /// a reason, so not as an exit), and the next episode that is not a short break starts a period whose start is
    /// seen, since that is when the child began to be looked after as the DfE counts it.
    static func buildPeriods(_ episodes: [Episode], counts: inout Cleaner.Counts) -> [PeriodOfCare] {
        var periods: [PeriodOfCare] = []
        var period: PeriodOfCare?
        var placement: Placement?
        func close(_ last: Episode) {
            guard var p = period, let current = placement else { return }
            period = nil  // so that `p` holds the only reference to its placements and appends in place
            p.placements.append(current)
            p.end = last.end
            p.exitReason = last.reasonEnded
            periods.append(p)
            placement = nil
        }
        // Episodes are read in place (`episodes[k]`), not copied, as this runs for every child. `previous` is the
        // last episode kept (not a short break) since the last short break.
        var previous: Int?, afterShortBreak = false
        for k in episodes.indices {
            if episodes[k].isShortBreak {
                counts.shortBreaks += 1
                if let previous { close(episodes[previous]) }
                previous = nil
                afterShortBreak = true
                continue
            }
            defer { previous = k }
            if let previous {
                var ends = episodes[previous].reasonEnded != nil
                if !ends && (episodes[k].rne == "S" || episodes[previous].end.map { $0 < episodes[k].start } ?? false) {
                    ends = true
                    counts.splits += 1
                }
                if ends {
                    close(episodes[previous])
                } else if episodes[k].continuesPlacement {
                    placement!.end = episodes[k].end
                    counts.merged += 1
                    continue
                } else {
                    var moved = placement!
                    placement = nil
                    moved.reasonChange = episodes[previous].reasonPlaceChange
                    period!.placements.append(moved)
                }
            }
            let episode = episodes[k]
            if period == nil {
                period = PeriodOfCare(start: episode.start, end: nil, exitReason: nil, placements: [],
                                      startObserved: episode.rne == "S" || !periods.isEmpty || afterShortBreak)
            }
            placement = Placement(start: episode.start, end: episode.end, type: episode.placementType,
                                  place: episode.place, provider: episode.provider)
        }
        if let previous { close(episodes[previous]) }
        return periods
    }
}
