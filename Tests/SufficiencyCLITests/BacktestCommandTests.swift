import Foundation
import XCTest

/// `sufficiency backtest`, as a user runs it: the built binary on the d2i SSDA903 sample in `../shared/data/ssda903`,
/// in a fresh temporary working directory, with few replications so each run takes about a second in a debug build.
final class BacktestCommandTests: CommandLineTestCase {

    static let d2i = CommandLineTests.samples.appendingPathComponent("d2i-sample").path
    static let header = "rewind,calibrated_to,compared_from,compared_to,measure,actual,mean,median,p25,p75,p05,p95,inside_50,inside_90"
    static let measures = ["entries", "exits_reunification", "exits_adoption", "exits_sgo", "exits_other", "exits_age18",
                           "in_care_fostering", "in_care_residential", "in_care_supported", "in_care_other",
                           "in_care_age_0", "in_care_age_1-4", "in_care_age_5-9", "in_care_age_10-15", "in_care_age_16-17",
                           "children_in_care"]

    override func setUpWithError() throws {
        guard fm.fileExists(atPath: Self.d2i) else { throw XCTSkip("\(Self.d2i) is not available") }
        try super.setUpWithError()
    }

    func csv(_ path: String) throws -> [[String]] {
        try String(contentsOf: work.appendingPathComponent(path), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Two rewinds: a row per rewind and measure, and a coverage table that is what the rows say.
    func testTwoRewindsWriteARowPerMeasureAndACoverageTableThatAgreesWithThem() throws {
        let result = try sufficiency(["backtest", Self.d2i, "--rewind", "1y,2y", "--replications", "50", "--out", "bt"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try Set(fm.contentsOfDirectory(atPath: work.appendingPathComponent("bt").path)),
                       ["backtest.csv", "coverage.csv", "backtest-calibration-1y.yaml", "backtest-calibration-2y.yaml",
                        "calibration-report-1y.md", "calibration-report-2y.md"])

        let rows = try csv("bt/backtest.csv")
        XCTAssertEqual(rows.first?.joined(separator: ","), Self.header)
        let body = rows.dropFirst()
        XCTAssertEqual(body.count, 2 * Self.measures.count)
        XCTAssertEqual(body.filter { $0[0] == "1y" }.map { $0[4] }, Self.measures)
        XCTAssertEqual(body.filter { $0[0] == "2y" }.map { $0[4] }, Self.measures)
        for row in body {
            XCTAssertEqual(row.count, 14, row.joined(separator: ","))
            // Both rewinds compare up to the data's last date; 1y from the day after its cut a year before.
            XCTAssertEqual(row[3], "2022-03-27")
            XCTAssertEqual(row[1], row[0] == "1y" ? "2021-03-27" : "2020-03-27")
            XCTAssertEqual(row[2], row[0] == "1y" ? "2021-03-28" : "2020-03-28")
            let v = row[5...11].map { Double($0)! }
            let (actual, p25, p75, p05, p95) = (v[0], v[3], v[4], v[5], v[6])
            XCTAssertTrue(p05 <= p25 && p25 <= v[2] && v[2] <= p75 && p75 <= p95, row.joined(separator: ","))
            XCTAssertEqual(row[12], actual >= p25 && actual <= p75 ? "yes" : "no", row.joined(separator: ","))
            XCTAssertEqual(row[13], actual >= p05 && actual <= p95 ? "yes" : "no", row.joined(separator: ","))
        }
        // Stocks at the end are the same actuals for both rewinds (the same last date).
        for measure in Self.measures where measure.hasPrefix("in_care") || measure == "children_in_care" {
            XCTAssertEqual(Set(body.filter { $0[4] == measure }.map { $0[5] }).count, 1, measure)
        }

        let coverage = try csv("bt/coverage.csv")
        XCTAssertEqual(coverage.first?.joined(separator: ","), "rewind,measures,inside_50,coverage_50_pct,inside_90,coverage_90_pct")
        XCTAssertEqual(coverage.dropFirst().map { $0[0] }, ["all", "1y", "2y"])
        var overall90 = 0.0
        for line in coverage.dropFirst() {
            let scope = body.filter { line[0] == "all" || $0[0] == line[0] }
            let inside50 = scope.filter { $0[12] == "yes" }.count, inside90 = scope.filter { $0[13] == "yes" }.count
            func percent(_ n: Int) -> String {
                String(format: "%.1f", (1000 * Double(n) / Double(scope.count)).rounded(.toNearestOrAwayFromZero) / 10)
            }
            XCTAssertEqual(line, [line[0], "\(scope.count)", "\(inside50)", percent(inside50), "\(inside90)", percent(inside90)])
            if line[0] == "all" { overall90 = Double(inside90) / Double(scope.count) }
            // The printed coverage table has the same counts.
            XCTAssertTrue(result.stdout.split(separator: "\n").contains {
                $0.hasPrefix(line[0] + " ") && $0.contains(" \(inside50) (") && $0.contains(" \(inside90) (")
            }, result.stdout)
        }
        XCTAssertEqual(result.stdout.contains("warning: 90% intervals covered only "), overall90 < 0.8, result.stdout)
        XCTAssertTrue(result.stdout.contains("rewind 1y: calibrated on 2018-03-27 to 2021-03-27; compared 2021-03-28 to 2022-03-27"),
                      result.stdout)
    }

    /// The same seed gives the same backtest whatever the thread count.
    func testTheSameSeedGivesTheSameBacktestOnOneThreadOrTwo() throws {
        for threads in ["1", "2"] {
            let result = try sufficiency(["backtest", Self.d2i, "--replications", "30", "--threads", threads, "--out", "t\(threads)"])
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        for name in ["backtest.csv", "coverage.csv"] {
            XCTAssertEqual(try csv("t1/\(name)"), try csv("t2/\(name)"), name)
        }
    }

    /// A rewind the data cannot support, or that is not a rewind, is one line naming --rewind, exit status 2, and
    /// nothing is written.
    func testRewindsTheDataCannotSupportAreRefusedWithStatus2() throws {
        let refusals: [(String, String)] = [
            // The returns record entries and exits from April 2017 (the first collection year), though the earliest
            // DECOM is in 2013 and cleaning an overlap puts one exit in August 2016.
            ("5y", "error: --rewind 5y: the cut 2017-03-27 is before the data record any entry or exit (they are recorded "
                + "from 2017-04-01)"),
            ("4y", "error: --rewind 4y: the cut 2018-03-27 leaves 361 days of data before it (entries and exits are "
                + "recorded from 2017-04-01); calibration needs at least one year"),
            ("1y,6m", "error: --rewind 6m: no simulated financial year ends within the data"),
            ("1y,7y", "--rewind must be a comma-separated list of 1y to 5y or 1m to 60m (got 7y in 1y,7y)"),
            ("1y,12m", "--rewind lists the same rewind twice (1y and 12m)"),
            ("2", "--rewind must be a comma-separated list of 1y to 5y or 1m to 60m (got 2) (see --help)"),
        ]
        for (rewind, expected) in refusals {
            let result = try sufficiency(["backtest", Self.d2i, "--rewind", rewind, "--replications", "5", "--out", "bt"])
            XCTAssertEqual(result.status, 2, "\(rewind): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(expected), "\(rewind): \(result.stderr)")
            XCTAssertEqual(result.stdout, "", rewind)
            if expected.hasPrefix("error:") {
                XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "\(rewind): one line: \(result.stderr)")
            }
        }
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), [], "nothing written")
    }

    /// A baseline that does not load was reported as a rewind's calibrated scenario failing, "a bug; please report
    /// it", blaming --rewind (a fuzz audit); it is the --extends file's problem, as `calibrate` says.
    func testABaselineThatDoesNotLoadIsItsOwnProblem() throws {
        try Data("name: bad\nextends: peterborough-2017\nexits:\n  reentry_probability: {value: 2, unit: probability, source: x}\n".utf8)
            .write(to: work.appendingPathComponent("bad.yaml"))
        for (baseline, expected) in [("nosuch", "error: nosuch: no such file\n"),
                                     ("bad.yaml", "error: bad.yaml:4: exits.reentry_probability.value: must be a probability "
                                        + "in [0, 1] (found 2.0)\n")] {
            let result = try sufficiency(["backtest", Self.d2i, "--replications", "5", "--extends", baseline, "--out", "bt"])
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertEqual(result.stderr, expected)
        }
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("bt").path), "nothing written")
    }

