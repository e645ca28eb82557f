import SufficiencyModel

extension Cleaner {
    /// The collection year's end: as given, else inferred from the DECOM and DEC of every row read so far.
    func collectionEnd() -> CollectionEnd? {
        if let given = options.collectionEnd { return CollectionEnd(date: given, inferred: false) }
        var counts: [Int: Int] = [:]
        for rows in byChild {
            for c in rows {
                counts[CivilDate(dayNumber: c.startDay).financialYear.startYear, default: 0] += 1
                if let e = c.endDay { counts[CivilDate(dayNumber: e).financialYear.startYear, default: 0] += 1 }
            }
        }
        return SSDA903Reader.inferCollectionEnd(datesByFinancialYear: counts).map { CollectionEnd(date: $0, inferred: true) }
    }

    /// Where the return begins to record entries and exits, inferred from the DEC of every row that ends a period
    /// of care (REC other than X1) as read, before overlaps are cleaned (`SSDA903Reader.inferRecordsFrom`).
    func recordsFrom() -> CivilDate? {
        var counts: [Int: Int] = [:]
        for rows in byChild {
            for c in rows where c.episode.reasonEnded != nil {
                if let e = c.endDay { counts[CivilDate(dayNumber: e).financialYear.startYear, default: 0] += 1 }
            }
        }
        return SSDA903Reader.inferRecordsFrom(exitsByFinancialYear: counts)
    }

    /// The day a child born on `birth` turns 18: the same day 18 years on, and 1 March for a 29 February birthday in a
    /// common year (as English law counts it).
    static func eighteenthBirthday(_ birth: CivilDate) -> CivilDate {
        let year = birth.year + 18
        if birth.month == 2 && birth.day == 29 && !CivilDate.isLeap(year) { return CivilDate(year: year, month: 3, day: 1) }
        return CivilDate(year: year, month: birth.month, day: birth.day)
    }

    /// Age in whole years on `day`.
    static func age(on day: CivilDate, birth: CivilDate) -> Int {
        let before = (day.month, day.day) < (birth.month, birth.day)
        return day.year - birth.year - (before ? 1 : 0)
    }

    /// Why an episode row cannot be used once the collection year's end and the child's DOB are known: a DECOM or
    /// DEC after the end, a DECOM before the DOB (the child would enter care before being born, and be counted in
    /// the under-1s), or a DECOM on or after the 18th birthday (care ends at 18; the estimates would invent an exit
    /// at 18 for a child who was never looked after as a child). `dob` names the header row the DOB came from.
    static func lateReasons(_ c: Candidate, end: CivilDate?, birth: CivilDate?, dob: () -> String) -> [String] {
        var reasons: [String] = []
        let start = c.episode.start
        if let end {
            if start > end { reasons.append("DECOM \(start) is after the collection year's end \(end)") }
            if let e = c.episode.end, e > end { reasons.append("DEC \(e) is after the collection year's end \(end)") }
        }
        if let birth {
            if start < birth {
                reasons.append("DECOM \(start) is before the child's DOB \(birth) (\(dob()))")
            } else {
                let eighteen = eighteenthBirthday(birth)
                if start >= eighteen {
                    reasons.append("DECOM \(start) is at age \(age(on: start, birth: birth)), on or after the child's 18th "
                        + "birthday \(eighteen) (DOB \(birth), \(dob()))")
                }
            }
        }
        return reasons
    }

