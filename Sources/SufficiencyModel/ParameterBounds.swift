/// The largest figures a scenario holds for a council's size and flows: the loader refuses values beyond them
/// (`ScenarioBuilder`), and calibration refuses a return that would need them, naming the figure and the bound,
/// instead of writing a scenario the loader then refuses. One definition, so the two cannot drift apart.
public enum ParameterBounds {
    /// `population.children_in_care`: England as a whole has about 83,000 children in care and the largest council
    /// about 6,000, so more than this is not one council.
    public static let childrenInCare = 0...100_000
    /// `population.staying_put`, young people.
    public static let stayingPut = 0...10_000
    /// `in_house.households`.
    public static let households = 0...100_000
    /// Children or households a year (`entries.annual_rate` by age band, `uasc.annual_rate`,
    /// `recruitment.approvals_per_year`, programme capacities): England's entries to care are about 32,000 a year.
    public static let flowPerYear = 0.0...100_000.0
    /// `entries.annual_trend`, the yearly multiplier of entries.
    public static let entryTrend = 0.25...4.0
    /// `parameter_uncertainty.*.period_midpoints`, years from the start date either way.
    public static let periodMidpointYears = -100.0...100.0
}
