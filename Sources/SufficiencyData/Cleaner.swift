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
        var episodeRowsRead = 0
    }

    struct HeaderEntry {
        var la: String?
        var birth: CivilDate?
        var sex: String?
        /// Where the row is (file index and row), so that a rejection for the date of birth can point at it.
        var file: Int
        var row: Int
    }

    /// A valid episode row and where it stands among the reports (return YEAR, then reading order).
    struct Candidate {
        var episode: Episode
        /// The index of the row's file, for a rejection made once every row has been read.
        var file: Int
        var startDay: Int
        var endDay: Int?
        var year: Int
        var sequence: Int
        /// REC as written (upper-cased), and the columns outside `keyColumns` joined by U+001F: with the episode's
        /// fields, what decides whether two rows of the same child are exact duplicates.
        var rec: String
        var extras: String
        var zeroLength: Bool { endDay == startDay }
        func reportedBefore(_ other: Candidate) -> Bool {
            year != other.year ? year < other.year : sequence < other.sequence
        }

        /// Every column but YEAR, CHILD, LA and DECOM (which are the same within one child and start day).
        struct Identity: Hashable {
            var endDay: Int?
            var rne, legalStatus, place, provider, rec, reasonPlaceChange, extras: String
        }

        var identity: Identity {
            Identity(endDay: endDay, rne: episode.rne, legalStatus: episode.legalStatus, place: episode.place,
                     provider: episode.provider, rec: rec, reasonPlaceChange: episode.reasonPlaceChange ?? "",
                     extras: extras)
        }
    }

    /// Columns that make up an episode's identity in the exact-duplicate test (besides any other column but YEAR).
    static let keyColumns: Set<String> = [
        "CHILD", "DECOM", "RNE", "LS", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "LA", "YEAR",
    ]

    /// The selected council, lower-cased; nil when every row is used.
    let selected: String?
    /// The collection year's end, if given, and the day of the run.
    let options: SSDA903Reader.Options
    var counts = Counts()
    /// (file index, row, reason), sorted at the end.
    var rejections: [(Int, Int, String)] = []
    /// What the files say about one CHILD identifier: its header and UASC rows (with their LA, lower-cased), and
    /// the children with episodes under it, one per council (`ChildKey`), by index in `childrenRead`.
    struct Identifier {
        var headers: [HeaderEntry] = []
        var uasc: [String?] = []
        var children: [Int] = []
    }

    /// Each identifier's index in `identifiers`, so that an episode row needs one look-up for its header and child.
    var identifierIndex: [String: Int] = [:]
    var identifiers: [Identifier] = []
    /// The children with valid episodes, in the order first read, with their identifier; `byChild` holds their rows.
    var childrenRead: [(key: ChildKey, identifier: Int)] = []
    var byChild: [[Candidate]] = []
    /// Exact-duplicate keys of the rows that hold U+001F, the key's separator, in a field (see `readEpisodes`).
    var separatorKeys = Set<String>()
    var sequence = 0

    init(selected: String?, options: SSDA903Reader.Options = .init()) {
        self.selected = selected
        self.options = options
    }

    typealias Table = SSDA903Reader.Table

    /// False for rows of other councils, which are neither read nor rejected: the analyst asked about one council.
    private func inSelection(_ fields: CSVRecord, _ table: Table) -> Bool {
        guard let selected, let column = table.laColumn else { return true }
        return fields.value(column).lowercased() == selected
    }

    /// Checks the field count (a malformed row is reported whatever its council, since its LA cannot be trusted) and
    /// the council; counts the row as read when it is to be used or rejected.
    private mutating func admit(_ row: SSDA903Reader.Row, _ table: Table) -> Bool {
        if row.fields.count != table.width {
            counts.rowsRead += 1
            var reason = "wrong number of fields: expected \(table.width), found \(row.fields.count)"
            // An unclosed quote reads every later line into one field: say so, as those rows are not reported.
            if row.fields.contains(0x0A) || row.fields.contains(0x0D) {
                reason += " (a quoted field runs across lines: a quote left open takes in the rows after it)"
            }
            reject(table, row, reason)
            return false
        }
        guard inSelection(row.fields, table) else { return false }
        counts.rowsRead += 1
        return true
    }

    private mutating func reject(_ table: Table, _ row: SSDA903Reader.Row, _ reason: String) {
        rejections.append((table.index, row.number, reason))
    }

    /// The index of identifier `id`, added when new.
    private mutating func identifier(_ id: String) -> Int {
        if let index = identifierIndex[id] { return index }
        identifierIndex[id] = identifiers.count
        identifiers.append(Identifier())
        return identifiers.count - 1
    }

    /// Header rows: a row with an unreadable DOB, or one after the day of the run, is rejected, but still shows that
    /// the child has a header, so the child's episodes are kept (with the DOB from another row, or none).
    mutating func readHeader(_ table: Table) {
        let child = table.column["CHILD"], dob = table.column["DOB"], sex = table.column["SEX"]
        identifierIndex.reserveCapacity(identifierIndex.count + table.records.count)
        table.forEachRow { row in
            guard admit(row, table) else { return }
            let id = row.fields.value(child)
            if id.isEmpty {
                reject(table, row, "missing CHILD")
                return
            }
            var birth = row.fields.date(dob)
            if let b = birth, b > options.today {
                reject(table, row, "DOB \(b) is after today (\(options.today))")
                birth = nil
            } else if birth == nil {
                reject(table, row, "unparseable DOB \"\(row.fields.value(dob))\"")
            }
            let s = row.fields.value(sex)
            let entry = HeaderEntry(la: row.fields.la(table)?.lowercased(), birth: birth, sex: s.isEmpty ? nil : s,
                                    file: table.index, row: row.number)
            identifiers[identifier(id)].headers.append(entry)
        }
    }

    mutating func readUASC(_ table: Table) {
        let child = table.column["CHILD"]
        table.forEachRow { row in
            guard admit(row, table) else { return }
            let id = row.fields.value(child)
            if id.isEmpty {
                reject(table, row, "missing CHILD")
                return
            }
            let la = row.fields.la(table)?.lowercased()
            identifiers[identifier(id)].uasc.append(la)
        }
    }

    /// Whether an entry recorded under council `entryLA` applies to an episode of council `la` (files without an LA
    /// column apply to every council).
    private static func applies(_ entryLA: String?, to la: String?) -> Bool {
        entryLA == nil || la == nil || entryLA == la
    }

    mutating func readEpisodes(_ table: Table, extraColumns: [String]) {
        let c = table.column
        let child = c["CHILD"], decom = c["DECOM"], dec = c["DEC"], rneColumn = c["RNE"], ls = c["LS"]
        let placeColumn = c["PLACE"], providerColumn = c["PLACE_PROVIDER"], recColumn = c["REC"]
        let rpcColumn = c["REASON_PLACE_CHANGE"], yearColumn = c["YEAR"]
        let extras = extraColumns.map { c[$0] }
        let source = table.path
        let today = options.today
        let rowsBefore = counts.rowsRead
        defer { counts.episodeRowsRead += counts.rowsRead - rowsBefore }
        table.forEachRow { row in
            guard admit(row, table) else { return }
            let f = row.fields
            var reasons: [String] = []
            let id = f.value(child)
            if id.isEmpty { reasons.append("missing CHILD") }
            let start = f.date(decom)
            if start == nil { reasons.append("unparseable DECOM \"\(f.value(decom))\"") }
            var end: CivilDate?
            if let dec, !f.trimmedField(dec).isEmpty {
                end = f.date(dec)
                if end == nil { reasons.append("unparseable DEC \"\(f.value(dec))\"") }
            }
            if let start, let end, end < start { reasons.append("DEC \(end) before DECOM \(start)") }
            // No return records the future; dates after the collection year's end are checked in `finish`, once
            // every row has been read to infer it.
            if let start, start > today { reasons.append("DECOM \(start) is after today (\(today))") }
            if let end, end > today { reasons.append("DEC \(end) is after today (\(today))") }
            let rne = f.code(rneColumn)
            if !SSDA903Codes.rne.contains(rne) { reasons.append("unknown RNE code \"\(rne)\"") }
            let place = f.code(placeColumn)
            if !SSDA903Codes.place.contains(place) { reasons.append("unknown PLACE code \"\(place)\"") }
            let rec = f.code(recColumn)
            if !rec.isEmpty && !SSDA903Codes.rec.contains(rec) { reasons.append("unknown REC code \"\(rec)\"") }
            let la = f.la(table)
            let laKey = la?.lowercased()
            let known = id.isEmpty ? nil : identifierIndex[id]
            let hasHeader = known.map { identifiers[$0].headers.contains { Self.applies($0.la, to: laKey) } } ?? false
            if !id.isEmpty && !hasHeader {
                reasons.append("episode without a header row (CHILD \(id) is in no header file)")
                counts.withoutHeader += 1
            }
            guard reasons.isEmpty, let start, let known else {
                reject(table, row, reasons.joined(separator: "; "))
                return
            }
            let provider = f.code(providerColumn)
            let legal = f.code(ls)
            let rpc = f.code(rpcColumn)
            // Exact duplicates: equal in every column but YEAR (the same row in two returns is one row), dates
            // compared as dates so the two layouts agree; the first row read is kept. Such rows have the same child
            // and start day, so `collapseRepeats` finds them among the child's rows with the same DECOM rather than
            // keeping a set of every row's key. The key is defined as the fields joined by U+001F; only a row with
            // that character in it could have a key equal to that of other fields, and only to another such row, so
            // those rows are also tested here by their joined keys.
            var extrasText = ""
            for (n, e) in extras.enumerated() {
                if n > 0 { extrasText += "\u{1F}" }
                extrasText += f.value(e)
            }
            if f.contains(0x1F) {
                let key = [laKey ?? "", id, String(start.dayNumber), end.map { String($0.dayNumber) } ?? "", rne,
                           legal, place, provider, rec, rpc] + extras.map { f.value($0) }
                guard separatorKeys.insert(key.joined(separator: "\u{1F}")).inserted else {
                    counts.exactDuplicates += 1
                    return
                }
            }
            let episode = Episode(child: id, start: start, end: end, rne: rne, legalStatus: legal, place: place,
                                  provider: provider,
                                  reasonEnded: end == nil || rec.isEmpty || rec == "X1" ? nil : rec,
                                  reasonPlaceChange: rpc.isEmpty ? nil : rpc, la: la,
                                  source: SourceRow(file: source, row: row.number))
            sequence += 1
            let candidate = Candidate(episode: episode, file: table.index, startDay: start.dayNumber, endDay: end?.dayNumber,
                                      year: yearColumn.map { Int(f.value($0)) ?? 0 } ?? 0, sequence: sequence,
                                      rec: rec, extras: extrasText)
            let council = laKey ?? ""
            if let k = identifiers[known].children.first(where: { childrenRead[$0].key.la == council }) {
                byChild[k].append(candidate)
            } else {
                identifiers[known].children.append(childrenRead.count)
                childrenRead.append((ChildKey(la: council, child: id), known))
                byChild.append([candidate])
            }
        }
    }

    /// One report per episode: exact duplicates dropped, then rows sharing CHILD and DECOM are one episode reported in
    /// several returns (the return's key for an episode), except same-day episodes (DEC = DECOM), which really precede
    /// the next one.
    mutating func collapseRepeats(_ sorted: [Candidate]) -> [Candidate] {
        guard sorted.indices.dropFirst().contains(where: { sorted[$0].startDay == sorted[$0 - 1].startDay }) else {
            return sorted  // no two reports start on the same day: nothing to collapse
        }
        var kept: [Candidate] = []
        kept.reserveCapacity(sorted.count)
        var i = 0
        while i < sorted.count {
            var j = i + 1
            while j < sorted.count && sorted[j].startDay == sorted[i].startDay { j += 1 }
            if j == i + 1 {
                kept.append(sorted[i])
            } else {
                // Exact duplicates first: of rows equal in every column, the first read.
                var reports = Array(sorted[i..<j])
                var firstRead: [Candidate.Identity: Int] = [:]
                for c in reports { firstRead[c.identity] = min(firstRead[c.identity] ?? .max, c.sequence) }
                if firstRead.count < reports.count {
                    counts.exactDuplicates += reports.count - firstRead.count
                    reports.removeAll { firstRead[$0.identity] != $0.sequence }
                }
                // Same-day episodes, one per placement identity, the latest report of each.
                var sameDay: [Candidate] = []
                var longer: Candidate?
                for c in reports {
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
            repeatedReportsMerged: counts.repeats, periodsSplit: counts.splits,
            conflictingBirthDates: counts.birthConflicts, episodeRowsRead: counts.episodeRowsRead, collectionEnd: end)
        return SSDA903Data(children: children, quality: quality, files: files,
                           firstDate: first.map(CivilDate.init(dayNumber:)),
                           lastDate: last.map(CivilDate.init(dayNumber:)), councils: [])
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

/// A row's fields as the cleaner reads them.
private extension CSVRecord {
    /// The field trimmed, "" when the file has no such column.
    func value(_ index: Int?) -> String {
        guard let index else { return "" }
        return trimmed(index)
    }

    /// `value(index).uppercased()`, without the conversion when the code is ASCII with no lower-case letter (as
    /// codes almost always are).
    func code(_ index: Int?) -> String {
        guard let index else { return "" }
        let bytes = trimmedField(index)
        guard bytes.allSatisfy({ $0 < 0x80 && !($0 >= 0x61 && $0 <= 0x7A) }) else { return value(index).uppercased() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The date in the field, nil when there is none or it cannot be read; no string is made.
    func date(_ index: Int?) -> CivilDate? {
        guard let index else { return nil }
        return SSDA903Reader.parseDate(utf8: trimmedField(index))
    }

    /// The LA column, nil when the file has none or it is empty.
    func la(_ table: SSDA903Reader.Table) -> String? {
        guard let column = table.laColumn else { return nil }
        let v = value(column)
        return v.isEmpty ? nil : v
    }
}
