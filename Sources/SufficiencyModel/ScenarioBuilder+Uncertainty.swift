import Yams

/// `parameter_uncertainty:` — the events and exposure behind a calibrated scenario's rates (`ParameterUncertainty`).
///
/// ```yaml
/// parameter_uncertainty:
///   draw_rates: {value: true, unit: flag, source: "..."}
///   exits:
///     adoption:
///       events:   {value: {"0": [3, 1, 0, 0, 0], "1-4": [...], ...}, unit: events, source: "..."}
///       exposure: {value: {"0": [20.1, 8.2, 1.0, 0, 0], ...}, unit: child-years, source: "..."}
///   breakdowns:      {events: ..., exposure: ...}    # rows placement types, columns age bands
///   planned_moves:   {events: ..., exposure: ...}
///   entries:
///     events:          {value: {"0": [14, 12, 17], ...}, unit: children, source: "..."}
///     period_years:    {value: [1, 1, 1], unit: years, source: "..."}
///     period_midpoints: {value: [-2.5, -1.5, -0.5], unit: years, source: "..."}
///     trend:           {value: false, unit: flag, source: "..."}
///   uasc: {events: {value: [3, 5, 4], ...}, period_years: ..., period_midpoints: ..., trend: ...}
/// ```
extension ScenarioBuilder {
    func parameterUncertainty(_ m: MappingReader) -> ParameterUncertainty? {
        defer { m.finish() }
        var result = ParameterUncertainty()
        var ok = true
        if let draw = flag("draw_rates", in: m) { result.drawRates = draw } else { ok = false }
        if m.value("exits", required: false) != nil, let x = m.section("exits") {
            for (r, route) in ExitRoute.hazardRoutes.enumerated() where x.value(route.label, required: false) != nil {
                guard let t = x.section(route.label) else { ok = false; continue }
                if let table = eventTable(t, rows: AgeBand.labels) { result.exits[r] = table } else { ok = false }
            }
            x.finish()
        }
        for (key, set) in [("breakdowns", { (t: EventTable) in result.breakdowns = t }),
                           ("planned_moves", { (t: EventTable) in result.plannedMoves = t })]
            where m.value(key, required: false) != nil {
            guard let t = m.section(key) else { ok = false; continue }
            if let table = eventTable(t, rows: PlacementType.labels) { set(table) } else { ok = false }
        }
        if m.value("entries", required: false) != nil {
            if let t = m.section("entries"), let table = entryTable(t, rows: AgeBand.labels) {
                result.entries = table
            } else { ok = false }
        }
        if m.value("uasc", required: false) != nil {
            if let t = m.section("uasc"), let table = entryTable(t, rows: nil) { result.uasc = table } else { ok = false }
        }
        return ok ? result : nil
    }

    /// A parameter whose value is `true` or `false`.
    func flag(_ key: String, in m: MappingReader) -> Bool? {
        guard let (node, path) = m.parameter(key, unit: Unit.flag) else { return nil }
        if case .scalar(let s) = node, let b = Bool(s.string) { return b }
        reader.fail(node, path, "expected true or false, found \(reader.describe(node))")
        return nil
    }

    /// Rows keyed by `rows` labels, each a list of one number per column (the same length for every row).
    func rowLists(_ key: String, unit: String, in m: MappingReader, rows: [String], _ constraint: Constraint) -> [[Double]]? {
        guard let (node, path) = m.parameter(key, unit: unit) else { return nil }
        guard let table = reader.mapping(node, path: path) else { return nil }
        defer { table.finish() }
        var result: [[Double]] = []
        for label in rows {
            guard let row = table.value(label) else { return nil }
            guard let list = reader.numberList(row, join(path, label), constraint) else { return nil }
            if let first = result.first, first.count != list.count {
                reader.fail(row, join(path, label), "has \(list.count) columns where the first row has \(first.count)")
                return nil
            }
            result.append(list)
        }
        return result
    }

    func eventTable(_ m: MappingReader, rows: [String]) -> EventTable? {
        defer { m.finish() }
        let events = rowLists("events", unit: Unit.events, in: m, rows: rows, .range(0...1e9))
        let exposure = rowLists("exposure", unit: Unit.childYears, in: m, rows: rows, .range(0...1e9))
        guard let events, let exposure else { return nil }
        guard events.first?.count == exposure.first?.count else {
            reader.fail(m.node, join(m.path, "exposure"), "needs as many columns as events (\(events.first?.count ?? 0))")
            return nil
        }
        return EventTable(events: events, exposureYears: exposure)
    }

    /// Entries by row and period; `rows` nil for a single row given as a plain list (UASC).
    func entryTable(_ m: MappingReader, rows: [String]?) -> EntryTable? {
        defer { m.finish() }
        let events: [[Double]]?
        if let rows {
            events = rowLists("events", unit: Unit.children, in: m, rows: rows, .range(0...1e9))
        } else {
            events = m.parameter("events", unit: Unit.children).flatMap { reader.numberList($0.node, $0.path, .range(0...1e9)) }
                .map { [$0] }
        }
        let years = m.parameter("period_years", unit: Unit.years).flatMap { reader.numberList($0.node, $0.path, .range(0...100)) }
        let midpoints = m.parameter("period_midpoints", unit: Unit.years)
            .flatMap { reader.numberList($0.node, $0.path, .range(ParameterBounds.periodMidpointYears)) }
        let trend = flag("trend", in: m)
        guard let events, let years, let midpoints, let trend else { return nil }
        guard events.allSatisfy({ $0.count == years.count }), midpoints.count == years.count else {
            reader.fail(m.node, m.path, "events, period_years and period_midpoints need one value per period (\(years.count))")
            return nil
        }
        return EntryTable(events: events, periodYears: years, midpoints: midpoints, trend: trend)
    }
}
