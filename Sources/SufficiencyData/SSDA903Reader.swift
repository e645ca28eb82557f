import Foundation
import SufficiencyModel

/// Reads SSDA903 returns in either common layout and cleans them the way analysts do, reporting every change.
///
/// Layouts: one file per year (`2019-episodes.csv`, `2019-header.csv`, `2019-uasc.csv`, dates `dd/mm/yyyy`), in
/// which every episode open during a year is repeated in that year's file and header rows repeat per year; or single
/// multi-year files with ISO dates and `LA`, `YEAR` columns (regional extracts).
///
/// Cleaning, in order:
/// 1. rows that cannot be used are rejected with their file, row and every reason (see `Rejection`);
/// 2. exact duplicate episode rows are dropped;
/// 3. rows with the CHILD and DECOM of another row are one episode reported in several returns: one report is kept,
///    a closed one if any, otherwise the latest (a same-day episode, DEC = DECOM, is a real episode and kept);
/// 4. an episode overlapping the next one of the same child ends where the next starts;
/// 5. episodes become periods of care (RNE S to a REC other than X1) and placements (RNE L, T, U are not moves).
public enum SSDA903Reader {
    /// Reads and cleans an SSDA903 return.
    ///
    /// - Parameters:
    ///   - paths: files or folders; a folder contributes its `*episodes*.csv`, `*header*.csv` and `*uasc*.csv` files,
    ///     sorted by name. A file whose name says neither is recognised by its columns.
    ///   - la: one council to select from files with an LA column (case-insensitive). It is an error when an
    ///     episodes file has no LA column or no episode row belongs to the council; the error lists the councils.
    /// - Throws: `SSDA903Error`, one line per problem naming the file: a missing path or file, a missing required
    ///   column, no episodes or header file, an unusable council selection. Bad rows never throw; they are reported.
    public static func load(paths: [String], la: String?) throws -> SSDA903Data {
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

        var cleaner = Cleaner(selected: selected?.lowercased())
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
                let names = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted()
                let files = names.compactMap { name in kind(ofName: name).map { (name, $0) } }
                if files.isEmpty {
                    errors.append("\(path): no *episodes*.csv, *header*.csv or *uasc*.csv files in the folder")
                }
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                for (name, kind) in files { add(base + "/" + name, kind) }
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
        // Exports from older council systems are often Windows-1252; Latin-1 decoding keeps every byte.
        var text = String(data: bytes, encoding: .utf8)
            ?? String(data: bytes, encoding: .isoLatin1) ?? String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let records = text.withUTF8 { CSVRecords(utf8: $0) }
        guard records.count > 0 else { throw Problem(lines: ["\(path): empty file, no header row"]) }
        let names = records.fields(of: 0).map { trimmed($0).uppercased() }
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
        let missing = Table.required[kind]!.filter { column[$0] == nil }
        if !missing.isEmpty {
            let what = kind == .episodes ? "episodes" : kind == .header ? "header" : "UASC"
            throw Problem(lines: missing.map { "\(path): missing required column \($0) (\(what) file)" })
        }
        return Table(path: path, kind: kind, index: index, columnNames: names, column: column, width: names.count,
                     records: records, laColumn: column["LA"])
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
