import Foundation
import SufficiencyModel

/// A sensitivity analysis as a workbook sheet: the tornado table, largest move first, with the values tried.
public enum SensitivityWorkbook {
    static let header = ["Parameter", "What it is", "Changed in", "Value", "Low value", "High value", "Held at limit",
                         "Mean net savings at low", "Mean net savings at high", "Range", "P(target) at low",
                         "P(target) at high", "Source"]

    static func rows(_ s: SensitivitySummary) -> [[Workbook.Cell]] {
        s.drivers.map { d in
            [.text(d.keyPath), .text(d.description), .text(d.changed), .parameter(d.value), .parameter(d.lowValue),
             .parameter(d.highValue), d.heldAtLimit.map { .text($0.rawValue) } ?? .empty,
             .number(d.low.mean, .pounds), .number(d.high.mean, .pounds), .number(d.range, .pounds),
             d.low.probabilityOfTarget.map { .number($0, .percent) } ?? .empty,
             d.high.probabilityOfTarget.map { .number($0, .percent) } ?? .empty, .text(d.source)]
        }
    }

    static func note(_ s: SensitivitySummary) -> String {
        "Mean net savings in \(s.year) of \(s.scenario) against \(s.baseline), with each parameter at its value × (1 ∓ "
            + "\(Format.plain(100 * s.swing))%) on the same \(Format.grouped(s.replications)) replications (common "
            + "random numbers); with every parameter as written: \(Format.pounds(s.central.mean) ?? "NA"). "
            + "Largest range first."
            + (s.drivers.contains { $0.heldAtLimit != nil }
               ? " Held at limit (low, high or both): the value tried on that side was "
                 + SensitivitySummary.Held.note(swing: s.swing) : "")
    }

    /// Adds the sheet to `book`.
    public static func addSheet(to book: Workbook, _ s: SensitivitySummary) throws {
        try book.addSheet("Sensitivity", note: note(s), header: header, rows: rows(s), maxWidth: 50)
    }

    /// A workbook of the one sheet at `url`.
    public static func write(_ s: SensitivitySummary, to url: URL) throws {
        let book = try Workbook(url: url)
        try addSheet(to: book, s)
        try book.close()
    }
}
