import Foundation
import SufficiencyModel

/// A committee briefing built from a run or comparison directory: headlines, charts, indicators and assumptions.
public struct Briefing {
    public let title: String
    public let charts: [Chart]
    /// The page and its Markdown twin, given the folder their charts' files are in (`files(for:)`).
    private let page: (_ chartsFolder: String) -> String
    private let twin: (_ chartsFolder: String) -> String

    /// The page, its charts' files named in the default `charts` folder.
    public var html: String { html(chartsFolder: Self.chartsFolder) }
    /// The Markdown version, its charts' files named in the default `charts` folder.
    public var markdown: String { markdown(chartsFolder: Self.chartsFolder) }
    public func html(chartsFolder: String) -> String { page(chartsFolder) }
    public func markdown(chartsFolder: String) -> String { twin(chartsFolder) }

    /// Placement series with their own fan charts.
    static let fans: [(series: String, name: String, colour: String)] = [
        ("children_in_care", "Children in care", SVG.blue),
        ("in_house_foster", "Children with in-house foster carers", SVG.green),
        ("ifa_foster", "Children with IFA foster carers", SVG.orange),
        ("residential", "Children in residential care", SVG.vermillion),
    ]

    /// Builds the briefing for `directory`: a run directory, or a comparison directory (with `compare.json`).
    public init(directory: URL, title: String? = nil, generated: Date = Date()) throws {
        let fm = FileManager.default
        let isComparison = fm.fileExists(atPath: directory.appendingPathComponent("compare.json").path)
        var comparison: Comparison? = nil
        let run: RunData
        if isComparison {
            let c = try Comparison(directory: directory)
            comparison = c
            run = c.scenarios.first?.run ?? c.baseline
        } else {
            run = try RunData(directory: directory)
        }
        let years = run.years
        guard let (first, last) = run.headlineYears else { throw ReportError("\(directory.path): no years in \(RunSummary.fileName)") }
        let name = run.scenarioName
        let heading = title ?? (comparison.map { "Savings briefing: \($0.scenarios.map(\.name).joined(separator: ", ")) against \($0.baselineName)" }
            ?? "Placement sufficiency briefing: \(name)")
        self.title = heading

        // Headlines.
        var headlines: [Headline] = []
        // Values set with --set come before any figure: every figure is under them.
        let runs = comparison.map { c in [(c.baselineName, c.baseline.scenario)] + c.scenarios.map { ($0.name, $0.run.scenario) } }
        if let whatIf = Self.whatIf(runs ?? [(name, run.scenario)]) {
            headlines.append(whatIf)
        }
        // A comparison with a sensitivity analysis opens with the assumptions that move its savings most.
        let sensitivityFile = directory.appendingPathComponent(SensitivitySummary.fileName)
        var sensitivity: SensitivitySummary? = nil
        if comparison != nil, fm.fileExists(atPath: sensitivityFile.path) {
            do {
                sensitivity = try SensitivitySummary.decode(Data(contentsOf: sensitivityFile))
            } catch let error as DecodingError {
                throw ReportError("\(sensitivityFile.path): not a sensitivity analysis written by sufficiency "
                    + "(\(RunData.describe(error)))")
            } catch {
                throw ReportError("\(sensitivityFile.path): \(FileFailure.reason(reading: error))")
            }
            if let s = sensitivity {
                let problems = RunData.problems(in: s)
                guard problems.isEmpty else { throw ReportError(lines: problems.map { "\(sensitivityFile.path): " + $0 }) }
            }
            if let text = sensitivity.flatMap(DriverWording.topThree) { headlines.append(text) }
        }
        if let c = comparison { headlines += c.headlines().map { Headline($0) } }
        // The stocks' date: 31 March, or the horizon when even the last year compared is a part year.
        let lastDay = run.partYearEnd(last)
        for (series, label) in [("children_in_care", "children in care"), ("residential", "children in residential care"),
                                ("in_house_foster", "children with in-house foster carers"), ("ifa_foster", "children with IFA foster carers")] {
            let mean = run.stat(series, last), lo = run.stat(series, last, "p05"), hi = run.stat(series, last, "p95")
            let under = comparison != nil ? "Under \(name), by" : "By"
            var text = "\(under) \(lastDay ?? Wording.march(closing: last)) we expect \(Wording.count(mean)) \(label) (90% range \(Wording.range(lo, hi, Wording.count)))"
            let start = series == "children_in_care" ? run.startingChildren : run.startingStock(series)
            if let start {
                let change = mean - start
                text += abs(change) < 0.5 ? ", about the same as the \(Wording.count(start)) at the start."
                    : ", \(change < 0 ? "down" : "up") from \(Wording.count(start)) at the start."
            } else { text += "." }
            headlines.append(Headline(text))
        }
        let under = comparison != nil ? "Under \(name), placements" : "Placements"
        headlines.append(Headline("\(under) and the in-house fostering service are expected to cost \(Wording.money(run.stat("cost_total", last))) in \(last) "
            + "(90% range \(Wording.range(run.stat("cost_total", last, "p05"), run.stat("cost_total", last, "p95"), Wording.money)))"
            + (first == last ? "." : ", against \(Wording.money(run.stat("cost_total", first))) in \(first).")
            + Self.beyondPlacements(run, last, comparing: comparison != nil)))
        headlines.append(Headline((comparison != nil ? "Under \(name), about" : "About") + " \(Wording.percent(run.stat("moves_3plus_pct", last))) of children in care at \(lastDay ?? "31 " + Wording.march(closing: last)) are expected to have "
            + "had three or more placements in the year (90% range \(Wording.range(run.stat("moves_3plus_pct", last, "p05"), run.stat("moves_3plus_pct", last, "p95"), Wording.percent)))."))
        if let parts = run.simulatedYears?.filter({ !$0.isWhole }), !parts.isEmpty {
            headlines.append(Headline(Self.partYears(parts, first: first, last: last)))
        }

        // Charts: in a comparison, the scenario's fans and costs drawn against the baseline's.
        var charts: [Chart] = []
        for fan in Self.fans {
            let chartTitle = comparison.map { "\(fan.name): \(name) against \($0.baselineName)" } ?? fan.name
            let baseline = comparison.map { FanChart.Baseline(name: $0.baselineName, points: $0.baseline.fan(fan.series)) }
            charts.append(FanChart(id: "fan-" + fan.series, title: chartTitle, yLabel: "Children", points: run.fan(fan.series),
                                   scenario: comparison != nil ? name : nil, baseline: baseline)
                .chart(colour: fan.colour))
        }
        let costYears = years.map { y in
            CostChart.Year(label: y, lines: ["cost_in_house_foster", "cost_ifa_foster", "cost_residential", "cost_other"].map { run.stat($0, y) },
                           totalP05: run.stat("cost_total", y, "p05"), totalP95: run.stat("cost_total", y, "p95"))
        }
        let costBaseline = comparison.map { c in CostChart.Baseline(name: c.baselineName, totals: years.map { c.baseline.stat("cost_total", $0) }) }
        let programmes = years.contains { Self.programmesAndIncome(run, $0) != nil }
            || (comparison.map { c in years.contains { Self.programmesAndIncome(c.baseline, $0) != nil } } ?? false)
        charts.append(CostChart(years: costYears, scenario: comparison != nil ? name : nil, baseline: costBaseline,
                                beforeProgrammes: programmes).chart())
        if let c = comparison { charts += c.charts() }
        if let s = sensitivity { charts.append(TornadoChart(s).chart()) }
        self.charts = charts

        // The sufficiency gap of the last year.
        var gap: GapSection? = nil
        let g = SufficiencyGap(run.results)
        if let year = g.years.contains(last) ? last : g.years.last {
            gap = GapSection(gap: g, year: year, scenario: comparison != nil ? name : nil,
                             partStockDay: run.partYearEnd(year))
        }

        // Indicators beside reference figures.
        let indicators = Self.indicators(run, first: first, last: last)

        // Assumptions and metadata.
        let assumptions = Assumptions.all(run.scenario)
        let base: String
        let changed: [Assumption]
        if let c = comparison {
            // What the scenario changes is what differs from the comparison's own baseline run.
            let (values, baselineValues) = (Assumptions.values(run.scenario), Assumptions.values(c.baseline.scenario))
            base = c.baselineName
            changed = assumptions.filter { baselineValues[$0.keyPath] != values[$0.keyPath] }
        } else {
            base = Assumptions.baseLayer(assumptions)
            changed = assumptions.filter { $0.layer != base }
        }
        let manifest = run.results.manifest
        let meta: [(String, String)] = [
            ("Tool", "sufficiency \(manifest.toolVersion)"),
            ("Scenario", "\(name) (\(manifest.scenarioOrigin))"),
            ("Scenario SHA-256", manifest.scenarioSHA256),
            ("Seed", "\(manifest.seed)"),
            ("Replications", "\(manifest.replications)"),
            ("Years", "\(manifest.years) (\(years.first ?? first) to \(years.last ?? last))"),
            ("Run started", manifest.startTime),
            ("Run directory", directory.path),
            ("Briefing generated", ISO8601DateFormatter().string(from: generated)),
        ] + (comparison.map { [("Comparison", "common random numbers: \($0.commonRandomNumbers ? "yes" : "no")")] } ?? [])

        page = { folder in
            Self.html(title: heading, headlines: headlines, charts: charts, chartsFolder: folder, comparison: comparison,
                      gap: gap, indicators: indicators, indicatorYears: (first, last), changed: changed,
                      assumptions: assumptions, base: base, meta: meta)
        }
        twin = { folder in
            Self.markdown(title: heading, headlines: headlines, charts: charts, chartsFolder: folder, comparison: comparison,
                          gap: gap, indicators: indicators, indicatorYears: (first, last), changed: changed, base: base,
                          meta: meta)
        }
    }

