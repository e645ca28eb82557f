import CXLSXWriter
import Foundation
import SufficiencyModel

/// An Excel workbook written with libxlsxwriter: sheets of typed cells (numbers, text, dates) with number formats,
/// frozen header rows and column widths. A thin wrapper, so the rest of the module speaks in sheets and cells.
///
/// The file is written to a hidden temporary name beside `url` and renamed into place on `close()`, so a failure
/// leaves no half-written workbook.
public final class Workbook {
    /// How a number is shown. Values stay numbers: a finance model can link to them.
    public enum NumberFormat: Sendable, CaseIterable {
        /// Whole pounds: £1,234,567 (negative in brackets-free minus form).
        case pounds
        /// A count: 1,234.
        case count
        /// A figure with one decimal: 12.3.
        case decimal
        /// A share in [0, 1] shown as a percentage: 12.3%.
        case percent
        /// A date: 2017-04-01.
        case date

        var excel: String {
            switch self {
            case .pounds: return "£#,##0;-£#,##0"
            case .count: return "#,##0"
            case .decimal: return "#,##0.0"
            case .percent: return "0.0%"
            case .date: return "yyyy-mm-dd"
            }
        }
    }

    /// A cell's content.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double, NumberFormat)
        case date(CivilDate)
        case empty
    }

    public struct WriteError: PlainError {
        public let description: String
    }

    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private let url: URL
    private let temporary: URL
    private var formats: [NumberFormat: UnsafeMutablePointer<lxw_format>] = [:]
    private let header: UnsafeMutablePointer<lxw_format>
    private let note: UnsafeMutablePointer<lxw_format>
    private var closed = false

    /// Starts a workbook that `close()` writes to `url`.
    public init(url: URL) throws {
        self.url = url
        let folder = url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue,
              FileManager.default.isWritableFile(atPath: folder.path) else {
            throw WriteError(description: "\(url.path): the folder does not exist or cannot be written")
        }
        temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard let wb = workbook_new(temporary.path) else {
            throw WriteError(description: "\(url.path): cannot start a workbook")
        }
        workbook = wb
        header = workbook_add_format(wb)
        format_set_bold(header)
        format_set_text_wrap(header)
        note = workbook_add_format(wb)
        format_set_italic(note)
        for f in NumberFormat.allCases {
            let format = workbook_add_format(wb)!
            format_set_num_format(format, f.excel)
            formats[f] = format
        }
    }

    deinit {
        if !closed {
            _ = workbook_close(workbook)
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// Adds a sheet: a notes row (what the figures are and what the intervals mean), a bold header row that stays
    /// in view when scrolling, then `rows`; column widths fit the longest text up to `maxWidth` characters.
    public func addSheet(_ name: String, note text: String?, header titles: [String], rows: [[Cell]],
                         maxWidth: Int = 60) throws {
        guard workbook_validate_sheet_name(workbook, name) == LXW_NO_ERROR,
              let sheet = workbook_add_worksheet(workbook, name) else {
            throw WriteError(description: "\(url.path): invalid or repeated sheet name '\(name)'")
        }
        var row: UInt32 = 0
        if let text {
            try check(worksheet_write_string(sheet, row, 0, text, note), "notes row of \(name)")
            row += 1
        }
        for (c, title) in titles.enumerated() {
            try check(worksheet_write_string(sheet, row, UInt16(c), title, header), "header of \(name)")
        }
        worksheet_freeze_panes(sheet, row + 1, 0)
        row += 1
        var widths = titles.map { min(maxWidth, max(8, $0.count + 2)) }
        for cells in rows {
            for (c, cell) in cells.enumerated() {
                let col = UInt16(c)
                if c >= widths.count { widths.append(8) }
                switch cell {
                case .text(let s):
                    try check(worksheet_write_string(sheet, row, col, s, nil), "\(name) row \(row + 1)")
                    widths[c] = min(maxWidth, max(widths[c], s.count + 2))
                case .number(let x, let f):
                    // Excel has no NaN or infinity: an undefined figure is left blank.
                    if x.isFinite {
                        try check(worksheet_write_number(sheet, row, col, x, formats[f]), "\(name) row \(row + 1)")
                    }
                    widths[c] = max(widths[c], 12)
                case .date(let d):
                    var dt = lxw_datetime(year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0,
                                          min: 0, sec: 0)
                    try check(worksheet_write_datetime(sheet, row, col, &dt, formats[.date]), "\(name) row \(row + 1)")
                    widths[c] = max(widths[c], 12)
                case .empty:
                    break
                }
            }
            row += 1
        }
        for (c, w) in widths.enumerated() {
            try check(worksheet_set_column(sheet, UInt16(c), UInt16(c), Double(w), nil), "widths of \(name)")
        }
    }

    /// Writes the workbook and moves it into place.
    public func close() throws {
        closed = true
        let error = workbook_close(workbook)
        guard error == LXW_NO_ERROR else {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(description: "\(url.path): \(String(cString: lxw_strerror(error)))")
        }
        do {
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(description: "\(url.path): \(FileFailure.reason(error, writing: url))")
        }
    }

    private func check(_ error: lxw_error, _ what: String) throws {
        guard error == LXW_NO_ERROR else {
            throw WriteError(description: "\(url.path): \(what): \(String(cString: lxw_strerror(error)))")
        }
    }
}

extension Workbook.Cell {
    /// A parameter's value as a scenario writes it: a number when it is one (stored exactly, shown with one
    /// decimal), else its text (a table or list in flow style), so that no number is stored as text.
    static func parameter(_ text: String) -> Self {
        DecimalText.number(text).map { .number($0, .decimal) } ?? .text(text)
    }
}
