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

    func testTheHistogramCountsEveryValueOnce() {
        let values = (0..<537).map { Double(($0 * 7919) % 1000) - 400 }
        let h = SavingsHistogram(scenario: "x", through: "2021-22", values: values)
        XCTAssertEqual(h.bins().map(\.count).reduce(0, +), 537)
        XCTAssertEqual(h.bins().first?.low, values.min())
        XCTAssertEqual(h.bins().last?.high ?? 0, values.max()!, accuracy: 1e-9)
    }
}
