import Foundation
import SufficiencyModel

/// What `report` and `gap` check in a `results.json` once it has decoded, before any figure is worded or drawn.
///
/// The file is the run's own output, but it can be edited or damaged after the run. A figure the briefing cannot
/// honestly print (10^19 children, an annual array shorter than the run's years) is refused here, one line per
/// problem naming the key, rather than surfacing later as a crash in the wording or a chart.
extension RunData {
    /// The largest magnitude a figure in `results.json` may have. No count of a council's children, carers or places
    /// comes near 10^12, and neither does any sum of pounds (a large council spends about £10^8 a year on placements,
    /// so even a run's cumulative net cost over 15 years stays under 10^10); a larger figure is a damaged file. The
    /// bound also keeps every figure the report rounds to a whole number far inside `Int` (about 9.2 × 10^18).
    public static let largestFigure = 1e12

    /// The annual metrics the briefing reads (its headlines, cost chart and indicators); every run writes them. It
    /// also shows `placed_over_50_miles_pct` when a run has it (runs written before it existed do not).
    static let requiredAnnual = [
        "children_in_care", "in_house_foster", "ifa_foster", "residential", "displaced_to_residential",
        "cost_total", "cost_in_house_foster", "cost_ifa_foster", "cost_residential", "cost_other",
        "moves_3plus_pct", "placed_over_20_miles_pct", "in_house_occupancy_pct", "long_term_stability_pct",
        "sibling_groups_together_pct",
    ]

    /// The month-end series the briefing's fan charts read; every run writes them.
    static let requiredMonthly = Briefing.fans.map(\.series)

    /// Every problem with decoded results, one line each (without the file's name): no years, missing keys, arrays
    /// without one entry per year (or month), and figures that are not finite or beyond `largestFigure`; empty when
    /// the results are fit to report. A key with many bad figures is one problem, naming the first and the count.
    static func problems(in r: RunSummary) -> [String] {
        var problems: [String] = []
        if r.years.isEmpty { problems.append("years: none (a run simulates at least one year)") }
        for (key, missing) in [("annual", requiredAnnual.filter { r.annual[$0] == nil }),
                               ("monthly", requiredMonthly.filter { r.monthly[$0] == nil })] where !missing.isEmpty {
            problems.append("\(key): no \(missing.joined(separator: ", ")) (every run writes them)")
        }

        /// The arrays of one section (`annual`, ...): one entry per label (a year or a month), each entry's named
        /// figures plausible. Arrays of the wrong length are one problem for the section (when `years` has grown,
        /// every array is short), naming the first.
        func check<T>(_ section: String, _ arrays: [String: [T]], per labels: [String], _ unit: String,
                      figures: (T) -> [(String, Double)]) {
            let sorted = arrays.sorted { $0.key < $1.key }
            let wrong = sorted.filter { $0.value.count != labels.count }
            if let first = wrong.first {
                let n = first.value.count
                problems.append("\(section).\(first.key): \(n) \(n == 1 ? "entry" : "entries") for the run's \(labels.count) "
                    + "\(unit)s (one per \(unit))" + (wrong.count > 1 ? "; \(wrong.count - 1) other \(section) keys are the wrong length too" : ""))
            }
            for (key, rows) in sorted { check(section + "." + key, rows, per: labels, figures: figures) }
        }
        /// One key's array: each entry's named figures plausible.
        func check<T>(_ key: String, _ rows: [T], per labels: [String], figures: (T) -> [(String, Double)]) {
            var bad: [String] = []
            for (i, row) in rows.enumerated() {
                let label = i < labels.count ? labels[i] : "entry \(i + 1)"
                for (name, x) in figures(row) where !isPlausible(x) { bad.append("\(label) \(name) is \(describe(x))") }
            }
            if let first = bad.first { problems.append("\(key): " + implausible(first, count: bad.count)) }
        }
        check("annual", r.annual, per: r.years, "year") { s in
            [("mean", s.mean), ("sd", s.sd), ("p05", s.p05), ("p10", s.p10), ("p25", s.p25), ("p50", s.p50),
             ("p75", s.p75), ("p90", s.p90), ("p95", s.p95)]
        }
        check("monthly", r.monthly, per: r.months, "month") { q in
            [("mean", q.mean), ("p05", q.p05), ("p25", q.p25), ("p50", q.p50), ("p75", q.p75), ("p95", q.p95)]
        }
        func estimate(_ e: RunSummary.Estimate) -> [(String, Double)] {
            [("mean", e.mean), ("p05", e.p05), ("p50", e.p50), ("p95", e.p95)]
        }
        check("requests", r.requests, per: r.years, "year", figures: estimate)

        /// The gap's segments or the supply: one problem per measure, wherever in the list its bad figures are.
        func measures<M: Labelled>(_ key: String, _ items: [(name: String, measures: [M: RunSummary.Estimate])]) {
            for measure in M.allCases {
                var bad: [String] = []
                for item in items {
                    guard let e = item.measures[measure] else { continue }
                    for (name, x) in estimate(e) where !isPlausible(x) { bad.append("\(item.name) \(name) is \(describe(x))") }
                }
                if let first = bad.first {
                    problems.append("\(key)[*].measures.\(measure.label): " + implausible(first, count: bad.count))
                }
            }
        }
        // The gap's and the supply's entries: every year of the run has one per segment (a year without any was
        // worded as no shortfall and no vacant places, or as a year not in the run), each once, and no other year
        // has any.
        func segmentKey(_ e: RunSummary.Segment) -> String { "\(e.year) \(e.ageBand.label) \(e.needTier.label) \(e.groupSize.label)" }
        let segments = Set(r.sufficiency.map(segmentKey))
        let bands = Set(r.supply.map { "\($0.year) \($0.ageBand.label)" })
        for (key, years, distinct, each, unit) in [
            ("sufficiency", r.sufficiency.map(\.year), segments.count, AgeBand.count * NeedTier.count * GroupSize.count,
             "age band, need tier and group size"),
            ("supply", r.supply.map(\.year), bands.count, AgeBand.count, "age band")] {
            var count: [String: Int] = [:]
            for y in years { count[y, default: 0] += 1 }
            let missing = r.years.filter { count[$0] == nil }
            let foreign = Set(count.keys).subtracting(r.years).sorted()
            if !missing.isEmpty {
                problems.append("\(key): no entries for \(missing.joined(separator: ", ")) (every run writes them for each year)")
            }
            if !foreign.isEmpty {
                problems.append("\(key): entries for \(foreign.joined(separator: ", ")), not a year of the run")
            }
            if let y = r.years.first(where: { count[$0].map { $0 != each } ?? false }) {
                problems.append("\(key): \(count[y]!) entries for \(y), not \(each) (one per \(unit))")
            } else if distinct != years.count {
                problems.append("\(key): \(years.count - distinct) entries repeated")
            }
        }
        measures("sufficiency", r.sufficiency.map { (segmentKey($0), $0.measures) })
        measures("supply", r.supply.map { ("\($0.year) \($0.ageBand.label)", $0.measures) })

        let bad = r.cumulativeNetCost.enumerated().filter { !isPlausible($0.element) }
        if let first = bad.first {
            problems.append("cumulative_net_cost: "
                + implausible("replication \(first.offset + 1) is \(describe(first.element))", count: bad.count))
        }
        return problems
    }

