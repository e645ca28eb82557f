import Foundation
import XCTest

/// The work estimate as a user meets it: `--dry-run`, and the refusal of a scenario whose run would take days, by
/// every command that simulates and by `validate`, before anything is simulated or written.
final class WorkEstimateCommandTests: CommandLineTestCase {
    /// Breakdown hazards and every breakdown multiplier at the loader's caps (52 a year, 20): about 143 million
    /// events per replication-year, where the default makes about 510 (issue 11).
    static let extremeYAML = try! String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/extreme-breakdowns.yaml"), encoding: .utf8)

    /// Peterborough scaled to the size of the largest English councils (about 2,500 children in care, seven times
    /// its entries, carers and recruitment) at its own rates.
    static let bigCouncilYAML = """
        extends: peterborough-2017
        name: big-council
        title: A council the size of the largest in England
        population:
          children_in_care:
            value: 2500
            unit: children
            source: test
          staying_put:
            value: 83
            unit: young people
            source: test
        entries:
          annual_rate:
            value: {"0": 200, "1-4": 186, "5-9": 186, "10-15": 296, "16-17": 138}
            unit: children per year
            source: test
        uasc:
          annual_rate:
            value: 96
            unit: children per year
            source: test
        in_house:
          households:
            value: 813
            unit: households
            source: test
        recruitment:
          approvals_per_year:
            value: 69
            unit: households per year
            source: test

        """

