/// An aligned plain-text table, as the commands print them (the run's headline measures, a comparison's savings, a
/// sweep, a backtest, the scenario list): every printed table goes through this type, so they all pad, align and
/// space columns the same way.
///
/// Each column is as wide as its widest cell, or its `minimumWidth` when wider (a table whose columns line up with a
/// heading written above it); cells are padded on the left (`right` alignment) or the right (`left`), and columns
/// are separated by their `gap` of spaces. Trailing spaces are dropped from every line, so a left-aligned last column
/// is not padded and an empty last cell adds nothing. Widths count characters (`String.count`), so "£" and "–" are
/// one each, as a terminal shows them.
public struct TextTable: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable {
        case left, right
    }

    /// How one column is laid out.
    public struct Column: Sendable, Equatable {
        public var alignment: Alignment
        /// The column's width when every cell is narrower.
        public var minimumWidth: Int
        /// Spaces before the column (none before the first).
        public var gap: Int

        public init(_ alignment: Alignment, minimumWidth: Int = 0, gap: Int = 2) {
            precondition(minimumWidth >= 0 && gap >= 0, "a column's width and gap are 0 or more")
            self.alignment = alignment
            self.minimumWidth = minimumWidth
            self.gap = gap
        }

        public static func left(minimumWidth: Int = 0, gap: Int = 2) -> Column {
            Column(.left, minimumWidth: minimumWidth, gap: gap)
        }

        public static func right(minimumWidth: Int = 0, gap: Int = 2) -> Column {
            Column(.right, minimumWidth: minimumWidth, gap: gap)
        }
    }

    public var columns: [Column]
    /// The rows, the heading (if any) first; each has a cell per column.
    public private(set) var rows: [[String]] = []

    public init(_ columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        for row in rows { append(row) }
    }

    /// Adds a row; it must have a cell per column.
    public mutating func append(_ row: [String]) {
        precondition(row.count == columns.count, "a row has \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }

    /// The width of each column: its widest cell, or its minimum width.
    public var widths: [Int] {
        columns.indices.map { c in rows.reduce(columns[c].minimumWidth) { max($0, $1[c].count) } }
    }

    /// The table's lines, without trailing spaces.
    public func lines() -> [String] {
        let widths = self.widths
        return rows.map { row in
            var line = ""
            for (c, cell) in row.enumerated() {
                if c > 0 { line += String(repeating: " ", count: columns[c].gap) }
                let fill = String(repeating: " ", count: widths[c] - cell.count)
                line += columns[c].alignment == .left ? cell + fill : fill + cell
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The lines joined by newlines, with no newline after the last.
    public func render() -> String {
        lines().joined(separator: "\n")
    }
}
