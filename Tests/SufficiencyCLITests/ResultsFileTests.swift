import Foundation
import SufficiencyModel
import XCTest

/// A run's `results.json`: the typed summary the report reads, which must hold the same figures as the CSV files
/// people read.
final class ResultsFileTests: CommandLineTestCase {
    func testResultsJSONHoldsTheFiguresOfTheCSVFiles() throws {
        XCTAssertEqual(try sufficiency(["run"] + CommandLineTests.small + ["--out", "run", "--quiet"]).status, 0)
        let run = work.appendingPathComponent("run")
        let results = try RunSummary.decode(Data(contentsOf: run.appendingPathComponent("results.json")))
        XCTAssertEqual(results.format, RunSummary.currentFormat)
        XCTAssertEqual(results.years, ["2017-18", "2018-19"])
        XCTAssertEqual(results.manifest.replications, 20)
        XCTAssertEqual(results.manifest.seed, 20170401)
        XCTAssertEqual(results.manifest.scenario, "peterborough-2017")
        XCTAssertEqual(results.cumulativeNetCost.count, 20, "one per replication, no other per-replication rows")

        func rows(_ name: String) throws -> [[String]] {
            try String(contentsOf: run.appendingPathComponent(name), encoding: .utf8)
                .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        func number(_ text: String) -> Double { Double(text) ?? .nan }
        func same(_ a: Double, _ b: Double, _ what: String) { XCTAssertTrue(a == b || (a.isNaN && b.isNaN), "\(what): \(a) ≠ \(b)") }

        let summary = try rows("summary.csv")
        XCTAssertEqual(summary.count, results.annual.count * 2)
        for r in summary {
            for (i, stat) in ["mean", "sd", "p05", "p10", "p25", "p50", "p75", "p90", "p95"].enumerated() {
                same(results.stat(r[0], r[1], stat), number(r[3 + i]), "summary.csv \(r[0]) \(r[1]) \(stat)")
            }
        }
        for r in try rows("monthly.csv") {
            let i = try XCTUnwrap(results.months.firstIndex(of: r[0]))
            let q = try XCTUnwrap(results.monthly[r[1]])[i]
            for (k, v) in [q.mean, q.p05, q.p25, q.p50, q.p75, q.p95].enumerated() { same(v, number(r[2 + k]), "monthly.csv \(r[0]) \(r[1])") }
        }
        for r in try rows("requests.csv") {
            let e = try XCTUnwrap(results.requests[r[2]])[try XCTUnwrap(results.years.firstIndex(of: r[0]))]
            for (k, v) in [e.mean, e.p05, e.p50, e.p95].enumerated() { same(v, number(r[3 + k]), "requests.csv \(r[0]) \(r[2])") }
        }
        let gap = try rows("sufficiency.csv")
        XCTAssertEqual(gap.count, results.sufficiency.count * SufficiencyMeasure.allCases.count)
        for r in gap {
            let segment = try XCTUnwrap(results.sufficiency.first {
                $0.year == r[0] && $0.ageBand.label == r[2] && $0.needTier.label == r[3] && $0.groupSize.label == r[4]
            })
            let e = segment[try XCTUnwrap(SufficiencyMeasure(label: r[5]))]
            for (k, v) in [e.mean, e.p05, e.p50, e.p95].enumerated() { same(v, number(r[6 + k]), "sufficiency.csv \(r)") }
        }
        for r in try rows("supply.csv") {
            let e = try XCTUnwrap(results.supply(r[0], try XCTUnwrap(AgeBand(label: r[2]))))[try XCTUnwrap(SupplyMeasure(label: r[3]))]
            for (k, v) in [e.mean, e.p05, e.p50, e.p95].enumerated() { same(v, number(r[4 + k]), "supply.csv \(r)") }
        }
        // Each replication's net cost over the years, from annual.csv.
        let annual = try String(contentsOf: run.appendingPathComponent("annual.csv"), encoding: .utf8).split(separator: "\n")
        let header = annual[0].split(separator: ",").map(String.init)
        let column = try XCTUnwrap(header.firstIndex(of: "net_cost"))
        var sums = [Double](repeating: 0, count: 20)
        for line in annual.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            sums[Int(cells[0])! - 1] += number(String(cells[column]))
        }
        XCTAssertEqual(results.cumulativeNetCost, sums)
    }
}
