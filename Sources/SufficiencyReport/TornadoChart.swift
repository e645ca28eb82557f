import Foundation
import SufficiencyModel

/// Which assumptions move the savings most: one horizontal bar per parameter from its mean net savings at the low
/// value to that at the high value, largest range at the top, about a vertical line at the savings with every
/// parameter as written (and the target, when there is one).
public struct TornadoChart: Sendable {
    public let summary: SensitivitySummary
    /// How many drivers to draw (the rest are in the table and the CSV).
    public let rows: Int

    public init(_ summary: SensitivitySummary, rows: Int = 10) {
        self.summary = summary
        self.rows = rows
    }

    static let labelWidth = 230.0, rowHeight = 30.0, right = 24.0, bottom = 44.0

    /// A key path shortened for a row label: its last two parts (`reunification_programme.hazard_multiplier`).
    static func label(_ keyPath: String) -> String {
        keyPath.split(separator: ".").suffix(2).joined(separator: ".")
    }

    /// A row's label as lines that fit `width`: the shortened key path on one line when it fits, else split after its
    /// dot (`reunification_programme.` over `hazard_multiplier`), each part cut with an ellipsis only if it alone is
    /// too wide. One line cut short made three `reunification_programme.…` rows that could not be told apart.
    static func labelLines(_ keyPath: String, width: Double) -> [String] {
        let text = label(keyPath)
        guard TextMetrics.width(text, size: ChartHeader.legendSize) > width, let dot = text.lastIndex(of: ".") else {
            return [fitted(text, width: width)]
        }
        return [fitted(String(text[...dot]), width: width), fitted(String(text[text.index(after: dot)...]), width: width)]
    }

    /// `text` cut with an ellipsis to fit `width` at the tick size.
    static func fitted(_ text: String, width: Double) -> String {
        guard TextMetrics.width(text, size: ChartHeader.legendSize) > width else { return text }
        var cut = text
        while !cut.isEmpty && TextMetrics.width(cut + "…", size: ChartHeader.legendSize) > width { cut.removeLast() }
        return cut + "…"
    }