    mutating func finish(files: [String]) -> SSDA903Data {
        var children: [ChildRecord] = []
        children.reserveCapacity(byChild.count)
        var first: Int?, last: Int?
        // Dates after the collection year's end: the end first (from every row read), then header rows whose DOB
        // is after it (rejected, the child still has a header), then each child's episode rows below.
        let end = collectionEnd()
        let recordedFrom = recordsFrom()
        if let endDate = end?.date {
            for i in identifiers.indices {
                for h in identifiers[i].headers.indices {
                    guard let b = identifiers[i].headers[h].birth, b > endDate else { continue }
                    rejections.append((identifiers[i].headers[h].file, identifiers[i].headers[h].row,
                                       "DOB \(b) is after the collection year's end \(endDate)"))
                    identifiers[i].headers[h].birth = nil
                }
            }
        }
        // Numeric ids in numeric order, then other ids in text order, then council: deterministic whatever the files.
        let numbered = childrenRead.enumerated().map { (number: Int($1.key.child), key: $1.key, index: $0) }
        let order = numbered.sorted { a, b in
            switch (a.number, b.number) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.key.child != b.key.child ? a.key.child < b.key.child : a.key.la < b.key.la
            }
        }
        for (_, key, index) in order {
            let laKey: String? = key.la.isEmpty ? nil : key.la
            let identifier = identifiers[childrenRead[index].identifier]
            let all = identifier.headers, applies = { (entry: HeaderEntry) in Self.applies(entry.la, to: laKey) }
            let entries = all.allSatisfy(applies) ? all : all.filter(applies)  // no copy in the usual case
            let birth = Self.mostFrequent(entries) { $0.birth }
            var sorted = byChild[index]
            byChild[index] = []  // each child's rows are let go as its record is made
            // Where the DOB came from, made only for a rejection.
            let dob = { () -> String in
                guard let from = entries.first(where: { $0.birth == birth }) else { return "" }
                return "\(files[from.file]) row \(from.row)"
            }
            sorted.removeAll { c in
                let reasons = Self.lateReasons(c, end: end?.date, birth: birth, dob: dob)
                if reasons.isEmpty { return false }
                rejections.append((c.file, c.episode.source.row, reasons.joined(separator: "; ")))
                return true
            }
            if sorted.isEmpty { continue }  // every row of the child rejected
            sorted.sort { a, b in
                if a.startDay != b.startDay { return a.startDay < b.startDay }
                if a.zeroLength != b.zeroLength { return a.zeroLength }
                return a.reportedBefore(b)
            }
            var episodes = collapseRepeats(sorted).map(\.episode)
            if episodes.count > 1 {
                for k in 0..<(episodes.count - 1) {
                    let next = episodes[k + 1].start
                    if episodes[k].end.map({ $0 > next }) ?? true {
                        episodes[k].end = next
                        counts.overlaps += 1
                    }
                }
            }
            for e in episodes {
                let s = e.start.dayNumber, d = (e.end ?? e.start).dayNumber
                first = min(first ?? s, s)
                last = max(last ?? d, d)
            }
            if let birth { counts.birthConflicts += entries.lazy.filter { $0.birth != nil && $0.birth != birth }.count }
            let sex = Self.mostFrequent(entries) { $0.sex }
            let isUASC = identifier.uasc.contains { Self.applies($0, to: laKey) }
            let periods = SSDA903Reader.buildPeriods(episodes, counts: &counts)
            children.append(ChildRecord(id: key.child, sex: sex, birth: birth, uasc: isUASC, episodes: episodes,
                                        periods: periods))
        }
        rejections.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        let quality = DataQuality(
            rowsRead: counts.rowsRead, exactDuplicatesDropped: counts.exactDuplicates,
            overlapsResolved: counts.overlaps, episodesMergedLTU: counts.merged,
            episodesWithoutHeader: counts.withoutHeader,
            rejected: rejections.map { Rejection(source: SourceRow(file: files[$0.0], row: $0.1), reason: $0.2) },
            repeatedReportsMerged: counts.repeats, periodsSplit: counts.splits, shortBreakEpisodes: counts.shortBreaks,
            conflictingBirthDates: counts.birthConflicts, episodeRowsRead: counts.episodeRowsRead, collectionEnd: end)
        return SSDA903Data(children: children, quality: quality, files: files,
                           firstDate: first.map(CivilDate.init(dayNumber:)),
                           lastDate: last.map(CivilDate.init(dayNumber:)), councils: [], recordsFrom: recordedFrom)
    }

    /// The most frequent value of a header field among `entries` (nil values left out), the first seen on a tie;
    /// a child's single header row is answered without building the list.
    static func mostFrequent<T: Hashable>(_ entries: [HeaderEntry], _ field: (HeaderEntry) -> T?) -> T? {
        if entries.count <= 1 { return entries.first.flatMap(field) }
        return mostFrequent(entries.compactMap(field))
    }

    /// The most frequent value, the first seen on a tie (header rows repeat per year and may disagree).
    static func mostFrequent<T: Hashable>(_ values: [T]) -> T? {
        guard values.count > 1 else { return values.first }
        var tally: [T: Int] = [:]
        for v in values { tally[v, default: 0] += 1 }
        var best: T?, bestCount = 0
        for v in values where tally[v]! > bestCount {
            best = v
            bestCount = tally[v]!
        }
        return best
    }
}
