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
        var shortBreaks = 0
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
    static func applies(_ entryLA: String?, to la: String?) -> Bool {
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
