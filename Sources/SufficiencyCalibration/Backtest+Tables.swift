import SufficiencyModel

/// The tables `sufficiency backtest` prints: a heading, each rewind's measures, and the coverage.
///
/// The columns have fixed minimum widths (the headings are short, the cells long), one space apart, so that every
/// rewind's table lines up with the others; a cell wider than its column widens it.
extension Backtest {
    /// The line above the tables: the data's span and how the forecasts were run.
    public static func heading(_ plan: BacktestPlan, replications: Int, seed: UInt64) -> String {
        "backtest of data from \(plan.dataStart) (entries and exits recorded from \(plan.observedFrom)) to \(plan.dataEnd): "
            + "\(replications) replications, seed \(seed)"
    }

    /// One rewind: what it calibrated on and compared, then a row per measure with the actual, the forecast's median
    /// and intervals, and which interval (if any) missed the actual.
    public static func table(_ run: BacktestRun) -> String {
        let p = run.plan
        var text = "rewind \(p.rewind.label): calibrated on \(p.calibrationStart) to \(p.cut); compared \(p.comparedFrom) to \(p.comparedTo)"
        if !p.comparesWholePeriod { text += ", the simulated financial years that end within the data (to \(p.dataEnd))" }
        var table = TextTable([.left(minimumWidth: 24), .right(minimumWidth: 7, gap: 1), .right(minimumWidth: 8, gap: 1),
                               .right(minimumWidth: 14, gap: 1), .right(minimumWidth: 14, gap: 1), .left()])
        table.append(["measure", "actual", "median", "50% interval", "90% interval", ""])
        for row in run.rows {
            table.append([row.measure, Format.fixed(row.actual, 0), Format.fixed(row.median, 1),
                          "\(Format.fixed(row.p25, 1))–\(Format.fixed(row.p75, 1))",
                          "\(Format.fixed(row.p05, 1))–\(Format.fixed(row.p95, 1))", row.miss ?? ""])
        }
        return text + "\n" + table.render() + "\n"
    }

    /// The share of actuals inside each interval, over every rewind ("all") and per rewind.
    public static func coverageTable(_ coverage: [BacktestCoverage]) -> String {
        var table = TextTable([.left(minimumWidth: 10), .right(minimumWidth: 9, gap: 1), .right(minimumWidth: 21, gap: 1),
                               .right(minimumWidth: 21, gap: 1)])
        table.append(["coverage", "measures", "inside 50% interval", "inside 90% interval"])
        for c in coverage {
            table.append([c.scope, "\(c.rows)", "\(c.inside50) (\(percent(c.share50)))", "\(c.inside90) (\(percent(c.share90)))"])
        }
        return table.render()
    }
}

extension BacktestRow {
    /// Which interval missed the actual: "outside 90%" (and so the 50% too), "outside 50%", or nil inside both.
    public var miss: String? {
        inside90 ? (inside50 ? nil : "outside 50%") : "outside 90%"
    }
}
