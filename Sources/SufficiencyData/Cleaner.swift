import SufficiencyModel

/// A child within the data: CHILD, and the council when files have an LA column (identifiers are the council's own,
/// so the same CHILD in two councils is two children).
struct ChildKey: Hashable {
    var la: String
    var child: String
}

/// The rows of one load and the cleaning applied to them. Work is linear in the rows apart from sorting each child's
/// own episodes.
struct Cleaner {
    struct Counts {
        var rowsRead = 0
        var exactDuplicates = 0
        var repeats = 0
        var overlaps = 0
        var merged = 0
        var withoutHeader = 0
        var splits = 0
        var birthConflicts = 0
    }

    struct HeaderEntry {
        var la: String?
        var birth: CivilDate?
        var sex: String?
    }

    /// A valid episode row and where it stands among the reports (return YEAR, then reading order).
    struct Candidate {
        var episode: Episode
        var startDay: Int
        var endDay: Int?
        var year: Int
        var sequence: Int
        var zeroLength: Bool { endDay == startDay }
        func reportedBefore(_ other: Candidate) -> Bool {
            year != other.year ? year < other.year : sequence < other.sequence
        }
    }

    /// Columns that make up an episode's identity in the exact-duplicate test (besides any other column but YEAR).
    static let keyColumns: Set<String> = [
        "CHILD", "DECOM", "RNE", "LS", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "LA", "YEAR",
    ]

    /// The selected council, lower-cased; nil when every row is used.
    let selected: String?
    var counts = Counts()
    /// (file index, row, reason), sorted at the end.
    var rejections: [(Int, Int, String)] = []
    var headers: [String: [HeaderEntry]] = [:]
    var uasc: [String: [String?]] = [:]
    var byChild: [ChildKey: [Candidate]] = [:]
    var exactKeys = Set<String>()
    var sequence = 0

    init(selected: String?) { self.selected = selected }

    typealias Table = SSDA903Reader.Table

    private func value(_ fields: [String], _ index: Int?) -> String {
        guard let index else { return "" }
        return SSDA903Reader.trimmed(fields[index])
    }

    /// False for rows of other councils, which are neither read nor rejected: the analyst asked about one council.
    private func inSelection(_ fields: [String], _ table: Table) -> Bool {
        guard let selected, let column = table.column["LA"] else { return true }
        return value(fields, column).lowercased() == selected
    }

    /// Checks the field count (a malformed row is reported whatever its council, since its LA cannot be trusted) and
    /// the council; counts the row as read when it is to be used or rejected.
    private mutating func admit(_ row: SSDA903Reader.Row, _ table: Table) -> Bool {
        if row.fields.count != table.width {
            counts.rowsRead += 1
            reject(table, row, "wrong number of fields: expected \(table.width), found \(row.fields.count)")
            return false
        }
        guard inSelection(row.fields, table) else { return false }
        counts.rowsRead += 1
        return true
    }

    private mutating func reject(_ table: Table, _ row: SSDA903Reader.Row, _ reason: String) {
        rejections.append((table.index, row.number, reason))
    }

    private func laValue(_ fields: [String], _ table: Table) -> String? {
        guard let column = table.column["LA"] else { return nil }
        let v = value(fields, column)
        return v.isEmpty ? nil : v
    }

    /// Header rows: a row with an unreadable DOB is rejected, but still shows that the child has a header, so the
    /// child's episodes are kept (with the DOB from another row, or none).
    mutating func readHeader(_ table: Table) {
        let child = table.column["CHILD"], dob = table.column["DOB"], sex = table.column["SEX"]
        for row in table.rows {
            guard admit(row, table) else { continue }
            let id = value(row.fields, child)
            if id.isEmpty {
                reject(table, row, "missing CHILD")
                continue
            }
            let text = value(row.fields, dob)
            let birth = SSDA903Reader.parseDate(text)
            if birth == nil { reject(table, row, "unparseable DOB \"\(text)\"") }
            let s = value(row.fields, sex)
            headers[id, default: []].append(HeaderEntry(la: laValue(row.fields, table)?.lowercased(), birth: birth,
                                                        sex: s.isEmpty ? nil : s))
        }
    }

