/// What a calibrated scenario's estimated rates rest on, so that a run can carry the estimates' own uncertainty
/// into its intervals (`parameter_uncertainty:` in a scenario; written by `calibrate`).
///
/// A rate estimated from a few hundred events is itself uncertain; a forecast that uses only the point estimate
/// gives intervals that hold the process's randomness alone and so are too narrow. For each estimated table the
/// scenario keeps the events and exposure of its cells; each replication then draws the cells' events again from
/// the fitted model (a parametric bootstrap), refits, and scales the scenario's rates by the refitted over the
/// fitted values. Scaling, rather than replacing, keeps whatever a scenario layered on top of the calibration
/// (an intervention's multiplier, an override) and keeps a comparison's baseline and scenario on the same draws.
public struct ParameterUncertainty: Sendable {
    /// Whether runs draw rates (`draw_rates`); a run can also switch it off.
    public var drawRates: Bool
    /// Events and exposure behind each exit route's hazard, rows age band × columns time-in-care band, in
    /// `ExitRoute.hazardRoutes` order (nil: the route was not estimated).
    public var exits: [EventTable?]
    /// Breakdowns and planned moves: rows placement type × columns age band.
    public var breakdowns: EventTable?
    public var plannedMoves: EventTable?
    /// Entries by age band (rows) and period of the reference window, and UASC arrivals (one row).
    public var entries: EntryTable?
    public var uasc: EntryTable?

    public init(drawRates: Bool = true, exits: [EventTable?] = Array(repeating: nil, count: ExitRoute.hazardRoutes.count),
                breakdowns: EventTable? = nil, plannedMoves: EventTable? = nil, entries: EntryTable? = nil,
                uasc: EntryTable? = nil) {
        self.drawRates = drawRates
        self.exits = exits
        self.breakdowns = breakdowns
        self.plannedMoves = plannedMoves
        self.entries = entries
        self.uasc = uasc
    }

    /// Number of tables recorded.
    public var tableCount: Int {
        exits.compactMap { $0 }.count + [breakdowns, plannedMoves].compactMap { $0 }.count
            + [entries, uasc].compactMap { $0 }.count
    }
}

/// Events and exposure (years) in the cells of a two-factor table, fitted by `JointHazard`.
public struct EventTable: Sendable, Equatable {
    public var events: [[Double]]
    public var exposureYears: [[Double]]
    public init(events: [[Double]], exposureYears: [[Double]]) {
        self.events = events
        self.exposureYears = exposureYears
    }
}

/// Entries by row and period, the periods' lengths and midpoints (years from the forecast's start), and whether
/// the rate was fitted with a trend (`EntryTrend`).
public struct EntryTable: Sendable, Equatable {
    public var events: [[Double]]
    public var periodYears: [Double]
    public var midpoints: [Double]
    public var trend: Bool
    public init(events: [[Double]], periodYears: [Double], midpoints: [Double], trend: Bool) {
        self.events = events
        self.periodYears = periodYears
        self.midpoints = midpoints
        self.trend = trend
    }
}
