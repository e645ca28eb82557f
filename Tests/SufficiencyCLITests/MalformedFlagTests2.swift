import Foundation
import XCTest

/// Flags that parse but make no sense together or with themselves: a real-terms valuation that cannot be computed,
/// a sensitivity or sweep that would run the same thing twice or nothing at all, and CSV files whose header names
/// a column twice. Each is one line naming the flag (or the file, row and column), exit status 2, before anything
/// is simulated, and nothing written.
final class MalformedFlagTests2: CommandLineTestCase {
    /// Checks `arguments` exit 2 with exactly `expected` as standard error, print nothing and write nothing.
    func assertRefused(_ arguments: [String], _ expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try sufficiency(arguments, file: file, line: line)
        let shown = arguments.joined(separator: " ")
        XCTAssertEqual(result.status, 2, "\(shown): \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stderr, expected.map { "error: \($0)\n" }.joined(), shown, file: file, line: line)
        XCTAssertEqual(result.stdout, "", "\(shown) started before refusing", file: file, line: line)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path).filter { $0 != "data" && !$0.hasSuffix(".csv") }, [],
                       "\(shown) left files behind", file: file, line: line)
    }

    // MARK: - compare: --deflator and --price-base

    static let compare = ["compare", "peterborough-2017", "tact-recruitment", "--replications", "10", "--years", "2",
                          "--out", "cmp"]

    /// `compare --set` sets a value in the baseline and every scenario, so a key that one of them lacks (a lever only
    /// the scenario has) is named for each file that lacks it, with nothing simulated or written.
    func testCompareSetRefusesAKeyAScenarioLacksNamingEachOne() throws {
        let key = "interventions.recruitment.approvals_per_year"
        try assertRefused(Self.compare + ["--set", "\(key)=5", "--set", "no.such=1"], [
            "--set: \(key): no parameter with this key path in embedded:peterborough-2017, though embedded:tact-recruitment "
                + "has one: a value set for several scenarios alike must be a key each of them gives",
            "--set: no.such: no parameter with this key path in embedded:peterborough-2017",
            "--set: no.such: no parameter with this key path in embedded:tact-recruitment",
        ])
        try assertRefused(Self.compare + ["--set", "uasc.annual_rate"], ["--set uasc.annual_rate: expected KEY=VALUE (see --help)"])
        // A bad value is the same in every scenario: said once, not once a scenario.
        try assertRefused(Self.compare + ["--set", "uasc.annual_rate=-5"], ["--set: uasc.annual_rate.value: must not be negative (found -5.0)"])
        // An empty part would set uasc.annual_rate while escaping the check for a key given twice.
        try assertRefused(Self.compare + ["--set", "uasc.annual_rate=5", "--set", "uasc..annual_rate=6"],
                          ["--set uasc..annual_rate=6: the key path has an empty part (two dots together, or a dot at "
                            + "either end); expected KEY=VALUE (see --help)"])
    }

    /// -50% a year (prices halving each year) used to be accepted; with a far price base it made real terms NaN.
    func testAnImplausibleDeflatorIsRefusedNamingTheRange() throws {
        for value in ["-0.5", "-0.11", "0.31", "0.5"] {
            let result = try sufficiency(Self.compare + ["--deflator", value])
            XCTAssertEqual(result.status, 2, "\(value): \(result.stderr)")
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
            XCTAssertTrue(result.stderr.hasPrefix("error: The value '\(value)' is invalid for '--deflator <deflator>': "
                + "expected a number from -0.1 to 0.3"), result.stderr)
            XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), [], "\(value) left files behind")
        }
    }

    /// `--price-base 0000-01` used to write compare.json with `NA` in it and a price base of "0-01".
    func testAPriceBaseFarFromTheSimulatedYearsIsRefusedBeforeSimulating() throws {
        let window = "must be a financial year from 2007-08 to 2028-29: within 10 years of the simulated years 2017-18 to 2018-19"
        try assertRefused(Self.compare + ["--deflator", "0.02", "--price-base", "0000-01"], ["--price-base 0000-01 \(window)"])
        try assertRefused(Self.compare + ["--price-base", "2006-07"], ["--price-base 2006-07 \(window)"])
        try assertRefused(Self.compare + ["--price-base", "2029-30", "--dry-run"], ["--price-base 2029-30 \(window)"])
    }

    /// The edges of both windows are accepted, and what they write is JSON that `report` reads.
    func testTheEdgesOfTheValuationAreAcceptedAndWriteJSON() throws {
        let result = try sufficiency(Self.compare + ["--deflator", "-0.1", "--price-base", "2028-29", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let data = try Data(contentsOf: work.appendingPathComponent("cmp/compare.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(json["price_base"] as? String, "2028-29")
        XCTAssertEqual(json["deflator_rate"] as? Double, -0.1)
        let savings = try String(contentsOf: work.appendingPathComponent("cmp/savings.csv"), encoding: .utf8)
        XCTAssertFalse(savings.contains("NA"), savings)
        XCTAssertEqual(try sufficiency(["report", "cmp"]).status, 0)
    }

    // MARK: - sensitivity: --parameters

    static let sensitivity = ["sensitivity", "savings-plan-2022-23", "--year", "2022-23", "--replications", "5",
                              "--out", "sens"]
    static let lever = "interventions.reunification_programme.hazard_multiplier"

    /// These used to write an empty table (nothing named) or run the same parameter twice.
    func testParametersThatNameNothingOrTheSameKeyTwiceAreRefused() throws {
        let none = "--parameters: no key path given; expected KEY,KEY,... (key paths as in the scenario file)"
        try assertRefused(Self.sensitivity + ["--parameters", ""], [none])
        try assertRefused(Self.sensitivity + ["--parameters", ",,,"], [none])
        try assertRefused(Self.sensitivity + ["--parameters", " , "], [none])
        try assertRefused(Self.sensitivity + ["--parameters", "\(Self.lever),,population.placement_mix"],
                          ["--parameters: an empty key path (two commas together, or a comma at either end); expected KEY,KEY,..."])
        try assertRefused(Self.sensitivity + ["--parameters", "\(Self.lever),\(Self.lever)"],
                          ["--parameters: \(Self.lever) given twice"])
        try assertRefused(Self.sensitivity + ["--parameters", "a.b, c.d,a.b,c.d,a.b"],
                          ["--parameters: a.b given 3 times", "--parameters: c.d given twice"])
    }

    // MARK: - sweep: --set

    static let sweep = ["sweep", "peterborough-2017", "--replications", "5", "--years", "1", "--out", "sw"]

    /// These used to run, writing sweep.csv with two columns of the same name or the same point twice.
    func testASweepKeyOrValueGivenTwiceIsRefused() throws {
        let key = "recruitment.approvals_per_year"
        try assertRefused(Self.sweep + ["--set", "\(key)=1", "--set", "\(key)=2"], ["--set: \(key) given twice"])
        try assertRefused(Self.sweep + ["--set", "\(key)=1,2,1"], ["--set \(key)=1,2,1: the value 1 given twice"])
        try assertRefused(Self.sweep + ["--set", "\(key)=1", "--set", "\(key)=2", "--set", "\(key)=3,3", "--dry-run"],
                          ["--set: \(key) given 3 times", "--set \(key)=3,3: the value 3 given twice"])
        // The same number written twice ran the same point twice.
        try assertRefused(Self.sweep + ["--set", "\(key)=1,1.0"], ["--set \(key)=1,1.0: the value 1 given twice (as 1 and 1.0)"])
        // Every bad value is named, once, though it recurs at each point of the other axis (loading stopped at the first).
        try assertRefused(Self.sweep + ["--set", "\(key)=-1,-2", "--set", "uasc.annual_rate=10,20"],
                          ["--set: \(key).value: must not be negative (found -1.0)",
                           "--set: \(key).value: must not be negative (found -2.0)"])
        // A value left empty was skipped, so `5,,10` ran a grid of two.
        try assertRefused(Self.sweep + ["--set", "\(key)=5,,10"], ["--set \(key)=5,,10: expected KEY=V1,V2,... with no value left empty (see --help)"])
    }

    /// A second sweep into the first's directory with --force was refused as "not a run directory".
    func testSweepForceReplacesAnEarlierSweepButNotOtherFiles() throws {
        let key = "recruitment.approvals_per_year"
        for _ in 0..<2 {
            let result = try sufficiency(Self.sweep + ["--set", "\(key)=5,10", "--force", "--quiet"])
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        try fm.createDirectory(at: work.appendingPathComponent("own"), withIntermediateDirectories: true)
        try "mine".write(to: work.appendingPathComponent("own/notes.txt"), atomically: true, encoding: .utf8)
        let other = try sufficiency(["sweep", "peterborough-2017", "--replications", "5", "--years", "1", "--out", "own",
                                     "--set", "\(key)=5,10", "--force"])
        XCTAssertEqual(other.status, 2)
        XCTAssertTrue(other.stderr.contains("refusing to replace it, even with --force"), other.stderr)
        // Nor a run directory, which sweep never writes: it used to replace one with its table (a fuzz audit).
        XCTAssertEqual(try sufficiency(["run", "--replications", "2", "--years", "1", "--out", "arun", "--quiet"]).status, 0)
        let intoRun = try sufficiency(["sweep", "peterborough-2017", "--replications", "5", "--years", "1", "--out", "arun",
                                       "--set", "\(key)=5,10", "--force", "--quiet"])
        XCTAssertEqual(intoRun.status, 2)
        XCTAssertEqual(intoRun.stderr, "error: arun: --out holds no earlier sweep.csv (it holds other files); refusing "
                       + "to replace it, even with --force\n")
        XCTAssertTrue(fm.fileExists(atPath: work.appendingPathComponent("arun/manifest.json").path))
    }

    // MARK: - target: --years

    /// target simulates to --year; a --years that ended earlier was silently overridden.
    func testTargetRefusesAYearsThatEndsBeforeItsYear() throws {
        try assertRefused(["target", "tact-recruitment", "--vary", "interventions.recruitment.approvals_per_year",
                           "--goal", "net_savings", "--year", "2020-21", "--at-least", "1", "--confidence", "0.8",
                           "--replications", "5", "--years", "2"],
                          ["--year 2020-21 is outside the simulated years 2017-18 to 2018-19 (--years 2); target simulates "
                           + "to --year, so --years can be left out"])
    }

    // MARK: - run: --set

    /// `run --set K=1 --set K=2` used to run with the last value and say nothing; now each key given more than once
    /// is one line, before anything is simulated or written.
    func testARunKeyGivenTwiceIsRefused() throws {
        try assertRefused(["run", "--replications", "5", "--years", "1", "--out", "r",
                           "--set", "uasc.annual_rate=1", "--set", "recruitment.approvals_per_year=5",
                           "--set", "uasc.annual_rate=2", "--set", "recruitment.approvals_per_year=5",
                           "--set", "recruitment.approvals_per_year=6"],
                          ["--set: uasc.annual_rate given twice", "--set: recruitment.approvals_per_year given 3 times"])
        try assertRefused(["run", "--replications", "5", "--years", "1", "--out", ""],
                          ["--out is empty: give the directory to write"])
        // Two different keys are fine.
        let result = try sufficiency(["run", "--replications", "5", "--years", "1", "--out", "r", "--quiet",
                                      "--set", "uasc.annual_rate=1", "--set", "recruitment.approvals_per_year=5"])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    // MARK: - a negative number where a positive one is expected

    /// `--swing -0.1` and `--rewind -1y` used to be read as a missing value followed by an unknown flag ("Missing
    /// value for '--swing <swing>'"); they are values, refused for what they are.
    func testANegativeSwingOrRewindIsRefusedAsAValue() throws {
        try assertRefused(Self.sensitivity + ["--swing", "-0.1"],
                          ["--swing must be above 0 and below 100%, like 25% or 0.25 (got -0.1) (see --help)"])
        let data = work.appendingPathComponent("data")
        try fm.copyItem(at: CommandLineTests.samples.appendingPathComponent("d2i-sample"), to: data)
        try assertRefused(["backtest", "data", "--rewind", "-1y", "--replications", "5", "--out", "bt"],
                          ["--rewind must be a comma-separated list of 1y to 5y or 1m to 60m (got -1y) (see --help)"])
    }

    // MARK: - a path through a file

    /// Writing under a file used to print Foundation's words: "The operation could not be completed. The file
    /// doesn't exist." (init) and "(NSCocoaErrorDomain error 512.)" (calibrate).
    func testWritingUnderAFileNamesTheFile() throws {
        try Data("not a directory\n".utf8).write(to: work.appendingPathComponent("afile"))
        let file = work.appendingPathComponent("afile").path
        let data = work.appendingPathComponent("data")
        try fm.copyItem(at: CommandLineTests.samples.appendingPathComponent("d2i-sample"), to: data)
        for (arguments, out) in [(["init", "afile/x.yaml"], "afile/x.yaml"),
                                 (["calibrate", "data", "--out", "afile/x.yaml"], "afile/x.yaml")] {
            let result = try sufficiency(arguments)
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.hasPrefix("error: "), result.stderr)
            XCTAssertTrue(result.stderr.hasSuffix("\(out): cannot write: \(file) is a file, not a directory\n"), result.stderr)
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        }
        XCTAssertEqual(try Set(fm.contentsOfDirectory(atPath: work.path)), ["afile", "data"])
    }

    // MARK: - calibrate: a column named twice in a header row

    /// The d2i SSDA903 sample copied into `data`, with its 2017 episodes file's header and rows given a leading DECOM
    /// column holding 01/01/2000.
    func testAnSSDA903FileWithAColumnNamedTwiceIsRefused() throws {
        let data = work.appendingPathComponent("data")
        try fm.copyItem(at: CommandLineTests.samples.appendingPathComponent("d2i-sample"), to: data)
        let episodes = data.appendingPathComponent("2017-episodes.csv")
        let lines = try String(contentsOf: episodes, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let edited = lines.enumerated().map { k, line in
            line.isEmpty ? "" : (k == 0 ? "DECOM," : "01/01/2000,") + line
        }
        try Data(edited.joined(separator: "\n").utf8).write(to: episodes)
        try assertRefused(["calibrate", "data", "--out", "s/s.yaml"], ["data/2017-episodes.csv:1: duplicate column DECOM (columns 1 and 3)"])
    }

    /// The 2018-19 Ofsted file with a second households_total column of 9999 in every row.
    func testAnOfstedFileWithAColumnNamedTwiceIsRefused() throws {
        let source = FosteringCommandTests.ofsted.appendingPathComponent("la-fostering-2018-19.csv")
        // The file's lines end in CRLF; the column goes before the line break.
        let text = try String(contentsOf: source, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let first = try XCTUnwrap(header.firstIndex(of: "households_total")) + 1
        let edited = lines.enumerated().map { k, line in
            line.isEmpty ? "" : line + (k == 0 ? ",households_total" : ",9999")
        }
        try Data(edited.joined(separator: "\n").utf8).write(to: work.appendingPathComponent("dup.csv"))
        try assertRefused(["calibrate", "--fostering", "dup.csv", "--la", "Peterborough", "--out", "pb/pb.yaml"],
                          ["dup.csv:row 1: duplicate column households_total (columns \(first) and \(header.count + 1))"])
    }
}
