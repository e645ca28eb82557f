import Foundation
import SufficiencyModel
import SufficiencySimulation

/// A comparison's workbook: savings by financial year and by line for every scenario against the baseline (nominal
/// and real), the probability of reaching a target, then each run's own sheets.
public enum ComparisonWorkbook {
    static let savingsHeader = ["Scenario", "Financial year", "Days simulated", "Measure", "Basis"] + statisticsHeader

    /// The figures of every savings cell group: the mean, the 90% and 80% intervals (the briefing's and the
    /// console's headline ranges are the 80%) and the median.
    static let statisticsHeader = ["Mean", "5th percentile", "10th percentile", "Median", "90th percentile",
                                   "95th percentile", "Probability above 0"]

    /// Rows of the savings sheet (by measure, as savings.csv) or of the lines sheet (by line, as
    /// savings_by_line.csv): one per scenario, year, label and basis.
    static func rows(_ analyses: [SavingsAnalysis], labels: [String],
                     _ values: (SavingsAnalysis) -> (nominal: [[[Double]]], real: [[[Double]]])) -> [[Workbook.Cell]] {
        var rows: [[Workbook.Cell]] = []
        for a in analyses {
            let (nominal, real) = values(a)
            for (y, year) in a.simulatedYears.enumerated() {
                for (k, label) in labels.enumerated() {
                    for (basis, v) in [("nominal", nominal), ("real", real)] {
                        rows.append([.text(a.scenario), .text(year.year.label), .number(Double(year.days), .count), .text(label),
                                     .text(basis)] + cells(v[k][y]))
                    }
                }
            }
        }
        return rows
    }

    static func savingsRows(_ analyses: [SavingsAnalysis]) -> [[Workbook.Cell]] {
        rows(analyses, labels: SavingsMeasure.allCases.map(\.label)) { ($0.nominal, $0.real) }
    }

    static func lineRows(_ analyses: [SavingsAnalysis]) -> [[Workbook.Cell]] {
        rows(analyses, labels: SavingsLine.allCases.map(\.label)) { ($0.lineNominal, $0.lineReal) }
    }

    static func cells(_ values: [Double]) -> [Workbook.Cell] {
        let s = Summary(values)
        return [s.mean, s.p05, s.p10, s.p50, s.p90, s.p95].map { .number($0, .pounds) }
            + [.number(SavingsAnalysis.probabilityPositive(values), .percent)]
    }

    /// Rows of the valuation sheet: per scenario, the net present value of real net savings (mean, 90% and 80%
    /// intervals, median, chance above 0) and the payback year.
    static func valuationRows(_ analyses: [SavingsAnalysis]) -> [[Workbook.Cell]] {
        analyses.map { a in
            [.text(a.scenario)] + cells(a.npv) + [.text(a.payback)]
        }
    }

    /// What the valuation sheet's figures are: the price base, the discount rate and year 0, the deflator.
    static func valuationNote(_ analyses: [SavingsAnalysis]) -> String {
        guard let a = analyses.first else { return "" }
        let v = a.valuation
        return "Net present value of net savings in real terms at \(a.priceBase.label) prices (general inflation "
            + "\(Format.fixed(100 * v.deflatorRate, 1))% a year), discounted at \(Format.fixed(100 * v.discountRate, 1))% "
            + "a year to \(a.years[0].label) (year 0) over \(a.years[0].label) to \(a.years[a.years.count - 1].label); "
            + "mean, 90% and 80% intervals and median over the replications. Payback is the first year in which the "
            + "median cumulative net savings (nominal) are above 0."
    }

    static func targetRows(_ analyses: [SavingsAnalysis]) -> [[Workbook.Cell]] {
        analyses.compactMap { a in
            guard let p = a.targetProbability, let target = a.valuation.target, let year = a.valuation.targetYear else {
                return nil
            }
            return [.text(a.scenario), .text(year.label), .number(target, .pounds), .number(p, .percent)]
        }
    }

    /// The comparison's workbook at `url`; `runs` are the baseline's and each scenario's results and assumptions,
    /// baseline first.
    public static func write(_ analyses: [SavingsAnalysis], baseline: String,
                             runs: [(name: String, results: RunSummary, assumptions: [WorkbookAssumption])],
                             to url: URL) throws {
        let book = try Workbook(url: url)
        let n = analyses.first?.replications ?? 0
        let note = "Savings against \(baseline), replication by replication on common random numbers (both runs of a "
            + "replication saw the same children); mean, 90% interval (5th to 95th percentile), 80% interval (10th to "
            + "90th) and median over "
            + "\(Format.grouped(n)) replications. Positive is a saving. Real terms are at \(analyses.first?.priceBase.label ?? "the price base") prices."
            + (analyses.first?.simulatedYears ?? []).compactMap(\.statement).map { " " + $0 }.joined()
        try book.addSheet("Savings by year", note: note, header: savingsHeader, rows: savingsRows(analyses))
        try book.addSheet("Savings by line", note: note + " The lines add up to net savings.",
                          header: ["Scenario", "Financial year", "Days simulated", "Line", "Basis"] + statisticsHeader,
                          rows: lineRows(analyses))
        try book.addSheet("Valuation", note: valuationNote(analyses),
                          header: ["Scenario", "Net present value: mean"] + statisticsHeader.dropFirst() + ["Payback year"],
                          rows: valuationRows(analyses))
        let targets = targetRows(analyses)
        if !targets.isEmpty {
            try book.addSheet("Target", note: "Probability that net savings in the year reach the target (nominal).",
                              header: ["Scenario", "Financial year", "Target", "Probability of reaching it"], rows: targets)
        }
        for (k, run) in runs.enumerated() {
            try RunWorkbook.addSheets(to: book, results: run.results, assumptions: run.assumptions,
                                      prefix: k == 0 ? "Baseline " : (runs.count > 2 ? "\(k) " : "Scenario "))
        }
        try book.close()
    }
}
