import Foundation
import SufficiencyModel
import SufficiencySimulation

/// The table printed after a run: per financial year, the mean and 90% interval (5th–95th percentile) of the
/// headline measures; a part year (a start date other than 1 April) is marked and explained below the table.
enum RunTable {
    static func render(_ result: RunResult) -> String {
        let columns: [(String, AnnualMetric, Double, Int)] = [
            ("children in care", .childrenInCare, 1, 0),
            ("in-house", .inHouseFoster, 1, 0),
            ("IFA", .ifaFoster, 1, 0),
            ("residential", .residential, 1, 0),
            ("cost £m", .costTotal, 1e-6, 2),
            ("3+ placements %", .moves3PlusPct, 1, 1),
        ]
        var table = TextTable([.left()] + columns.map { _ in .right() })
        table.append(["year"] + columns.map(\.0))
        let years = result.model.simulatedYears
        for (y, year) in years.enumerated() {
            var row = [year.label]
            for (_, metric, scale, decimals) in columns {
                let s = Summary(result.values(metric, year: y))
                row.append("\(Format.fixed(s.mean * scale, decimals)) (\(Format.fixed(s.p05 * scale, decimals))–"
                    + "\(Format.fixed(s.p95 * scale, decimals)))")
            }
            table.append(row)
        }
        return "Mean (90% interval) at 31 March; cost over the financial year\n" + table.render()
            + SimulatedYear.notes(years).map { "\n" + $0 }.joined()
    }
}