    /// A refusal must come before any simulation: the extreme scenario's run would take days, its refusal a moment
    /// (about 0.6 s in a debug build, most of it starting the process and loading the scenario).
    static let refusalSeconds = 5.0


    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    /// Runs the binary with `arguments` in the test's working directory (`CommandLineTests`' runner), timed.
    func timed(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let clock = ContinuousClock.now
        let result = try CommandLineTests.sufficiency(arguments, in: work, scratch: base, file: file, line: line)
        let elapsed = ContinuousClock.now - clock
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr,
                      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    func write(_ text: String, _ name: String) throws {
        try Data(text.utf8).write(to: work.appendingPathComponent(name))
    }

    func contents() throws -> Set<String> { Set(try fm.contentsOfDirectory(atPath: work.path)) }

    // MARK: - --dry-run

    func testRunDryRunPrintsTheEstimateByKindAndWritesNothing() throws {
        for extra in [["--out", "out"], []] {
            let result = try timed(["run", "--dry-run"] + extra)
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stderr, "")
            for text in ["work estimate for peterborough-2017 (embedded:peterborough-2017): 1,000 replications × 5 years", "events per replication-year, by kind",
                         "entries (a child, a sibling group or a UASC child arriving)", "placement breakdowns", "planned moves",
                         "exits (return home", "carer approvals", "carer deregistrations", "total events: about",
                         "estimated time:", "memory for results:"] {
                XCTAssertTrue(result.stdout.contains(text), "'\(text)' missing:\n\(result.stdout)")
            }
            // The default scenario makes about 510 events per replication-year.
            let total = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.contains("total ") && $0.contains("(bound") })
            let figure = try XCTUnwrap(Double(total.split(separator: " ").dropFirst().first { Double($0) != nil } ?? ""))
            XCTAssertEqual(figure, 510, accuracy: 60, String(total))
            XCTAssertEqual(try contents(), [], "--dry-run wrote something")
        }
    }

    /// `bench` shares the simulation options but keeps its own defaults, the issue's target of 10,000 × 10 years.
    func testBenchDryRunEstimatesItsOwnDefaultsAndSimulatesNothing() throws {
        let result = try timed(["bench", "--dry-run"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("work estimate for peterborough-2017 (embedded:peterborough-2017): "
            + "10,000 replications × 10 years"), result.stdout)
        XCTAssertFalse(result.stdout.contains("replications per second"), "--dry-run ran the benchmark:\n\(result.stdout)")
        XCTAssertLessThan(result.seconds, Self.refusalSeconds)
        let run = try timed(["run", "--dry-run", "--replications", "10000", "--years", "10"])
        XCTAssertEqual(run.stdout, result.stdout, "the same estimate as run's with the same options")
        XCTAssertEqual(try contents(), [])
    }

    func testCompareAndSweepDryRunsPrintEachRunsEstimateAndWriteNothing() throws {
        let compare = try timed(["compare", "peterborough-2017", "family-safeguarding", "--dry-run", "--out", "out"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        XCTAssertTrue(compare.stdout.contains("work estimate for peterborough-2017"), compare.stdout)
        XCTAssertTrue(compare.stdout.contains("work estimate for family-safeguarding"), compare.stdout)
        XCTAssertTrue(compare.stdout.contains("2 runs: about "), compare.stdout)
        let sweep = try timed(["sweep", "peterborough-2017", "--set", "recruitment.approvals_per_year=5,10,15",
                                     "--dry-run", "--replications", "50"])
        XCTAssertEqual(sweep.status, 0, sweep.stderr)
        XCTAssertEqual(sweep.stdout.split(separator: "\n").filter { $0.contains("events per replication-year") }.count, 3,
                       sweep.stdout)
        XCTAssertEqual(try contents(), [])
    }

    // MARK: - Refusal

    func testTheExtremeScenarioIsRefusedQuicklyByEveryCommandThatSimulatesAndByValidate() throws {
        try write(Self.extremeYAML, "extreme.yaml")
        let commands: [[String]] = [
            ["run", "extreme.yaml", "--out", "out"],
            ["run", "extreme.yaml"],
            ["compare", "peterborough-2017", "extreme.yaml", "--out", "out"],
            ["validate", "extreme.yaml"],
            ["sweep", "extreme.yaml", "--set", "recruitment.approvals_per_year=5,10", "--out", "out"],
            ["target", "extreme.yaml", "--vary", "recruitment.approvals_per_year", "--goal", "ifa_foster", "--year", "2019-20",
             "--at-most", "80", "--confidence", "0.5"],
            ["bench", "extreme.yaml"],
        ]
        for arguments in commands {
            let result = try timed(arguments)
            let name = arguments.joined(separator: " ")
            XCTAssertEqual(result.status, 2, "\(name): \(result.stderr)")
            XCTAssertLessThan(result.seconds, Self.refusalSeconds, "\(name) took \(result.seconds) s to refuse")
            XCTAssertEqual(result.stdout, "", name)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            // One line per problem: one run, or one per point of the sweep, or one per end of the target's range.
            let expected = arguments[0] == "sweep" || arguments[0] == "target" ? 2 : 1
            XCTAssertEqual(lines.count, expected, "\(name): \(result.stderr)")
            for line in lines {
                XCTAssertTrue(line.hasPrefix("error: extreme.yaml"), line)
                for text in ["events per replication-year", "more than the 365,000 allowed", "largest English council",
                             "would take about", "driven by breakdowns.annual_hazard_by_placement × breakdowns.need_multiplier"
                                + " × breakdowns.age_multiplier", "per child-year"] {
                    XCTAssertTrue(line.contains(text), "\(name): '\(text)' missing from \(line)")
                }
            }
            XCTAssertEqual(try contents(), ["extreme.yaml"], "\(name) left files behind")
        }
    }

    func testADryRunOfTheExtremeScenarioPrintsTheEstimateAndExits2() throws {
        try write(Self.extremeYAML, "extreme.yaml")
        let result = try timed(["run", "extreme.yaml", "--dry-run", "--replications", "1", "--years", "1"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stdout.contains("placement breakdowns"), result.stdout)
        XCTAssertTrue(result.stderr.contains("events per replication-year"), result.stderr)
        XCTAssertEqual(try contents(), ["extreme.yaml"])
    }

    /// A council at the loader's caps (100,000 children and households, entries to match) makes about 154,000
    /// events per replication-year, under the events' bound, but its placement searches read the vacancy lists of
    /// tens of thousands of households: one replication-year took 7.55 s, 61 µs an event, not the 0.6 µs the events
    /// alone assume (which put 10,000 × 10 years at 62 minutes and let it start; it would take days). The searches
    /// are now estimated too, and the run is refused naming the households. With 100 households the same run is
    /// estimated from its events, and allowed.
    func testACouncilWithTensOfThousandsOfHouseholdsIsRefusedForItsSearches() throws {
        let scaled = ["--set", "population.children_in_care=100000",
                      "--set", #"entries.annual_rate={"0":8000,"1-4":7500,"5-9":7500,"10-15":12000,"16-17":5500}"#,
                      "--replications", "10000", "--years", "10"]
        let refused = try timed(["run", "--set", "in_house.households=100000", "--out", "out"] + scaled)
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertEqual(refused.stderr.split(separator: "\n").count, 1, refused.stderr)
        for text in ["would take about", "more than the 24 hours allowed", "driven by in_house.households: placement searches reading about"] {
            XCTAssertTrue(refused.stderr.contains(text), "'\(text)' missing from \(refused.stderr)")
        }
        XCTAssertLessThan(refused.seconds, Self.refusalSeconds)
        let dry = try timed(["run", "--set", "in_house.households=100", "--dry-run"] + scaled)
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("estimated time: about "), dry.stdout)
        XCTAssertEqual(try contents(), [])
    }

    func testABigButRealCouncilIsNotRefused() throws {
        try write(Self.bigCouncilYAML, "big.yaml")
        let validate = try timed(["validate", "big.yaml"])
        XCTAssertEqual(validate.status, 0, validate.stderr)
        XCTAssertTrue(validate.stdout.contains("big.yaml: valid (big-council)"), validate.stdout)
        XCTAssertTrue(validate.stdout.contains("  work: about "), validate.stdout)
        let dry = try timed(["run", "big.yaml", "--dry-run", "--replications", "10000", "--years", "15"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        let run = try timed(["run", "big.yaml", "--replications", "2", "--years", "1", "--out", "out", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(fm.fileExists(atPath: work.appendingPathComponent("out/manifest.json").path))
    }
}