    mutating func readUASC(_ table: Table) {
        let child = table.column["CHILD"]
        for row in table.rows {
            guard admit(row, table) else { continue }
            let id = value(row.fields, child)
            if id.isEmpty {
                reject(table, row, "missing CHILD")
                continue
            }
            uasc[id, default: []].append(laValue(row.fields, table)?.lowercased())
        }
    }

    /// Whether an entry recorded under council `entryLA` applies to an episode of council `la` (files without an LA
    /// column apply to every council).
    private static func applies(_ entryLA: String?, to la: String?) -> Bool {
        entryLA == nil || la == nil || entryLA == la
    }

    mutating func readEpisodes(_ table: Table, extraColumns: [String]) {
        exactKeys.reserveCapacity(exactKeys.count + table.rows.count)
        let c = table.column
        let child = c["CHILD"], decom = c["DECOM"], dec = c["DEC"], rneColumn = c["RNE"], ls = c["LS"]
        let placeColumn = c["PLACE"], providerColumn = c["PLACE_PROVIDER"], recColumn = c["REC"]
        let rpcColumn = c["REASON_PLACE_CHANGE"], yearColumn = c["YEAR"]
        let extras = extraColumns.map { c[$0] }
        let source = table.path
        for row in table.rows {
            guard admit(row, table) else { continue }
            let f = row.fields
            var reasons: [String] = []
            let id = value(f, child)
            if id.isEmpty { reasons.append("missing CHILD") }
            let startText = value(f, decom)
            let start = SSDA903Reader.parseDate(startText)
            if start == nil { reasons.append("unparseable DECOM \"\(startText)\"") }
            let endText = value(f, dec)
            var end: CivilDate?
            if !endText.isEmpty {
                end = SSDA903Reader.parseDate(endText)
                if end == nil { reasons.append("unparseable DEC \"\(endText)\"") }
            }
            if let start, let end, end < start { reasons.append("DEC \(end) before DECOM \(start)") }
            let rne = value(f, rneColumn).uppercased()
            if !SSDA903Codes.rne.contains(rne) { reasons.append("unknown RNE code \"\(rne)\"") }
            let place = value(f, placeColumn).uppercased()
            if !SSDA903Codes.place.contains(place) { reasons.append("unknown PLACE code \"\(place)\"") }
            let rec = value(f, recColumn).uppercased()
            if !rec.isEmpty && !SSDA903Codes.rec.contains(rec) { reasons.append("unknown REC code \"\(rec)\"") }
            let la = laValue(f, table)
            let laKey = la?.lowercased()
            if !id.isEmpty && !(headers[id]?.contains { Self.applies($0.la, to: laKey) } ?? false) {
                reasons.append("episode without a header row (CHILD \(id) is in no header file)")
                counts.withoutHeader += 1
            }
            guard reasons.isEmpty, let start else {
                reject(table, row, reasons.joined(separator: "; "))
                continue
            }
            let provider = value(f, providerColumn).uppercased()
            let legal = value(f, ls).uppercased()
            let rpc = value(f, rpcColumn).uppercased()
            // Exact duplicates: every column but YEAR (the same row in two returns is one row), dates compared as
            // dates so the two layouts agree.
            var key = [laKey ?? "", id, String(start.dayNumber), end.map { String($0.dayNumber) } ?? "", rne, legal,
                       place, provider, rec, rpc]
            for e in extras { key.append(value(f, e)) }
            guard exactKeys.insert(key.joined(separator: "\u{1F}")).inserted else {
                counts.exactDuplicates += 1
                continue
            }
            let episode = Episode(child: id, start: start, end: end, rne: rne, legalStatus: legal, place: place,
                                  provider: provider,
                                  reasonEnded: end == nil || rec.isEmpty || rec == "X1" ? nil : rec,
                                  reasonPlaceChange: rpc.isEmpty ? nil : rpc, la: la,
                                  source: SourceRow(file: source, row: row.number))
            sequence += 1
            let candidate = Candidate(episode: episode, startDay: start.dayNumber, endDay: end?.dayNumber,
                                      year: Int(value(f, yearColumn)) ?? 0, sequence: sequence)
            byChild[ChildKey(la: laKey ?? "", child: id), default: []].append(candidate)
        }
    }