    /// A run's mean programme costs (recruitment contracts and approvals, retention, reunification, step-down) and
    /// income in `year`, nil when both are under £500: the cost headline and the cost chart count placements and the
    /// fostering service alone, while net savings count these too.
    static func programmesAndIncome(_ run: RunData, _ year: String) -> (costs: Double, income: Double, net: Double)? {
        let costs = run.stat("cost_recruitment", year) + run.stat("cost_programmes", year), income = run.stat("income", year)
        guard costs.isFinite, income.isFinite, abs(costs) >= 500 || abs(income) >= 500 else { return nil }
        return (costs, income, run.stat("net_cost", year))
    }

    /// The cost headline's second sentence when programmes cost or bring in money: without it, a scenario whose
    /// placements cost less than the baseline's could read as a saving its programme costs undo.
    static func beyondPlacements(_ run: RunData, _ year: String, comparing: Bool) -> String {
        guard let p = programmesAndIncome(run, year) else { return "" }
        var parts: [String] = []
        if abs(p.costs) >= 500 { parts.append("programmes cost a further \(Wording.money(p.costs))") }
        if abs(p.income) >= 500 { parts.append("income brings in \(Wording.money(p.income))") }
        return " In \(year) " + parts.joined(separator: " and ") + ": a net cost of \(Wording.money(p.net))"
            + (comparing ? ", the figure net savings are measured on." : ".")
    }