    /// Backtest's replications have the same limit as every other command's (1,000,000), and the same work check:
    /// a million replications of a two-year rewind need more memory for their results than allowed, refused before they run.
    func testTooManyReplicationsForTheRewindAreRefusedByTheWorkEstimate() throws {
        let result = try sufficiency(["backtest", Self.d2i, "--rewind", "2y", "--replications", "1000000", "--out", "bt"])
        XCTAssertEqual(result.status, 2, result.stderr)
        // Two years from a cut on 27 March span three financial years of results.
        XCTAssertEqual(result.stderr, "error: --replications 1000000 over 3 years needs 2185 MB of results, more than the "
            + "2048 MB allowed; use fewer replications\n")
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), [], "nothing written")
    }

    /// --force replaces a previous backtest (and only with --force).
    func testForceReplacesAPreviousBacktest() throws {
        let args = ["backtest", Self.d2i, "--replications", "5", "--out", "bt"]
        XCTAssertEqual(try sufficiency(args).status, 0)
        let again = try sufficiency(args)
        XCTAssertEqual(again.status, 2, again.stderr)
        XCTAssertTrue(again.stderr.contains("--force"), again.stderr)
        let forced = try sufficiency(args + ["--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        // Not a comparison, which backtest never writes: it used to replace one with its tables (a fuzz audit).
        XCTAssertEqual(try sufficiency(["compare", "peterborough-2017", "tact-recruitment", "--replications", "2",
                                        "--years", "1", "--out", "cmp", "--quiet"]).status, 0)
        let intoComparison = try sufficiency(["backtest", Self.d2i, "--replications", "5", "--out", "cmp", "--force"])
        XCTAssertEqual(intoComparison.status, 2)
        XCTAssertEqual(intoComparison.stderr, "error: cmp: --out holds no earlier backtest.csv (it holds other files); "
                       + "refusing to replace it, even with --force\n")
        XCTAssertTrue(fm.fileExists(atPath: work.appendingPathComponent("cmp/compare.json").path))
    }
}
