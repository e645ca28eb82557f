import CSV
import Foundation

/// Reads a year of Ofsted's local-authority fostering data: one row per area (`area`, `level`, `year`, then the
/// counts of `OfstedFosteringRow.columns`), values rounded to the nearest 5 and suppressed cells empty.
///
/// Strict, because a figure read wrongly would be written into a scenario with a source claiming it is Ofsted's:
/// a column named twice in the header row, a missing needed column, a cell that is neither empty nor a whole
/// number, a row of the wrong width or an unknown level is an error naming the file, the row and the column.
/// Every problem in the file is reported at once, one line each.
public enum OfstedFosteringReader {
    public static func load(path: String) throws -> OfstedFostering {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw OfstedFosteringError(lines: ["\(path): \(exists ? "cannot be read" : "no such file")"])
        }
        // Spreadsheet exports may be Windows-1252; Latin-1 decoding keeps every byte (names are ASCII in practice).
        var text = String(data: bytes, encoding: .utf8) ?? String(data: bytes, encoding: .isoLatin1) ?? ""
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw OfstedFosteringError(lines: ["\(path): empty file, no header row"])
        }
        let names = (reader.headerRow ?? []).map { SSDA903Reader.trimmed($0).lowercased() }
        let duplicates = CSVHeader.duplicateProblems(names, at: "\(path):row 1")
        if !duplicates.isEmpty { throw OfstedFosteringError(lines: duplicates) }
        var column: [String: Int] = [:]
        for (i, name) in names.enumerated() where column[name] == nil { column[name] = i }
        let missing = OfstedFosteringRow.neededColumns.filter { column[$0] == nil }
        guard missing.isEmpty else {
            throw OfstedFosteringError(lines: missing.map { "\(path): missing column \($0) (Ofsted local-authority fostering layout)" })
        }
        let numeric = OfstedFosteringRow.columns.compactMap { c in column[c.name].map { (c.name, c.keyPath, $0) } }

        var rows: [OfstedFosteringRow] = []
        var errors: [String] = []
        var number = 1
        while let fields = reader.next() {
            number += 1
            if fields.allSatisfy({ SSDA903Reader.trimmed($0).isEmpty }) { continue }  // blank line
            let at = "\(path):row \(number)"
            guard fields.count == names.count else {
                errors.append("\(at): has \(fields.count) fields, the header has \(names.count)")
                continue
            }
            func field(_ name: String) -> String { SSDA903Reader.trimmed(fields[column[name]!]) }
            var row = OfstedFosteringRow(area: field("area"), level: field("level").lowercased(), year: field("year"),
                                         source: SourceRow(file: path, row: number))
            if row.area.isEmpty { errors.append("\(at): area: empty") }
            if !OfstedFosteringRow.levels.contains(row.level) {
                errors.append("\(at): level: \(shown(field("level"))) is not england, region or local_authority")
            }
            for (name, keyPath, index) in numeric {
                let cell = SSDA903Reader.trimmed(fields[index])
                guard !cell.isEmpty else { continue }  // suppressed or not published: nil
                if let value = count(cell) {
                    row[keyPath: keyPath] = value
                } else {
                    errors.append("\(at): \(name): \(shown(cell)) is not a whole number of 0 or more "
                        + "(suppressed cells must be empty)")
                }
            }
            rows.append(row)
        }
        guard errors.isEmpty else { throw OfstedFosteringError(lines: errors) }
        guard !rows.isEmpty else { throw OfstedFosteringError(lines: ["\(path): no data rows"]) }
        return OfstedFostering(path: path, rows: rows)
    }

    /// A cell quoted in an error: its first 40 characters (a quote left open swallows the rest of the file into one
    /// cell, which was printed whole: 85 lines), with line breaks shown as `?` so that the problem is one line.
    static func shown(_ cell: String) -> String {
        let text = SSDA903Reader.printable(String(cell.prefix(40)))
        return "\"" + text + (cell.count > 40 ? "…\" (\(cell.count) characters)" : "\"")
    }

    /// A count as Ofsted writes it: digits only (no sign, no decimals, no thousands separators).
    static func count(_ cell: String) -> Int? {
        guard cell.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(cell)
    }
}