    /// The values set with `--set` (the layer a run's scenario.resolved.yaml records for them, so a re-run of that
    /// file says so too), each as an item saying which of the runs has it: `runs` are a comparison's baseline and
    /// every scenario (a value set in the third scenario alone changes that scenario's savings, so it is named
    /// too), or a run alone (a comparison has two runs at least). Values are told apart whole, not as printed. Nil when no run has one. The lead says
    /// what is true however the runs were made: the values are not the scenario files' own, and every figure is
    /// under them.
    static func whatIf(_ runs: [(name: String, scenario: LoadedScenario)]) -> Headline? {
        let comparison = runs.count > 1
        var order: [String] = [], shown: [String: String] = [:], holders: [String: [Int]] = [:]
        for (k, run) in runs.enumerated() {
            let whole = Assumptions.values(run.scenario)
            for a in Assumptions.all(run.scenario) where a.layer == ScenarioOverride.layer {
                let id = a.keyPath + "\u{0}" + (whole[a.keyPath] ?? a.value) + "\u{0}" + a.unit
                if holders[id] == nil { order.append(id); shown[id] = "\(a.keyPath) = \(a.value) (\(a.unit))" }
                holders[id, default: []].append(k)
            }
        }
        guard !order.isEmpty else { return nil }
        func named(_ k: Int) -> String { comparison && k == 0 ? "the baseline (\(runs[0].name))" : runs[k].name }
        let items = order.map { id -> String in
            let has = holders[id]!, value = shown[id]!
            guard comparison else { return value }
            if has.count == 1 { return value + ", in \(named(has[0])) only" }
            let list = Wording.series(has.map(named))
            if has.count == runs.count { return value + (runs.count == 2 ? ", in \(list) alike" : ", in every run: \(list)") }
            return value + ", in \(list), not in " + Wording.series(runs.indices.filter { !has.contains($0) }.map(named))
        }
        return Headline("A what-if: values set with --set, not by the scenario files themselves; every figure here is "
            + "under them:", items: items)
    }

