import Foundation
import SufficiencyModel

/// Reads SSDA903 returns in either common layout and cleans them the way analysts do, reporting every change.
///
/// Layouts: one file per year (`2019-episodes.csv`, `2019-header.csv`, `2019-uasc.csv`, dates `dd/mm/yyyy`), in
/// which every episode open during a year is repeated in that year's file and header rows repeat per year; or single
/// multi-year files with ISO dates and `LA`, `YEAR` columns (regional extracts).
///
/// Cleaning, in order:
/// 1. rows that cannot be used are rejected with their file, row and every reason (see `Rejection`): unreadable
///    fields and codes, and dates no return can hold — a DECOM, DEC or DOB after the day of the run or after the
///    collection year's end (`Options.collectionEnd`, else `inferCollectionEnd`), an episode starting before the
///    child's date of birth or on or after their 18th birthday;
/// 2. exact duplicate episode rows are dropped;
/// 3. rows with the CHILD and DECOM of another row are one episode reported in several returns: one report is kept,
///    a closed one if any, otherwise the latest (a same-day episode, DEC = DECOM, is a real episode and kept);
/// 4. an episode overlapping the next one of the same child ends where the next starts;
/// 5. episodes become periods of care (RNE S to a REC other than X1) and placements (RNE L, T, U are not moves).
public enum SSDA903Reader {
    /// How dates are checked.
    public struct Options: Sendable {
        /// The last day of the latest collection year in the return (normally 31 March): a DECOM, DEC or DOB after
        /// it is rejected. Nil to infer it from the episode dates (`inferCollectionEnd`). The layouts carry no
        /// reliable collection year: per-year files are named by the year the collection starts in some exports
        /// and the year it ends in others, and the shared samples' YEAR column and file names say 2017 for the
        /// year to 31 March 2018, so a label would be a guess where the dates are evidence.
        public var collectionEnd: CivilDate?
        /// The day of the run: a date after it is in the future, which no return can record (the collection end
        /// may be wrong; this never is). The system clock's date by default; tests fix it.
        public var today: CivilDate = SSDA903Reader.today()

        public init(collectionEnd: CivilDate? = nil) { self.collectionEnd = collectionEnd }
    }

