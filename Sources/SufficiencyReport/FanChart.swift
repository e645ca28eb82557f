import Foundation
import SufficiencyModel

/// A fan chart: the median over time with its 50% and 90% bands, from month-end quantiles; in a comparison, the
/// baseline's median and 90% band in grey beneath the scenario's, so that the reader sees what the scenario changes.
public struct FanChart: Sendable {
    public struct Point: Sendable {
        public var label: String
        public var p05, p25, p50, p75, p95: Double
    }

    /// The run a scenario is compared against, with its month-end quantiles.
    public struct Baseline: Sendable {
        public var name: String
        public var points: [Point]

        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    public let id: String
    public let title: String
    public let yLabel: String
    public let points: [Point]
    /// The scenario's name, shown in the legend when there is a baseline.
    public let scenario: String?
    public let baseline: Baseline?

    public init(id: String, title: String, yLabel: String, points: [Point], scenario: String? = nil, baseline: Baseline? = nil) {
        self.id = id
        self.title = title
        self.yLabel = yLabel
        self.points = points
        self.scenario = scenario
        self.baseline = baseline
    }

    /// The baseline's point for each of the scenario's months (matched by label; nil where the baseline has none).
    var baselinePoints: [Point?] {
        guard let baseline else { return [] }
        let byMonth = Dictionary(baseline.points.map { ($0.label, $0) }, uniquingKeysWith: { a, _ in a })
        return points.map { byMonth[$0.label] }
    }

    /// The legend: band and median swatches; in a comparison one row for the scenario and one for the baseline,
    /// each opening with its name, the names in one column so that the swatches line up.
    func legend(colour: String) -> [[LegendItem]] {
        let scenarioItems: [LegendItem] = [
            LegendItem(swatch: .line(colour: colour, width: 2, dash: nil), text: "median"),
            LegendItem(swatch: .box(colour: colour, opacity: 0.38), text: "50% band"),
            LegendItem(swatch: .box(colour: colour, opacity: 0.18), text: "90% band"),
        ]
        guard let baseline else { return [scenarioItems] }
        let names = [scenario ?? "scenario", "baseline: " + baseline.name]
        let column = min(names.map { TextMetrics.width($0, size: ChartHeader.legendSize) }.max() ?? 0, 260)
        return [
            [LegendItem(swatch: .none, text: names[0], textWidth: column)] + scenarioItems,
            [LegendItem(swatch: .none, text: names[1], textWidth: column),
             LegendItem(swatch: .line(colour: SVG.grey, width: 1.5, dash: Self.baselineDash), text: "median"),
             LegendItem(swatch: .box(colour: SVG.grey, opacity: Self.baselineOpacity), text: "90% band")],
        ]
    }

    static let baselineDash = "5 3", baselineOpacity = 0.16

    func frame(colour: String) -> Frame {
        let highs = points.map(\.p95) + baselinePoints.compactMap { $0?.p95 }
        let high = max(highs.max() ?? 1, 1) * 1.08
        return Frame(title: title, legend: legend(colour: colour), yLow: 0, yHigh: high, xCount: points.count)
    }

    /// Screen y of each band edge at each point, top to bottom: p95, p75, p50, p25, p05 (smaller y is higher).
    public func geometry() -> [[Double]] {
        let f = frame(colour: SVG.blue)
        return points.map { [f.y($0.p95), f.y($0.p75), f.y($0.p50), f.y($0.p25), f.y($0.p05)] }
    }

    /// The polygon of a band between `upper` and `lower` over the months where `series` has a point.
    func band(_ f: Frame, _ series: [Point?], upper: KeyPath<Point, Double>, lower: KeyPath<Point, Double>) -> String {
        let present = series.enumerated().compactMap { i, p in p.map { (i, $0) } }
        var pts: [String] = []
        for (i, p) in present { pts.append("\(SVG.n(f.x(Double(i)))),\(SVG.n(f.y(p[keyPath: upper])))") }
        for (i, p) in present.reversed() { pts.append("\(SVG.n(f.x(Double(i)))),\(SVG.n(f.y(p[keyPath: lower])))") }
        return pts.joined(separator: " ")
    }

    func median(_ f: Frame, _ series: [Point?]) -> String {
        series.enumerated().compactMap { i, p in p.map { "\(SVG.n(f.x(Double(i)))),\(SVG.n(f.y($0.p50)))" } }.joined(separator: " ")
    }

    func alt() -> String {
        let first = points.first, last = points.last
        let months = "by month from \(first?.label ?? "") to \(last?.label ?? "")"
        let own = "the median goes from \(Wording.count(first?.p50 ?? .nan)) to \(Wording.count(last?.p50 ?? .nan)); at the end the 50% band is "
            + "\(Wording.range(last?.p25 ?? .nan, last?.p75 ?? .nan, Wording.count)) and the 90% band "
            + "\(Wording.range(last?.p05 ?? .nan, last?.p95 ?? .nan, Wording.count))."
        guard let baseline else { return "Fan chart of \(title) \(months): \(own)" }
        let b = baselinePoints.compactMap { $0 }
        return "Fan chart of \(title), \(months). Under \(scenario ?? "the scenario") \(own) In grey beneath, the baseline "
            + "(\(baseline.name)): its median goes from \(Wording.count(b.first?.p50 ?? .nan)) to \(Wording.count(b.last?.p50 ?? .nan)) "
            + "and its 90% band ends at \(Wording.range(b.last?.p05 ?? .nan, b.last?.p95 ?? .nan, Wording.count))."
    }

