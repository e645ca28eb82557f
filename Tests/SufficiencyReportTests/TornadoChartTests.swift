import Foundation
@testable import SufficiencyModel
@testable import SufficiencyReport
import XCTest

/// The sensitivity analysis in a briefing: the tornado chart's bars and the top three drivers in words.
final class TornadoChartTests: XCTestCase {
    static func outcome(_ mean: Double, _ p: Double) -> SensitivitySummary.Outcome {
        .init(mean: mean, p05: mean - 5e5, p95: mean + 5e5, probabilityOfTarget: p)
    }

    static func summary(scenario: String = "savings-plan-2022-23", baseline: String = "peterborough-2022") -> SensitivitySummary {
        let drivers = [("interventions.reunification_programme.hazard_multiplier", "Multiplier on an enrolled child's reunification hazard", "1.0125", "1.6875", 211_000.0, 524_000.0),
                       ("interventions.income.arrival_probability", "Probability that a year's other income arrives", "0.6", "1", 287_000, 478_000),
                       ("ifa_market.found_probability", "Probability that a suitable IFA placement is found", "{\"0\": {\"standard\": 0.675}}", "{\"0\": {\"standard\": 1}}", 472_000, 317_000),
                       ("entries.annual_rate", "Children entering per year by age band", "{\"0\": 21, \"1-4\": 19.5}", "{\"0\": 35, \"1-4\": 32.5}", 339_000, 408_000)]
            .map { SensitivitySummary.Driver(keyPath: $0.0, description: $0.1, unit: "", source: "assumption: …", changed: "scenario",
                                             value: "", lowValue: $0.2, highValue: $0.3,
                                             heldAtLimit: $0.0.hasSuffix("probability") ? .high : nil,
                                             low: outcome($0.4, 0.02), high: outcome($0.5, 0.1)) }
        return SensitivitySummary(baseline: baseline, scenario: scenario, goal: "net_savings", year: "2022-23", target: 1_122_000,
                                  swing: 0.25, replications: 1000, seed: 1, central: outcome(382_000, 0.051),
                                  drivers: drivers.reversed(), skipped: [])
    }

    func testDriversAreSortedByTheirRangeAndTheTopThreeAreNamedInWords() throws {
        let s = Self.summary()
        XCTAssertEqual(s.drivers.map(\.range), [313_000, 191_000, 155_000, 69_000], "largest move first, whatever the input order")
        let headline = try XCTUnwrap(DriverWording.topThree(s))
        XCTAssertTrue(headline.text.hasPrefix("The three assumptions that move 2022-23's net savings of savings-plan-2022-23 most"), headline.text)
        XCTAssertTrue(headline.text.hasSuffix("(with every assumption as written the mean is £382,000 and the chance of reaching £1,122,000 is 5.1%):"), headline.text)
        XCTAssertEqual(headline.items.count, 3, "only three, one item each")
        XCTAssertTrue(headline.items[0].hasPrefix("Multiplier on an enrolled child's reunification hazard (interventions.reunification_programme.hazard_multiplier, from 1.0125 to 1.6875): mean net savings from £211,000 to £524,000"), headline.items[0])
        XCTAssertTrue(headline.items[2].hasPrefix("Probability that a suitable IFA placement is found (ifa_market.found_probability, ±25%, some or all of its numbers held at their limit when set higher)"), headline.items[2])
        XCTAssertTrue(headline.items[1].contains("(interventions.income.arrival_probability, from 0.6 to 1, held at its limit when set higher)"), headline.items[1])
        XCTAssertFalse(headline.items.joined().contains("entries.annual_rate"), "only three")
        // On the page, the items are a numbered list inside the headline; in Markdown, numbered under its bullet.
        // Every piece of text goes through the escape given: the lead and each item.
        let html = headline.html { "[\($0)]" }
        XCTAssertTrue(html.hasPrefix("<li>[The three assumptions"), html)
        XCTAssertEqual(html.components(separatedBy: "<ol>").count - 1, 1, html)
        XCTAssertEqual(html.components(separatedBy: "<li>[").count - 1, 4, html)
        let markdown = headline.markdown { $0 }
        XCTAssertTrue(markdown.contains("\n    1. Multiplier on an enrolled child's"), markdown)
        XCTAssertTrue(markdown.contains("\n    3. Probability that a suitable IFA placement"), markdown)
    }

