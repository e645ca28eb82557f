import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SufficiencyReport
import XCTest

/// Chart geometry and well-formed SVG.
final class ChartTests: XCTestCase {
    static func points() -> [FanChart.Point] {
        (0..<24).map { i in
            let m = 300 + 10 * sin(Double(i) / 3)
            let w = 5 + Double(i)
            return FanChart.Point(label: "20\(17 + (i + 3) / 12)-\(String(format: "%02d", (i + 3) % 12 + 1))",
                                  p05: m - 2 * w, p25: m - w / 2, p50: m, p75: m + w / 2, p95: m + 2 * w)
        }
    }

    func testFanBandsAreNestedNinetyAroundFiftyAroundTheMedian() {
        let fan = FanChart(id: "t", title: "Test", yLabel: "Children", points: Self.points())
        for (i, ys) in fan.geometry().enumerated() {
            // Screen y grows downwards: p95 is highest (smallest y), then p75, p50, p25, p05.
            XCTAssertEqual(ys, ys.sorted(), "point \(i): bands not nested \(ys)")
            XCTAssertLessThan(ys[0], ys[4], "point \(i): the 90% band has height")
        }
    }

    func testEveryChartIsWellFormedXMLWithTitleDescriptionAndNoExternalReference() throws {
        let charts = [
            FanChart(id: "fan", title: "Children in care", yLabel: "Children", points: Self.points()).chart(),
            CostChart(years: [CostChart.Year(label: "2017-18", lines: [4e6, 5e6, 9e6, 2e6], totalP05: 18e6, totalP95: 23e6)]).chart(),
            SavingsChart(scenario: "plan", years: [SavingsChart.Year(label: "2022-23", mean: 5e5, p05: -1e5, p10: 1e5, p90: 9e5, p95: 1.1e6)],
                         target: ("2022-23", 1_122_000)).chart(),
            SavingsHistogram(scenario: "plan", through: "2026-27", values: (0..<200).map { Double($0) * 1e4 - 3e5 }).chart(),
            Self.comparisonFan().chart(),
            CostChart(years: [CostChart.Year(label: "2017-18", lines: [4e6, 5e6, 9e6, 2e6], totalP05: 18e6, totalP95: 23e6)],
                      scenario: "plan", baseline: CostChart.Baseline(name: "base", totals: [21e6])).chart(),
        ]
        for chart in charts {
            let parser = XMLParser(data: Data(chart.svg.utf8))
            XCTAssertTrue(parser.parse(), "\(chart.id): \(parser.parserError.map { "\($0)" } ?? "")")
            XCTAssertTrue(chart.svg.contains("<title id=\"\(chart.id)-title\">"), chart.id)
            XCTAssertTrue(chart.svg.contains("<desc id=\"\(chart.id)-desc\">"), chart.id)
            XCTAssertFalse(chart.svg.contains("http"), chart.id)
            XCTAssertFalse(chart.svg.contains("href"), chart.id)
            XCTAssertTrue(chart.vegaLite.contains("\"url\": \"\(chart.id).csv\""), chart.id)
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(chart.vegaLite.utf8)), chart.id)
            XCTAssertGreaterThan(chart.csv.split(separator: "\n").count, 1, chart.id)
        }
    }

    /// A scenario 30 children below its baseline throughout.
    static func comparisonFan() -> FanChart {
        let base = points()
        let lower = base.map { FanChart.Point(label: $0.label, p05: $0.p05 - 30, p25: $0.p25 - 30, p50: $0.p50 - 30, p75: $0.p75 - 30, p95: $0.p95 - 30) }
        return FanChart(id: "fan-vs", title: "Children in care: plan against base", yLabel: "Children", points: lower,
                        scenario: "plan", baseline: FanChart.Baseline(name: "base", points: base))
    }

    func testAComparisonFanDrawsTheBaselinesMedianAndBandInGreyBeneathTheScenarios() throws {
        let fan = Self.comparisonFan()
        let chart = fan.chart(colour: SVG.green)
        // The drawing after the header (whose legend swatches use the same colours).
        let svg = String(chart.svg[try XCTUnwrap(chart.svg.range(of: "class=\"plot-area\"")).upperBound...])
        let baselineBand = try XCTUnwrap(svg.range(of: "<polygon points=\"\(fan.band(fan.frame(colour: SVG.green), fan.baselinePoints, upper: \.p95, lower: \.p05))\" fill=\"\(SVG.grey)\""))
        let baselineMedian = try XCTUnwrap(svg.range(of: "<polyline points=\"\(fan.median(fan.frame(colour: SVG.green), fan.baselinePoints))\" fill=\"none\" stroke=\"\(SVG.grey)\""))
        let scenarioBand = try XCTUnwrap(svg.range(of: "fill=\"\(SVG.green)\" fill-opacity=\"0.18\"/>"))
        let scenarioMedian = try XCTUnwrap(svg.range(of: "stroke=\"\(SVG.green)\" stroke-width=\"2\"/>"))
        XCTAssertLessThan(baselineBand.lowerBound, scenarioBand.lowerBound, "the baseline's band is drawn first, beneath")
        XCTAssertLessThan(baselineMedian.lowerBound, scenarioMedian.lowerBound, "the scenario's median is drawn over the baseline's")
        // The baseline's median sits 30 children above the scenario's, in screen units.
        let f = fan.frame(colour: SVG.green)
        XCTAssertEqual(f.y(fan.points[0].p50) - f.y(fan.baselinePoints[0]!.p50), 30 * f.plotHeight / (f.yHigh - f.yLow), accuracy: 1e-9)
        // The legend names both; alt text, data and spec carry the baseline too.
        let legend = try SVGBoxes(svg: chart.svg, estimate: ChartLayoutTests.estimate).legend.map(\.label)
        XCTAssertTrue(legend.contains("plan") && legend.contains("baseline: base"), "\(legend)")
        XCTAssertTrue(chart.alt.hasPrefix("Fan chart of Children in care: plan against base, by month from 2017-04 to 2019-03. Under plan the median goes from 270 to "), chart.alt)
        XCTAssertTrue(chart.alt.contains("the baseline (base): its median goes from 300 to "), chart.alt)
        let csv = chart.csv.split(separator: "\n")
        XCTAssertEqual(csv.first, "month,p05,p25,p50,p75,p95,baseline_p05,baseline_p50,baseline_p95")
        XCTAssertEqual(csv.count, 25)
        XCTAssertTrue(csv[1] == "2017-04,260.0,267.5,270.0,272.5,280.0,290.0,300.0,310.0", String(csv[1]))
        for field in ["baseline_p05", "baseline_p50", "baseline_p95", "\"datum\": \"baseline: base\"", "\"datum\": \"plan\""] {
            XCTAssertTrue(chart.vegaLite.contains(field), field)
        }
    }

    func testASingleRunFanHasNoBaselineAndItsDataAndSpecAreAsBefore() {
        let chart = FanChart(id: "fan", title: "Children in care", yLabel: "Children", points: Self.points()).chart()
        XCTAssertFalse(chart.svg.contains(SVG.grey))
        XCTAssertFalse(chart.alt.contains("baseline"))
        XCTAssertEqual(chart.csv.split(separator: "\n").first, "month,p05,p25,p50,p75,p95")
        XCTAssertTrue(chart.vegaLite.contains("{\"mark\": {\"type\": \"line\", \"color\": \"\(SVG.blue)\"},\n     \"encoding\": {\"y\": {\"field\": \"p50\", \"type\": \"quantitative\"}}}"),
                      chart.vegaLite)
    }

    func testTheCostChartNamesItsScenarioAndMarksTheBaselinesTotal() throws {
        let years = [CostChart.Year(label: "2022-23", lines: [4e6, 5e6, 9e6, 2e6], totalP05: 18e6, totalP95: 23e6),
                     CostChart.Year(label: "2023-24", lines: [4e6, 5e6, 8e6, 2e6], totalP05: 17e6, totalP95: 22e6)]
        let chart = CostChart(years: years, scenario: "savings-plan", baseline: CostChart.Baseline(name: "peterborough", totals: [21e6, 22e6])).chart()
        XCTAssertEqual(chart.title, "Annual cost by placement type: savings-plan")
        XCTAssertTrue(chart.alt.contains("under savings-plan"), chart.alt)
        XCTAssertTrue(chart.alt.contains("baseline (peterborough): £21.0m in 2022-23 and £22.0m in 2023-24"), chart.alt)
        XCTAssertEqual(chart.svg.components(separatedBy: "class=\"baseline\"").count - 1, 2, "one baseline mark per year")
        let legend = try SVGBoxes(svg: chart.svg, estimate: ChartLayoutTests.estimate).legend.map(\.label)
        XCTAssertTrue(legend.contains("mean total, baseline: peterborough"), "\(legend)")
        XCTAssertTrue(chart.csv.hasPrefix("year,line,mean_pounds,total_p05_pounds,total_p95_pounds,baseline_total_pounds\n"
            + "2022-23,In-house foster care,4000000,18000000,23000000,21000000\n"), chart.csv)
        XCTAssertTrue(chart.vegaLite.contains("\"field\": \"baseline_total_pounds\""))
        let single = CostChart(years: years).chart()
        // Each line keeps its SVG colour in the spec: the scale's domain is given in the same order as its range.
        let spec = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(single.vegaLite.utf8)) as? [String: Any])
        let colour = try XCTUnwrap(((spec["encoding"] as? [String: Any])?["color"] as? [String: Any])?["scale"] as? [String: Any])
        XCTAssertEqual(colour["domain"] as? [String], CostChart.lineNames)
        XCTAssertEqual(colour["range"] as? [String], CostChart.colours)
        XCTAssertEqual(single.title, "Annual cost by placement type")
        XCTAssertFalse(single.svg.contains("baseline") || single.csv.contains("baseline") || single.alt.contains("baseline"))
    }

    func testTheSavingsChartNamesItsMarksAndTheTargetInTheLegendNotOnThePlot() throws {
        let chart = SavingsChart(scenario: "plan", years: [SavingsChart.Year(label: "2022-23", mean: 5e5, p05: -1e5, p10: 1e5, p90: 9e5, p95: 1.1e6)],
                                 target: ("2022-23", 1_122_000)).chart()
        let boxes = try SVGBoxes(svg: chart.svg, estimate: ChartLayoutTests.estimate)
        XCTAssertEqual(boxes.legend.map(\.label).filter { $0 != "swatch" }, ["mean", "80% range", "90% range", "target £1,122,000 (2022-23)"])
        XCTAssertFalse(boxes.otherText.contains { $0.label.hasPrefix("target") }, "no label on the plot, where it could cover a year's interval")
        let without = SavingsChart(scenario: "plan", years: [SavingsChart.Year(label: "2022-23", mean: 5e5, p05: -1e5, p10: 1e5, p90: 9e5, p95: 1.1e6)],
                                   target: nil).chart()
        XCTAssertFalse(without.svg.contains("target"))
    }

    /// A target is for one year: its line spans that year's slot alone (drawn across all three, a later year whose
    /// mean sat on it read as meeting the target), and the Vega-Lite spec and CSV carry it for that year only.
    func testTheTargetLineSpansItsOwnYearAlone() throws {
        let year = { (label: String) in SavingsChart.Year(label: label, mean: 5e5, p05: -1e5, p10: 1e5, p90: 9e5, p95: 1.1e6) }
        let chart = SavingsChart(scenario: "plan", years: ["2022-23", "2023-24", "2024-25"].map(year), target: ("2022-23", 1_122_000)).chart()
        // The legend's swatch comes first; the plot's line last.
        let line = try XCTUnwrap(chart.svg.components(separatedBy: "\n").last { $0.contains("stroke-dasharray=\"6 4\"") })
        func number(_ name: String) throws -> Double {
            let start = try XCTUnwrap(line.range(of: name + "=\"")).upperBound
            return try XCTUnwrap(Double(line[start...].prefix { $0 != "\"" }))
        }
        let (x1, x2) = (try number("x1"), try number("x2"))
        let firstTick = try XCTUnwrap(chart.svg.components(separatedBy: "\n").first { $0.contains(">2022-23</text>") })
        let start = try XCTUnwrap(firstTick.range(of: "x=\"")).upperBound
        let centre = try XCTUnwrap(Double(firstTick[start...].prefix { $0 != "\"" }))
        XCTAssertEqual((x1 + x2) / 2, centre, accuracy: 0.01, "centred on the target's year")
        let secondTick = try XCTUnwrap(chart.svg.components(separatedBy: "\n").first { $0.contains(">2023-24</text>") })
        let second = try XCTUnwrap(Double(secondTick[try XCTUnwrap(secondTick.range(of: "x=\"")).upperBound...].prefix { $0 != "\"" }))
        XCTAssertLessThan(x2, (centre + second) / 2, "not into the next year's slot")
        XCTAssertTrue(chart.csv.hasPrefix("year,mean_pounds,p05,p10,p90,p95,target_pounds\n2022-23,500000,-100000,100000,900000,1100000,1122000\n"
            + "2023-24,500000,-100000,100000,900000,1100000,\n"), chart.csv)
        XCTAssertTrue(chart.vegaLite.contains("\"field\": \"target_pounds\""))
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(chart.vegaLite.utf8)))
        let elsewhere = SavingsChart(scenario: "plan", years: ["2023-24"].map(year), target: ("2022-23", 1_122_000)).chart()
        XCTAssertFalse(elsewhere.svg.contains("target") || elsewhere.alt.contains("target"), "no legend for a line not drawn")
    }

    /// Bars and baseline marks leave programme costs and income out: the title says so when a run has them.
    func testTheCostChartSaysWhenItLeavesProgrammeCostsOut() {
        let years = [CostChart.Year(label: "2022-23", lines: [4e6, 5e6, 9e6, 2e6], totalP05: 18e6, totalP95: 23e6)]
        let chart = CostChart(years: years, scenario: "plan", beforeProgrammes: true).chart()
        XCTAssertEqual(chart.title, "Annual cost by placement type, before programme costs and income: plan")
        XCTAssertTrue(chart.alt.contains("Programme costs and income are not in the bars"), chart.alt)
    }

    func testYearLabelsThinOutWhenTheirSlotsAreTooNarrow() {
        let labels = (0..<15).map { "\(2022 + $0)-\(23 + $0)" }
        XCTAssertEqual(Frame.labelStride(Array(labels.prefix(5)), slot: 534 / 5), 1)
        XCTAssertEqual(Frame.labelStride(labels, slot: 534 / 15), 2)
        let years = labels.map { CostChart.Year(label: $0, lines: [1e6, 1e6, 1e6, 1e6], totalP05: 3e6, totalP95: 5e6) }
        let svg = CostChart(years: years).chart().svg
        XCTAssertTrue(svg.contains(">2022-23</text>") && svg.contains(">2024-25</text>") && !svg.contains(">2023-24</text>"))
    }

    func testTheHistogramCountsEveryValueOnce() {
        let values = (0..<537).map { Double(($0 * 7919) % 1000) - 400 }
        let h = SavingsHistogram(scenario: "x", through: "2021-22", values: values)
        XCTAssertEqual(h.bins().map(\.count).reduce(0, +), 537)
        XCTAssertEqual(h.bins().first?.low, values.min())
        XCTAssertEqual(h.bins().last?.high ?? 0, values.max()!, accuracy: 1e-9)
    }
}
