import Foundation
import SufficiencyModel
import SufficiencySimulation

/// A sweep as a workbook: one row per grid point, the lever values then each outcome's mean and 90% interval.
public enum SweepWorkbook {
    static func format(_ m: AnnualMetric) -> (Workbook.NumberFormat, Double) {
        m.isMoney ? (.pounds, 1) : m.isPercent ? (.percent, 0.01) : (.decimal, 1)
    }

    /// The sweep's sheet at `url`; the points' year (`SweepPoint.year`) is the one the outcomes are for.
    public static func write(_ sweep: Sweep, _ points: [SweepPoint], replications: Int, to url: URL) throws {
        let metrics = points.first?.outcomes.map(\.metric) ?? []
        let header = sweep.axes.map(\.keyPath) + metrics.flatMap { ["\($0.label) mean", "\($0.label) 5th percentile",
                                                                   "\($0.label) 95th percentile"] }
        let rows: [[Workbook.Cell]] = points.map { p in
            p.overrides.map { o in .parameter(o.value) }
                + p.outcomes.flatMap { o -> [Workbook.Cell] in
                    let (f, k) = format(o.metric)
                    return [o.mean, o.p05, o.p95].map { .number($0 * k, f) }
                }
        }
        let book = try Workbook(url: url)
        let year = points.first?.year
        let part = year?.statement.map { " " + $0 } ?? ""
        try book.addSheet("Sweep", note: "Outcomes in \(year?.year.label ?? "the year reported") at each point of the grid: "
                            + "mean and 90% interval (5th to 95th percentile) over \(Format.grouped(replications)) "
                            + "replications, every point on the same seeds (common random numbers)." + part,
                          header: header, rows: rows)
        try book.close()
    }
}
