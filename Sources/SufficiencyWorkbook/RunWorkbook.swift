import Foundation
import SufficiencyModel
import SufficiencySimulation

/// One parameter of the scenario for the assumptions sheet: what the briefing's appendix lists.
public struct WorkbookAssumption: Sendable {
    public var keyPath: String
    public var value: String
    public var unit: String
    public var source: String
    public var layer: String

    public init(keyPath: String, value: String, unit: String, source: String, layer: String) {
        self.keyPath = keyPath
        self.value = value
        self.unit = unit
        self.source = source
        self.layer = layer
    }
}

/// The sheets finance opens: a run's summary by financial year, its sufficiency gap, its assumptions and its
/// metadata, built from the typed results (`RunSummary`), never from the CSV files.
public enum RunWorkbook {
    /// What every interval in the workbook means, in the words of the briefing.
    static func intervalNote(_ replications: Int) -> String {
        "Mean and 90% interval (5th to 95th percentile) over \(Format.grouped(replications)) replications: in 9 of 10 "
            + "simulated futures the figure fell inside the interval. Stocks at 31 March; flows and money over the "
            + "financial year, in nominal pounds."
    }

    /// `annual` metric `label`'s format, and the factor that turns the stored value into the cell's value (a
    /// percentage is stored as 0–100 and written as a share, so Excel's % format shows it).
    static func format(_ label: String) -> (Workbook.NumberFormat, Double) {
        guard let metric = AnnualMetric.allCases.first(where: { $0.label == label }) else { return (.decimal, 1) }
        if metric.isMoney { return (.pounds, 1) }
        if metric.isPercent { return (.percent, 0.01) }
        return (.decimal, 1)
    }

    /// Rows of the summary sheet: one per financial year and measure, in the order of `annual.csv`'s columns.
    static func summaryRows(_ r: RunSummary) -> [[Workbook.Cell]] {
        let labels = AnnualMetric.allCases.map(\.label).filter { r.annual[$0] != nil }
        var rows: [[Workbook.Cell]] = []
        for (y, year) in r.years.enumerated() {
            for label in labels {
                let s = r.annual[label]![y]
                let (f, k) = format(label)
                rows.append([.text(year), .text(label)] + [s.mean, s.p05, s.p50, s.p95, s.sd].map { .number($0 * k, f) })
            }
        }
        return rows
    }

    static let summaryHeader = ["Financial year", "Measure", "Mean", "5th percentile", "Median", "95th percentile",
                                "Standard deviation"]

    /// Rows of the gap sheet: each year's requests and how they were met, by age band, need and group size.
    static func gapRows(_ r: RunSummary) -> [[Workbook.Cell]] {
        r.sufficiency.flatMap { s in
            SufficiencyMeasure.allCases.compactMap { m -> [Workbook.Cell]? in
                guard let e = s.measures[m] else { return nil }
                return [.text(s.year), .text(s.ageBand.label), .text(s.needTier.label), .text(s.groupSize.label),
                        .text(m.label)] + [e.mean, e.p05, e.p50, e.p95].map { .number($0, .decimal) }
            }
        }
    }

    static func assumptionRows(_ all: [WorkbookAssumption]) -> [[Workbook.Cell]] {
        all.map { a in
            let value = Workbook.Cell.parameter(a.value)
            return [.text(a.keyPath), value, .text(a.unit), .text(a.source), .text(a.layer)]
        }
    }

    static func metadataRows(_ m: RunSummary.Manifest) -> [[Workbook.Cell]] {
        [
            [.text("Scenario"), .text(m.scenario)],
            [.text("Scenario file"), .text(m.scenarioOrigin)],
            [.text("Scenario SHA-256"), .text(m.scenarioSHA256)],
            [.text("Seed"), .text(String(m.seed))],
            [.text("Replications"), .number(Double(m.replications), .count)],
            [.text("Years"), .number(Double(m.years), .count)],
            [.text("Threads"), .number(Double(m.threads), .count)],
            [.text("Parameter uncertainty"), .text(m.parameterUncertainty)],
            [.text("Tool version"), .text(m.toolVersion)],
            [.text("Started (UTC)"), .text(m.startTime)],
            [.text("Wall time (seconds)"), .number(m.wallSeconds, .decimal)],
        ]
    }

    /// Adds a run's sheets to `book`, each sheet name after `prefix` (for the runs of a comparison).
    public static func addSheets(to book: Workbook, results r: RunSummary, assumptions: [WorkbookAssumption],
                                 prefix: String = "") throws {
        let note = intervalNote(r.manifest.replications)
        try book.addSheet(sheetName(prefix + "Summary"), note: note, header: summaryHeader, rows: summaryRows(r))
        if !r.sufficiency.isEmpty {
            try book.addSheet(sheetName(prefix + "Sufficiency gap"),
                              note: note + " Requests for a placement and how they were met, by the child's age band, "
                                + "need and sibling group size; shortfall in place-years.",
                              header: ["Financial year", "Age band", "Need", "Group size", "Measure", "Mean",
                                       "5th percentile", "Median", "95th percentile"], rows: gapRows(r))
        }
        if !assumptions.isEmpty {
            try book.addSheet(sheetName(prefix + "Assumptions"),
                              note: "Every parameter of the scenario as run, with its unit, its source and the file that set it.",
                              header: ["Parameter", "Value", "Unit", "Source", "Set by"], rows: assumptionRows(assumptions),
                              maxWidth: 80)
        }
        try book.addSheet(sheetName(prefix + "Run"), note: "How these figures were produced: rerunning with the same "
                            + "scenario, seed and version gives the same numbers.",
                          header: ["Field", "Value"], rows: metadataRows(r.manifest))
    }

    /// A run's workbook at `url`.
    public static func write(_ r: RunSummary, assumptions: [WorkbookAssumption], to url: URL) throws {
        let book = try Workbook(url: url)
        try addSheets(to: book, results: r, assumptions: assumptions)
        try book.close()
    }

    /// Excel's sheet names: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ s: String) -> String {
        let cleaned = String(s.map { "[]:*?/\\".contains($0) ? "-" : $0 })
        return String(cleaned.prefix(31))
    }
}
