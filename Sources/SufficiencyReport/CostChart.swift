import Foundation
import SufficiencyModel

/// Annual cost by financial year: mean cost stacked by placement type, with the 90% interval of the total.
///
/// In a comparison the bars are the scenario's, named in the title, and a grey dashed mark across each year shows the
/// baseline's mean total: a committee sees what it would spend under the scenario, on what, and how far that is from
/// doing nothing different, in one chart. (Pairs of stacked bars would make it compare segments floating at
/// different heights; the savings themselves, with their intervals, have their own charts.)
public struct CostChart: Sendable {
    public struct Year: Sendable {
        public var label: String
        /// Mean cost by line: in-house, IFA, residential, other (pounds).
        public var lines: [Double]
        public var totalP05: Double
        public var totalP95: Double
    }

    /// The run a scenario is compared against: its name and mean total cost by year, in the order of `years`.
    public struct Baseline: Sendable {
        public var name: String
        public var totals: [Double]

        public init(name: String, totals: [Double]) {
            self.name = name
            self.totals = totals
        }
    }

    public static let lineNames = ["In-house foster care", "IFA foster care", "Residential care", "Other placements"]
    static let colours = [SVG.blue, SVG.orange, SVG.vermillion, SVG.sky]

    public let years: [Year]
    /// The scenario the bars show, named in a comparison briefing.
    public let scenario: String?
    public let baseline: Baseline?
    /// Whether a run charted has programme costs or income, which the bars and the baseline's marks leave out (net
    /// savings count them): the title says so, lest bars under the baseline's marks read as savings.
    public let beforeProgrammes: Bool

    public init(years: [Year], scenario: String? = nil, baseline: Baseline? = nil, beforeProgrammes: Bool = false) {
        self.years = years
        self.scenario = scenario
        self.baseline = baseline
        self.beforeProgrammes = beforeProgrammes
    }

    var title: String {
        "Annual cost by placement type" + (beforeProgrammes ? ", before programme costs and income" : "")
            + (scenario.map { ": " + $0 } ?? "")
    }

    var legend: [[LegendItem]] {
        var items = zip(Self.lineNames, Self.colours).map { LegendItem(swatch: .box(colour: $1, opacity: 1), text: $0) }
        if let baseline {
            items.append(LegendItem(swatch: .line(colour: SVG.grey, width: 2.5, dash: "4 2"), text: "mean total, baseline: " + baseline.name))
        }
        return [items]
    }

    func alt(totals: [Double]) -> String {
        var alt = "Stacked bars of mean annual cost" + (scenario.map { " under \($0)" } ?? "") + " in millions of pounds by financial year, from "
            + "\(Wording.money(totals.first ?? .nan)) in \(years.first?.label ?? "") to \(Wording.money(totals.last ?? .nan)) in "
            + "\(years.last?.label ?? ""); whiskers show the 90% range of the total."
        if let baseline {
            alt += " Grey dashes mark the mean total of the baseline (\(baseline.name)): \(Wording.money(baseline.totals.first ?? .nan)) "
                + "in \(years.first?.label ?? "") and \(Wording.money(baseline.totals.last ?? .nan)) in \(years.last?.label ?? "")."
        }
        if beforeProgrammes {
            alt += baseline != nil
                ? " Programme costs and income are not in the bars or the marks; net savings, which count them, are charted apart."
                : " Programme costs and income are not in the bars."
        }
        return alt
    }

