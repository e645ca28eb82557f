import SufficiencyModel

extension SSDA903Reader {
    /// Periods of care and their placements from one child's cleaned, sorted episodes.
    ///
    /// A period starts with the child's first episode, after an episode whose REC is not X1, after a gap (an episode
    /// ending with X1 and the next starting later), and at an RNE S; the last two are counted as splits. Within a
    /// period, an RNE L, T or U episode continues the current placement; anything else is a move.
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
        // Episodes are read in place (`episodes[k]`), not copied, as this runs for every child.
        for k in episodes.indices {
            if k > 0 {
                var ends = episodes[k - 1].reasonEnded != nil
                if !ends && (episodes[k].rne == "S" || episodes[k - 1].end.map { $0 < episodes[k].start } ?? false) {
                    ends = true
                    counts.splits += 1
                }
                if ends {
                    close(episodes[k - 1])
                } else if episodes[k].continuesPlacement {
                    placement!.end = episodes[k].end
                    counts.merged += 1
                    continue
                } else {
                    var moved = placement!
                    placement = nil
                    moved.reasonChange = episodes[k - 1].reasonPlaceChange
                    period!.placements.append(moved)
                }
            }
            let episode = episodes[k]
            if period == nil {
                period = PeriodOfCare(start: episode.start, end: nil, exitReason: nil, placements: [],
                                      startObserved: episode.rne == "S" || !periods.isEmpty)
            }
            placement = Placement(start: episode.start, end: episode.end, type: episode.placementType,
                                  place: episode.place, provider: episode.provider)
        }
        if let last = episodes.last { close(last) }
        return periods
    }
}
