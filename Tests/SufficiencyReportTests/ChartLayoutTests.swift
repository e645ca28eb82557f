import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SufficiencyReport
import XCTest

/// Boxes read back from a chart's SVG: each `<text>` (its box estimated from its characters), each legend swatch, the
/// plot area and the viewBox.
struct SVGBoxes {
    struct Box: CustomStringConvertible {
        var x0, y0, x1, y1: Double
        var label: String
        func overlaps(_ o: Box) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }
        func inside(_ o: Box) -> Bool { x0 >= o.x0 - 1e-9 && x1 <= o.x1 + 1e-9 && y0 >= o.y0 - 1e-9 && y1 <= o.y1 + 1e-9 }
        var description: String { "\"\(label)\" [\(Int(x0))…\(Int(x1)) × \(Int(y0))…\(Int(y1))]" }
    }

    var viewBox = Box(x0: 0, y0: 0, x1: 0, y1: 0, label: "viewBox")
    var plot: Box?
    var titles: [Box] = []
    var legend: [Box] = []
    var otherText: [Box] = []
    var gridTop = Double.infinity

    /// Parses `svg`; text boxes use `estimate(text, fontSize, bold)` for their width, an ascent of 0.8 em above the
    /// baseline and a descent of 0.25 em below it.
    init(svg: String, estimate: (String, Double, Bool) -> Double) throws {
        final class Reader: NSObject, XMLParserDelegate {
            var groups: [String] = []
            var text: (attributes: [String: String], content: String, inLegend: Bool)?
            var found: [(attributes: [String: String], content: String, inLegend: Bool)] = []
            var swatches: [(name: String, attributes: [String: String])] = []
            var shapes: [(name: String, attributes: [String: String])] = []
            var root: [String: String] = [:]
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                let inLegend = groups.contains { $0.split(separator: " ").contains("legend") }
                switch name {
                case "svg": root = attributes
                case "g": groups.append(attributes["class"] ?? "")
                case "text": text = (attributes, "", inLegend)
                default:
                    if inLegend { swatches.append((name, attributes)) } else { shapes.append((name, attributes)) }
                }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text?.content += string }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "g" { groups.removeLast() }
                if name == "text", let t = text { found.append(t); text = nil }
            }
        }
        let reader = Reader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        guard parser.parse() else { throw CocoaError(.coderReadCorrupt) }
        let v = (reader.root["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
        guard v.count == 4 else { throw CocoaError(.coderReadCorrupt) }
        viewBox = Box(x0: v[0], y0: v[1], x1: v[0] + v[2], y1: v[1] + v[3], label: "viewBox")
        func d(_ a: [String: String], _ k: String) -> Double { Double(a[k] ?? "") ?? 0 }
        for t in reader.found {
            let cls = t.attributes["class"] ?? ""
            let size = Self.fontSize[cls] ?? 11, bold = cls == "chart-title"
            let width = estimate(t.content, size, bold)
            var box: Box
            if let transform = t.attributes["transform"] {
                // translate(x y) rotate(-90): the text runs upwards from (x, y), centred there when anchored middle.
                let n = transform.split { !"0123456789.-".contains($0) }.compactMap { Double($0) }
                let (cx, cy) = (n[0], n[1])
                box = Box(x0: cx - 0.8 * size, y0: cy - width / 2, x1: cx + 0.25 * size, y1: cy + width / 2, label: t.content)
            } else {
                let x = d(t.attributes, "x"), y = d(t.attributes, "y")
                let start: Double
                switch t.attributes["text-anchor"] {
                case "middle": start = x - width / 2
                case "end": start = x - width
                default: start = x
                }
                box = Box(x0: start, y0: y - 0.8 * size, x1: start + width, y1: y + 0.25 * size, label: t.content)
            }
            if cls == "chart-title" { titles.append(box) } else if t.inLegend { legend.append(box) } else { otherText.append(box) }
        }
        for (name, a) in reader.swatches {
            switch name {
            case "rect":
                legend.append(Box(x0: d(a, "x"), y0: d(a, "y"), x1: d(a, "x") + d(a, "width"), y1: d(a, "y") + d(a, "height"), label: "swatch"))
            case "line":
                let w = (Double(a["stroke-width"] ?? "1") ?? 1) / 2
                legend.append(Box(x0: min(d(a, "x1"), d(a, "x2")), y0: min(d(a, "y1"), d(a, "y2")) - w,
                                  x1: max(d(a, "x1"), d(a, "x2")), y1: max(d(a, "y1"), d(a, "y2")) + w, label: "swatch"))
            case "circle":
                let r = d(a, "r")
                legend.append(Box(x0: d(a, "cx") - r, y0: d(a, "cy") - r, x1: d(a, "cx") + r, y1: d(a, "cy") + r, label: "swatch"))
            default: break
            }
        }
        for (name, a) in reader.shapes {
            if name == "rect", (a["class"] ?? "") == "plot-area" {
                plot = Box(x0: d(a, "x"), y0: d(a, "y"), x1: d(a, "x") + d(a, "width"), y1: d(a, "y") + d(a, "height"), label: "plot area")
            }
            if name == "line", (a["class"] ?? "") == "grid" { gridTop = min(gridTop, d(a, "y1")) }
        }
    }

    /// Font sizes of the chart classes, as the briefing's CSS sets them (px, which are user units inside the SVG).
    static let fontSize: [String: Double] = ["chart-title": 14, "tick": 11, "axis-label": 12, "legend-label": 11]
}