    /// What the headlines say of part years: "2021-22 is a part year, 29 March 2022 to 31 March 2022 (3 days); the
    /// headlines above compare the whole financial years 2022-23 and 2024-25, and the tables and charts show every
    /// year, part years included."
    static func partYears(_ parts: [SimulatedYear], first: String, last: String) -> String {
        let each = parts.compactMap(\.span)
        let compared = parts.contains { $0.year.label == first || $0.year.label == last }
            ? "its figures are for those days only"
            : first == last ? "the headlines above use the whole financial year \(first)"
            : "the headlines above compare the whole financial years \(first) and \(last)"
        return each.joined(separator: "; ") + "; " + compared + ", and the tables and charts show every year, part years included."
    }

    /// Rows of the indicators table: name, first year, last year, reference figures. A reference figure that says
    /// which day it describes (`as_at`) is followed by the model's figure for the financial year holding that day,
    /// when the run simulates the whole of it, so that each is compared at its own date and not only beside the
    /// table's first and last years.
    static func indicators(_ run: RunData, first: String, last: String) -> [[String]] {
        let references = Self.references(run)
        let wholeYears = Set(run.simulatedYears?.filter(\.isWhole).map(\.year.label) ?? [])
        func row(_ name: String, _ metric: String, _ f: (Double) -> String, refPrefix: String) -> [String] {
            func figure(_ year: String) -> String {
                "\(f(run.stat(metric, year))) (\(Wording.range(run.stat(metric, year, "p05"), run.stat(metric, year, "p95"), f)))"
            }
            let refs = references.filter { $0.key.hasPrefix(refPrefix) }.map { r -> String in
                let figureText = "\(r.value) (\(r.source))"
                guard let year = r.year?.label, wholeYears.contains(year) else { return figureText }
                return figureText + ", against the model's \(figure(year)) in \(year)"
            }
            return [name, figure(first), figure(last), refs.isEmpty ? "—" : refs.joined(separator: "; ")]
        }
        var rows = [
            row("Children with 3+ placements in the year", "moves_3plus_pct", Wording.percent, refPrefix: "moves_3plus_pct"),
            row("Children placed over 20 miles from home", "placed_over_20_miles_pct", Wording.percent, refPrefix: "placed_over_20_miles_pct"),
            row("Requests displaced to residential care", "displaced_to_residential", Wording.count, refPrefix: "displaced_to_residential"),
        ]
        rows.insert(row("In-house places filled (Ofsted's occupancy)", "in_house_occupancy_pct", Wording.percent,
                        refPrefix: "in_house_occupancy"), at: 2)
        // Beside the occupancy, since a council's households are the other half of its Ofsted return (every run
        // writes them; a hand-made results file without them still gets its briefing).
        if run.results.annual["in_house_households"] != nil {
            rows.insert(row("Approved in-house (mainstream) fostering households at 31 March", "in_house_households",
                            Wording.count, refPrefix: "in_house_households"), at: 3)
        }
        // Runs written before the measure existed by earlier builds lack it: the row is left out, not failed.
        if run.results.annual["placed_over_50_miles_pct"] != nil {
            rows.insert(row("Children placed over 50 miles from home", "placed_over_50_miles_pct", Wording.percent,
                            refPrefix: "placed_over_50_miles_pct"), at: 2)
        }
        rows.insert(row("Long-term stability: under-16s in care 2½ years or more, in the same placement 2 years or more",
                        "long_term_stability_pct", Wording.percent, refPrefix: "long_term_stability_pct"), at: 1)
        rows.append(row("Sibling groups entering care together who were placed together", "sibling_groups_together_pct",
                        Wording.percent, refPrefix: "sibling_groups_together_pct"))
        return rows
    }

    /// The scenario's `benchmarks`: figures for briefings with their sources, and the financial year holding the
    /// day each describes, if it says.
    static func references(_ run: RunData) -> [(key: String, value: String, source: String, year: FinancialYear?)] {
        run.scenario.benchmarks.map { b in
            let value = b.text
            return (b.key, b.unit == "percent" ? value + "%" : value + " " + b.unit, b.source, b.asAt?.financialYear)
        }
    }
}