    /// Today's date (UTC).
    public static func today() -> CivilDate {
        let days = Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))
        return CivilDate(dayNumber: CivilDate(year: 1970, month: 1, day: 1).dayNumber + days)
    }

    /// Reads and cleans an SSDA903 return.
    ///
    /// - Parameters:
    ///   - paths: files or folders; a folder contributes its `*episodes*.csv`, `*header*.csv` and `*uasc*.csv` files,
    ///     sorted by name. A file whose name says neither is recognised by its columns.
    ///   - la: one council to select from files with an LA column (case-insensitive). It is an error when an
    ///     episodes file has no LA column or no episode row belongs to the council; the error lists the councils.
    ///   - options: the collection year's end, when known, and the day of the run.
    /// - Throws: `SSDA903Error`, one line per problem naming the file: a missing path or file, a file that is not
    ///   comma-separated text, a column named twice in its header row, a missing required column, no episodes or
    ///   header file, an unusable council selection. Bad rows never throw; they are reported.
    public static func load(paths: [String], la: String?, options: Options = Options()) throws -> SSDA903Data {
        var errors: [String] = []
        let found = discover(paths, errors: &errors)
        var tables: [Table] = []
        for (index, file) in found.enumerated() {
            do {
                let table = try readTable(path: file.path, kind: file.kind, index: index)
                tables.append(table)
            } catch let problem as Problem {
                errors.append(contentsOf: problem.lines)
            }
        }
        if !tables.contains(where: { $0.kind == .episodes }) && errors.isEmpty {
            errors.append("\(paths.joined(separator: ", ")): no episodes file found (a CSV file named *episodes* "
                + "or with the columns \(Table.required[.episodes]!.joined(separator: ", ")))")
        }
        if !tables.contains(where: { $0.kind == .header }) && errors.isEmpty {
            errors.append("\(paths.joined(separator: ", ")): no header file found (a CSV file named *header* with "
                + "CHILD and DOB); dates of birth come from it")
        }
        guard errors.isEmpty else { throw SSDA903Error(lines: errors) }

        // Councils, and the one selected.
        let episodeTables = tables.filter { $0.kind == .episodes }
        var councilSet = Set<String>()
        for table in episodeTables {
            guard let column = table.column["LA"] else { continue }
            table.forEachRow { row in
                guard row.fields.count == table.width else { return }
                let name = row.fields.trimmed(column)
                if !name.isEmpty { councilSet.insert(name) }
            }
        }
        let allCouncils = councilSet.sorted()
        var selected: String?
        if let la {
            let missing = episodeTables.filter { $0.column["LA"] == nil }
            for table in missing {
                errors.append("\(table.path): no LA column, so the council \"\(la)\" cannot be selected")
            }
            if missing.isEmpty {
                let wanted = trimmed(la).lowercased()
                if let match = allCouncils.first(where: { $0.lowercased() == wanted }) {
                    selected = match
                } else {
                    let present = allCouncils.isEmpty ? "(none)" : allCouncils.joined(separator: ", ")
                    errors.append("\(episodeTables.map(\.path).joined(separator: ", ")): no episodes for council "
                        + "\"\(la)\"; councils present: \(present)")
                }
            }
            guard errors.isEmpty else { throw SSDA903Error(lines: errors) }
        }

        var cleaner = Cleaner(selected: selected?.lowercased(), options: options)
        let extras = Set(episodeTables.flatMap { $0.columnNames }).subtracting(Cleaner.keyColumns).sorted()
        // Headers, then UASC, then episodes; each table's rows are let go once read.
        for kind in [Kind.header, .uasc, .episodes] {
            for i in tables.indices where tables[i].kind == kind {
                switch kind {
                case .header: cleaner.readHeader(tables[i])
                case .uasc: cleaner.readUASC(tables[i])
                case .episodes: cleaner.readEpisodes(tables[i], extraColumns: extras)
                }
                tables[i].records = CSVRecords()
            }
        }
        var data = cleaner.finish(files: found.map(\.path))
        data.councils = selected.map { [$0] } ?? allCouncils
        data.episodeFiles = episodeTables.map(\.path)
        return data
    }

    /// Groups cleaned, sorted episodes of one child into periods of care and placements (what `load` does for each
    /// child), for callers that build episodes themselves.
    public static func periods(of episodes: [Episode]) -> [PeriodOfCare] {
        var counts = Cleaner.Counts()
        return buildPeriods(episodes, counts: &counts)
    }

    // MARK: - Files

    enum Kind: Hashable { case episodes, header, uasc }

    struct FoundFile {
        var path: String
        var kind: Kind?
    }

    /// A line problem collected while reading files; they are thrown together as one `SSDA903Error`.
    struct Problem: Error { var lines: [String] }

    static func kind(ofName name: String) -> Kind? {
        let lower = name.lowercased()
        guard lower.hasSuffix(".csv") else { return nil }
        if lower.contains("uasc") { return .uasc }
        if lower.contains("header") { return .header }
        if lower.contains("episode") { return .episodes }
        return nil
    }

    static func discover(_ paths: [String], errors: inout [String]) -> [FoundFile] {
        var result: [FoundFile] = []
        var seen = Set<String>()
        let fm = FileManager.default
        func add(_ path: String, _ kind: Kind?) {
            let key = URL(fileURLWithPath: path).standardizedFileURL.path
            if seen.insert(key).inserted { result.append(FoundFile(path: path, kind: kind)) }
        }
        for path in paths {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isFolder) else {
                errors.append("\(path): no such file or folder")
                continue
            }
            if isFolder.boolValue {
                guard let listed = try? fm.contentsOfDirectory(atPath: path) else {
                    errors.append("\(path): the folder cannot be read")
                    continue
                }
                let files = listed.sorted().compactMap { name in kind(ofName: name).map { (name, $0) } }
                if files.isEmpty {
                    errors.append("\(path): no *episodes*.csv, *header*.csv or *uasc*.csv files in the folder")
                }
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                for (name, kind) in files {
                    // A folder named like a return's file is not read into: only files directly in the folder are.
                    var inner: ObjCBool = false
                    if fm.fileExists(atPath: base + "/" + name, isDirectory: &inner), inner.boolValue {
                        errors.append("\(base)/\(name): a folder, not a CSV file")
                        continue
                    }
                    add(base + "/" + name, kind)
                }
            } else {
                add(path, kind(ofName: (path as NSString).lastPathComponent))
            }
        }
        return result
    }

    /// A data row: its CSV record number (the header is row 1) and its fields.
    struct Row {
        var number: Int
        var fields: CSVRecord
    }

    /// One CSV file: its normalised column names and its records (the header row first).
    struct Table {
        var path: String
        var kind: Kind
        var index: Int
        var columnNames: [String]
        var column: [String: Int]
        var width: Int
        var records: CSVRecords
        /// `column["LA"]`, looked up once.
        var laColumn: Int?

        /// Calls `body` with each data row (blank lines left out); the row is valid only during the call.
        func forEachRow(_ body: (Row) -> Void) {
            records.forEach(from: 1) { index, record in
                if record.count == 1 && width > 1 && record.trimmedField(0).isEmpty { return }  // blank line
                body(Row(number: index + 1, fields: record))
            }
        }

        static let required: [Kind: [String]] = [
            .episodes: ["CHILD", "DECOM", "RNE", "LS", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE"],
            .header: ["CHILD", "DOB"],
            .uasc: ["CHILD"],
        ]
    }

    static func readTable(path: String, kind named: Kind?, index: Int) throws -> Table {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw Problem(lines: ["\(path): cannot be read"])
        }
        var text: String
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            // Excel's "Unicode text" is UTF-16 with a byte order mark.
            guard let decoded = String(data: bytes, encoding: .utf16) else {
                throw Problem(lines: ["\(path): starts with a UTF-16 byte order mark but is not UTF-16 text"])
            }
            text = decoded
        } else if bytes.withUnsafeBytes({ $0.isEmpty ? false : memchr($0.baseAddress!, 0, $0.count) != nil }) {
            // No CSV export holds a NUL byte; a spreadsheet (.xlsx), a zip or a database file does.
            let what = bytes.starts(with: [0x50, 0x4B]) ? " (a zip archive, such as an .xlsx workbook)" : ""
            throw Problem(lines: ["\(path): not a text file\(what); export the table as CSV"])
        } else {
            // Exports from older council systems are often Windows-1252; Latin-1 decoding keeps every byte.
            text = String(data: bytes, encoding: .utf8)
                ?? String(data: bytes, encoding: .isoLatin1) ?? String(decoding: bytes, as: UTF8.self)
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let records = text.withUTF8 { CSVRecords(utf8: $0) }
        guard records.count > 0 else { throw Problem(lines: ["\(path): empty file, no header row"]) }
        let first = records.fields(of: 0)
        let names = first.map { trimmed($0).uppercased() }
        if names.count == 1 {
            // One column: blank, or separated by something other than commas (Excel in many locales saves ';').
            if names[0].isEmpty {
                throw Problem(lines: ["\(path): the first row is blank; it must hold the column names (CHILD, ...)"])
            }
            for (separator, label) in [(";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")]
            where first[0].contains(separator) {
                throw Problem(lines: ["\(path): the columns are separated by \(label), not commas; save the file as "
                    + "comma-separated CSV"])
            }
        }
        let duplicates = CSVHeader.duplicateProblems(names, at: "\(path):1")
        if !duplicates.isEmpty { throw Problem(lines: duplicates) }
        var column: [String: Int] = [:]
        for (i, name) in names.enumerated() where column[name] == nil { column[name] = i }
        let kind: Kind
        if let named {
            kind = named
        } else if column["DECOM"] != nil {
            kind = .episodes
        } else if column["DUC"] != nil {
            kind = .uasc
        } else if column["DOB"] != nil {
            kind = .header
        } else {
            throw Problem(lines: ["\(path): not recognised as an SSDA903 episodes, header or UASC file (by name or by "
                + "its columns)"])
        }
        let required = Table.required[kind]!
        let missing = required.filter { column[$0] == nil }
        if !missing.isEmpty {
            let what = kind == .episodes ? "episodes" : kind == .header ? "header" : "UASC"
            if missing.count == required.count && required.count > 1 {
                // None of the columns: not a file of this kind at all (or no header row), so one line, not nine.
                let shown = first.prefix(3).map { "\"\(printable(String($0.prefix(20))))\"" }.joined(separator: ", ")
                throw Problem(lines: ["\(path): none of the \(what) file's columns (\(required.joined(separator: ", "))) "
                    + "in its first row, which starts \(shown)"])
            }
            throw Problem(lines: missing.map { "\(path): missing required column \($0) (\(what) file)" })
        }
        return Table(path: path, kind: kind, index: index, columnNames: names, column: column, width: names.count,
                     records: records, laColumn: column["LA"])
    }

    /// `text` with control characters (line breaks among them) shown as `?`, so that it fits in a one-line message.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control ? "?" : $0
        }))
    }

    /// The share of the busiest financial year's dates that a later year must hold to count as the return's own:
    /// `inferCollectionEnd`.
    static let collectionYearShare = 0.02
    static let collectionYearShareLabel = "2%"

    /// The collection year's end inferred from the DECOM and DEC dates of the episode rows (those after the day of
    /// the run left out): the 31 March ending the latest financial year that holds at least 2% as many of them as
    /// the busiest year (and at least one); nil when there are none.
    ///
    /// Why this rule: a return's years each hold hundreds of DECOM and DEC dates, so one mistyped date (a DEC of
    /// 2023 in a return to March 2022) is far below 2% of a year and cannot move the end, while a final year that
    /// is only partly in the data (an extract to September) still counts. Below about 50 dates in the busiest year a
    /// single date is 2%, so in a return that small one mistyped date can still move the end; the analyst can then
    /// give the end. A return that stops a few days into April has its April rows rejected, with the end named in
    /// the reason, for the same reason: so few dates look like mistakes.
    ///
    /// - Parameter counts: dates by the year their financial year starts in (2021 for 2021-22).
    public static func inferCollectionEnd(datesByFinancialYear counts: [Int: Int]) -> CivilDate? {
        guard let busiest = counts.values.max(), busiest > 0 else { return nil }
        let threshold = max(1, Double(busiest) * collectionYearShare)
        guard let year = counts.filter({ Double($0.value) >= threshold }).keys.max() else { return nil }
        return FinancialYear(startYear: year).lastDay
    }

    /// The 1 April from which a return records entries and exits, inferred from its exits' dates (the DEC of rows
    /// ending a period of care, as read): the first day of the earliest financial year that holds at least 2% as
    /// many of them as the busiest year (and at least one); nil when there are none.
    ///
    /// Why: a return lists the episodes open during its collection year, so its DECOMs go back to when the
    /// longest-staying children came into care, years before any entry or exit of that time is recorded, while an
    /// exit can only be recorded from its first year. Rates counted from the earliest DECOM take those unrecorded
    /// years as exposure with no events (the d2i sample's reunification hazard came out 0.033 a year on a window
    /// starting in 2016, 0.044 from its first return in April 2017). Cleaning an overlap brings an episode's end
    /// forward, and could make an exit appear before the first return, so the rows' own dates are counted; the 2%
    /// share, as for the collection end, keeps one mistyped DEC from moving it.
    ///
    /// - Parameter counts: exits by the year their financial year starts in (2021 for 2021-22).
    public static func inferRecordsFrom(exitsByFinancialYear counts: [Int: Int]) -> CivilDate? {
        guard let busiest = counts.values.max(), busiest > 0 else { return nil }
        let threshold = max(1, Double(busiest) * collectionYearShare)
        guard let year = counts.filter({ Double($0.value) >= threshold }).keys.min() else { return nil }
        return FinancialYear(startYear: year).firstDay
    }

    /// Leading and trailing spaces and tabs removed, without Foundation's slower character sets.
    static func trimmed(_ s: String) -> String {
        guard let first = s.utf8.first, let last = s.utf8.last else { return s }
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        if !space(first) && !space(last) { return s }
        let u = s.utf8
        guard let start = u.firstIndex(where: { !space($0) }) else { return "" }
        let end = u.lastIndex(where: { !space($0) })!
        return String(s[start...end])
    }
}
