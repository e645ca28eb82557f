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

// MARK: - Schema
//
// ```yaml
// parameter_uncertainty:
//   draw_rates: {value: true, unit: flag, source: "..."}
//   exits:
//     adoption:
//       events:   {value: {"0": [3, 1, 0, 0, 0], "1-4": [...], ...}, unit: events, source: "..."}
//       exposure: {value: {"0": [20.1, 8.2, 1.0, 0, 0], ...}, unit: child-years, source: "..."}
//   breakdowns:      {events: ..., exposure: ...}    # rows placement types, columns age bands
//   planned_moves:   {events: ..., exposure: ...}
//   entries:
//     events:          {value: {"0": [14, 12, 17], ...}, unit: children, source: "..."}
//     period_years:    {value: [1, 1, 1], unit: years, source: "..."}
//     period_midpoints: {value: [-2.5, -1.5, -0.5], unit: years, source: "..."}
//     trend:           {value: false, unit: flag, source: "..."}
//   uasc: {events: {value: [3, 5, 4], ...}, period_years: ..., period_midpoints: ..., trend: ...}
// ```

extension ParameterUncertainty: SchemaSection {
    init() { self.init(drawRates: true) }

    static var schema: [SchemaEntry<Self>] {
        [
            .flag("draw_rates", Unit.flag, \.drawRates, "Whether runs draw the estimated rates afresh in each replication"),
            .group(key: "exits", required: false, ExitRoute.hazardRoutes.enumerated().map { r, route in
                .optionalSection(route.label, \.exits[r], "Events and exposure behind the \(route.label) hazard",
                                 schema: EventTable.schema(rows: AgeBand.self, "age band", columns: "time-in-care band"))
            }),
            .optionalSection("breakdowns", \.breakdowns, "Events and exposure behind the breakdown hazards",
                             schema: EventTable.schema(rows: PlacementType.self, "placement type", columns: "age band")),
            .optionalSection("planned_moves", \.plannedMoves, "Events and exposure behind the planned move hazards",
                             schema: EventTable.schema(rows: PlacementType.self, "placement type", columns: "age band")),
            .optionalSection("entries", \.entries, "Entries behind the entry rates",
                             schema: EntryTable.schema(rows: AgeBand.labels)),
            .optionalSection("uasc", \.uasc, "UASC arrivals behind their rate", schema: EntryTable.schema(rows: nil)),
        ]
    }
}

extension EventTable: SchemaSection {
    init() { self.init(events: [], exposureYears: []) }

    static var schema: [SchemaEntry<Self>] { schema(rows: AgeBand.self, "age band", columns: "column") }

    /// Rows by the labels of `rows` (named `rowName`), one column per `columns`.
    static func schema<L: Labelled>(rows: L.Type, _ rowName: String, columns: String) -> [SchemaEntry<Self>] {
        [
            .rowLists("events", Unit.events, rows: L.labels, .range(0...1e9), \.events,
                      "Events in each cell, a row per \(rowName), a column per \(columns)"),
            .rowLists("exposure", Unit.childYears, rows: L.labels, .range(0...1e9), \.exposureYears,
                      "Time at risk in each cell"),
        ]
    }

    static func check(_ value: Self, _ context: SectionContext) -> Bool {
        guard context.read("events"), context.read("exposure"), value.events.first?.count != value.exposureYears.first?.count else {
            return true
        }
        context.reader.fail(context.mapping.node, join(context.mapping.path, "exposure"),
                            "needs as many columns as events (\(value.events.first?.count ?? 0))")
        return false
    }
}

extension EntryTable: SchemaSection {
    init() { self.init(events: [], periodYears: [], midpoints: [], trend: false) }

    static var schema: [SchemaEntry<Self>] { schema(rows: AgeBand.labels) }

    /// Entries by row label and period; `rows` nil for a single row written as a plain list (UASC).
    static func schema(rows: [String]?) -> [SchemaEntry<Self>] {
        let events: SchemaEntry<Self> = rows.map {
            .rowLists("events", Unit.children, rows: $0, .range(0...1e9), \.events, "Entries by row and period")
        } ?? .list("events", Unit.children, .range(0...1e9), "Entries by period") { $0.events = [$1] }
        return [
            events,
            .list("period_years", Unit.years, .range(0...100), "Length of each period of the reference window") {
                $0.periodYears = $1
            },
            .list("period_midpoints", Unit.years, .range(ParameterBounds.periodMidpointYears),
                  "Middle of each period, in years from the start date") { $0.midpoints = $1 },
            .flag("trend", Unit.flag, \.trend, "Whether the rate was fitted with a trend by year"),
        ]
    }

    static func check(_ value: Self, _ context: SectionContext) -> Bool {
        guard ["events", "period_years", "period_midpoints"].allSatisfy(context.read) else { return true }
        guard value.events.allSatisfy({ $0.count == value.periodYears.count }),
              value.midpoints.count == value.periodYears.count else {
            context.reader.fail(context.mapping.node, context.mapping.path,
                                "events, period_years and period_midpoints need one value per period (\(value.periodYears.count))")
            return false
        }
        return true
    }
}