/// Titles, legends and plot areas of every chart kind never overlap and stay inside the viewBox.
final class ChartLayoutTests: XCTestCase {
    static let longName = "recruitment-and-retention-of-in-house-foster-carers-with-a-new-fees-and-allowances-offer-2022-23"
    static let longTitle = "Children with in-house foster carers under the council's recruitment, retention and step-down "
        + "plan for 2022-23 to 2026-27, against the baseline of the 2022 placement sufficiency strategy"

    /// The layout's own estimate: characters × 0.62 em (regular) or 0.68 em (bold); see `TextMetrics`.
    static func estimate(_ text: String, _ size: Double, _ bold: Bool) -> Double {
        TextMetrics.width(text, size: size, bold: bold)
    }

    /// Every chart kind with a short, a realistic and a very long title or scenario name; the fan and cost charts
    /// also as a comparison draws them, with the baseline in the legend.
    func charts() -> [Chart] {
        let years = ["2022-23", "2023-24", "2024-25", "2025-26", "2026-27"]
        let costYears = years.map { CostChart.Year(label: $0, lines: [4e6, 5e6, 9e6, 2e6], totalP05: 18e6, totalP95: 23e6) }
        var out: [Chart] = []
        let cases = [("Children in care", "plan", "base"),
                     ("Children with IFA foster carers: savings-plan-2022-23 against peterborough-2022", "savings-plan-2022-23", "peterborough-2022"),
                     (Self.longTitle, Self.longName, Self.longName + "-baseline")]
        for (title, name, base) in cases {
            let points = ChartTests.points()
            let lower = points.map { FanChart.Point(label: $0.label, p05: $0.p05 - 20, p25: $0.p25 - 20, p50: $0.p50 - 20, p75: $0.p75 - 20, p95: $0.p95 - 20) }
            out.append(FanChart(id: "fan", title: title, yLabel: "Children", points: points).chart())
            out.append(FanChart(id: "fan-vs", title: title, yLabel: "Children", points: lower, scenario: name,
                                baseline: FanChart.Baseline(name: base, points: points)).chart())
            out.append(CostChart(years: costYears).chart())
            out.append(CostChart(years: costYears, scenario: name,
                                 baseline: CostChart.Baseline(name: base, totals: years.map { _ in 21e6 })).chart())
            out.append(SavingsChart(scenario: name, years: years.map { SavingsChart.Year(label: $0, mean: 5e5, p05: -1e5, p10: 1e5, p90: 9e5, p95: 1.1e6) },
                                    target: ("2022-23", 1_122_000)).chart())
            out.append(SavingsHistogram(scenario: name, through: "2026-27", values: (0..<200).map { Double($0) * 1e4 - 3e5 }).chart())
            out.append(TornadoChart(TornadoChartTests.summary(scenario: name, baseline: base)).chart())
        }
        return out
    }

