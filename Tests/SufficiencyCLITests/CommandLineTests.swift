import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// The `sufficiency` command as a user runs it: the built binary, started with `Process` in a fresh temporary
/// working directory. Runs are kept small (20 replications × 2 years) so the file runs in seconds in a debug build.
final class CommandLineTests: CommandLineTestCase {
    static let runFiles: Set<String> = ["scenario.resolved.yaml", "manifest.json", "annual.csv", "summary.csv",
                                        "monthly.csv", "requests.csv", "sufficiency.csv", "supply.csv",
                                        "results.json"]
    static let annualHeader = "replication,year,days,children_in_care,in_house_foster,ifa_foster,kinship_foster,residential,"
        + "supported_accommodation,placed_with_parents,placed_for_adoption,other_placement,uasc,"
        + "children_in_care_0,children_in_care_1_4,children_in_care_5_9,children_in_care_10_15,children_in_care_16_17,"
        + "entries,entries_0,entries_1_4,entries_5_9,entries_10_15,entries_16_17,exits_reunification,"
        + "exits_adoption,exits_sgo,exits_age18,exits_other,reentries,moves,moves_3plus_pct,long_term_stability_pct,"
        + "staying_put,in_house_households,in_house_places,in_house_places_filled,in_house_vacancies,"
        + "in_house_places_unavailable,in_house_occupancy_pct,approvals,deregistrations,first_preference_met_pct,"
        + "sibling_groups_together_pct,displaced_to_residential,"
        + "placed_over_20_miles_pct,placed_over_50_miles_pct,cost_total,cost_in_house_foster,cost_ifa_foster,cost_residential,cost_other,"
        + "cost_kinship_foster,cost_supported_accommodation,cost_residential_school,cost_secure,cost_staying_put,"
        + "cost_other_placements,"
        + "cost_recruitment,cost_programmes,income,net_cost,programme_approvals,recruitment_target_met,"
        + "reunification_enrolments,step_downs"
    static let sufficiencyHeader = "year,days,age_band,need_tier,group_size,measure,mean,p05,p50,p95"
    static let supplyHeader = "year,days,age_band,measure,mean,p05,p50,p95"
    static let summaryHeader = "metric,year,days,mean,sd,p05,p10,p25,p50,p75,p90,p95"
    static let monthlyHeader = "month,placement,mean,p05,p25,p50,p75,p95"
    static let small = ["--replications", "20", "--years", "2"]

    // MARK: - A run