    /// One report per episode: rows sharing CHILD and DECOM are one episode reported in several returns (the
    /// return's key for an episode), except same-day episodes (DEC = DECOM), which really precede the next one.
    mutating func collapseRepeats(_ sorted: [Candidate]) -> [Candidate] {
        var kept: [Candidate] = []
        kept.reserveCapacity(sorted.count)
        var i = 0
        while i < sorted.count {
            var j = i + 1
            while j < sorted.count && sorted[j].startDay == sorted[i].startDay { j += 1 }
            if j == i + 1 {
                kept.append(sorted[i])
            } else {
                // Same-day episodes, one per placement identity, the latest report of each.
                var sameDay: [Candidate] = []
                var longer: Candidate?
                for k in i..<j {
                    let c = sorted[k]
                    if c.zeroLength {
                        if let n = sameDay.firstIndex(where: { $0.episode.rne == c.episode.rne
                            && $0.episode.place == c.episode.place && $0.episode.provider == c.episode.provider }) {
                            counts.repeats += 1
                            if sameDay[n].reportedBefore(c) { sameDay[n] = c }
                        } else {
                            sameDay.append(c)
                        }
                    } else if let current = longer {
                        counts.repeats += 1
                        // A closed report beats an open one; otherwise the latest report wins.
                        let better = (current.endDay == nil) != (c.endDay == nil)
                            ? c.endDay != nil : current.reportedBefore(c)
                        if better { longer = c }
                    } else {
                        longer = c
                    }
                }
                kept.append(contentsOf: sameDay)
                if let longer { kept.append(longer) }
            }
            i = j
        }
        return kept
    }

    mutating func finish(files: [String]) -> SSDA903Data {
        var children: [ChildRecord] = []
        children.reserveCapacity(byChild.count)
        var first: Int?, last: Int?
        // Numeric ids in numeric order, then other ids in text order, then council: deterministic whatever the files.
        let order = byChild.keys.map { (number: Int($0.child), key: $0) }.sorted { a, b in
            switch (a.number, b.number) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.key.child != b.key.child ? a.key.child < b.key.child : a.key.la < b.key.la
            }
        }
        for (_, key) in order {
            let list = byChild[key]!
            let sorted = list.sorted { a, b in
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
            let laKey: String? = key.la.isEmpty ? nil : key.la
            let entries = (headers[key.child] ?? []).filter { Self.applies($0.la, to: laKey) }
            let birth = Self.mostFrequent(entries.compactMap(\.birth))
            if let birth { counts.birthConflicts += entries.filter { $0.birth != nil && $0.birth != birth }.count }
            let sex = Self.mostFrequent(entries.compactMap(\.sex))
            let isUASC = uasc[key.child]?.contains { Self.applies($0, to: laKey) } ?? false
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
            repeatedReportsMerged: counts.repeats, periodsSplit: counts.splits,
            conflictingBirthDates: counts.birthConflicts)
        return SSDA903Data(children: children, quality: quality, files: files,
                           firstDate: first.map(CivilDate.init(dayNumber:)),
                           lastDate: last.map(CivilDate.init(dayNumber:)), councils: [])
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
            p.placements.append(current)
            p.end = last.end
            p.exitReason = last.reasonEnded
            periods.append(p)
            period = nil
            placement = nil
        }
        for (k, episode) in episodes.enumerated() {
            if k > 0 {
                let previous = episodes[k - 1]
                var ends = previous.reasonEnded != nil
                if !ends && (episode.rne == "S" || previous.end.map { $0 < episode.start } ?? false) {
                    ends = true
                    counts.splits += 1
                }
                if ends {
                    close(previous)
                } else if episode.continuesPlacement {
                    placement!.end = episode.end
                    counts.merged += 1
                    continue
                } else {
                    var moved = placement!
                    moved.reasonChange = previous.reasonPlaceChange
                    period!.placements.append(moved)
                    placement = nil
                }
            }
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