    public func chart() -> Chart {
        let s = summary
        let drivers = Array(s.drivers.prefix(rows))
        let title = "What moves net savings in \(s.year) most: \(s.scenario) against \(s.baseline), each assumption ±\(Format.plain(100 * s.swing))%"
        let held = SensitivitySummary.Held.self
        let anyHeld = drivers.contains { $0.heldAtLimit != nil }
        let legend: [[LegendItem]] = [[
            LegendItem(swatch: .box(colour: SVG.vermillion, opacity: 0.75), text: "assumption at its low value"),
            LegendItem(swatch: .box(colour: SVG.blue, opacity: 0.75), text: "at its high value"),
            LegendItem(swatch: .line(colour: SVG.grey, width: 1.5, dash: nil), text: "as written"),
        ] + (s.target != nil ? [LegendItem(swatch: .line(colour: SVG.green, width: 2, dash: "5 3"), text: "target")] : [])]
            // A bar held at its limit is shorter than the swing would make it: say so beside the bars that are.
            + (anyHeld ? [[LegendItem(swatch: .none, text: "\(held.mark) at a bar's end: \(held.note(swing: s.swing))")]] : [])
        let width = 640.0
        let header = ChartHeader(width: width, title: title, legend: legend)
        let top = header.bottom + 12
        let plotHeight = Double(max(drivers.count, 1)) * Self.rowHeight
        let height = top + plotHeight + Self.bottom
        let left = Self.labelWidth, plotWidth = width - left - Self.right
        var values = drivers.flatMap { [$0.low.mean, $0.high.mean] } + [s.central.mean]
        if let t = s.target { values.append(t) }
        let ticks = SVG.ticks(values.min() ?? 0, values.max() ?? 1)
        var lo = min(ticks.first ?? 0, values.min() ?? 0)
        let hi = max(ticks.last ?? 1, values.max() ?? 1)
        // A held bar's mark sits past its outer end: one running left to the axis's end would meet the row labels, so
        // the axis then starts a mark's width and a gap (14 px) further left.
        let heldEnds = drivers.flatMap { d in
            [(d.low.mean, d.heldAtLimit?.low == true), (d.high.mean, d.heldAtLimit?.high == true)]
                .filter { $0.1 && $0.0 < s.central.mean }.map(\.0)
        }
        if let end = heldEnds.min(), hi > lo, plotWidth > 14, (end - lo) / (hi - lo) * plotWidth < 14 {
            lo = end - 14 / (plotWidth - 14) * (hi - end)
        }
        func x(_ v: Double) -> Double { left + (hi > lo ? (v - lo) / (hi - lo) : 0.5) * plotWidth }
        let alt = "Tornado chart of mean net savings in \(s.year) with each of \(drivers.count) assumptions at its low and "
            + "high value (±\(Format.plain(100 * s.swing))%). With every assumption as written the mean is "
            + "\(Wording.money(s.central.mean)). "
            + drivers.prefix(3).enumerated().map { k, d in
                "\(k + 1). \(Self.label(d.keyPath)): \(Wording.money(d.low.mean)) at its low value, \(Wording.money(d.high.mean)) at its high"
                    + (d.heldAtLimit.map { " (\(Self.heldPhrase($0, of: d)))" } ?? "") + "."
            }.joined(separator: " ")
        var svg = "<svg viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" role=\"img\" aria-labelledby=\"tornado-title tornado-desc\" class=\"chart\">\n"
        svg += "<title id=\"tornado-title\">\(SVG.escape(title))</title>\n<desc id=\"tornado-desc\">\(SVG.escape(alt))</desc>\n"
        svg += header.svg()
        svg += "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(plotWidth))\" height=\"\(SVG.n(plotHeight))\" class=\"plot-area\" fill=\"none\"/>\n"
        for t in ticks {
            svg += "<line x1=\"\(SVG.n(x(t)))\" y1=\"\(SVG.n(top))\" x2=\"\(SVG.n(x(t)))\" y2=\"\(SVG.n(top + plotHeight))\" class=\"grid\"/>\n"
            svg += "<text x=\"\(SVG.n(x(t)))\" y=\"\(SVG.n(top + plotHeight + 16))\" class=\"tick\" text-anchor=\"middle\">\(SVG.escape(Wording.money(t)))</text>\n"
        }
        for (k, d) in drivers.enumerated() {
            let y = top + Double(k) * Self.rowHeight
            let lines = Self.labelLines(d.keyPath, width: Self.labelWidth - 16)
            for (n, line) in lines.enumerated() {
                let baseline = y + Self.rowHeight / 2 + 4 + (lines.count == 1 ? 0 : Double(n) * 13 - 6.5)
                svg += "<text x=\"\(SVG.n(left - 8))\" y=\"\(SVG.n(baseline))\" class=\"tick\" text-anchor=\"end\">\(SVG.escape(line))</text>\n"
            }
            for (value, colour, isHeld) in [(d.low.mean, SVG.vermillion, d.heldAtLimit?.low == true),
                                            (d.high.mean, SVG.blue, d.heldAtLimit?.high == true)] {
                let a = x(min(value, s.central.mean)), b = x(max(value, s.central.mean))
                svg += "<rect x=\"\(SVG.n(a))\" y=\"\(SVG.n(y + 4))\" width=\"\(SVG.n(max(b - a, 0.5)))\" height=\"\(SVG.n(Self.rowHeight - 8))\" fill=\"\(colour)\" fill-opacity=\"0.75\"/>\n"
                if isHeld {
                    // The mark just beyond the bar's outer end, on the side it runs to.
                    let right = value >= s.central.mean
                    svg += "<text x=\"\(SVG.n(right ? b + 3 : a - 3))\" y=\"\(SVG.n(y + Self.rowHeight / 2 + 4))\" class=\"tick\" text-anchor=\"\(right ? "start" : "end")\">\(held.mark)</text>\n"
                }
            }
        }
        svg += "<line x1=\"\(SVG.n(x(s.central.mean)))\" y1=\"\(SVG.n(top))\" x2=\"\(SVG.n(x(s.central.mean)))\" y2=\"\(SVG.n(top + plotHeight))\" stroke=\"\(SVG.grey)\" stroke-width=\"1.5\"/>\n"
        if let t = s.target {
            svg += "<line x1=\"\(SVG.n(x(t)))\" y1=\"\(SVG.n(top))\" x2=\"\(SVG.n(x(t)))\" y2=\"\(SVG.n(top + plotHeight))\" stroke=\"\(SVG.green)\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>\n"
        }
        svg += "<text x=\"\(SVG.n(left + plotWidth / 2))\" y=\"\(SVG.n(height - 8))\" class=\"axis-label\" text-anchor=\"middle\">Mean net savings in \(SVG.escape(s.year)), nominal £</text>\n</svg>\n"
        var csv = "key_path,low_value,high_value,held_at_limit,mean_low,mean_high,range\n"
        for d in s.drivers {
            csv += [d.keyPath, d.lowValue, d.highValue, d.heldAtLimit?.rawValue ?? ""].map(Format.csv).joined(separator: ",") + ","
                + [d.low.mean, d.high.mean, d.range].map { Format.fixed($0, 2) }.joined(separator: ",") + "\n"
        }
        let spec = """
            {
              "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
              "title": \(Format.json(title)),
              "data": {"url": "tornado.csv"},
              "transform": [{"window": [{"op": "row_number", "as": "rank"}]}, {"filter": "datum.rank <= \(rows)"}],
              "encoding": {"y": {"field": "key_path", "type": "nominal", "sort": {"field": "rank"}, "title": null}},
              "layer": [
                {"mark": {"type": "bar", "color": "\(SVG.vermillion)"}, "encoding": {"x": {"field": "mean_low", "type": "quantitative", "title": "Mean net savings (£)"}, "x2": {"datum": \(Format.fixed(s.central.mean, 2))}}},
                {"mark": {"type": "bar", "color": "\(SVG.blue)"}, "encoding": {"x": {"field": "mean_high", "type": "quantitative"}, "x2": {"datum": \(Format.fixed(s.central.mean, 2))}}}
              ]
            }
            """
        return Chart(id: "tornado", title: title, alt: alt, svg: svg, csv: csv, vegaLite: spec)
    }

