import Foundation
import SufficiencyModel

/// Writing the calibrated scenario: only what the return estimates, over the baseline it extends.
extension Calibration {
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (x * 10_000).rounded() / 10_000
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// `s` as a double-quoted YAML scalar: `"` written as `'` (as sources always were), a backslash escaped and
    /// control characters (a line break in a file name) written as spaces, so that any text loads as itself.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "'"
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(scalar.properties.generalCategory == .control ? " " : scalar)
            }
        }
        return out + "\""
    }

    /// `s` as a YAML scalar: plain when it is only letters, digits, spaces and `_ . - / ( ) , +` (and starts with
    /// neither a space nor `-`), as names, titles and paths usually are; otherwise quoted, so that an --out name
    /// such as `a: b` or `#2` cannot change the scenario's structure.
    static func scalar(_ s: String) -> String {
        let plain = s.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || " _.-/(),+".unicodeScalars.contains($0)
        }
        guard plain, let first = s.first, first != " ", first != "-", s.last != " " else { return quote(s) }
        return s
    }

    /// `s` fit for a `#` comment line: control characters (line breaks) as spaces.
    static func comment(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    /// A parameter as the loader reads it: value, unit, source and an optional note, at `indent` spaces.
    static func parameter(_ key: String, _ value: String, _ unit: String, _ source: String, indent: Int, note: String? = nil) -> String {
        let pad = String(repeating: " ", count: indent)
        var s = "\(pad)\(key):\n\(pad)  value: \(value)\n\(pad)  unit: \(unit)\n\(pad)  source: \(quote(source))\n"
        if let note { s += "\(pad)  note: \(quote(note))\n" }
        return s
    }

    func parameter(_ key: String, _ value: String, _ unit: String, _ source: String, indent: Int, note: String? = nil) -> String {
        Self.parameter(key, value, unit, source, indent: indent, note: note)
    }

    func table<L: Labelled>(_ type: L.Type, _ values: [Double]) -> String {
        "{" + L.allCases.map { "\"\($0.label)\": \(Self.number(values[$0.index]))" }.joined(separator: ", ") + "}"
    }

    func shares(_ counts: [Int], fallback: [Double]) -> [Double] { Self.shares(counts, fallback: fallback) }

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

    /// The calibrated scenario's YAML text.
    public mutating func scenarioYAML() -> String {
        let e = estimates
        notes = []
        var y = "# Scenario: calibrated from an SSDA903 return by `sufficiency calibrate`.\n"
        y += "# Question: what does this council's own data say about where its placements are heading?\n"
        y += "# Varies (against \(options.baseline)): entries, exits, moves, Staying Put and re-entry, and the population in\n"
        y += "#   care on \(e.snapshot); carers, costs, needs and care plans are not in the return and come from the baseline.\n"
        y += "# Sources: \(Self.comment(sourceFiles)); reference window \(e.windowStart) to \(e.windowEnd). See calibration-report.md.\n\n"
        y += "extends: \(Self.scalar(options.baseline))\nname: \(Self.scalar(options.name))\n"
        y += "title: \(Self.scalar(options.name + ", calibrated from SSDA903"))\n"
        y += "question: What does the council's own SSDA903 return say about where its placements are heading?\n\n"
        y += parameter("start_date", CivilDate(dayNumber: e.snapshot.dayNumber + 1).description, "date",
                       "the day after the snapshot date of the population", indent: 0)

        // Population at the snapshot.
        let stockByType = e.stock.map { $0.reduce(0, +) }
        let children = e.childrenInCare
        y += "\npopulation:\n"
        y += parameter("children_in_care", String(children), "children", source(children), indent: 2)
        y += parameter("placement_mix", table(PlacementType.self, shares(stockByType, fallback: baseline.population.placementMix)),
                       "share", source(children), indent: 2)
        y += "  age_mix_by_placement:\n    value:\n"
        for t in PlacementType.allCases {
            y += "      \(t.label): \(table(AgeBand.self, shares(e.stock[t.index], fallback: baseline.population.ageMixByPlacement[t.index])))\n"
        }
        y += "    unit: share\n    source: \(Self.quote(source(children) + "; types with no children keep the baseline's age mix"))\n"
        let ages = AgeBand.allCases.map { a in PlacementType.allCases.reduce(0) { $0 + e.stock[$1.index][a.index] } }
        let uascShare = AgeBand.allCases.map { ages[$0.index] > 0 ? Double(e.uascStock[$0.index]) / Double(ages[$0.index]) : 0 }
        y += parameter("uasc_share_by_age", table(AgeBand.self, uascShare), "probability", source(e.uascStock.reduce(0, +)), indent: 2)
        let meanYears = e.daysInCareAtSnapshot.isEmpty ? 2 : e.daysInCareAtSnapshot.reduce(0, +) / Double(e.daysInCareAtSnapshot.count) / 365.25
        y += parameter("years_in_care", "{mean: \(Self.number(max(meanYears, 0.05))), shape: \(Self.number(baseline.population.yearsInCareShape))}",
                       "years", source(children) + "; mean time in care at the snapshot, shape from the baseline", indent: 2)
        y += parameter("staying_put", String(e.stayingPutAtSnapshot), "young people",
                       source(e.stayingPutAtSnapshot) + "; E17 exits in the year before the snapshot, as an approximation of the stock", indent: 2)

        // Entries: a Poisson model by age band and year of the window, flat or with a trend (EntryTrend).
        let years = e.windowYears
        let entryFit = self.entryFit
        y += "\nentries:\n"
        let entrySource = source(e.entries.reduce(0, +)) + "; first entries and later periods of care that are not re-entries within 12 months of going home"
        if options.entriesTrend {
            y += parameter("annual_rate", table(AgeBand.self, entryFit.rate), "children per year",
                           entrySource + "; the fitted rate at the start date of a Poisson model with a trend by year", indent: 2)
            y += parameter("annual_trend", Self.number(entryFit.growth), "multiplier",
                           entrySource + "; exp(β) of the Poisson regression on year (standard error of β "
                            + Self.number(entryFit.trendStandardError) + ")", indent: 2)
        } else {
            y += parameter("annual_rate", table(AgeBand.self, e.entries.map { Double($0) / years }), "children per year",
                           entrySource, indent: 2)
        }
        y += "\nuasc:\n"
        y += parameter("annual_rate", Self.number(Double(e.uascEntries) / years), "children per year", source(e.uascEntries), indent: 2)
        y += parameter("age_mix", table(AgeBand.self, shares(e.uascEntryAges, fallback: baseline.uasc.ageMix)), "share", source(e.uascEntries), indent: 2)

        // Kinship and placed with parents at entry.
        let kinship = kinshipShares
        for a in AgeBand.allCases where kinship.entries[a.index] < options.minimumEvents {
            notes.append("kinship at entry, \(a.label): \(kinship.kinship[a.index]) of \(kinship.entries[a.index]) entries, "
                + "shrunk towards all ages' \(Self.number(kinship.overall)) (share \(Self.number(kinship.shares[a.index])))")
        }
        let allEntries = kinship.entries.reduce(0, +)
        let withParents = e.firstPlacement.reduce(0) { $0 + $1[PlacementType.placedWithParents.index] }
        y += "\nkinship:\n"
        y += parameter("found_at_entry_by_age", table(AgeBand.self, kinship.shares), "probability",
                       source(allEntries) + "; share of entries whose first placement is with relatives or friends, each age band "
                        + "shrunk towards all ages' share by a beta prior worth \(Self.number(options.kinshipPriorEntries)) entries", indent: 2)
        y += "\nplacement_routes:\n"
        y += parameter("placed_with_parents_at_entry", Self.number(allEntries > 0 ? Double(withParents) / Double(allEntries) : 0),
                       "probability", source(withParents), indent: 2)

        // Exits: proportional hazards, plan-independent (care plans are not in the return).
        y += "\nexits:\n"
        y += parameter("time_in_care_bands", "[0, 6, 12, 24, 60]", "months", "the baseline's bands", indent: 2)
        for (r, route) in Estimates.routes.enumerated() {
            let overall = e.exitRate(r)
            // Age band and time in care as joint factors of one Poisson model, thin levels shrunk (JointHazard).
            let fit = exitFit(r)
            let base = fit.base
            let ageMultiplier = fit.rows.map { min($0, 20) }
            let bandMultiplier = fit.columns.map { min($0, 20) }
            for a in 0..<AgeBand.count where fit.rowEvents[a] < Double(options.minimumEvents) && fit.rowExposure[a] > 0 {
                notes.append("\(route.label) exits at \(AgeBand.allCases[a].label): \(Int(fit.rowEvents[a])) events in "
                    + "\(Int((fit.rowExposure[a] * 365.25).rounded())) child-days, shrunk towards the other ages (multiplier \(Self.number(fit.rows[a])))")
            }
            y += "  \(route.label):\n"
            y += parameter("base_hazard_by_plan", "{" + CarePlan.allCases.map { "\($0.label): \(Self.number(min(base, 52)))" }.joined(separator: ", ") + "}",
                           "per year", source(overall.events, overall.exposureDays) + "; the same for every care plan (plans are not in the return)", indent: 4)
            y += parameter("age_multiplier", table(AgeBand.self, ageMultiplier), "multiplier", source(overall.events, overall.exposureDays), indent: 4)
            y += parameter("time_in_care_multiplier", "[" + bandMultiplier.map(Self.number).joined(separator: ", ") + "]", "multiplier",
                           source(overall.events, overall.exposureDays), indent: 4)
        }
        let reentry = e.reunifications > 0 ? min(Double(e.reentries) / Double(e.reunifications), 1) : baseline.exits.reentryProbability
        y += parameter("reentry_probability", Self.number(reentry), "probability",
                       source(e.reentries) + " re-entries within 12 months of \(e.reunifications) returns home", indent: 2)
        let stay = e.exitsAt18FromFoster > 0 ? min(Double(e.stayingPut) / Double(e.exitsAt18FromFoster), 1) : baseline.exits.stayingPutProbability
        y += parameter("staying_put_probability", Self.number(stay), "probability",
                       source(e.stayingPut) + " E17 of \(e.exitsAt18FromFoster) 18th birthdays in foster care", indent: 2)

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
        y += "\nbreakdowns:\n"
        y += parameter("annual_hazard_by_placement", table(PlacementType.self, rates(breakdownFit, baseline.breakdowns.annualHazardByPlacement)),
                       "per year", source(e.breakdowns.reduce(0, +), exposureTotal)
                        + "; REASON_PLACE_CHANGE CREQB, CREQO, CLOSE, ALLEG, STAND, APPRR" + moveNote, indent: 2)
        y += parameter("need_multiplier", "{standard: 1, complex: 1, very_complex: 1}", "multiplier",
                       "calibration: needs are not in the return, so rates by placement type stand for all tiers", indent: 2)
        y += parameter("age_multiplier", table(AgeBand.self, breakdownFit.columns.map { min($0, 20) }), "multiplier",
                       source(e.breakdowns.reduce(0, +), exposureTotal) + "; the age factor of the joint model", indent: 2)
        y += parameter("early_multiplier", "1", "multiplier", "calibration: the estimated rates already include early breakdowns", indent: 2)
        y += "\nplanned_moves:\n"
        y += parameter("annual_hazard_by_placement", table(PlacementType.self, rates(plannedFit, baseline.plannedMoves.annualHazardByPlacement)),
                       "per year", source(e.plannedMoves.reduce(0, +), exposureTotal) + "; other placement changes, moves to adopters excluded" + moveNote, indent: 2)
        y += parameter("age_multiplier", table(AgeBand.self, plannedFit.columns.map { min($0, 20) }), "multiplier",
                       source(e.plannedMoves.reduce(0, +), exposureTotal) + "; the age factor of the joint model", indent: 2)

        // Carers: sized to hold the in-house children at the baseline's ratio.
        let (inHouse, ratio, households, approvals) = inHouseSizing
        var supply = [
            ScenarioSection("in_house", [("households", parameter("households", String(households), "households",
                "calibration: \(Int(inHouse)) in-house children at the snapshot at the baseline's \(Self.number(ratio)) households per child (carers are not in the return)", indent: 2))]),
            ScenarioSection("recruitment", [("approvals_per_year", parameter("approvals_per_year", Self.number(approvals), "households per year",
                "calibration: the baseline's approvals scaled with the number of households", indent: 2))]),
        ]
        // Ofsted's figures for the council's own carers, when given, replace the sizing above key by key. Exits are
        // written above from the return, whose Staying Put estimate (E17) stands.
        if let fostering {
            supply = ScenarioSection.merge(supply, fostering.sections().filter { $0.name != "exits" })
            notes.append("fostering supply from Ofsted (\(fostering.label)): the return alone would give \(households) households "
                + "and \(Self.number(approvals)) approvals a year; Ofsted's figures replace those it publishes")
        }
        y += ScenarioSection.text(supply)
        y += uncertaintyYAML()
        if e.childrenWithoutBirth > 0 { notes.append("\(e.childrenWithoutBirth) children without a date of birth were left out of the estimates") }
        if !notes.isEmpty { y += "\n# Notes:\n" + notes.map { "#   - \($0)" }.joined(separator: "\n") + "\n" }
        return y
    }
}
