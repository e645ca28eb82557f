import Foundation
import SufficiencyModel

/// A fan chart: the median over time with its 50% and 90% bands, from month-end quantiles.
public struct FanChart: Sendable {
    public struct Point: Sendable {
        public var label: String
        public var p05, p25, p50, p75, p95: Double
    }

    public let id: String
    public let title: String
    public let yLabel: String
    public let points: [Point]

    public init(id: String, title: String, yLabel: String, points: [Point]) {
        self.id = id
        self.title = title
        self.yLabel = yLabel
        self.points = points
    }

    var frame: Frame {
        let high = max(points.map(\.p95).max() ?? 1, 1) * 1.08
        return Frame(yLow: 0, yHigh: high, xCount: points.count)
    }

    /// Screen y of each band edge at each point, top to bottom: p95, p75, p50, p25, p05 (smaller y is higher).
    public func geometry() -> [[Double]] {
        let f = frame
        return points.map { [f.y($0.p95), f.y($0.p75), f.y($0.p50), f.y($0.p25), f.y($0.p05)] }
    }

    func band(_ f: Frame, upper: KeyPath<Point, Double>, lower: KeyPath<Point, Double>) -> String {
        var pts: [String] = []
        for (i, p) in points.enumerated() { pts.append("\(SVG.n(f.x(Double(i)))),\(SVG.n(f.y(p[keyPath: upper])))") }
        for (i, p) in points.enumerated().reversed() { pts.append("\(SVG.n(f.x(Double(i)))),\(SVG.n(f.y(p[keyPath: lower])))") }
        return pts.joined(separator: " ")
    }

    public func chart(colour: String = SVG.blue) -> Chart {
        let f = frame
        let first = points.first, last = points.last
        let alt = "Fan chart of \(title) by month from \(first?.label ?? "") to \(last?.label ?? ""): the median "
            + "goes from \(Wording.count(first?.p50 ?? .nan)) to \(Wording.count(last?.p50 ?? .nan)); at the end the 50% band is "
            + "\(Wording.range(last?.p25 ?? .nan, last?.p75 ?? .nan, Wording.count)) and the 90% band "
            + "\(Wording.range(last?.p05 ?? .nan, last?.p95 ?? .nan, Wording.count))."
        let yearTicks = points.enumerated().filter { $0.element.label.hasSuffix("-03") }
            .map { (Double($0.offset), "Mar " + String($0.element.label.prefix(4))) }
        var s = f.open(id: id, title: title, alt: alt, xLabel: "Month end", yLabel: yLabel, xTicks: yearTicks,
                       yFormat: Wording.count)
        s += "<polygon points=\"\(band(f, upper: \.p95, lower: \.p05))\" fill=\"\(colour)\" fill-opacity=\"0.18\"/>\n"
        s += "<polygon points=\"\(band(f, upper: \.p75, lower: \.p25))\" fill=\"\(colour)\" fill-opacity=\"0.38\"/>\n"
        let line = points.enumerated().map { "\(SVG.n(f.x(Double($0.offset)))),\(SVG.n(f.y($0.element.p50)))" }
        s += "<polyline points=\"\(line.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
        s += "<g class=\"legend\"><rect x=\"\(SVG.n(f.width - 250))\" y=\"8\" width=\"12\" height=\"10\" fill=\"\(colour)\" fill-opacity=\"0.38\"/>"
            + "<text x=\"\(SVG.n(f.width - 234))\" y=\"17\" class=\"tick\">50% band</text>"
            + "<rect x=\"\(SVG.n(f.width - 176))\" y=\"8\" width=\"12\" height=\"10\" fill=\"\(colour)\" fill-opacity=\"0.18\"/>"
            + "<text x=\"\(SVG.n(f.width - 160))\" y=\"17\" class=\"tick\">90% band</text>"
            + "<line x1=\"\(SVG.n(f.width - 102))\" y1=\"13\" x2=\"\(SVG.n(f.width - 88))\" y2=\"13\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            + "<text x=\"\(SVG.n(f.width - 84))\" y=\"17\" class=\"tick\">median</text></g>\n"
        s += "</svg>"
        var csv = "month,p05,p25,p50,p75,p95\n"
        for p in points {
            csv += [p.label, SVG.n(p.p05), SVG.n(p.p25), SVG.n(p.p50), SVG.n(p.p75), SVG.n(p.p95)].joined(separator: ",") + "\n"
        }
        let spec = """
            {
              "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
              "title": \(Format.json(title)),
              "description": \(Format.json(alt)),
              "data": {"url": "\(id).csv"},
              "encoding": {"x": {"field": "month", "type": "temporal", "title": "Month end"}},
              "layer": [
                {"mark": {"type": "area", "opacity": 0.18, "color": "\(colour)"},
                 "encoding": {"y": {"field": "p05", "type": "quantitative", "title": \(Format.json(yLabel))}, "y2": {"field": "p95"}}},
                {"mark": {"type": "area", "opacity": 0.38, "color": "\(colour)"},
                 "encoding": {"y": {"field": "p25", "type": "quantitative"}, "y2": {"field": "p75"}}},
                {"mark": {"type": "line", "color": "\(colour)"},
                 "encoding": {"y": {"field": "p50", "type": "quantitative"}}}
              ]
            }

            """
        return Chart(id: id, title: title, alt: alt, svg: s, csv: csv, vegaLite: spec)
    }
}
