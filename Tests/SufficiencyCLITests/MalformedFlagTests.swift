import Foundation
import XCTest

/// Bad flags as a hostile user types them: each gets one line naming the flag and what it accepts, exit status 2,
/// and nothing written. And outputs that survive being killed: a run killed outright leaves a visible
/// `<target>.partial-<pid>` that the next run to the same place removes.
final class MalformedFlagTests: CommandLineTestCase {

    /// (arguments, texts the one error line must hold).
    static let cases: [([String], [String])] = {
        let seed = "expected a whole number from 0 to 18446744073709551615"
        let replications = "expected a whole number from 1 to 1000000"
        let years = "expected a whole number from 1 to 15"
        let threads = "expected a whole number from 1 to 512"
        let target = ["target", "peterborough-2017", "--vary", "recruitment.approvals_per_year",
                      "--goal", "ifa_foster", "--year", "2019-20", "--at-most", "60"]
        return [
            (["run", "--seed", "-5"], ["'--seed <seed>'", "'-5'", seed]),
            (["run", "--seed", "18446744073709551616"], ["'--seed <seed>'", seed]),
            (["run", "--seed", "abc"], ["'--seed <seed>'", seed]),
            (["run", "--seed", "1.5"], ["'--seed <seed>'", seed]),
            (["run", "--seed", ""], ["'--seed <seed>'", seed]),
            (["run", "--replications", "-1"], ["'--replications <replications>'", "'-1'", replications]),
            (["run", "--replications", "0"], ["'--replications <replications>'", replications]),
            (["run", "--replications", "1000001"], ["'--replications <replications>'", replications]),
            (["run", "--replications", "1e3"], ["'--replications <replications>'", replications]),
            (["run", "--replications", "99999999999999999999"], ["'--replications <replications>'", replications]),
            (["run", "--years", "0"], ["'--years <years>'", years]),
            (["run", "--years", "16"], ["'--years <years>'", years]),
            (["run", "--years", "-2"], ["'--years <years>'", "'-2'", years]),
            (["run", "--threads", "0"], ["'--threads <threads>'", threads]),
            (["run", "--threads", "513"], ["'--threads <threads>'", threads]),
            (["run", "--threads", "-1"], ["'--threads <threads>'", threads]),
            (["run", "--bogus"], ["Unknown option '--bogus'"]),
            (["run", "--out"], ["Missing value for '--out <out>'"]),
            (["run", "--set", "recruitment.approvals_per_year"], ["--set recruitment.approvals_per_year", "KEY=VALUE"]),
            (["compare", "peterborough-2017", "peterborough-2017", "--discount-rate", "-5"],
             ["'--discount-rate <discount-rate>'", "expected a number from 0 to 0.5"]),
            (["compare", "peterborough-2017", "peterborough-2017", "--deflator", "0.9"],
             ["'--deflator <deflator>'", "expected a number from -0.1 to 0.3"]),
            (["compare", "peterborough-2017", "peterborough-2017", "--target", "nan", "--target-year", "2019-20"],
             ["'--target <target>'", "expected a finite number"]),
            (["compare", "peterborough-2017", "peterborough-2017", "--replications", "-7"],
             ["'--replications <replications>'", replications]),
            (["sweep", "peterborough-2017", "--set", "recruitment.approvals_per_year=1,2", "--threads", "0"],
             ["'--threads <threads>'", threads]),
            (["gap", "nowhere", "--top", "0"], ["'--top <top>'", "expected a whole number from 1 to 1000"]),
            (["gap", "nowhere", "--top", "-3"], ["'--top <top>'", "'-3'", "expected a whole number from 1 to 1000"]),
            (target + ["--confidence", "1.5"], ["'--confidence <confidence>'", "expected a number from 0 to 1"]),
            (target + ["--confidence", "0.9", "--step", "0"], ["'--step <step>'", "expected a number above 0"]),
            (target + ["--confidence", "0.9", "--step", "-1"], ["'--step <step>'", "'-1'", "expected a number above 0"]),
            // A step so fine that the steps cannot be counted (this used to crash the search).
            (target + ["--confidence", "0.1", "--step", "1e-300", "--replications", "5"],
             ["--step 1e-300 is finer than 0.000001, the six decimals a lever's value is set to"]),
            (target + ["--confidence", "0.1", "--range", "0,2000", "--step", "0.000001", "--replications", "5"],
             ["--step 1e-06 cuts the range [0.0, 2000.0] into more than 1,000,000,000 steps"]),
            (["bench", "--replications", "0"], ["'--replications <replications>'", replications]),
            (["bench", "--years", "99"], ["'--years <years>'", years]),
            (["bench", "--seed", "-1"], ["'--seed <seed>'", seed]),
            // One declaration, one range: backtest's replications are limited as every other command's.
            (["backtest", "--replications", "1000001"], ["'--replications <replications>'", replications]),
            (["backtest", "--threads", "513"], ["'--threads <threads>'", threads]),
            (["backtest", "--seed", "-5"], ["'--seed <seed>'", seed]),
            (["calibrate", "--minimum-events", "0", "--out", "x.yaml"],
             ["'--minimum-events <minimum-events>'", "expected a whole number from 1 to 1000"]),
        ]
    }()

