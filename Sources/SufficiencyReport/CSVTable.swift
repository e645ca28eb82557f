import Foundation

/// A CSV file read into rows of text cells (RFC 4180 quoting), for the tool's own output files.
public struct CSVTable: Sendable {
    public let header: [String]
    public let rows: [[String]]

    public init(text: String) {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var chars = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { cell.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else {
                    cell.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(cell)
                cell = ""
            } else if c == "\n" || c == "\r\n" {
                row.append(cell)
                rows.append(row)
                row = []
                cell = ""
            } else {
                cell.append(c)
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        header = rows.first ?? []
        self.rows = Array(rows.dropFirst())
    }

    public init(contentsOf url: URL) throws {
        self.init(text: try String(contentsOf: url, encoding: .utf8))
    }

    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Rows whose columns equal the given values.
    public func rows(where conditions: [String: String]) -> [[String]] {
        let keys = conditions.compactMap { k, v in column(k).map { ($0, v) } }
        guard keys.count == conditions.count else { return [] }
        return rows.filter { row in keys.allSatisfy { row.count > $0.0 && row[$0.0] == $0.1 } }
    }

    public func double(_ row: [String], _ name: String) -> Double {
        guard let c = column(name), c < row.count else { return .nan }
        return Double(row[c]) ?? .nan
    }
}