    public func chart() -> Chart {
        let id = "annual-cost"
        let totals = years.map { $0.lines.reduce(0, +) }
        let highs = years.map { max($0.totalP95, $0.lines.reduce(0, +)) } + (baseline?.totals ?? [])
        let high = max(highs.max() ?? 1, 1) / 1e6 * 1.1
        let f = Frame(title: title, legend: legend, yLow: 0, yHigh: high, xCount: years.count)
        let slot = f.plotWidth / Double(max(years.count, 1))
        func x(_ i: Int) -> Double { f.left + (Double(i) + 0.5) * slot }
        let alt = alt(totals: totals)
        var s = f.open(id: id, alt: alt, xLabel: "Financial year", yLabel: "Cost (£ million)", xTicks: [],
                       yFormat: { Format.decimal($0, $0 == $0.rounded() ? 0 : 1) })
        let stride = Frame.labelStride(years.map(\.label), slot: slot)
        for (i, year) in years.enumerated() {
            var base = 0.0
            let w = slot * 0.6
            for (k, v) in year.lines.enumerated() {
                let v = v / 1e6
                s += "<rect x=\"\(SVG.n(x(i) - w / 2))\" y=\"\(SVG.n(f.y(base + v)))\" width=\"\(SVG.n(w))\" "
                    + "height=\"\(SVG.n(f.y(base) - f.y(base + v)))\" fill=\"\(Self.colours[k])\"/>\n"
                base += v
            }
            s += "<line x1=\"\(SVG.n(x(i)))\" y1=\"\(SVG.n(f.y(year.totalP05 / 1e6)))\" x2=\"\(SVG.n(x(i)))\" "
                + "y2=\"\(SVG.n(f.y(year.totalP95 / 1e6)))\" class=\"whisker\"/>\n"
            for v in [year.totalP05, year.totalP95] {
                s += "<line x1=\"\(SVG.n(x(i) - 6))\" y1=\"\(SVG.n(f.y(v / 1e6)))\" x2=\"\(SVG.n(x(i) + 6))\" y2=\"\(SVG.n(f.y(v / 1e6)))\" class=\"whisker\"/>\n"
            }
            if let total = baseline?.totals[safe: i] {
                let by = SVG.n(f.y(total / 1e6))
                s += "<line x1=\"\(SVG.n(x(i) - slot * 0.42))\" y1=\"\(by)\" x2=\"\(SVG.n(x(i) + slot * 0.42))\" y2=\"\(by)\" "
                    + "stroke=\"\(SVG.grey)\" stroke-width=\"2.5\" stroke-dasharray=\"4 2\" class=\"baseline\"/>\n"
            }
            if i % stride == 0 {
                s += "<text x=\"\(SVG.n(x(i)))\" y=\"\(SVG.n(f.height - f.bottom + 16))\" class=\"tick\" text-anchor=\"middle\">\(year.label)</text>\n"
            }
        }
        s += "</svg>"
        var csv = "year,line,mean_pounds,total_p05_pounds,total_p95_pounds" + (baseline != nil ? ",baseline_total_pounds" : "") + "\n"
        for (i, year) in years.enumerated() {
            let baselineCell = baseline.map { "," + ($0.totals[safe: i].map(Wording.cell) ?? "") } ?? ""
            for (k, name) in Self.lineNames.enumerated() {
                let cells = [year.lines[safe: k] ?? .nan, year.totalP05, year.totalP95].map(Wording.cell).joined(separator: ",")
                csv += "\(year.label),\(name),\(cells)\(baselineCell)\n"
            }
        }
        return Chart(id: id, title: title, alt: alt, svg: s, csv: csv, vegaLite: vegaLite(id: id, alt: alt))
    }