    func testEveryBadFlagGetsOneLineNamingTheFlagAndItsRangeExitTwoAndWritesNothing() throws {
        for (arguments, expected) in Self.cases {
            let result = try sufficiency(arguments + ["--quiet"].filter { _ in arguments[0] == "run" })
            let shown = arguments.joined(separator: " ")
            XCTAssertEqual(result.status, 2, "\(shown): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(shown): expected one line, got \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("error: "), "\(shown): \(result.stderr)")
            for text in expected {
                XCTAssertTrue(result.stderr.contains(text), "\(shown): stderr lacks \(text): \(result.stderr)")
            }
            XCTAssertEqual(result.stdout, "", shown)
            XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), [], "\(shown) left files behind")
        }
    }

    func testTheEdgesOfEachRangeAreAccepted() throws {
        let result = try sufficiency(["bench", "--replications", "1", "--years", "1", "--threads", "1",
                                      "--seed", "18446744073709551615"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let zero = try sufficiency(["bench", "--replications", "1", "--years", "15", "--seed", "0"])
        XCTAssertEqual(zero.status, 0, zero.stderr)
    }

    // MARK: - Outputs that survive being killed

    /// Starts a run and kills it with SIGKILL once it is writing its files; returns the partial directory it left.
    func killWhileWriting(out: String) throws -> URL {
        let process = Process()
        process.executableURL = try XCTUnwrap(CommandLineTests.binary)
        // Small enough to simulate in seconds in a debug build; writing 15 years of files then takes about 0.3 s.
        process.arguments = ["run", "--replications", "50", "--years", "15", "--threads", "2", "--out", out, "--quiet"]
        process.currentDirectoryURL = work
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let target = work.appendingPathComponent(out)
        let partial = target.deletingLastPathComponent()
            .appendingPathComponent(target.lastPathComponent + ".partial-\(process.processIdentifier)")
        // The first file written; the run is then in its writing phase.
        let first = partial.appendingPathComponent("scenario.resolved.yaml")
        let deadline = Date().addingTimeInterval(240)
        while !fm.fileExists(atPath: first.path) && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.002)
        }
        XCTAssertTrue(fm.fileExists(atPath: first.path), "the run never reached its writing phase")
        XCTAssertTrue(process.isRunning, "the run ended before it could be killed while writing")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertTrue(fm.fileExists(atPath: partial.path), "the killed run's partial directory is visible beside it")
        XCTAssertFalse(fm.fileExists(atPath: target.path), "a killed run must not leave its target")
        return partial
    }

    func testAfterKillNineWhileWritingTheNextRunToTheSamePlaceWorksAndRemovesTheDebris() throws {
        let partial = try killWhileWriting(out: "out")
        let result = try sufficiency(["run"] + CommandLineTests.small + ["--out", "out", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(fm.fileExists(atPath: partial.path), "the stale partial directory was not removed")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), ["out"])
        XCTAssertEqual(Set(try fm.contentsOfDirectory(atPath: work.appendingPathComponent("out").path)),
                       CommandLineTests.runFiles)
    }

    func testADirectoryHoldingOnlyAKilledRunsDebrisIsUsableAsOut() throws {
        try fm.createDirectory(at: work.appendingPathComponent("out"), withIntermediateDirectories: false)
        _ = try killWhileWriting(out: "out/run")
        let result = try sufficiency(["run"] + CommandLineTests.small + ["--out", "out", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(Set(try fm.contentsOfDirectory(atPath: work.appendingPathComponent("out").path)),
                       CommandLineTests.runFiles)
    }

    func testAnOutThatCannotBeWrittenIsRefusedBeforeSimulating() throws {
        _ = fm.createFile(atPath: work.appendingPathComponent("file").path, contents: Data("x".utf8))
        for (out, expected) in [("file/run", "is a file, not a directory"),
                                ("/proc/sufficiency-test/run", "cannot create /proc/sufficiency-test")] {
            // The default 1,000 replications × 5 years would take a minute in a debug build; the refusal is at once,
            // before the header line a run prints when it starts simulating.
            let result = try sufficiency(["run", "--out", out])
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertEqual(result.stdout, "", "the run started before its --out was checked")
            XCTAssertTrue(result.stderr.hasPrefix("error: \(out): --out cannot be written: "), result.stderr)
            XCTAssertTrue(result.stderr.contains(expected), result.stderr)
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        }
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), ["file"])
    }

    func testARefusedRunRemovesTheDirectoriesItCreatedForItsOutput() throws {
        // --out under directories that do not exist yet; the run is refused after --out is reserved (too large
        // for memory), and the directories created for it go again.
        let result = try sufficiency(["run", "--replications", "1000000", "--years", "15", "--out", "a/b/run"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), [])
    }
}