    public func chart(colour: String = SVG.blue) -> Chart {
        let f = frame(colour: colour)
        let alt = alt()
        let yearTicks = points.enumerated().filter { $0.element.label.hasSuffix("-03") }
            .map { (Double($0.offset), "Mar " + String($0.element.label.prefix(4))) }
        var s = f.open(id: id, alt: alt, xLabel: "Month end", yLabel: yLabel, xTicks: yearTicks, yFormat: Wording.count)
        let own = points.map { Optional($0) }
        // Bands first, the baseline's beneath the scenario's; then the medians, so that both lines stay visible.
        if baseline != nil {
            s += "<polygon points=\"\(band(f, baselinePoints, upper: \.p95, lower: \.p05))\" fill=\"\(SVG.grey)\" "
                + "fill-opacity=\"\(SVG.n2(Self.baselineOpacity))\" class=\"baseline\"/>\n"
        }
        s += "<polygon points=\"\(band(f, own, upper: \.p95, lower: \.p05))\" fill=\"\(colour)\" fill-opacity=\"0.18\"/>\n"
        s += "<polygon points=\"\(band(f, own, upper: \.p75, lower: \.p25))\" fill=\"\(colour)\" fill-opacity=\"0.38\"/>\n"
        if baseline != nil {
            s += "<polyline points=\"\(median(f, baselinePoints))\" fill=\"none\" stroke=\"\(SVG.grey)\" stroke-width=\"1.5\" "
                + "stroke-dasharray=\"\(Self.baselineDash)\" class=\"baseline\"/>\n"
        }
        s += "<polyline points=\"\(median(f, own))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
        s += "</svg>"
        return Chart(id: id, title: title, alt: alt, svg: s, csv: csv(), vegaLite: vegaLite(alt: alt, colour: colour))
    }

    /// The chart's data: the scenario's quantiles by month, then the baseline's median and 90% band if there is one.
    func csv() -> String {
        var csv = "month,p05,p25,p50,p75,p95" + (baseline != nil ? ",baseline_p05,baseline_p50,baseline_p95" : "") + "\n"
        for (p, b) in zip(points, baseline != nil ? baselinePoints : points.map { _ in nil }) {
            var cells = [p.label, SVG.n(p.p05), SVG.n(p.p25), SVG.n(p.p50), SVG.n(p.p75), SVG.n(p.p95)]
            if baseline != nil { cells += [b.map { SVG.n($0.p05) } ?? "", b.map { SVG.n($0.p50) } ?? "", b.map { SVG.n($0.p95) } ?? ""] }
            csv += cells.joined(separator: ",") + "\n"
        }
        return csv
    }

    /// A Vega-Lite spec drawing the same layers from the CSV; in a comparison the layers' colours come from one
    /// scale whose legend names the scenario and the baseline.
    func vegaLite(alt: String, colour: String) -> String {
        var layers: [String] = []
        var colourEncoding: (String) -> String = { _ in "" }
        if let baseline {
            let names = [scenario ?? "scenario", "baseline: " + baseline.name]
            let scale = "\"scale\": {\"domain\": [\(names.map(Format.json).joined(separator: ", "))], \"range\": [\"\(colour)\", \"\(SVG.grey)\"]}"
            colourEncoding = { ", \"color\": {\"datum\": \(Format.json($0)), \(scale), \"title\": null}" }
            layers += [
                "{\"mark\": {\"type\": \"area\", \"opacity\": \(SVG.n2(Self.baselineOpacity))},\n"
                    + "     \"encoding\": {\"y\": {\"field\": \"baseline_p05\", \"type\": \"quantitative\", \"title\": \(Format.json(yLabel))}, "
                    + "\"y2\": {\"field\": \"baseline_p95\"}\(colourEncoding(names[1]))}}",
                "{\"mark\": {\"type\": \"line\", \"strokeDash\": [5, 3]},\n"
                    + "     \"encoding\": {\"y\": {\"field\": \"baseline_p50\", \"type\": \"quantitative\"}\(colourEncoding(names[1]))}}",
            ]
        }
        let own = baseline != nil ? colourEncoding(scenario ?? "scenario") : ""
        let fixed = baseline != nil ? "" : ", \"color\": \"\(colour)\""
        layers += [
            "{\"mark\": {\"type\": \"area\", \"opacity\": 0.18\(fixed)},\n"
                + "     \"encoding\": {\"y\": {\"field\": \"p05\", \"type\": \"quantitative\", \"title\": \(Format.json(yLabel))}, \"y2\": {\"field\": \"p95\"}\(own)}}",
            "{\"mark\": {\"type\": \"area\", \"opacity\": 0.38\(fixed)},\n"
                + "     \"encoding\": {\"y\": {\"field\": \"p25\", \"type\": \"quantitative\"}, \"y2\": {\"field\": \"p75\"}\(own)}}",
            "{\"mark\": {\"type\": \"line\"\(fixed)},\n"
                + "     \"encoding\": {\"y\": {\"field\": \"p50\", \"type\": \"quantitative\"}\(own)}}",
        ]
        return """
            {
              "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
              "title": \(Format.json(title)),
              "description": \(Format.json(alt)),
              "data": {"url": "\(id).csv"},
              "encoding": {"x": {"field": "month", "type": "temporal", "title": "Month end"}},
              "layer": [
                \(layers.joined(separator: ",\n    "))
              ]
            }

            """
    }
}