    /// What the briefing cannot word in a sensitivity analysis (`sensitivity.json`, which anyone may have edited),
    /// one line per problem naming the key: a swing outside (0, 1), a year that is not a financial year, a chance
    /// outside [0, 1], and sums of pounds that are not finite or beyond `largestFigure`. Empty when it can be used.
    static func problems(in s: SensitivitySummary) -> [String] {
        var problems: [String] = []
        if !(s.swing > 0 && s.swing < 1) { problems.append("swing is \(describe(s.swing)), not a share above 0 and below 1") }
        if FinancialYear(label: s.year) == nil { problems.append("year is \(s.year), not a financial year like 2022-23") }
        if let t = s.target, !isPlausible(t) { problems.append(implausible("target is \(describe(t))", count: 1)) }
        func check(_ o: SensitivitySummary.Outcome, _ key: String) {
            for (name, x) in [("mean", o.mean), ("p05", o.p05), ("p95", o.p95)] where !isPlausible(x) {
                problems.append(implausible("\(key).\(name) is \(describe(x))", count: 1))
            }
            if let p = o.probabilityOfTarget, !(p >= 0 && p <= 1) {
                problems.append("\(key).probability_of_target is \(describe(p)), not a chance from 0 to 1")
            }
        }
        check(s.central, "central")
        for (i, d) in s.drivers.enumerated() {
            check(d.low, "drivers[\(i)].low")
            check(d.high, "drivers[\(i)].high")
        }
        return problems
    }

    /// A finite figure no larger in magnitude than `largestFigure`.
    static func isPlausible(_ x: Double) -> Bool { x.isFinite && x.magnitude <= largestFigure }

    /// A figure as `results.json` writes it (`1e+19`, `NaN`, `-Infinity`).
    static func describe(_ x: Double) -> String {
        x.isNaN ? "NaN" : x.isInfinite ? (x < 0 ? "-Infinity" : "Infinity") : "\(x)"
    }

    /// "2018-19 mean is 1e+19, not a finite number within ±1e+12 (...); 18 such figures".
    static func implausible(_ first: String, count: Int) -> String {
        first + ", not a finite number within ±\(String(format: "%g", largestFigure)) (no count or sum of pounds of a council's care system is that large)"
            + (count > 1 ? "; \(count) such figures" : "")
    }
}
