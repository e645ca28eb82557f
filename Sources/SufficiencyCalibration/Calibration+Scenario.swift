import Foundation
import SufficiencyModel

/// Writing the calibrated scenario: only what the return estimates, over the baseline it extends.
///
/// Estimation hands over typed settings (key path, value, source: `settings()`); `ScenarioDocument` turns them
/// into the file through Yams, with each unit from the scenario schema.
extension Calibration {
    static func number(_ x: Double) -> String { ScenarioWriter.number(x) }

    /// `s` fit for a `#` comment line: control characters (line breaks) as spaces.
    static func comment(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    /// Counts as shares rounded to four places that sum to exactly 1; `fallback` when there are none.
    static func shares(_ counts: [Int], fallback: [Double]) -> [Double] {
        let total = counts.reduce(0, +)
        guard total > 0 else { return fallback }
        var s = counts.map { Double($0) / Double(total) }
        // Rounded to four places, the last share takes the rounding so the row sums to exactly 1.
        s = s.map { ($0 * 10_000).rounded() / 10_000 }
        let k = s.indices.max { s[$0] < s[$1] }!
        s[k] += 1 - s.reduce(0, +)
        s[k] = (s[k] * 10_000).rounded() / 10_000
        return s
    }

    func shares(_ counts: [Int], fallback: [Double]) -> [Double] { Self.shares(counts, fallback: fallback) }

    /// In-house carers sized to hold the in-house children at the snapshot at the baseline's households per child,
    /// and approvals scaled with them (carers are not in the return).
    var inHouseSizing: (children: Double, ratio: Double, households: Int, approvals: Double) {
        let inHouse = Double(estimates.stock[PlacementType.inHouseFoster.index].reduce(0, +))
        let baseInHouse = Double(baseline.population.childrenInCare) * baseline.population.placementMix[PlacementType.inHouseFoster.index]
        let ratio = baseInHouse > 0 ? Double(baseline.inHouse.households) / baseInHouse : 0.5
        let households = max(1, Int((inHouse * ratio).rounded()))
        let scale = Double(households) / Double(max(baseline.inHouse.households, 1))
        return (inHouse, ratio, households, baseline.recruitment.approvalsPerYear.values.first! * scale)
    }

    /// The calibrated scenario's text.
    public mutating func scenarioYAML() -> String { document().yaml() }

    /// The calibrated scenario: the header, the estimated settings (with Ofsted's supply over the in-house sizing
    /// when given), what the rates rest on, and the notes.
    public mutating func document() -> ScenarioDocument {
        let e = estimates
        notes = []
        var doc = ScenarioDocument(extends: options.baseline, name: options.name, title: options.name + ", calibrated from SSDA903",
                                   question: "What does the council's own SSDA903 return say about where its placements are heading?")
        doc.header = [
            "# Scenario: calibrated from an SSDA903 return by `sufficiency calibrate`.",
            "# Question: what does this council's own data say about where its placements are heading?",
            "# Varies (against \(Self.comment(options.baseline))): entries, exits, moves, Staying Put and re-entry, and the population in",
            "#   care on \(e.snapshot); carers, costs, needs and care plans are not in the return and come from the baseline.",
            "# Sources: \(Self.comment(sourceFiles)); reference window \(e.windowStart) to \(e.windowEnd). See calibration-report.md.",
        ]
        doc.set(settings())
        // Carers: sized to hold the in-house children at the baseline's ratio.
        let (inHouse, ratio, households, approvals) = inHouseSizing
        doc.set(ParameterSetting("in_house.households", .whole(households), source: "calibration: \(Int(inHouse)) in-house "
            + "children at the snapshot at the baseline's \(Self.number(ratio)) households per child (carers are not in the return)"))
        doc.set(ParameterSetting("recruitment.approvals_per_year", .schedule(Schedule(approvals)),
                                 source: "calibration: the baseline's approvals scaled with the number of households"))
        // Ofsted's figures for the council's own carers, when given, replace the sizing above key by key. Exits are
        // written from the return, whose Staying Put estimate (E17) stands.
        if let fostering {
            doc.set(fostering.settings().filter { !$0.keyPath.hasPrefix("exits.") })
            doc.benchmarks = fostering.estimates.benchmarks
            notes.append("fostering supply from Ofsted (\(fostering.label)): the return alone would give \(households) households "
                + "and \(Self.number(approvals)) approvals a year; Ofsted's figures replace those it publishes")
        }
        doc.set(uncertaintySettings())
        doc.sectionComments["parameter_uncertainty"] = [
            "# What the estimated rates rest on: each replication of a run draws its rates from these (a parametric",
            "# bootstrap), so that intervals hold the estimates' uncertainty too. Set draw_rates to false to use the point",
            "# estimates alone.",
        ]
        if e.childrenWithoutBirth > 0 { notes.append("\(e.childrenWithoutBirth) children without a date of birth were left out of the estimates") }
        if let recorded = Backtest.observedFrom(data), e.windowStart < recorded {
            notes.append("the reference window starts at \(e.windowStart), before the return records entries and exits (from "
                + "\(recorded)): the days between count children's time in care with none of their exits or entries, so "
                + "those rates are understated")
        }
        if !notes.isEmpty { doc.footer = ["# Notes:"] + notes.map { "#   - \(Self.comment($0))" } }
        return doc
    }

    /// What the return estimates, as typed settings in writing order; appends to `notes` what was shrunk.
    mutating func settings() -> [ParameterSetting] {
        let e = estimates
        var out: [ParameterSetting] = []
        func set(_ keyPath: String, _ value: ParameterValue, _ source: String) { out.append(ParameterSetting(keyPath, value, source: source)) }
        set("start_date", .date(CivilDate(dayNumber: e.snapshot.dayNumber + 1)), "the day after the snapshot date of the population")

        // Population at the snapshot.
        let stockByType = e.stock.map { $0.reduce(0, +) }
        let children = e.childrenInCare
        set("population.children_in_care", .whole(children), source(children))
        set("population.placement_mix", .numbers(shares(stockByType, fallback: baseline.population.placementMix)), source(children))
        set("population.age_mix_by_placement", .rows(PlacementType.allCases.map {
            shares(e.stock[$0.index], fallback: baseline.population.ageMixByPlacement[$0.index])
        }), source(children) + "; types with no children keep the baseline's age mix")
        let ages = AgeBand.allCases.map { a in PlacementType.allCases.reduce(0) { $0 + e.stock[$1.index][a.index] } }
        let uascShare = AgeBand.allCases.map { ages[$0.index] > 0 ? Double(e.uascStock[$0.index]) / Double(ages[$0.index]) : 0 }
        set("population.uasc_share_by_age", .numbers(uascShare), source(e.uascStock.reduce(0, +)))
        set("population.staying_put", .whole(e.stayingPutAtSnapshot),
            source(e.stayingPutAtSnapshot) + "; E17 exits at 18 from foster care in the year before the snapshot, as an approximation of the stock")

        // Entries: a Poisson model by age band and year of the window, flat or with a trend (EntryTrend).
        let years = e.windowYears
        let entrySource = source(e.entries.reduce(0, +)) + "; first entries and later periods of care that are not re-entries within 12 months of going home"
        if options.entriesTrend {
            let fit = entryFit
            set("entries.annual_rate", .numbers(fit.rate), entrySource + "; the fitted rate at the start date of a Poisson model with a trend by year")
            set("entries.annual_trend", .number(fit.growth), entrySource + "; exp(β) of the Poisson regression on year (standard error of β "
                + Self.number(fit.trendStandardError) + ")")
        } else {
            set("entries.annual_rate", .numbers(e.entries.map { Double($0) / years }), entrySource)
        }
        set("uasc.annual_rate", .number(Double(e.uascEntries) / years), source(e.uascEntries))
        set("uasc.age_mix", .numbers(shares(e.uascEntryAges, fallback: baseline.uasc.ageMix)), source(e.uascEntries))

        // Kinship and placed with parents at entry.
        let kinship = kinshipShares
        for a in AgeBand.allCases where kinship.entries[a.index] < options.minimumEvents {
            notes.append("kinship at entry, \(a.label): \(kinship.kinship[a.index]) of \(kinship.entries[a.index]) entries, "
                + "shrunk towards all ages' \(Self.number(kinship.overall)) (share \(Self.number(kinship.shares[a.index])))")
        }
        let allEntries = kinship.entries.reduce(0, +)
        let withParents = e.firstPlacement.reduce(0) { $0 + $1[PlacementType.placedWithParents.index] }
        set("kinship.found_at_entry_by_age", .numbers(kinship.shares), source(allEntries) + "; share of entries whose first "
            + "placement is with relatives or friends, each age band shrunk towards all ages' share by a beta prior worth "
            + "\(Self.number(options.kinshipPriorEntries)) entries")
        set("placement_routes.placed_with_parents_at_entry",
            .number(allEntries > 0 ? Double(withParents) / Double(allEntries) : 0), source(withParents))

        // Exits: proportional hazards, plan-independent (care plans are not in the return), on the baseline's bands.
        set("exits.time_in_care_bands", .numbers(e.bandMonths), "the baseline's bands")
        for (r, route) in Estimates.routes.enumerated() {
            let overall = e.exitRate(r)
            // Age band and time in care as joint factors of one Poisson model, thin levels shrunk (JointHazard).
            let fit = exitFit(r)
            for a in 0..<AgeBand.count where fit.rowEvents[a] < Double(options.minimumEvents) && fit.rowExposure[a] > 0 {
                notes.append("\(route.label) exits at \(AgeBand.allCases[a].label): \(Int(fit.rowEvents[a])) events in "
                    + "\(Int((fit.rowExposure[a] * 365.25).rounded())) child-days, shrunk towards the other ages (multiplier \(Self.number(fit.rows[a])))")
            }
            let s = source(overall.events, overall.exposureDays)
            set("exits.\(route.label).base_hazard_by_plan", .numbers(CarePlan.allCases.map { _ in min(fit.base, 52) }),
                s + "; the same for every care plan (plans are not in the return)")
            set("exits.\(route.label).age_multiplier", .numbers(fit.rows.map { min($0, 20) }), s)
            set("exits.\(route.label).time_in_care_multiplier", .numbers(fit.columns.map { min($0, 20) }), s)
        }
        let reentry = e.reunifications > 0 ? min(Double(e.reentries) / Double(e.reunifications), 1) : baseline.exits.reentryProbability
        set("exits.reentry_probability", .number(reentry),
            source(e.reentries) + " re-entries within 12 months of \(e.reunifications) returns home")
        let stay = e.exitsAt18FromFoster > 0 ? min(Double(e.stayingPut) / Double(e.exitsAt18FromFoster), 1) : baseline.exits.stayingPutProbability
        set("exits.staying_put_probability", .number(stay), source(e.stayingPut) + " E17 of \(e.exitsAt18FromFoster) 18th birthdays in foster care")

        // Moves: placement type × age band as joint factors (JointHazard); types with under a year of exposure keep
        // the baseline's rate (the return says nothing about them).
        func rates(_ fit: JointHazard, _ fallback: [Double]) -> [Double] {
            PlacementType.allCases.map { t in
                e.placementExposure[t.index] >= 365 ? min(fit.base * fit.rows[t.index], 52) : fallback[t.index]
            }
        }
        let exposureTotal = e.placementExposure.reduce(0, +)
        let breakdownFit = self.breakdownFit, plannedFit = plannedMoveFit
        let moveNote = "; placement type and age band at the move as joint factors of one Poisson model; types with under a year of exposure keep the baseline"
        let breakdowns = source(e.breakdowns.reduce(0, +), exposureTotal)
        set("breakdowns.annual_hazard_by_placement", .numbers(rates(breakdownFit, baseline.breakdowns.annualHazardByPlacement)),
            breakdowns + "; REASON_PLACE_CHANGE CREQB, CREQO, CLOSE, ALLEG, STAND, APPRR" + moveNote)
        set("breakdowns.need_multiplier", .numbers(NeedTier.allCases.map { _ in 1 }),
            "calibration: needs are not in the return, so rates by placement type stand for all tiers")
        set("breakdowns.age_multiplier", .numbers(breakdownFit.columns.map { min($0, 20) }), breakdowns + "; the age factor of the joint model")
        set("breakdowns.early_multiplier", .number(1), "calibration: the estimated rates already include early breakdowns")
        set("breakdowns.settled_multiplier", .number(1), "calibration: the estimated rates already include settled placements' fewer breakdowns")
        let planned = source(e.plannedMoves.reduce(0, +), exposureTotal)
        set("planned_moves.annual_hazard_by_placement", .numbers(rates(plannedFit, baseline.plannedMoves.annualHazardByPlacement)),
            planned + "; other placement changes, moves to adopters excluded" + moveNote)
        set("planned_moves.age_multiplier", .numbers(plannedFit.columns.map { min($0, 20) }), planned + "; the age factor of the joint model")
        return out
    }
}
