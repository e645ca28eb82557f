import SufficiencyModel

/// The Department for Education's placement stability measures (SSDA903 guidance, "Children looked after in
/// England", stability indicators), as pure functions so that tests can check them on hand-built histories and the
/// engine's running counts against them.
public enum DfEStability {
    /// Where a child stands in the long-term stability measure at 31 March.
    public enum LongTerm: Equatable, Sendable {
        /// Counted, and in the same placement for 2 years or more.
        case stable
        /// Counted, but not in the same placement for 2 years.
        case unstable
        /// Not counted: aged 16 or over, or looked after for less than 2½ years.
        case outOfScope
    }

    /// Long-term stability: of children aged under 16 at 31 March who have been looked after continuously for
    /// 2½ years or more, those who have lived in the same placement for 2 years or more (a child placed for adoption
    /// counts the adoptive placement together with the placement before it).
    /// - Parameters: `age` in years at 31 March; `daysInCare` since the current period of care began;
    ///   `daysStable` since the placement that counts began.
    public static func longTerm(age: Double, daysInCare: Double, daysStable: Double) -> LongTerm {
        guard age < 16, daysInCare >= 2.5 * daysPerYear else { return .outOfScope }
        return daysStable >= 2 * daysPerYear ? .stable : .unstable
    }

    /// Placements a child held during the year `[yearStart, yearEnd)`, in any period of care: the placement in force
    /// at the year's start (if any) and every placement that began within it. `starts` are the days each placement
    /// began, in order, for a child who was in the last placement begun before the year when the year began (if one
    /// was begun before it); a child who goes home and comes back within the year counts every placement.
    public static func placementsInYear(starts: [Double], yearStart: Double, yearEnd: Double) -> Int {
        let carried = starts.contains { $0 < yearStart } ? 1 : 0
        return carried + starts.filter { $0 >= yearStart && $0 < yearEnd }.count
    }

    /// The short-term stability measure: a child looked after at 31 March counts if they held 3 or more placements
    /// during the year ending then.
    public static func threeOrMore(starts: [Double], yearStart: Double, yearEnd: Double) -> Bool {
        placementsInYear(starts: starts, yearStart: yearStart, yearEnd: yearEnd) >= 3
    }
}