    /// The bars from the CSV; in a comparison, a grey tick per year at the baseline's total (repeated on each line's
    /// row of the CSV, so averaged back to itself).
    ///
    /// The colour scale names its domain, in the SVG's order, so that each line keeps its colour (without it Vega-Lite
    /// sorts the names and pairs them with the colours alphabetically); `stack_order` stacks the lines from the bottom
    /// in the same order as the SVG.
    func vegaLite(id: String, alt: String) -> String {
        let names = "[" + Self.lineNames.map(Format.json).joined(separator: ", ") + "]"
        let colours = "[" + Self.colours.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        let bars = """
            "mark": "bar",
              "transform": [{"calculate": \(Format.json("indexof(\(names), datum.line)")), "as": "stack_order"}],
              "encoding": {
                "order": {"field": "stack_order", "type": "quantitative"},
                "x": {"field": "year", "type": "ordinal", "title": "Financial year"},
                "y": {"aggregate": "sum", "field": "mean_pounds", "type": "quantitative", "title": "Cost (£)"},
                "color": {"field": "line", "type": "nominal", "title": "Placement type", "sort": \(names),
                          "scale": {"domain": \(names), "range": \(colours)}}
              }
            """
        let body: String
        if let baseline {
            body = """
                "layer": [
                    {\(bars.replacingOccurrences(of: "\n", with: "\n    "))},
                    {"mark": {"type": "tick", "color": "\(SVG.grey)", "thickness": 2.5},
                     "description": \(Format.json("mean total, baseline: " + baseline.name)),
                     "encoding": {
                       "x": {"field": "year", "type": "ordinal"},
                       "y": {"aggregate": "mean", "field": "baseline_total_pounds", "type": "quantitative"}
                     }}
                  ]
                """
        } else {
            body = bars
        }
        return """
            {
              "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
              "title": \(Format.json(title)),
              "description": \(Format.json(alt)),
              "data": {"url": "\(id).csv"},
              \(body)
            }

            """
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

/// Net savings by financial year: the mean with its 80% and 90% intervals, and the target if there is one.
public struct SavingsChart: Sendable {
    public struct Year: Sendable {
        public var label: String
        public var mean, p05, p10, p90, p95: Double
    }

    public let scenario: String
    public let years: [Year]
    public let target: (year: String, amount: Double)?

    /// A target for a year not charted is left out, legend and description too, rather than named beside no line.
    public init(scenario: String, years: [Year], target: (year: String, amount: Double)?) {
        self.scenario = scenario
        self.years = years
        self.target = target.flatMap { t in years.contains { $0.label == t.year } ? t : nil }
    }

    public func chart() -> Chart {
        let id = "net-savings-" + scenario
        let title = "Net savings by year: \(scenario)"
        var values: [Double] = [0]
        for y in years { values += [y.p05, y.p95] }
        if let target { values.append(target.amount) }
        let low: Double = min(values.min() ?? 0, 0) / 1e6
        let high: Double = (values.max() ?? 1) / 1e6
        let pad = max(high - low, 0.1) * 0.08
        // The target is named in the legend rather than beside its line, where it could sit on a year's interval.
        var legend = [
            LegendItem(swatch: .dot(colour: SVG.blue), text: "mean"),
            LegendItem(swatch: .box(colour: SVG.blue, opacity: 0.5), text: "80% range"),
            LegendItem(swatch: .line(colour: SVG.blue, width: 1.5, dash: nil), text: "90% range"),
        ]
        if let target {
            legend.append(LegendItem(swatch: .line(colour: SVG.vermillion, width: 1.5, dash: "6 4"),
                                     text: "target " + Wording.pounds(target.amount) + " (" + target.year + ")"))
        }
        let f = Frame(title: title, legend: [legend], yLow: low - pad, yHigh: high + pad, xCount: years.count)
        let slot = f.plotWidth / Double(max(years.count, 1))
        func x(_ i: Int) -> Double { f.left + (Double(i) + 0.5) * slot }
        let alt = "Net savings of \(scenario) by financial year in millions of pounds: mean \(Wording.money(years.first?.mean ?? .nan)) "
            + "in \(years.first?.label ?? "") and \(Wording.money(years.last?.mean ?? .nan)) in \(years.last?.label ?? ""), with "
            + "thick bars for the 80% range and thin lines for the 90% range"
            + (target.map { "; the dashed line is the target of \(Wording.pounds($0.amount)) for \($0.year)." } ?? ".")
        var s = f.open(id: id, alt: alt, xLabel: "Financial year", yLabel: "Net savings (£ million)",
                       xTicks: [], yFormat: { Format.decimal($0, 1) })
        s += "<line x1=\"\(SVG.n(f.left))\" y1=\"\(SVG.n(f.y(0)))\" x2=\"\(SVG.n(f.width - f.right))\" y2=\"\(SVG.n(f.y(0)))\" class=\"axis\"/>\n"
        // The target is for one year: drawn across that year's slot alone, so that no other year seems held to it.
        if let target, let i = years.firstIndex(where: { $0.label == target.year }) {
            let ty: Double = f.y(target.amount / 1e6)
            s += "<line x1=\"\(SVG.n(x(i) - 0.4 * slot))\" y1=\"\(SVG.n(ty))\" x2=\"\(SVG.n(x(i) + 0.4 * slot))\" "
            s += "y2=\"\(SVG.n(ty))\" stroke=\"\(SVG.vermillion)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"
        }
        let stride = Frame.labelStride(years.map(\.label), slot: slot)
        for (i, y) in years.enumerated() {
            s += "<line x1=\"\(SVG.n(x(i)))\" y1=\"\(SVG.n(f.y(y.p05 / 1e6)))\" x2=\"\(SVG.n(x(i)))\" y2=\"\(SVG.n(f.y(y.p95 / 1e6)))\" stroke=\"\(SVG.blue)\" stroke-width=\"1.5\"/>\n"
            s += "<line x1=\"\(SVG.n(x(i)))\" y1=\"\(SVG.n(f.y(y.p10 / 1e6)))\" x2=\"\(SVG.n(x(i)))\" y2=\"\(SVG.n(f.y(y.p90 / 1e6)))\" stroke=\"\(SVG.blue)\" stroke-width=\"7\" stroke-opacity=\"0.5\"/>\n"
            s += "<circle cx=\"\(SVG.n(x(i)))\" cy=\"\(SVG.n(f.y(y.mean / 1e6)))\" r=\"4.5\" fill=\"\(SVG.blue)\"/>\n"
            if i % stride == 0 {
                s += "<text x=\"\(SVG.n(x(i)))\" y=\"\(SVG.n(f.height - f.bottom + 16))\" class=\"tick\" text-anchor=\"middle\">\(y.label)</text>\n"
            }
        }
        s += "</svg>"
        var csv = "year,mean_pounds,p05,p10,p90,p95,target_pounds\n"
        for y in years {
            let numbers = [y.mean, y.p05, y.p10, y.p90, y.p95].map(Wording.cell)
            let goal = target.flatMap { $0.year == y.label ? Wording.cell($0.amount) : nil } ?? ""
            csv += ([y.label] + numbers + [goal]).joined(separator: ",") + "\n"
        }
        let spec = """
            {
              "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
              "title": \(Format.json(title)),
              "description": \(Format.json(alt)),
              "data": {"url": "\(id).csv"},
              "encoding": {"x": {"field": "year", "type": "ordinal", "title": "Financial year"}},
              "layer": [
                {"mark": {"type": "rule", "color": "\(SVG.blue)"}, "encoding": {"y": {"field": "p05", "type": "quantitative", "title": "Net savings (£)"}, "y2": {"field": "p95"}}},
                {"mark": {"type": "rule", "size": 7, "opacity": 0.5, "color": "\(SVG.blue)"}, "encoding": {"y": {"field": "p10", "type": "quantitative"}, "y2": {"field": "p90"}}},
                {"mark": {"type": "point", "filled": true, "color": "\(SVG.blue)"}, "encoding": {"y": {"field": "mean_pounds", "type": "quantitative"}}},
                {"mark": {"type": "tick", "color": "\(SVG.vermillion)", "strokeDash": [6, 4]}, "encoding": {"y": {"field": "target_pounds", "type": "quantitative"}}}
              ]
            }

            """
        return Chart(id: id, title: title, alt: alt, svg: s, csv: csv, vegaLite: spec)
    }
}

/// The distribution of cumulative net savings over the replications, as a histogram.
public struct SavingsHistogram: Sendable {
    public let scenario: String
    public let through: String
    public let values: [Double]

    public init(scenario: String, through: String, values: [Double]) {
        self.scenario = scenario
        self.through = through
        self.values = values
    }

    /// Bin edges and counts (20 equal bins over the range of the values).
    public func bins() -> [(low: Double, high: Double, count: Int)] {
        guard let lo = values.min(), let hi = values.max() else { return [] }
        let n = 20
        let width = hi > lo ? (hi - lo) / Double(n) : 1
        var counts = [Int](repeating: 0, count: n)
        // A value with no bin (NaN, which `min` and `max` pass over) is left out rather than trapping in `Int(_:)`.
        for v in values {
            guard let k = Int(exactly: ((v - lo) / width).rounded(.towardZero)) else { continue }
            counts[min(n - 1, max(k, 0))] += 1
        }
        return (0..<n).map { (lo + Double($0) * width, lo + Double($0 + 1) * width, counts[$0]) }
    }

    public func chart() -> Chart {
        let id = "cumulative-savings-" + scenario
        let title = "Cumulative net savings to \(through): \(scenario)"
        let b = bins()
        let maxCount = Double(b.map(\.count).max() ?? 1)
        let lo = (b.first?.low ?? 0) / 1e6, hi = (b.last?.high ?? 1) / 1e6
        let f = Frame(title: title, yLow: 0, yHigh: maxCount * 1.1, xCount: 2)
        func x(_ v: Double) -> Double { f.left + (v / 1e6 - lo) / max(hi - lo, 1e-9) * f.plotWidth }
        let positive = Double(values.filter { $0 > 0 }.count) / Double(max(values.count, 1))
        let alt = "Histogram of cumulative net savings to \(through) over \(values.count) replications, from "
            + "\(Wording.money(b.first?.low ?? .nan)) to \(Wording.money(b.last?.high ?? .nan)); "
            + "\(Wording.chance(positive)) of replications save money."
        let ticks = SVG.ticks(lo, hi).map { (($0 - lo) / max(hi - lo, 1e-9), Format.decimal($0, 1)) }
        var s = f.open(id: id, alt: alt, xLabel: "Cumulative net savings (£ million)", yLabel: "Replications",
                       xTicks: ticks, yFormat: Wording.count)
        for bin in b {
            let x0 = x(bin.low), x1 = x(bin.high)
            s += "<rect x=\"\(SVG.n(x0 + 0.5))\" y=\"\(SVG.n(f.y(Double(bin.count))))\" width=\"\(SVG.n(max(x1 - x0 - 1, 0.5)))\" "
                + "height=\"\(SVG.n(f.y(0) - f.y(Double(bin.count))))\" fill=\"\(bin.high <= 0 ? SVG.vermillion : SVG.green)\"/>\n"
        }
        if lo < 0 && hi > 0 {
            s += "<line x1=\"\(SVG.n(x(0)))\" y1=\"\(SVG.n(f.top))\" x2=\"\(SVG.n(x(0)))\" y2=\"\(SVG.n(f.y(0)))\" class=\"axis\"/>\n"
        }
        s += "</svg>"
        var csv = "bin_low_pounds,bin_high_pounds,replications\n"
        for bin in b { csv += "\(Wording.cell(bin.low)),\(Wording.cell(bin.high)),\(bin.count)\n" }
        let spec = """
            {
              "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
              "title": \(Format.json(title)),
              "description": \(Format.json(alt)),
              "data": {"url": "\(id).csv"},
              "mark": "bar",
              "encoding": {
                "x": {"field": "bin_low_pounds", "bin": {"binned": true}, "type": "quantitative", "title": "Cumulative net savings (£)"},
                "x2": {"field": "bin_high_pounds"},
                "y": {"field": "replications", "type": "quantitative", "title": "Replications"}
              }
            }

            """
        return Chart(id: id, title: title, alt: alt, svg: s, csv: csv, vegaLite: spec)
    }
}
