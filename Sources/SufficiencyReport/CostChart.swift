import Foundation
import SufficiencyModel

/// Annual cost by financial year: mean cost stacked by placement type, with the 90% interval of the total.
public struct CostChart: Sendable {
    public struct Year: Sendable {
        public var label: String
        /// Mean cost by line: in-house, IFA, residential, other (pounds).
        public var lines: [Double]
        public var totalP05: Double
        public var totalP95: Double
    }

    public static let lineNames = ["In-house foster care", "IFA foster care", "Residential care", "Other placements"]
    static let colours = [SVG.blue, SVG.orange, SVG.vermillion, SVG.sky]

    public let years: [Year]

    public init(years: [Year]) { self.years = years }

    public func chart() -> Chart {
        let id = "annual-cost"
        let title = "Annual cost by placement type"
        let high = max(years.map { max($0.totalP95, $0.lines.reduce(0, +)) }.max() ?? 1, 1) / 1e6 * 1.1
        var f = Frame(yLow: 0, yHigh: high, xCount: years.count)
        f.xCount = years.count
        let slot = f.plotWidth / Double(max(years.count, 1))
        func x(_ i: Int) -> Double { f.left + (Double(i) + 0.5) * slot }
        let totals = years.map { $0.lines.reduce(0, +) }
        let alt = "Stacked bars of mean annual cost in millions of pounds by financial year, from "
            + "\(Wording.money(totals.first ?? .nan)) in \(years.first?.label ?? "") to \(Wording.money(totals.last ?? .nan)) in "
            + "\(years.last?.label ?? ""); whiskers show the 90% range of the total."
        var s = f.open(id: id, title: title, alt: alt, xLabel: "Financial year", yLabel: "Cost (£ million)", xTicks: [],
                       yFormat: { Format.decimal($0, $0 == $0.rounded() ? 0 : 1) })
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
            s += "<text x=\"\(SVG.n(x(i)))\" y=\"\(SVG.n(f.height - f.bottom + 16))\" class=\"tick\" text-anchor=\"middle\">\(year.label)</text>\n"
        }
        for (k, name) in Self.lineNames.enumerated() {
            let lx = f.left + Double(k) * 140
            s += "<rect x=\"\(SVG.n(lx))\" y=\"27\" width=\"10\" height=\"10\" fill=\"\(Self.colours[k])\"/>"
                + "<text x=\"\(SVG.n(lx + 14))\" y=\"35\" class=\"tick\">\(SVG.escape(name))</text>\n"
        }
        s += "</svg>"
        var csv = "year,line,mean_pounds,total_p05_pounds,total_p95_pounds\n"
        for year in years {
            for (k, name) in Self.lineNames.enumerated() {
                csv += "\(year.label),\(name),\(Int(year.lines[k].rounded())),\(Int(year.totalP05.rounded())),\(Int(year.totalP95.rounded()))\n"
            }
        }
        let spec = """
            {
              "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
              "title": \(Format.json(title)),
              "description": \(Format.json(alt)),
              "data": {"url": "\(id).csv"},
              "mark": "bar",
              "encoding": {
                "x": {"field": "year", "type": "ordinal", "title": "Financial year"},
                "y": {"aggregate": "sum", "field": "mean_pounds", "type": "quantitative", "title": "Cost (£)"},
                "color": {"field": "line", "type": "nominal", "title": "Placement type",
                          "scale": {"range": ["\(SVG.blue)", "\(SVG.orange)", "\(SVG.vermillion)", "\(SVG.sky)"]}}
              }
            }

            """
        return Chart(id: id, title: title, alt: alt, svg: s, csv: csv, vegaLite: spec)
    }
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

    public init(scenario: String, years: [Year], target: (year: String, amount: Double)?) {
        self.scenario = scenario
        self.years = years
        self.target = target
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
        let f = Frame(yLow: low - pad, yHigh: high + pad, xCount: years.count)
        let slot = f.plotWidth / Double(max(years.count, 1))
        func x(_ i: Int) -> Double { f.left + (Double(i) + 0.5) * slot }
        let alt = "Net savings of \(scenario) by financial year in millions of pounds: mean \(Wording.money(years.first?.mean ?? .nan)) "
            + "in \(years.first?.label ?? "") and \(Wording.money(years.last?.mean ?? .nan)) in \(years.last?.label ?? ""), with "
            + "thick bars for the 80% range and thin lines for the 90% range"
            + (target.map { "; the dashed line is the target of \(Wording.pounds($0.amount)) for \($0.year)." } ?? ".")
        var s = f.open(id: id, title: title, alt: alt, xLabel: "Financial year", yLabel: "Net savings (£ million)",
                       xTicks: [], yFormat: { Format.decimal($0, 1) })
        s += "<line x1=\"\(SVG.n(f.left))\" y1=\"\(SVG.n(f.y(0)))\" x2=\"\(SVG.n(f.width - f.right))\" y2=\"\(SVG.n(f.y(0)))\" class=\"axis\"/>\n"
        if let target {
            let ty: Double = f.y(target.amount / 1e6)
            s += "<line x1=\"\(SVG.n(f.left))\" y1=\"\(SVG.n(ty))\" x2=\"\(SVG.n(f.width - f.right))\" "
            s += "y2=\"\(SVG.n(ty))\" stroke=\"\(SVG.vermillion)\" stroke-dasharray=\"6 4\"/>\n"
            let label = "target " + Wording.pounds(target.amount) + " (" + target.year + ")"
            s += "<text x=\"\(SVG.n(f.width - f.right - 4))\" y=\"\(SVG.n(ty - 4))\" class=\"tick\" text-anchor=\"end\">\(label)</text>\n"
        }
        for (i, y) in years.enumerated() {
            s += "<line x1=\"\(SVG.n(x(i)))\" y1=\"\(SVG.n(f.y(y.p05 / 1e6)))\" x2=\"\(SVG.n(x(i)))\" y2=\"\(SVG.n(f.y(y.p95 / 1e6)))\" stroke=\"\(SVG.blue)\" stroke-width=\"1.5\"/>\n"
            s += "<line x1=\"\(SVG.n(x(i)))\" y1=\"\(SVG.n(f.y(y.p10 / 1e6)))\" x2=\"\(SVG.n(x(i)))\" y2=\"\(SVG.n(f.y(y.p90 / 1e6)))\" stroke=\"\(SVG.blue)\" stroke-width=\"7\" stroke-opacity=\"0.5\"/>\n"
            s += "<circle cx=\"\(SVG.n(x(i)))\" cy=\"\(SVG.n(f.y(y.mean / 1e6)))\" r=\"4.5\" fill=\"\(SVG.blue)\"/>\n"
            s += "<text x=\"\(SVG.n(x(i)))\" y=\"\(SVG.n(f.height - f.bottom + 16))\" class=\"tick\" text-anchor=\"middle\">\(y.label)</text>\n"
        }
        s += "</svg>"
        var csv = "year,mean_pounds,p05,p10,p90,p95\n"
        for y in years {
            let numbers = [y.mean, y.p05, y.p10, y.p90, y.p95].map { String(Int($0.rounded())) }
            csv += ([y.label] + numbers).joined(separator: ",") + "\n"
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
                {"mark": {"type": "point", "filled": true, "color": "\(SVG.blue)"}, "encoding": {"y": {"field": "mean_pounds", "type": "quantitative"}}}
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
        for v in values { counts[min(n - 1, Int((v - lo) / width))] += 1 }
        return (0..<n).map { (lo + Double($0) * width, lo + Double($0 + 1) * width, counts[$0]) }
    }

    public func chart() -> Chart {
        let id = "cumulative-savings-" + scenario
        let title = "Cumulative net savings to \(through): \(scenario)"
        let b = bins()
        let maxCount = Double(b.map(\.count).max() ?? 1)
        let lo = (b.first?.low ?? 0) / 1e6, hi = (b.last?.high ?? 1) / 1e6
        var f = Frame(yLow: 0, yHigh: maxCount * 1.1, xCount: 2)
        f.xCount = 2
        func x(_ v: Double) -> Double { f.left + (v / 1e6 - lo) / max(hi - lo, 1e-9) * f.plotWidth }
        let positive = Double(values.filter { $0 > 0 }.count) / Double(max(values.count, 1))
        let alt = "Histogram of cumulative net savings to \(through) over \(values.count) replications, from "
            + "\(Wording.money(b.first?.low ?? .nan)) to \(Wording.money(b.last?.high ?? .nan)); "
            + "\(Wording.share(positive)) of replications save money."
        let ticks = SVG.ticks(lo, hi).map { (($0 - lo) / max(hi - lo, 1e-9), Format.decimal($0, 1)) }
        var s = f.open(id: id, title: title, alt: alt, xLabel: "Cumulative net savings (£ million)", yLabel: "Replications",
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
        for bin in b { csv += "\(Int(bin.low.rounded())),\(Int(bin.high.rounded())),\(bin.count)\n" }
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