    func testEachBarRunsFromTheCentralValueToTheDriversMeanAndTheLargestIsOnTop() throws {
        let chart = TornadoChart(Self.summary(), rows: 3).chart()
        let rects = chart.svg.components(separatedBy: "<rect ").dropFirst().filter { $0.contains("fill-opacity=\"0.75\"") && !$0.contains("height=\"10\"") }
        XCTAssertEqual(rects.count, 6, "two bars for each of the three rows drawn")
        func attribute(_ s: String, _ name: String) -> Double { Double(s.components(separatedBy: "\(name)=\"")[1].prefix { $0 != "\"" })! }
        let widths = rects.map { attribute($0, "width") }
        let ys = rects.map { attribute($0, "y") }
        // Row 1's two bars (313,000 apart) are together wider than row 3's (155,000), in proportion.
        XCTAssertEqual((widths[0] + widths[1]) / (widths[4] + widths[5]), 313_000 / 155_000, accuracy: 0.02)
        XCTAssertLessThan(ys[0], ys[2])
        XCTAssertLessThan(ys[2], ys[4])
        XCTAssertTrue(chart.alt.contains("1. reunification_programme.hazard_multiplier: £211,000 at its low value, £524,000 at its high."), chart.alt)
        XCTAssertTrue(chart.alt.contains("2. income.arrival_probability: £287,000 at its low value, £478,000 at its high (held at its limit when set higher)."), chart.alt)
        XCTAssertTrue(chart.csv.hasPrefix("key_path,low_value,high_value,held_at_limit,mean_low,mean_high,range\n"))
        XCTAssertTrue(chart.csv.contains("interventions.income.arrival_probability,0.6,1,high,"), chart.csv)
    }

    /// A bar held at its limit is shorter than ±25% would make it: a mark sits just beyond its outer end, on the side
    /// it runs to, and the legend says what the mark means; with nothing held there is neither.
    func testABarHeldAtItsLimitIsMarkedAtItsEndAndTheMarkIsExplained() throws {
        let chart = TornadoChart(Self.summary(), rows: 3).chart()
        func attribute(_ s: Substring, _ name: String) -> Double { Double(s.components(separatedBy: "\(name)=\"")[1].prefix { $0 != "\"" })! }
        let marks = chart.svg.components(separatedBy: "<text ").dropFirst().filter { $0.contains(">*</text>") }.map { Substring($0) }
        XCTAssertEqual(marks.count, 2, "the high bars of arrival_probability (row 2) and found_probability (row 3)")
        let blue = chart.svg.components(separatedBy: "<rect ").dropFirst().filter { $0.contains("fill=\"\(SVG.blue)\" fill-opacity=\"0.75\"") && !$0.contains("height=\"10\"") }.map { Substring($0) }
        // Row 2's high bar runs right of the central value (478,000 > 382,000): the mark starts 3 past its end.
        XCTAssertEqual(attribute(marks[0], "x"), attribute(blue[1], "x") + attribute(blue[1], "width") + 3, accuracy: 0.11,
                       "to the rounding of three attributes")
        XCTAssertTrue(marks[0].contains("text-anchor=\"start\""))
        // Row 3's high bar runs left (317,000 < 382,000): the mark ends 3 before its start.
        XCTAssertEqual(attribute(marks[1], "x"), attribute(blue[2], "x") - 3, accuracy: 0.06)
        XCTAssertTrue(marks[1].contains("text-anchor=\"end\""))
        XCTAssertTrue(chart.svg.contains("held at a limit"), "the legend explains the mark")
        // A held bar running left to a round figure, where the axis would start, keeps its mark clear of the labels.
        var edge = Self.summary()
        let found = try XCTUnwrap(edge.drivers.firstIndex { $0.keyPath == "ifa_market.found_probability" })
        edge.drivers[found].high.mean = 200_000
        let edgeMarks = TornadoChart(edge, rows: 3).chart().svg.components(separatedBy: "<text ").filter { $0.contains(">*</text>") }
        let markX = attribute(Substring(try XCTUnwrap(edgeMarks.last)), "x")
        XCTAssertGreaterThanOrEqual(markX - TextMetrics.width("*", size: ChartHeader.legendSize), TornadoChart.labelWidth + 3,
                                    "the mark ends inside the plot, clear of the labels that end 8 px left of it")
        var none = Self.summary()
        for k in none.drivers.indices { none.drivers[k].heldAtLimit = nil }
        let plain = TornadoChart(none, rows: 3).chart()
        XCTAssertFalse(plain.svg.contains(">*</text>") || plain.svg.contains("held at a limit"))
    }

    /// Three long key paths with the same first part stay apart: split after the dot rather than cut short.
    func testLongLabelsAreSplitAtTheirDotSoThatRowsCanBeToldApart() {
        let width = TornadoChart.labelWidth - 16
        let keys = ["interventions.reunification_programme.hazard_multiplier", "interventions.reunification_programme.annual_referrals",
                    "interventions.reunification_programme.capacity"]
        let labels = keys.map { TornadoChart.labelLines($0, width: width) }
        XCTAssertEqual(labels[0], ["reunification_programme.", "hazard_multiplier"])
        XCTAssertEqual(Set(labels.map { $0.joined() }).count, 3, "\(labels)")
        for lines in labels { for line in lines { XCTAssertLessThanOrEqual(TextMetrics.width(line, size: ChartHeader.legendSize), width) } }
        XCTAssertEqual(TornadoChart.labelLines("in_house.proposals_per_request", width: width), ["in_house.proposals_per_request"])
    }

    func testALongLabelIsCutWithAnEllipsisToFitItsColumn() {
        let cut = TornadoChart.fitted(String(repeating: "reunification_programme.", count: 3), width: 100)
        XCTAssertTrue(cut.hasSuffix("…"))
        XCTAssertLessThanOrEqual(TextMetrics.width(cut, size: ChartHeader.legendSize), 100)
    }
}