    func testRunWithNoScenarioWritesTheRunDirectoryAndPrintsAYearByYearTable() throws {
        let result = try sufficiency(["run"] + Self.small + ["--threads", "2", "--out", "run"])
        XCTAssertEqual(result.status, 0, result.stderr)

        // The table: a header and a line per financial year.
        let printed = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(printed.contains { $0.hasPrefix("year ") && $0.contains("children in care") }, result.stdout)
        XCTAssertEqual(printed.filter { $0.hasPrefix("2017-18 ") }.count, 1, result.stdout)
        XCTAssertEqual(printed.filter { $0.hasPrefix("2018-19 ") }.count, 1, result.stdout)
        XCTAssertFalse(printed.contains { $0.hasPrefix("2019-20") }, result.stdout)
        XCTAssertTrue(result.stdout.contains("wrote "), result.stdout)

        // Exactly the files of a run directory, and nothing left beside it.
        let run = work.appendingPathComponent("run")
        XCTAssertEqual(try Set(fm.contentsOfDirectory(atPath: run.path)), Self.runFiles)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), ["run"], "a temporary directory was left behind")

        let annual = try lines(of: run, "annual.csv")
        XCTAssertEqual(annual.first, Self.annualHeader)
        XCTAssertEqual(annual.count, 1 + 20 * 2)
        let columns = Self.annualHeader.split(separator: ",").count
        var keys = Set<String>()
        for row in annual.dropFirst() {
            let cells = row.split(separator: ",", omittingEmptySubsequences: false)
            XCTAssertEqual(cells.count, columns, row)
            XCTAssertTrue(["2017-18", "2018-19"].contains(String(cells[1])), row)
            // Whole financial years from 1 April: 2017-18 has 365 days, and so has 2018-19 (no 29 February).
            XCTAssertEqual(cells[2], "365", row)
            XCTAssertTrue(cells.dropFirst(3).allSatisfy { Double($0) != nil }, row)
            keys.insert("\(cells[0]),\(cells[1])")
        }
        XCTAssertEqual(keys.count, 40, "each replication and year appears once")
        XCTAssertEqual(Set(annual.dropFirst().map { String($0.split(separator: ",")[0]) }), Set((1...20).map(String.init)))

        let summary = try lines(of: run, "summary.csv")
        XCTAssertEqual(summary.first, Self.summaryHeader)
        XCTAssertEqual(summary.count, 1 + (columns - 3) * 2, "a row per metric and year")

        let monthly = try lines(of: run, "monthly.csv")
        XCTAssertEqual(monthly.first, Self.monthlyHeader)
        XCTAssertGreaterThan(monthly.count, 24)

        // Every year × age band × need tier × group size × measure has a row, zeros included (a pivot works).
        let sufficiency = try lines(of: run, "sufficiency.csv")
        XCTAssertEqual(sufficiency.first, Self.sufficiencyHeader)
        XCTAssertEqual(sufficiency.count, 1 + 2 * 5 * 3 * 3 * 9)
        XCTAssertEqual(Set(sufficiency.dropFirst().map { $0.split(separator: ",")[5] }),
                       ["requests", "placed_in_house", "placed_kinship", "placed_ifa", "placed_residential",
                        "in_house_no_vacancy", "in_house_no_match", "in_house_declined", "shortfall_place_years"])
        XCTAssertEqual(Set(sufficiency.dropFirst().map { $0.split(separator: ",")[4] }), ["1", "2", "3+"])
        let supply = try lines(of: run, "supply.csv")
        XCTAssertEqual(supply.first, Self.supplyHeader)
        XCTAssertEqual(supply.count, 1 + 2 * 5 * 2)

        let manifest = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("manifest.json")))
                as? [String: Any])
        for key in ["tool_version", "scenario", "scenario_sha256", "seed", "replications", "years", "threads",
                    "start_time", "wall_seconds"] {
            XCTAssertNotNil(manifest[key], "manifest.json has no \(key)")
        }
        XCTAssertEqual(manifest["scenario"] as? String, "peterborough-2017")
        XCTAssertEqual((manifest["tool_version"] as? String)?.isEmpty, false)
        let sha = try XCTUnwrap(manifest["scenario_sha256"] as? String)
        XCTAssertEqual(sha.count, 64)
        XCTAssertTrue(sha.allSatisfy { "0123456789abcdef".contains($0) }, sha)
        XCTAssertEqual((manifest["seed"] as? NSNumber)?.uint64Value, 20_170_401)
        XCTAssertEqual((manifest["replications"] as? NSNumber)?.intValue, 20)
        XCTAssertEqual((manifest["years"] as? NSNumber)?.intValue, 2)
        XCTAssertEqual((manifest["threads"] as? NSNumber)?.intValue, 2)
        XCTAssertNotNil(ISO8601DateFormatter().date(from: manifest["start_time"] as? String ?? ""),
                        "start_time should be an ISO 8601 time")
        XCTAssertGreaterThanOrEqual((manifest["wall_seconds"] as? NSNumber)?.doubleValue ?? -1, 0)

        // The digest is of the resolved scenario written beside it (by coreutils' sha256sum, not the tool's own code).
        let digest = try XCTUnwrap(sha256sum(run.appendingPathComponent("scenario.resolved.yaml")), "no /usr/bin/sha256sum")
        XCTAssertEqual(sha, digest, "scenario_sha256 should be the SHA-256 of scenario.resolved.yaml")
    }

    func testRunWithoutOutWritesUnderResultsScenarioNameAndAUTCTimestamp() throws {
        let result = try sufficiency(["run"] + Self.small + ["--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "", "--quiet prints nothing")
        let scenarioFolder = work.appendingPathComponent("results/peterborough-2017")
        let stamps = try fm.contentsOfDirectory(atPath: scenarioFolder.path)
        XCTAssertEqual(stamps.count, 1, "\(stamps)")
        let stamp = try XCTUnwrap(stamps.first)
        XCTAssertNotNil(stamp.range(of: #"^[0-9]{4}-?[0-9]{2}-?[0-9]{2}T[0-9]{6}Z$"#, options: .regularExpression),
                        "unexpected run directory name \(stamp)")
        XCTAssertEqual(try Set(fm.contentsOfDirectory(atPath: scenarioFolder.appendingPathComponent(stamp).path)),
                       Self.runFiles)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), ["results"])
    }

    func testTwoRunsWithoutOutGetTwoRunDirectories() throws {
        for _ in 0..<2 {
            let result = try sufficiency(["run", "--replications", "5", "--years", "1", "--quiet"])
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let scenarioFolder = work.appendingPathComponent("results/peterborough-2017")
        let stamps = try fm.contentsOfDirectory(atPath: scenarioFolder.path)
        XCTAssertEqual(stamps.count, 2, "\(stamps)")
        for stamp in stamps {
            XCTAssertEqual(try Set(fm.contentsOfDirectory(atPath: scenarioFolder.appendingPathComponent(stamp).path)),
                           Self.runFiles)
        }
    }

    // MARK: - Reproducibility

    func testRerunningTheResolvedScenarioWithTheSameSeedGivesIdenticalResults() throws {
        let first = try sufficiency(["run"] + Self.small + ["--seed", "12345", "--out", "first", "--quiet"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let resolved = work.appendingPathComponent("first/scenario.resolved.yaml").path
        let second = try sufficiency(["run", resolved] + Self.small + ["--seed", "12345", "--out", "second", "--quiet"])
        XCTAssertEqual(second.status, 0, second.stderr)
        for file in ["annual.csv", "summary.csv", "monthly.csv", "requests.csv"] {
            XCTAssertTrue(try sameBytes("first/\(file)", "second/\(file)"), "\(file) differs after re-running the resolved scenario")
        }
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(
            with: Data(contentsOf: work.appendingPathComponent("second/manifest.json"))) as? [String: Any])
        XCTAssertEqual(manifest["scenario"] as? String, "peterborough-2017")
        XCTAssertEqual((manifest["seed"] as? NSNumber)?.uint64Value, 12345)
    }

    func testOneThreadAndTwoThreadsGiveIdenticalResults() throws {
        let one = try sufficiency(["run"] + Self.small + ["--threads", "1", "--out", "one", "--quiet"])
        XCTAssertEqual(one.status, 0, one.stderr)
        let two = try sufficiency(["run"] + Self.small + ["--threads", "2", "--out", "two", "--quiet"])
        XCTAssertEqual(two.status, 0, two.stderr)
        for file in ["annual.csv", "summary.csv", "monthly.csv", "requests.csv"] {
            XCTAssertTrue(try sameBytes("one/\(file)", "two/\(file)"), "\(file) differs between 1 and 2 threads")
        }
    }

    func testADifferentSeedGivesDifferentResults() throws {
        let a = try sufficiency(["run"] + Self.small + ["--seed", "1", "--out", "a", "--quiet"])
        XCTAssertEqual(a.status, 0, a.stderr)
        let b = try sufficiency(["run"] + Self.small + ["--seed", "2", "--out", "b", "--quiet"])
        XCTAssertEqual(b.status, 0, b.stderr)
        XCTAssertFalse(try sameBytes("a/annual.csv", "b/annual.csv"), "seeds 1 and 2 gave the same annual.csv")
    }

    // MARK: - Bad scenarios

    func testAScenarioWithAnUnknownKeyExitsWithStatus2NamingTheFileAndLine() throws {
        let (text, line) = try defaultScenario(replacing: "title: Peterborough", with: "colour: blue\ntitle: Peterborough",
                                               lineOf: "colour: blue")
        try Data(text.utf8).write(to: work.appendingPathComponent("unknown-key.yaml"))
        try assertRefusedScenario("unknown-key.yaml", stderrContains: ["unknown-key.yaml:\(line):", "colour", "unknown key"])
    }

    func testAScenarioWithAProbabilityOf1Point5ExitsWithStatus2NamingTheFileAndLine() throws {
        let (text, line) = try defaultScenario(replacing: "reentry_probability:\n    value: 0.15",
                                               with: "reentry_probability:\n    value: 1.5", lineOf: "value: 1.5\n")
        try Data(text.utf8).write(to: work.appendingPathComponent("probability.yaml"))
        try assertRefusedScenario("probability.yaml", stderrContains: [
            "probability.yaml:\(line):", "exits.reentry_probability.value", "must be a probability"])
    }

    func testAScenarioWithSeveralProblemsPrintsOneLinePerProblem() throws {
        var (text, _) = try defaultScenario(replacing: "title: Peterborough", with: "colour: blue\ntitle: Peterborough",
                                            lineOf: "colour: blue")
        text = text.replacingOccurrences(of: "reentry_probability:\n    value: 0.15", with: "reentry_probability:\n    value: 1.5")
        try Data(text.utf8).write(to: work.appendingPathComponent("two.yaml"))
        let result = try sufficiency(["run", "two.yaml"] + Self.small + ["--out", "out"])
        XCTAssertEqual(result.status, 2, result.stderr)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: two.yaml:") }
        XCTAssertEqual(errors.count, 2, result.stderr)
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("out").path))
    }

    func testAMissingScenarioFileExitsWithStatus2NamingTheFile() throws {
        try assertRefusedScenario("missing.yaml", stderrContains: ["missing.yaml", "no such file"])
    }

    // MARK: - The run directory and the options

    func testOutPointingAtANonEmptyDirectoryIsRefusedAndForceReplacesOnlyAPreviousRun() throws {
        let out = work.appendingPathComponent("busy")
        try fm.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("keep me\n".utf8).write(to: out.appendingPathComponent("notes.txt"))

        let refused = try sufficiency(["run"] + Self.small + ["--out", "busy"])
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--force"), refused.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: out.path), ["notes.txt"], "a refused run must not touch --out")
        XCTAssertEqual(refused.stdout, "")

        // --force never deletes a directory that is not a run directory.
        let notARun = try sufficiency(["run"] + Self.small + ["--out", "busy", "--force", "--quiet"])
        XCTAssertEqual(notARun.status, 2, notARun.stderr)
        XCTAssertTrue(notARun.stderr.contains("not a run directory"), notARun.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: out.path), ["notes.txt"])

        // A previous run is replaced with --force.
        XCTAssertEqual(try sufficiency(["run"] + Self.small + ["--out", "run", "--quiet"]).status, 0)
        let forced = try sufficiency(["run"] + Self.small + ["--out", "run", "--force", "--quiet", "--seed", "5"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        let run = work.appendingPathComponent("run")
        XCTAssertEqual(try Set(fm.contentsOfDirectory(atPath: run.path)), Self.runFiles)
        let manifest = try String(contentsOf: run.appendingPathComponent("manifest.json"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("\"seed\": 5"), manifest)
        XCTAssertEqual(try Set(fm.contentsOfDirectory(atPath: work.path)), ["busy", "run"], "a temporary directory was left behind")
    }

    func testOutPointingAtAnEmptyDirectoryIsUsed() throws {
        let out = work.appendingPathComponent("empty")
        try fm.createDirectory(at: out, withIntermediateDirectories: true)
        let result = try sufficiency(["run"] + Self.small + ["--out", "empty", "--quiet"])
        XCTAssertEqual(result.status, 0, "an existing empty --out directory should be written without --force: \(result.stderr)")
        XCTAssertEqual(try Set(fm.contentsOfDirectory(atPath: out.path)), Self.runFiles)
    }

    func testOutPointingAtAFileIsRefused() throws {
        let file = work.appendingPathComponent("a-file")
        try Data("x\n".utf8).write(to: file)
        let result = try sufficiency(["run"] + Self.small + ["--out", "a-file", "--force"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("a-file"), result.stderr)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "x\n")
    }

    func testZeroReplicationsAreRefusedWithStatus2() throws {
        let result = try sufficiency(["run", "--replications", "0", "--years", "2", "--out", "out"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("--replications"), result.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), [])
    }

    func testSixteenYearsAreRefusedWithStatus2() throws {
        let result = try sufficiency(["run", "--replications", "20", "--years", "16", "--out", "out"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("--years"), result.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), [])
    }

    func testAnUnknownOptionIsRefusedWithStatus2() throws {
        let result = try sufficiency(["run", "--replicates", "20"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), [])
    }

    func testVersionPrintsTheToolVersion() throws {
        let result = try sufficiency(["--version"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0.1.0")
    }

    func testBenchWritesNoFiles() throws {
        let result = try sufficiency(["bench", "--replications", "5", "--years", "1"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("replications per second"), result.stdout)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), [])
    }

    // MARK: - Helpers

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root: three levels above this file (Tests/SufficiencyCLITests/CommandLineTests.swift).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The built `sufficiency` executable: beside the test bundle, or in the package's debug build folder.
    static let binary: URL? = {
        var folders: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        if let argument = ProcessInfo.processInfo.arguments.first {
            let url = URL(fileURLWithPath: argument)
            folders += [url.deletingLastPathComponent(), url.deletingLastPathComponent().deletingLastPathComponent()]
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(packageRoot.appendingPathComponent(".build/debug"))
        for folder in folders {
            let candidate = folder.appendingPathComponent("sufficiency")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return nil
    }()

    func testValidateAcceptsEveryScenarioInTheLibrary() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios")
        let files = try fm.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 8)
        let result = try sufficiency(["validate"] + files.map { root.appendingPathComponent($0).path })
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").filter { $0.hasSuffix(")") && $0.contains(": valid (") }.count,
                       files.count, result.stdout)
    }

    func testValidateRefusesAMisspeltKeyWithASuggestionAndACycleNamingTheFiles() throws {
        try Data("extends: peterborough-2017\nname: typo\nrecruitment:\n  aprovals_per_year:\n    value: 20\n    unit: households per year\n    source: test\n".utf8)
            .write(to: work.appendingPathComponent("typo.yaml"))
        let typo = try sufficiency(["validate", "typo.yaml"])
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("typo.yaml:4: recruitment.aprovals_per_year: unknown key; did you mean 'approvals_per_year'?"),
                      typo.stderr)
        try Data("extends: ./b.yaml\nname: a\n".utf8).write(to: work.appendingPathComponent("a.yaml"))
        try Data("extends: ./a.yaml\nname: b\n".utf8).write(to: work.appendingPathComponent("b.yaml"))
        let cycle = try sufficiency(["run", "a.yaml", "--replications", "2", "--out", "out"])
        XCTAssertEqual(cycle.status, 2)
        XCTAssertTrue(cycle.stderr.contains("extends cycle: a.yaml → b.yaml → a.yaml"), cycle.stderr)
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("out").path))
    }

    func testScenariosListsTheLibraryWithItsQuestions() throws {
        let result = try sufficiency(["scenarios"])
        XCTAssertEqual(result.status, 0)
        for name in ["peterborough-2017", "tact-recruitment", "reunification", "residential-step-down",
                     "ifa-market-squeeze", "family-safeguarding", "peterborough-2022", "savings-plan-2022-23"] {
            XCTAssertTrue(result.stdout.contains(name + " "), "\(name) missing: \(result.stdout)")
        }
        XCTAssertTrue(result.stdout.contains("What if TACT approves"), result.stdout)
    }

    func testInitWritesATemplateThatValidatesAndRunsLikeItsBaseline() throws {
        let made = try sufficiency(["init", "mine.yaml"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let text = try String(contentsOf: work.appendingPathComponent("mine.yaml"), encoding: .utf8)
        XCTAssertTrue(text.contains("extends: peterborough-2017"))
        XCTAssertTrue(text.contains("#   recruitment:"), "levers are shown switched off")
        XCTAssertEqual(try sufficiency(["validate", "mine.yaml"]).status, 0)
        XCTAssertEqual(try sufficiency(["init", "mine.yaml"]).status, 2, "an existing file is not overwritten")
        XCTAssertEqual(try sufficiency(["run", "mine.yaml"] + Self.small + ["--out", "a", "--quiet"]).status, 0)
        XCTAssertEqual(try sufficiency(["run"] + Self.small + ["--out", "b", "--quiet"]).status, 0)
        let a = try String(contentsOf: work.appendingPathComponent("a/annual.csv"), encoding: .utf8)
        let b = try String(contentsOf: work.appendingPathComponent("b/annual.csv"), encoding: .utf8)
        XCTAssertEqual(a, b, "a template with every lever off runs exactly like its baseline")
    }

    /// An unknown --from was reported at "mine.yaml:12", a line of a file that was never written.
    func testInitFromAnUnknownBaselineNamesTheFlagNotALineOfTheUnwrittenFile() throws {
        let made = try sufficiency(["init", "--from", "nosuch", "mine.yaml"])
        XCTAssertEqual(made.status, 2)
        XCTAssertTrue(made.stderr.hasPrefix("error: --from nosuch: no embedded scenario 'nosuch'"), made.stderr)
        XCTAssertEqual(made.stderr.split(separator: "\n").count, 1, made.stderr)
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("mine.yaml").path))
    }

    /// A baseline missing keys gave one "--from F: missing required key" per key, fifteen identical lines that named
    /// none of them (a fuzz audit).
    func testInitFromABaselineMissingKeysNamesEachKey() throws {
        try Data("name: partial\n".utf8).write(to: work.appendingPathComponent("partial.yaml"))
        let made = try sufficiency(["init", "--from", "partial.yaml", "mine.yaml"])
        XCTAssertEqual(made.status, 2)
        let lines = made.stderr.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("error: --from partial.yaml: start_date: missing required key"), made.stderr)
        XCTAssertTrue(lines.contains("error: --from partial.yaml: costs: missing required key"), made.stderr)
        XCTAssertEqual(Set(lines).count, lines.count, "each line names its key: \(made.stderr)")
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("mine.yaml").path))
    }

    // MARK: - Savings: compare, sweep, target

    func testCompareWritesSavingsFilesAndPrintsTheTargetProbability() throws {
        let result = try sufficiency(["compare", "peterborough-2017", "tact-recruitment", "--replications", "20",
                                      "--years", "2", "--target", "100000", "--target-year", "2018-19", "--out", "cmp"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Probability of net savings of at least £100,000 in 2018-19"), result.stdout)
        let dir = work.appendingPathComponent("cmp")
        XCTAssertEqual(try Set(fm.contentsOfDirectory(atPath: dir.path)),
                       ["savings.csv", "savings_by_line.csv", "compare.json", "baseline-peterborough-2017", "tact-recruitment"])
        let savings = try String(contentsOf: dir.appendingPathComponent("savings.csv"), encoding: .utf8)
        XCTAssertTrue(savings.hasPrefix("scenario,year,days,measure,basis,mean,sd,p05,p10,p25,p50,p75,p90,p95,prob_positive\n"))
        XCTAssertTrue(savings.contains("\ntact-recruitment,2018-19,365,net_savings,nominal,"), savings)
        // 2 years × 5 measures × 2 bases, plus the header.
        XCTAssertEqual(savings.split(separator: "\n").count, 21)
        let lines = try String(contentsOf: dir.appendingPathComponent("savings_by_line.csv"), encoding: .utf8)
        for line in ["in_house", "ifa", "residential", "other_placements", "recruitment", "programme_costs", "income"] {
            XCTAssertTrue(lines.contains(",365,\(line),nominal,"), line)
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("compare.json"))) as? [String: Any]
        let tact = (json?["scenarios"] as? [String: Any])?["tact-recruitment"] as? [String: Any]
        XCTAssertNotNil((tact?["target"] as? [String: Any])?["probability"] as? Double)
        XCTAssertNotNil(tact?["npv_real"])
        XCTAssertEqual(json?["price_base"] as? String, "2017-18")
        XCTAssertEqual(json?["discounted_to"] as? String, "2017-18")
        let years = try XCTUnwrap(json?["simulated_years"] as? [[String: Any]])
        XCTAssertEqual(years.map { $0["year"] as? String }, ["2017-18", "2018-19"])
        XCTAssertEqual(years.map { $0["first_day"] as? String }, ["2017-04-01", "2018-04-01"])
        XCTAssertEqual(years.map { $0["last_day"] as? String }, ["2018-03-31", "2019-03-31"])
        XCTAssertEqual(years.map { $0["days"] as? Int }, [365, 365])
        XCTAssertEqual(years.map { $0["whole"] as? Bool }, [true, true])
        XCTAssertEqual(try Set(fm.contentsOfDirectory(atPath: dir.appendingPathComponent("tact-recruitment").path)), Self.runFiles)
    }

    /// A comparison's figures are the two runs' own, replication by replication: recomputed here from the `net_cost`
    /// column of the baseline's and the scenario's `annual.csv` (each written to the penny), net savings' mean and
    /// share positive in `savings.csv`, the target's probability and the mean real NPV (2% deflator, 3.5% discount,
    /// both by default) in `compare.json` agree. Both runs are on one seed (common random numbers) unless
    /// `--independent-seeds`, when the scenario's manifest names another seed and the interval of net savings is
    /// far wider (20 times in 2017-18 at 1,000 replications: the README's table).
    func testCompareFiguresAreTheRunsDifferencesAndIndependentSeedsWidenThem() throws {
        let common = ["--replications", "20", "--years", "2", "--target", "100000", "--target-year", "2018-19", "--quiet"]
        XCTAssertEqual(try sufficiency(["compare", "peterborough-2017", "tact-recruitment", "--out", "crn"] + common).status, 0)
        XCTAssertEqual(try sufficiency(["compare", "peterborough-2017", "tact-recruitment", "--out", "ind",
                                        "--independent-seeds"] + common).status, 0)
        func table(_ path: String) throws -> [[String: String]] {
            let lines = try String(contentsOf: work.appendingPathComponent(path), encoding: .utf8).split(separator: "\n")
            let header = lines[0].split(separator: ",").map(String.init)
            return lines.dropFirst().map { line in
                Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
            }
        }
        func json(_ path: String) throws -> [String: Any] {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent(path))) as? [String: Any])
        }
        let years = ["2017-18", "2018-19"]
        /// Net savings, `[year][replication]`: the baseline's net cost less the scenario's.
        func netSavings(_ dir: String) throws -> [[Double]] {
            func netCost(_ run: String) throws -> [[Double]] {
                var out = years.map { _ in [Double](repeating: .nan, count: 20) }
                for row in try table("\(dir)/\(run)/annual.csv") {
                    let y = try XCTUnwrap(years.firstIndex(of: row["year"]!)), r = try XCTUnwrap(Int(row["replication"]!)) - 1
                    out[y][r] = try XCTUnwrap(Double(row["net_cost"]!))
                }
                return out
            }
            let (base, plan) = (try netCost("baseline-peterborough-2017"), try netCost("tact-recruitment"))
            return years.indices.map { y in (0..<20).map { base[y][$0] - plan[y][$0] } }
        }
        let net = try netSavings("crn")
        let savings = try table("crn/savings.csv").filter { $0["measure"] == "net_savings" && $0["basis"] == "nominal" }
        XCTAssertEqual(savings.map { $0["year"] }, years)
        for (y, row) in savings.enumerated() {
            XCTAssertEqual(try XCTUnwrap(Double(row["mean"]!)), net[y].reduce(0, +) / 20, accuracy: 0.02, years[y])
            XCTAssertEqual(try XCTUnwrap(Double(row["prob_positive"]!)), Double(net[y].filter { $0 >= 0.005 }.count) / 20,
                           years[y])
        }
        let compare = try json("crn/compare.json")
        XCTAssertEqual(compare["common_random_numbers"] as? Bool, true)
        let tact = try XCTUnwrap((compare["scenarios"] as? [String: Any])?["tact-recruitment"] as? [String: Any])
        let target = try XCTUnwrap(tact["target"] as? [String: Any])
        XCTAssertEqual(try XCTUnwrap(target["probability"] as? Double), Double(net[1].filter { $0 >= 100_000 }.count) / 20)
        let npv = (0..<20).map { r in net[0][r] + net[1][r] / (1.02 * 1.035) }
        XCTAssertEqual(try XCTUnwrap((tact["npv_real"] as? [String: Any])?["mean"] as? Double), npv.reduce(0, +) / 20,
                       accuracy: 0.05)

        func seeds(_ dir: String) throws -> (UInt64?, UInt64?) {
            ((try json("\(dir)/baseline-peterborough-2017/manifest.json")["seed"] as? NSNumber)?.uint64Value,
             (try json("\(dir)/tact-recruitment/manifest.json")["seed"] as? NSNumber)?.uint64Value)
        }
        let (crnBase, crnPlan) = try seeds("crn"), (indBase, indPlan) = try seeds("ind")
        XCTAssertEqual(crnBase, crnPlan, "common random numbers: one seed")
        XCTAssertEqual(indBase, crnBase, "the baseline keeps the comparison's seed")
        XCTAssertNotNil(indPlan)
        XCTAssertNotEqual(indPlan, indBase, "--independent-seeds: the scenario runs on a seed of its own")
        XCTAssertEqual(try json("ind/compare.json")["common_random_numbers"] as? Bool, false)
        func sd(_ dir: String) throws -> Double {
            let row = try XCTUnwrap(try table("\(dir)/savings.csv").first {
                $0["measure"] == "net_savings" && $0["basis"] == "nominal" && $0["year"] == "2017-18" })
            return try XCTUnwrap(Double(row["sd"]!))
        }
        XCTAssertGreaterThan(try sd("ind"), 2.5 * (try sd("crn")), "independent seeds should widen the savings' spread")
    }

    func testSweepIsMonotoneInRecruitmentForIFAPlacements() throws {
        let result = try sufficiency(["sweep", "tact-recruitment", "--set", "interventions.recruitment.approvals_per_year=0,10,20",
                                      "--replications", "30", "--years", "3", "--out", "sw", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let csv = try String(contentsOf: work.appendingPathComponent("sw/sweep.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        XCTAssertEqual(rows.count, 4)
        let column = try XCTUnwrap(rows[0].firstIndex(of: "ifa_foster_mean"))
        let ifa = rows.dropFirst().map { Double($0[column])! }
        XCTAssertGreaterThan(ifa[0], ifa[1])
        XCTAssertGreaterThan(ifa[1], ifa[2])
    }

    /// `compare --set` is a what-if for the whole comparison: the value is set in the baseline and the scenario alike
    /// (each run's resolved scenario records it as the `--set` layer), and it changes what is simulated: more
    /// unaccompanied children arriving raise children in care in both runs.
    func testCompareSetsAValueInTheBaselineAndEveryScenario() throws {
        let common = ["--replications", "20", "--years", "2"]
        XCTAssertEqual(try sufficiency(["compare", "peterborough-2017", "tact-recruitment", "--out", "plain", "--quiet"] + common).status, 0)
        let result = try sufficiency(["compare", "peterborough-2017", "tact-recruitment", "--set", "uasc.annual_rate=60",
                                      "--out", "more"] + common)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("savings against peterborough-2017 with uasc.annual_rate=60 in every run, 20 replications"),
                      result.stdout)
        func childrenInCare(_ dir: String) throws -> Double {
            let rows = try String(contentsOf: work.appendingPathComponent("\(dir)/annual.csv"), encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
            let c = rows[0].firstIndex(of: "children_in_care")!
            return rows.dropFirst().filter { $0[1] == "2018-19" }.map { Double($0[c])! }.reduce(0, +)
        }
        for run in ["baseline-peterborough-2017", "tact-recruitment"] {
            let resolved = try String(contentsOf: work.appendingPathComponent("more/\(run)/scenario.resolved.yaml"), encoding: .utf8)
            XCTAssertTrue(resolved.contains("uasc:\n  annual_rate:\n    value: 60\n"), run)
            XCTAssertTrue(resolved.contains("source: 'command line: --set uasc.annual_rate=60'\n    layer: --set"), run)
            XCTAssertGreaterThan(try childrenInCare("more/\(run)"), try childrenInCare("plain/\(run)") + 20 * 10, run)
        }
        // The briefing says so before any figure; one of the comparison as written does not.
        for dir in ["more", "plain"] {
            XCTAssertEqual(try sufficiency(["report", dir]).status, 0, dir)
        }
        let more = try String(contentsOf: work.appendingPathComponent("more/briefing.md"), encoding: .utf8)
        XCTAssertTrue(more.contains("## Headlines\n\n- A what-if: values set with --set, not by the scenario files themselves; "
            + "every figure here is under them:\n    1. uasc.annual_rate = 60 (children per year), in the baseline "
            + "(peterborough-2017) and tact-recruitment alike\n- "), more)
        XCTAssertFalse(try String(contentsOf: work.appendingPathComponent("plain/briefing.md"), encoding: .utf8)
            .contains("A what-if"))
    }

    /// A scenario's name, a unit and a value from whoever wrote them reached the Markdown twin as Markdown (a third
    /// fuzz audit): raw HTML, a link, and a unit whose line breaks started a bullet and a heading.
    func testTheMarkdownTwinEscapesWhatUsersWrote() throws {
        let name = "plan <img src=x onerror=alert(1)> [l](javascript:alert(1))"
        let scenario = "extends: peterborough-2017\nname: \"\(name)\"\nbenchmarks:\n  moves_3plus_pct:\n    value: 7\n"
            + "    unit: \"per cent\\n- injected\\n# Heading\"\n    source: \"assumption: a test of escaping, not a figure\"\n"
        try scenario.write(to: work.appendingPathComponent("odd.yaml"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try sufficiency(["run", "odd.yaml", "--replications", "5", "--years", "1", "--out", "r", "--quiet"]).status, 0)
        XCTAssertEqual(try sufficiency(["report", "r"]).status, 0)
        let md = try String(contentsOf: work.appendingPathComponent("r/briefing.md"), encoding: .utf8)
        XCTAssertFalse(md.contains(" <img"), md)
        XCTAssertFalse(md.contains(" [l]("), md)
        XCTAssertTrue(md.contains("per cent - injected # Heading"), md)
        XCTAssertTrue(md.contains("# Placement sufficiency briefing: plan \\<img src=x onerror=alert(1)> \\[l](javascript:alert(1))\n"), md)
        let lines = md.split(separator: "\n")
        XCTAssertFalse(lines.contains { $0.hasPrefix("- injected") || $0.hasPrefix("# Heading") }, md)
    }

    func testTargetFindsAValueAndARerunAtItMeetsTheGoal() throws {
        let key = "interventions.recruitment.approvals_per_year"
        let common = ["--replications", "60", "--seed", "11"]
        let result = try sufficiency(["target", "tact-recruitment", "--vary", key, "--goal", "net_savings",
                                      "--year", "2020-21", "--at-least", "372000", "--confidence", "0.6"] + common)
        XCTAssertEqual(result.status, 0, result.stderr + result.stdout)
        let answer = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.hasPrefix("answer: ") })
        let value = try XCTUnwrap(answer.split(separator: " ").dropFirst(3).first.flatMap { Double($0) }, String(answer))
        XCTAssertEqual(try sufficiency(["run", "tact-recruitment", "--set", "\(key)=\(value)", "--years", "4", "--out", "a",
                                        "--quiet"] + common).status, 0)
        XCTAssertEqual(try sufficiency(["run", "peterborough-2017", "--years", "4", "--out", "b", "--quiet"] + common).status, 0)
        func netCost(_ dir: String) throws -> [Double] {
            let rows = try String(contentsOf: work.appendingPathComponent("\(dir)/annual.csv"), encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
            let c = rows[0].firstIndex(of: "net_cost")!
            return rows.dropFirst().filter { $0[1] == "2020-21" }.map { Double($0[c])! }
        }
        let savings = zip(try netCost("b"), try netCost("a")).map { $0 - $1 }
        let p = Double(savings.filter { $0 >= 372_000 }.count) / Double(savings.count)
        XCTAssertGreaterThanOrEqual(p, 0.6, "rerun at \(value) meets the goal with probability \(p)")
    }

    func testTargetRefusesAnUnreachableGoal() throws {
        let result = try sufficiency(["target", "tact-recruitment", "--vary", "interventions.recruitment.approvals_per_year",
                                      "--goal", "net_savings", "--year", "2018-19", "--at-least", "100000000",
                                      "--confidence", "0.8", "--replications", "20"])
        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.stderr.contains("refused: the goal is not reachable in the range"), result.stderr)
    }

    /// A range the scenario cannot take is named as --range (the user gave no --set), and a step finer than the six
    /// decimals a lever is set to is refused; both exit 2 before anything runs.
    func testTargetNamesABadRangeAndRefusesAStepFinerThanSixDecimals() throws {
        let common = ["target", "tact-recruitment", "--vary", "interventions.recruitment.approvals_per_year", "--goal",
                      "net_savings", "--year", "2018-19", "--at-least", "1000", "--confidence", "0.8", "--replications", "5"]
        let negative = try sufficiency(common + ["--range", "-5,5"])
        XCTAssertEqual(negative.status, 2)
        XCTAssertEqual(negative.stderr, "error: --range -5,5: interventions.recruitment.approvals_per_year = -5: must not be "
                       + "negative (found -5.0)\n")
        let fine = try sufficiency(common + ["--range", "10,12", "--step", "0.0000001"])
        XCTAssertEqual(fine.status, 2)
        XCTAssertEqual(fine.stderr, "error: --step 1e-07 is finer than 0.000001, the six decimals a lever's value is set to; "
                       + "use a larger step\n")
        XCTAssertEqual(fine.stdout, "")
    }

    // MARK: - Briefing

    /// Headless Chromium on PATH, if installed (CI installs Debian's `chromium`).
    static let chromium: URL? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }

    func assertSelfContained(_ html: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(fetchesAnything(html), "the briefing fetches a script, stylesheet, image or address",
                       file: file, line: line)
        var rest = Substring(html)
        var count = 0
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            let svg = String(rest[start.lowerBound..<end.upperBound])
            let parser = XMLParser(data: Data(svg.utf8))
            XCTAssertTrue(parser.parse(), "SVG \(count) is not well-formed: \(parser.parserError.map { "\($0)" } ?? "")",
                          file: file, line: line)
            count += 1
            rest = rest[end.upperBound...]
        }
        XCTAssertGreaterThanOrEqual(count, 5, "charts in the briefing", file: file, line: line)
    }

    /// Two briefings written to one folder keep their own Markdown and charts: the second no longer replaces the
    /// first's `briefing.md` and mixes its charts into the first's `charts/`.
    func testTwoBriefingsInOneFolderKeepTheirOwnMarkdownAndCharts() throws {
        XCTAssertEqual(try sufficiency(["run"] + Self.small + ["--out", "run", "--quiet"]).status, 0)
        XCTAssertEqual(try sufficiency(["compare", "peterborough-2017", "tact-recruitment"] + Self.small
                                        + ["--out", "cmp", "--quiet"]).status, 0)
        let first = try sufficiency(["report", "run", "--out", "reports/run.html"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.hasSuffix(", run.md and 5 charts (CSV and Vega-Lite) in run-charts/\n"), first.stdout)
        XCTAssertEqual(try sufficiency(["report", "cmp", "--out", "reports/plan.html"]).status, 0)
        let dir = work.appendingPathComponent("reports")
        XCTAssertEqual(try Set(fm.contentsOfDirectory(atPath: dir.path)),
                       ["run.html", "run.md", "run-charts", "plan.html", "plan.md", "plan-charts"])
        let runMarkdown = try String(contentsOf: dir.appendingPathComponent("run.md"), encoding: .utf8)
        let planMarkdown = try String(contentsOf: dir.appendingPathComponent("plan.md"), encoding: .utf8)
        XCTAssertFalse(runMarkdown.contains("## Savings"), "the run's Markdown is still the run's")
        XCTAssertTrue(planMarkdown.contains("## Savings"))
        XCTAssertTrue(runMarkdown.contains("`run-charts/fan-children_in_care.csv`"), runMarkdown)
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("plan.html"), encoding: .utf8)
                        .contains("Data: plan-charts/fan-children_in_care.csv;"))
        let runCharts = try Set(fm.contentsOfDirectory(atPath: dir.appendingPathComponent("run-charts").path))
        XCTAssertFalse(runCharts.contains { $0.hasPrefix("net-savings") }, "no chart of the comparison among the run's")
        XCTAssertTrue(try fm.contentsOfDirectory(atPath: dir.appendingPathComponent("plan-charts").path)
                        .contains("net-savings-tact-recruitment.csv"))
    }

    func testReportWritesASelfContainedBriefingWithItsCompanions() throws {
        XCTAssertEqual(try sufficiency(["run"] + Self.small + ["--out", "run", "--quiet"]).status, 0)
        let result = try sufficiency(["report", "run"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let dir = work.appendingPathComponent("run")
        let html = try String(contentsOf: dir.appendingPathComponent("briefing.html"), encoding: .utf8)
        assertSelfContained(html)
        XCTAssertTrue(html.contains("By March 2019 we expect"), "a headline with numbers and a range")
        XCTAssertTrue(html.contains("@page { size: A4"), "printable on A4")
        XCTAssertTrue(html.contains("Appendix B: every assumption"))
        let md = try String(contentsOf: dir.appendingPathComponent("briefing.md"), encoding: .utf8)
        XCTAssertTrue(md.hasPrefix("# Placement sufficiency briefing"))
        let charts = try Set(fm.contentsOfDirectory(atPath: dir.appendingPathComponent("charts").path))
        for id in ["fan-children_in_care", "fan-in_house_foster", "fan-ifa_foster", "fan-residential", "annual-cost"] {
            XCTAssertTrue(charts.contains(id + ".csv") && charts.contains(id + ".vl.json"), id)
        }
    }

    func testReportOfAComparisonShowsSavingsAndTheirDistribution() throws {
        XCTAssertEqual(try sufficiency(["compare", "peterborough-2017", "tact-recruitment", "--replications", "20", "--years", "2",
                                        "--target", "100000", "--target-year", "2018-19", "--out", "cmp", "--quiet"]).status, 0)
        let result = try sufficiency(["report", "cmp", "--out", "cmp/committee.html", "--title", "Recruitment savings"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOf: work.appendingPathComponent("cmp/committee.html"), encoding: .utf8)
        assertSelfContained(html)
        XCTAssertTrue(html.contains("<h1>Recruitment savings</h1>"))
        XCTAssertTrue(html.contains("The chance that tact-recruitment reaches its target of £100,000 in 2018-19 is"), html)
        let charts = try Set(fm.contentsOfDirectory(atPath: work.appendingPathComponent("cmp/committee-charts").path))
        XCTAssertTrue(charts.contains("net-savings-tact-recruitment.csv"))
        XCTAssertTrue(charts.contains("cumulative-savings-tact-recruitment.vl.json"))
    }

    func testReportPDFWithoutChromiumExitsTwoWithInstructions() throws {
        XCTAssertEqual(try sufficiency(["run"] + Self.small + ["--out", "run", "--quiet"]).status, 0)
        let binary = try XCTUnwrap(Self.binary)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["report", "run", "--pdf"]
        process.currentDirectoryURL = work
        process.environment = ["PATH": "/nonexistent"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 2)
        XCTAssertTrue(text.contains("apt-get install -y chromium"), text)
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("run/briefing.html").path), "nothing half-made")
    }

    /// The browser check: headless Chromium renders the briefing to PNG, and the PNG has the size asked for and is not
    /// blank. Required in CI (SUFFICIENCY_REQUIRE_CHROMIUM=1, set by .ci/run after installing Chromium).
    func testChromiumRendersTheBriefingAndPrintsItToPDF() throws {
        guard let chromium = Self.chromium else {
            if ProcessInfo.processInfo.environment["SUFFICIENCY_REQUIRE_CHROMIUM"] == "1" { XCTFail("Chromium is not installed") }
            throw XCTSkip("Chromium is not installed")
        }
        XCTAssertEqual(try sufficiency(["run"] + Self.small + ["--out", "run", "--quiet"]).status, 0)
        let pdf = try sufficiency(["report", "run", "--pdf"])
        XCTAssertEqual(pdf.status, 0, pdf.stderr)
        let pdfData = try Data(contentsOf: work.appendingPathComponent("run/briefing.pdf"))
        XCTAssertEqual(String(decoding: pdfData.prefix(5), as: UTF8.self), "%PDF-")
        // The page printed holds the sufficiency gap section, from the run's own results.json.
        let html = try String(contentsOf: work.appendingPathComponent("run/briefing.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<h2>Sufficiency gap</h2>") && html.contains("<table class=\"gap\">"))
        let png = work.appendingPathComponent("shot.png")
        let p = Process()
        p.executableURL = chromium
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1000,2000",
                       "--screenshot=\(png.path)", work.appendingPathComponent("run/briefing.html").absoluteString]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let data = try Data(contentsOf: png)
        XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
        let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual([width, height], [1000, 2000])
        // A blank 1000 × 2000 page compresses to a few kilobytes; text and charts make it far larger.
        XCTAssertGreaterThan(data.count, 60_000, "the rendered briefing looks blank")
    }

    // MARK: - Calibration from SSDA903

    /// The shared SSDA903 samples: `../shared` beside the repository, or the workplace's `/work/shared` when the
    /// repository is cloned elsewhere (as CI does).
    static let samples: URL = {
        let beside = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/ssda903")
        if FileManager.default.fileExists(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: "/work/shared/data/ssda903")
    }()

    func testCalibrateBothSampleLayoutsIntoScenariosThatValidateAndRun() throws {
        for (data, la, name) in [("d2i-sample", nil, "d2i"), ("sf-regional-sample", "Southwark", "southwark")] {
            let args = ["calibrate", Self.samples.appendingPathComponent(data).path] + (la.map { ["--la", $0] } ?? [])
                + ["--out", "\(name)/\(name).yaml"]
            try fm.createDirectory(at: work.appendingPathComponent(name), withIntermediateDirectories: true)
            let result = try sufficiency(args)
            XCTAssertEqual(result.status, 0, "\(data): \(result.stderr)")
            XCTAssertEqual(try sufficiency(["validate", "\(name)/\(name).yaml"]).status, 0)
            let run = try sufficiency(["run", "\(name)/\(name).yaml", "--replications", "20", "--years", "2", "--out", "\(name)/run", "--quiet"])
            XCTAssertEqual(run.status, 0, run.stderr)
            // Calibrated scenarios draw their rates in each replication unless told not to; the manifest says which.
            let manifest = try String(contentsOf: work.appendingPathComponent("\(name)/run/manifest.json"), encoding: .utf8)
            XCTAssertTrue(manifest.contains("\"parameter_uncertainty\": \"on: "), manifest)
            let off = try sufficiency(["run", "\(name)/\(name).yaml", "--replications", "20", "--years", "2", "--out", "\(name)/off",
                                       "--quiet", "--no-parameter-uncertainty"])
            XCTAssertEqual(off.status, 0, off.stderr)
            let offManifest = try String(contentsOf: work.appendingPathComponent("\(name)/off/manifest.json"), encoding: .utf8)
            XCTAssertTrue(offManifest.contains("\"parameter_uncertainty\": \"off: "), offManifest)
            let onCSV = try String(contentsOf: work.appendingPathComponent("\(name)/run/annual.csv"), encoding: .utf8)
            let offCSV = try String(contentsOf: work.appendingPathComponent("\(name)/off/annual.csv"), encoding: .utf8)
            XCTAssertNotEqual(onCSV, offCSV, "drawing the rates changes the replications")
            let report = try String(contentsOf: work.appendingPathComponent("\(name)/calibration-report.md"), encoding: .utf8)
            XCTAssertTrue(report.contains("## Exit hazards"), report)
            XCTAssertTrue(report.contains("### Joint models: what each factor rests on"), report)
            XCTAssertTrue(report.lowercased().contains("data quality"), report)
        }
    }

    /// A regional extract calibrated without --la pooled its councils and said so only in the report.
    func testCalibratingSeveralCouncilsWithoutLaWarnsButOneCouncilDoesNot() throws {
        let regional = Self.samples.appendingPathComponent("sf-regional-sample").path
        for dir in ["all", "one", "d2i"] {
            try fm.createDirectory(at: work.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
        let pooled = try sufficiency(["calibrate", regional, "--out", "all/all.yaml"])
        XCTAssertEqual(pooled.status, 0, pooled.stderr)
        XCTAssertTrue(pooled.stderr.hasPrefix("warning: the data hold 3 councils (") && pooled.stderr.contains(
            "and no --la was given, so they are modelled as one council; give --la NAME for one\n"), pooled.stderr)
        let one = try sufficiency(["calibrate", regional, "--la", "Southwark", "--out", "one/one.yaml"])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertFalse(one.stderr.contains("warning: the data hold"), one.stderr)
        let single = try sufficiency(["calibrate", Self.samples.appendingPathComponent("d2i-sample").path, "--out", "d2i/d2i.yaml"])
        XCTAssertEqual(single.status, 0, single.stderr)
        XCTAssertFalse(single.stderr.contains("warning: the data hold"), single.stderr)
    }

    func testEntriesWithATrendAndWithoutParameterUncertainty() throws {
        let d2i = Self.samples.appendingPathComponent("d2i-sample").path
        let trend = try sufficiency(["calibrate", d2i, "--entries", "trend", "--no-parameter-uncertainty", "--out", "t.yaml"])
        XCTAssertEqual(trend.status, 0, trend.stderr)
        let yaml = try String(contentsOf: work.appendingPathComponent("t.yaml"), encoding: .utf8)
        XCTAssertTrue(yaml.contains("  annual_trend:\n    value: "), yaml)
        XCTAssertTrue(yaml.contains("  draw_rates:\n    value: false"), yaml)
        let report = try String(contentsOf: work.appendingPathComponent("calibration-report.md"), encoding: .utf8)
        XCTAssertTrue(report.contains("Trend: entries change by a factor of"), report)
        let bad = try sufficiency(["calibrate", d2i, "--entries", "rising", "--out", "u.yaml"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--entries"), bad.stderr)
    }

    func testAMalformedEpisodesFileIsReportedRowByRowAndAMissingColumnExitsTwo() throws {
        let dir = work.appendingPathComponent("bad")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        let good = try String(contentsOf: Self.samples.appendingPathComponent("d2i-sample/2019-episodes.csv"), encoding: .utf8)
        var lines = good.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func setField(_ row: Int, _ column: Int, _ value: String) {
            var f = lines[row - 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            f[column] = value
            lines[row - 1] = f.joined(separator: ",")
        }
        setField(3, 1, "31/02/2019")      // an impossible DECOM
        setField(4, 5, "Q9")              // an unknown PLACE code
        setField(5, 7, "01/01/1990")      // DEC before DECOM
        try Data(lines.joined(separator: "\n").utf8).write(to: dir.appendingPathComponent("2019-episodes.csv"))
        try fm.copyItem(at: Self.samples.appendingPathComponent("d2i-sample/2019-header.csv"), to: dir.appendingPathComponent("2019-header.csv"))
        let result = try sufficiency(["calibrate", "bad", "--out", "bad/bad.yaml"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try String(contentsOf: dir.appendingPathComponent("calibration-report.md"), encoding: .utf8)
        for row in [3, 4, 5] {
            XCTAssertTrue(report.contains("2019-episodes.csv") && report.contains("\(row)"), "row \(row) not named: \(report)")
        }
        // A missing required column is fatal: exit 2 naming the file and the column.
        let header = lines[0].replacingOccurrences(of: "PLACE_PROVIDER,", with: "PROVIDER,")
        try Data(([header] + lines.dropFirst()).joined(separator: "\n").utf8).write(to: dir.appendingPathComponent("2019-episodes.csv"))
        let missing = try sufficiency(["calibrate", "bad", "--out", "bad/again.yaml"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("PLACE_PROVIDER") && missing.stderr.contains("2019-episodes.csv"), missing.stderr)
        XCTAssertFalse(fm.fileExists(atPath: dir.appendingPathComponent("again.yaml").path))
    }

    func testARunTooLargeForMemoryIsRefusedWithStatus2() throws {
        let result = try sufficiency(["run", "--replications", "1000000", "--years", "15", "--out", "out"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("use fewer replications"), result.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), [])
    }

    func testAnInterruptedRunLeavesNoRunDirectory() throws {
        let binary = try XCTUnwrap(Self.binary)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["run", "--replications", "20000", "--years", "15", "--out", "out", "--quiet"]
        process.currentDirectoryURL = work
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Interrupted once its partial directory is there (the handler is installed before it is made), not after a
        // fixed sleep: on a loaded machine a second was not always enough to get that far, and the signal's default
        // action then killed the run before it had anything to clean up.
        let partial = work.appendingPathComponent("out.partial-\(process.processIdentifier)/.sufficiency-writing")
        let deadline = Date().addingTimeInterval(60)
        while !fm.fileExists(atPath: partial.path) && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTAssertTrue(fm.fileExists(atPath: partial.path), "the run never reserved its partial directory")
        Thread.sleep(forTimeInterval: 0.2)
        process.terminate()   // SIGTERM, handled like Ctrl-C
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), [], "an interrupted run left files behind")
    }

    /// Runs the binary with `arguments` in `work`, its output captured in files under `base` (shared with the other
    /// command-line test files), with `environment` added to the test's own.
    static func sufficiency(_ arguments: [String], in work: URL, scratch base: URL, environment: [String: String] = [:],
                            file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let fm = FileManager.default
        let binary = try XCTUnwrap(Self.binary, "cannot find the built sufficiency executable", file: file, line: line)
        let id = UUID().uuidString
        let outURL = base.appendingPathComponent("stdout-\(id)")
        let errURL = base.appendingPathComponent("stderr-\(id)")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = work
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus,
                      stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// Runs `scenario` with and without `--out` and checks each is refused with status 2, the expected text on
    /// stderr, and no run directory: neither the `--out` path nor a `results/` folder appears.
    func assertRefusedScenario(_ scenario: String, stderrContains expected: [String],
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try Set(fm.contentsOfDirectory(atPath: work.path))
        for extra in [["--out", "out"], []] {
            let result = try sufficiency(["run", scenario] + Self.small + extra, file: file, line: line)
            XCTAssertEqual(result.status, 2, "exit status for \(scenario) \(extra): \(result.stderr)", file: file, line: line)
            XCTAssertEqual(result.stdout, "", file: file, line: line)
            XCTAssertTrue(result.stderr.hasPrefix("error: \(scenario)"), result.stderr, file: file, line: line)
            for text in expected {
                XCTAssertTrue(result.stderr.contains(text), "stderr lacks '\(text)': \(result.stderr)", file: file, line: line)
            }
            XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("out").path), "--out was created",
                           file: file, line: line)
            XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("results").path), "results/ was created",
                           file: file, line: line)
            XCTAssertEqual(try Set(fm.contentsOfDirectory(atPath: work.path)), before, file: file, line: line)
        }
    }

    /// The default scenario (the file in `scenarios/`) with one edit, and the 1-based line holding `lineOf`.
    func defaultScenario(replacing old: String, with new: String, lineOf marker: String) throws -> (String, Int) {
        var text = try String(contentsOf: Self.packageRoot.appendingPathComponent("scenarios/peterborough-2017.yaml"),
                              encoding: .utf8)
        let range = try XCTUnwrap(text.range(of: old), "'\(old)' is not in the default scenario")
        text.replaceSubrange(range, with: new)
        XCTAssertEqual(text.components(separatedBy: marker).count, 2, "'\(marker)' should occur once")
        let at = try XCTUnwrap(text.range(of: marker))
        return (text, text[..<at.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 })
    }

    func lines(of directory: URL, _ name: String) throws -> [String] {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n")
            .map(String.init)
    }

    func sameBytes(_ a: String, _ b: String) throws -> Bool {
        try Data(contentsOf: work.appendingPathComponent(a)) == Data(contentsOf: work.appendingPathComponent(b))
    }

    /// SHA-256 of a file from the system's `sha256sum`, if there is one.
    func sha256sum(_ url: URL) throws -> String? {
        let tool = URL(fileURLWithPath: "/usr/bin/sha256sum")
        guard fm.isExecutableFile(atPath: tool.path) else { return nil }
        let pipe = Pipe()
        let process = Process()
        process.executableURL = tool
        process.arguments = [url.path]
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init)
    }
}
