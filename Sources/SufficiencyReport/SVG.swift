import Foundation
import SufficiencyModel

/// Small helpers for writing SVG by hand: escaping, numbers with fixed precision, and axis ticks.
public enum SVG {
    /// Okabe–Ito colours, distinguishable with the common forms of colour blindness.
    public static let blue = "#0072B2", orange = "#E69F00", green = "#009E73", vermillion = "#D55E00",
                      sky = "#56B4E9", purple = "#CC79A7", yellow = "#F0E442", grey = "#666666"

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func n(_ x: Double) -> String { Format.decimal(x, 1) }
    static func n2(_ x: Double) -> String { Format.decimal(x, 2) }

    /// About `count` round tick values covering [low, high].
    static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard high > low else { return [low] }
        let raw = (high - low) / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var t = ceil(low / step) * step
        var out: [Double] = []
        while t <= high + step * 1e-9 {
            out.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return out
    }
}

/// The frame of a chart: header (title and legend), plot area, scales, axes with labels and units, and alt text.
///
/// The plot area keeps its size; the chart grows downwards by as much as its header needs, so a long title or legend
/// makes the chart taller instead of running into the plot.
struct Frame {
    let width = 640.0, plotHeight = 212.0
    let left = 72.0, right = 34.0, bottom = 48.0
    let title: String
    let header: ChartHeader
    var yLow: Double
    var yHigh: Double
    var xCount: Int

    init(title: String, legend: [[LegendItem]] = [], yLow: Double, yHigh: Double, xCount: Int) {
        self.title = title
        header = ChartHeader(width: width, title: title, legend: legend)
        self.yLow = yLow
        self.yHigh = yHigh
        self.xCount = xCount
    }

    /// Top of the plot area: below the header, with room for the top tick label (centred on its gridline).
    var top: Double { header.bottom + 14 }
    var height: Double { top + plotHeight + bottom }
    var plotWidth: Double { width - left - right }

    func x(_ i: Double) -> Double { left + (xCount > 1 ? i / Double(xCount - 1) : 0.5) * plotWidth }
    func y(_ v: Double) -> Double { top + (1 - (v - yLow) / (yHigh - yLow)) * plotHeight }

    /// Every how many of `labels`, set in slots `slot` wide, to label so that the tick labels do not touch.
    static func labelStride(_ labels: [String], slot: Double) -> Int {
        let widest = labels.map { TextMetrics.width($0, size: ChartHeader.legendSize) }.max() ?? 0
        return max(Int(((widest + 8) / max(slot, 1)).rounded(.up)), 1)
    }

    /// Opening of the SVG with title, description (alt text), header, axes and gridlines.
    func open(id: String, alt: String, xLabel: String, yLabel: String, xTicks: [(Double, String)],
              yFormat: (Double) -> String) -> String {
        var s = "<svg viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" "
            + "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" class=\"chart\">\n"
        s += "<title id=\"\(id)-title\">\(SVG.escape(title))</title>\n<desc id=\"\(id)-desc\">\(SVG.escape(alt))</desc>\n"
        s += header.svg()
        s += "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(plotWidth))\" height=\"\(SVG.n(plotHeight))\" "
            + "class=\"plot-area\" fill=\"none\"/>\n"
        for t in SVG.ticks(yLow, yHigh) {
            let yy = y(t)
            s += "<line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(yy))\" x2=\"\(SVG.n(width - right))\" y2=\"\(SVG.n(yy))\" class=\"grid\"/>\n"
            s += "<text x=\"\(SVG.n(left - 6))\" y=\"\(SVG.n(yy + 4))\" class=\"tick\" text-anchor=\"end\">\(SVG.escape(yFormat(t)))</text>\n"
        }
        for (i, label) in xTicks {
            s += "<text x=\"\(SVG.n(x(i)))\" y=\"\(SVG.n(height - bottom + 16))\" class=\"tick\" text-anchor=\"middle\">\(SVG.escape(label))</text>\n"
        }
        s += "<line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(height - bottom))\" x2=\"\(SVG.n(width - right))\" y2=\"\(SVG.n(height - bottom))\" class=\"axis\"/>\n"
        s += "<text x=\"\(SVG.n(left + plotWidth / 2))\" y=\"\(SVG.n(height - 8))\" class=\"axis-label\" text-anchor=\"middle\">\(SVG.escape(xLabel))</text>\n"
        s += "<text transform=\"translate(16 \(SVG.n(top + plotHeight / 2))) rotate(-90)\" class=\"axis-label\" text-anchor=\"middle\">\(SVG.escape(yLabel))</text>\n"
        return s
    }
}

/// A chart ready for the briefing: SVG, its data as CSV, a Vega-Lite spec that reads that CSV, and its alt text.
public struct Chart: Sendable {
    public let id: String
    public let title: String
    public let alt: String
    public let svg: String
    public let csv: String
    public let vegaLite: String
}