    /// "held at its limit when set higher" (or lower, or either way); for a table or list, of which some or all
    /// numbers may be held, "some or all of its numbers held at their limit ...".
    static func heldPhrase(_ held: SensitivitySummary.Held, of d: SensitivitySummary.Driver) -> String {
        let when: String
        switch held {
        case .low: when = "when set lower"
        case .high: when = "when set higher"
        case .both: when = "either way"
        }
        return (d.isTable ? "some or all of its numbers held at their limit " : "held at its limit ") + when
    }
}

/// The drivers in plain English, for the top of a savings briefing.
public enum DriverWording {
    /// "The three assumptions that move 2022-23's net savings of … most, …:" and a numbered item for each, with its
    /// values and the mean net savings and chance of the target at each end.
    public static func topThree(_ s: SensitivitySummary) -> Headline? {
        let top = s.drivers.prefix(3)
        guard !top.isEmpty else { return nil }
        let items = top.map { d -> String in
            let short = d.lowValue.count <= 12
            var values = short ? "from \(d.lowValue) to \(d.highValue)" : "±\(Format.plain(100 * s.swing))%"
            if let held = d.heldAtLimit { values += ", " + TornadoChart.heldPhrase(held, of: d) }
            var text = "\(d.description.isEmpty ? d.keyPath : Wording.capitalisingFirst(d.description)) (\(d.keyPath), \(values)): "
                + "mean net savings from \(Wording.money(d.low.mean)) to \(Wording.money(d.high.mean))"
            if let pl = d.low.probabilityOfTarget, let ph = d.high.probabilityOfTarget {
                text += ", the chance of the target from \(Wording.chance(pl)) to \(Wording.chance(ph))"
            }
            return text + "."
        }
        let count = ["", "The assumption that moves", "The two assumptions that move", "The three assumptions that move"][top.count]
        var lead = "\(count) \(s.year)'s net savings of \(s.scenario) most, "
            + "each set \(Format.plain(100 * s.swing))% lower and higher on the same simulated futures (with every "
            + "assumption as written the mean is \(Wording.money(s.central.mean))"
        if let p = s.central.probabilityOfTarget, let t = s.target {
            lead += " and the chance of reaching \(Wording.pounds(t)) is \(Wording.chance(p))"
        }
        return Headline(lead + "):", items: items)
    }
}
