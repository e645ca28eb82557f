import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// The sweep's grid (its values and their order) and what it writes and prints for each point.
final class SweepTests: XCTestCase {
    func testAxesParseFromAssignments() {
        XCTAssertEqual(Sweep.Axis(assignment: "a.b=1, 2 ,3"), Sweep.Axis(keyPath: "a.b", values: ["1", "2", "3"]))
        // An empty item is a slip (a value left out), refused as `backtest --rewind 1y,,2y` is, not skipped.
        for bad in ["a=", "a=,", "=1,2", "a", "a=1,,2", "a=1,", "a=,1", "a=1, ,2"] { XCTAssertNil(Sweep.Axis(assignment: bad), bad) }
    }

    func testTheGridIsEveryCombinationTheFirstAxisSlowest() {
        let sweep = Sweep(axes: [Sweep.Axis(keyPath: "a", values: ["1", "2"]), Sweep.Axis(keyPath: "b", values: ["x", "y", "z"])])
        XCTAssertEqual(sweep.pointCount, 6)
        XCTAssertEqual(sweep.points.map(Sweep.label), ["a=1 b=x", "a=1 b=y", "a=1 b=z", "a=2 b=x", "a=2 b=y", "a=2 b=z"])
        XCTAssertEqual(sweep.points[4], [ScenarioOverride(keyPath: "a", value: "2"), ScenarioOverride(keyPath: "b", value: "y")])
    }

    func testTheGridKeepsTheValuesInTheOrderGiven() {
        let sweep = Sweep(axes: [Sweep.Axis(keyPath: "k", values: ["20", "0", "10"])])
        XCTAssertEqual(sweep.points.map { $0[0].value }, ["20", "0", "10"])
        XCTAssertEqual(Sweep(axes: []).points, [[]], "no axes is one point, the scenario as it is")
    }

    func testAPointSummarisesEachMetricAndTheCSVAndTableAgree() {
        let result = TestScenarios.run(TestScenarios.baseline(), years: 2, replications: 20, seed: 5)
        let sweep = Sweep(axes: [Sweep.Axis(keyPath: "k", values: ["1"])])
        let point = SweepPoint(overrides: sweep.points[0], result: result, year: 1)
        XCTAssertEqual(point.outcomes.map(\.metric), Sweep.metrics)
        let ifa = Summary(result.values(.ifaFoster, year: 1))
        XCTAssertEqual(point.outcome(.ifaFoster), SweepOutcome(.ifaFoster, result, year: 1))
        XCTAssertEqual(point.outcome(.ifaFoster).mean, ifa.mean)
        XCTAssertEqual(point.outcome(.ifaFoster).p95, ifa.p95)

        let csv = sweep.csv([point]).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        XCTAssertEqual(csv.count, 2)
        XCTAssertEqual(csv[0].count, 3 + 3 * Sweep.metrics.count)
        XCTAssertEqual(Array(csv[0].prefix(6)), ["k", "year", "days", "children_in_care_mean", "children_in_care_p05",
                                                 "children_in_care_p95"])
        XCTAssertEqual(Array(csv[1][1...2]), [result.years[1].label, "365"], "the year reported and its days")
        let netCost = Summary(result.values(.netCost, year: 1))
        let column = csv[0].firstIndex(of: "net_cost_mean")!
        XCTAssertEqual(csv[1][column], Format.fixed(netCost.mean, 0), "money in whole pounds")
        XCTAssertEqual(csv[1][csv[0].firstIndex(of: "ifa_foster_p05")!], Format.fixed(ifa.p05, 2))

        let table = sweep.table([point]).split(separator: "\n").map(String.init)
        XCTAssertEqual(table.count, 2)
        XCTAssertTrue(table[0].hasPrefix("k  children in care"), table[0])
        XCTAssertTrue(table[0].hasSuffix("net cost £m"), table[0])
        let millions = { (x: Double) in Format.fixed(Format.rounded(x, 0) * 1e-6, 2) }
        XCTAssertTrue(table[1].hasSuffix("\(millions(netCost.mean)) (\(millions(netCost.p05))–\(millions(netCost.p95)))"),
                      table[1])
        XCTAssertEqual(table[0].count, table[1].count, "right-aligned columns end together")
    }

    /// A table value's own commas cut it into pieces ("expected a mapping of keys to values"); only commas outside
    /// braces, brackets and quotes separate a sweep's values now.
    func testTableAndListValuesKeepTheirOwnCommas() {
        let axis = Sweep.Axis(assignment: "k={mean: 8, shape: 4}, {mean: 2, shape: 1},[1, 2],'a,b'")
        XCTAssertEqual(axis?.values, ["{mean: 8, shape: 4}", "{mean: 2, shape: 1}", "[1, 2]", "'a,b'"])
        XCTAssertEqual(Sweep.Axis(assignment: "k=5,10")?.values, ["5", "10"])
        XCTAssertNil(Sweep.Axis(assignment: "k={a: 1},,{a: 2}"), "an empty value is still a slip")
    }
}
