/// A calendar date (proleptic Gregorian), converted to and from a day count without Foundation's calendars,
/// which are slow and locale-dependent.
///
/// The day count is days since 1970-01-01. Algorithm: Howard Hinnant, "chrono-Compatible Low-Level Date
/// Algorithms" (`days_from_civil`, `civil_from_days`).
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `yyyy-mm-dd`, returning nil for anything else or an impossible date.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= CivilDate.daysInMonth(year: y, month: m)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The first day of the following month.
    public var firstOfNextMonth: CivilDate {
        month == 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)
    }

    /// The same day `years` later (29 February becomes 28 February in a common year).
    public func adding(years: Int) -> CivilDate {
        let y = year + years
        return CivilDate(year: y, month: month, day: min(day, CivilDate.daysInMonth(year: y, month: month)))
    }

    /// The financial year (1 April – 31 March) containing this date.
    public var financialYear: FinancialYear { FinancialYear(startYear: month >= 4 ? year : year - 1) }

    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }
}

/// An English public-sector financial year, 1 April to 31 March, labelled like `2017-18`.
public struct FinancialYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The calendar year in which the financial year starts.
    public var startYear: Int

    public init(startYear: Int) { self.startYear = startYear }

    /// Parses `2017-18`; the second part must be the following year.
    public init?(label: String) {
        let parts = label.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = Int(parts[0]), let tail = Int(parts[1]), (y + 1) % 100 == tail else { return nil }
        startYear = y
    }

    public var label: String {
        let tail = (startYear + 1) % 100
        return "\(startYear)-\(tail < 10 ? "0" : "")\(tail)"
    }

    public var description: String { label }
    public var firstDay: CivilDate { CivilDate(year: startYear, month: 4, day: 1) }
    /// 31 March, the date of the year's stock figures.
    public var lastDay: CivilDate { CivilDate(year: startYear + 1, month: 3, day: 31) }

    public static func < (a: FinancialYear, b: FinancialYear) -> Bool { a.startYear < b.startYear }
}