    func testTheBriefingStylesChartTextAtTheSizesTheLayoutEstimatesFor() {
        XCTAssertTrue(Briefing.css.contains(".chart-title { font-size: \(Int(ChartHeader.titleSize))px; font-weight: bold;"))
        XCTAssertTrue(Briefing.css.contains(".tick { font-size: \(Int(ChartHeader.legendSize))px;"))
        XCTAssertEqual(SVGBoxes.fontSize["chart-title"], ChartHeader.titleSize)
        XCTAssertEqual(SVGBoxes.fontSize["tick"], ChartHeader.legendSize)
    }

    func testALongTitleWrapsAndTheLegendMovesDownWithIt() throws {
        let short = try SVGBoxes(svg: FanChart(id: "a", title: "Children in care", yLabel: "Children", points: ChartTests.points()).chart().svg,
                                 estimate: Self.estimate)
        let long = try SVGBoxes(svg: FanChart(id: "b", title: Self.longTitle, yLabel: "Children", points: ChartTests.points()).chart().svg,
                                estimate: Self.estimate)
        XCTAssertEqual(short.titles.count, 1)
        XCTAssertGreaterThan(long.titles.count, 2, "a 170-character title takes three lines or more")
        XCTAssertGreaterThan(long.legend.map(\.y0).min() ?? 0, long.titles.map(\.y1).max() ?? .infinity)
        XCTAssertEqual(long.viewBox.y1 - short.viewBox.y1, (long.plot?.y0 ?? 0) - (short.plot?.y0 ?? 0), accuracy: 1e-6,
                       "the chart grows by what the header needs; the plot keeps its size")
    }

    func testTextMetricsWrapKeepsEveryCharacterAndBreaksLongNamesAfterHyphens() {
        let lines = TextMetrics.wrap(Self.longName, maxWidth: 200, size: 11)
        XCTAssertEqual(lines.joined(), Self.longName)
        XCTAssertGreaterThan(lines.count, 1)
        for line in lines { XCTAssertLessThanOrEqual(TextMetrics.width(line, size: 11), 200, line) }
        XCTAssertTrue(lines.dropLast().allSatisfy { $0.hasSuffix("-") }, "\(lines)")
        XCTAssertEqual(TextMetrics.wrap("Children in care", maxWidth: 600, size: 14, bold: true), ["Children in care"])
        for text in ["IFA foster care", "baseline: peterborough-2022", "mean total, baseline: peterborough-2022"] {
            XCTAssertEqual(TextMetrics.wrap(text, maxWidth: TextMetrics.width(text, size: 11), size: 11), [text], "as wide as itself")
        }
        XCTAssertEqual(TextMetrics.wrap("one two three", maxWidth: 8 * 11 * TextMetrics.regularAdvance, size: 11), ["one two", "three"])
    }

    func testTitlesAndLegendsNeverOverlapAndStayInsideTheViewBox() throws {
        for chart in charts() {
            let b = try SVGBoxes(svg: chart.svg, estimate: Self.estimate)
            let where_ = "\(chart.id) «\(chart.title.prefix(40))»"
            XCTAssertFalse(b.titles.isEmpty, "\(where_): no title")
            let header = b.titles + b.legend
            for box in header + b.otherText {
                XCTAssertTrue(box.inside(b.viewBox), "\(where_): \(box) outside the viewBox \(b.viewBox)")
            }
            for (i, one) in header.enumerated() {
                for other in header[(i + 1)...] + b.otherText where one.overlaps(other) {
                    XCTFail("\(where_): \(one) overlaps \(other)")
                }
                let plotTop = b.plot?.y0 ?? b.gridTop
                XCTAssertLessThanOrEqual(one.y1, plotTop, "\(where_): \(one) reaches into the plot area (top \(plotTop))")
            }
        }
    }
}
