/// The part of a financial year a run simulates: all of it, or, when the start date is not 1 April (so that the
/// horizon, the start plus whole years, is not a 1 April either), the days from the start or before the horizon.
///
/// A run reports by financial year. A scenario that starts on 29 March 2022 (as `calibrate` writes when the data
/// end on 28 March) has a first "year", 2021-22, of three days: its cost is three days' cost and its stability
/// measures count three days' moves. The tables mark such a year and the briefing's headlines use whole years, so
/// that nobody reads three days as a year.
public struct SimulatedYear: Hashable, Sendable {
    public let year: FinancialYear
    /// The first and last days simulated within the year.
    public let first: CivilDate
    public let last: CivilDate

    /// Every day of the financial year is simulated.
    public var isWhole: Bool { first == year.firstDay && last == year.lastDay }
    public var days: Int { last.dayNumber - first.dayNumber + 1 }

    /// The financial years overlapping the `years` years from `start` (the run's horizon is `start` plus `years`
    /// years, exclusive), in order, each with the days simulated in it. The simulation's years are these
    /// (`CompiledScenario.years`).
    public static func overlapping(from start: CivilDate, years: Int) -> [SimulatedYear] {
        let horizon = start.adding(years: max(years, 0))
        var out: [SimulatedYear] = []
        var year = start.financialYear
        while out.isEmpty || year.firstDay < horizon {
            let first = max(year.firstDay, start)
            let last = min(year.lastDay, CivilDate(dayNumber: horizon.dayNumber - 1))
            out.append(SimulatedYear(year: year, first: first, last: last))
            year = FinancialYear(startYear: year.startYear + 1)
        }
        return out
    }

    /// The `year` and `days` cells of a CSV row, "2021-22,3": every file with a row per financial year carries the
    /// days simulated in it beside the year, so that a part year (fewer days than the year has) cannot be read as a
    /// whole one by someone who has only that file.
    public var csvCells: String { cells.joined(separator: ",") }

    /// The same two cells apart, `["2021-22", "3"]`, for a row built as a list of cells (`sweep.csv`).
    public var cells: [String] { [year.label, String(days)] }

    /// The year as a JSON object: `{"year": "2021-22", "first_day": "2022-03-29", "last_day": "2022-03-31",
    /// "days": 3, "whole": false}` (`manifest.json`, `compare.json`).
    public var json: String {
        "{\"year\": \"\(year.label)\", \"first_day\": \"\(first)\", \"last_day\": \"\(last)\", \"days\": \(days), "
            + "\"whole\": \(isWhole)}"
    }

    /// A table's row label: "2021-22", or "2021-22*" for a part year, with `note` below the table.
    public var label: String { year.label + (isWhole ? "" : "*") }

    /// What a table's footnote says of a part year: "* 2021-22 is a part year, 29 March 2022 to 31 March 2022 (3
    /// days): its costs, entries, exits and moves are for those days only, its stocks at 31 March 2022."
    /// Nil for a whole year.
    public var note: String? { statement.map { "* " + $0 } }

    /// The note without its asterisk, for a sheet's note: "2021-22 is a part year, 29 March 2022 to 31 March 2022 (3
    /// days): its costs, ... its stocks at 31 March 2022." Nil for a whole year.
    public var statement: String? {
        guard let span else { return nil }
        return "\(span): its costs, entries, exits and moves are for those days only, its stocks at \(Self.long(last))."
    }

    /// "2021-22 is a part year, 29 March 2022 to 31 March 2022 (3 days)", for the notes and the briefing; nil for a
    /// whole year.
    public var span: String? {
        guard !isWhole else { return nil }
        return "\(year.label) is a part year, \(Self.long(first)) to \(Self.long(last)) (\(Format.counted(days, "day")))"
    }

    /// The index of the year a single-year outcome is reported for by default: the last whole year, so that half a
    /// year's costs are not read as a year's; the last year when none is whole. Nil for no years.
    public static func lastWholeIndex(_ years: [SimulatedYear]) -> Int? {
        years.lastIndex(where: \.isWhole) ?? (years.isEmpty ? nil : years.count - 1)
    }

    /// The notes of a run's part years, one line each.
    public static func notes(_ years: [SimulatedYear]) -> [String] { years.compactMap(\.note) }

    /// "29 March 2022".
    public static func long(_ d: CivilDate) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                      "November", "December"]
        return "\(d.day) \(months[d.month - 1]) \(d.year)"
    }
}
