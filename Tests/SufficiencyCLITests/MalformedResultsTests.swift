import Foundation
import SufficiencyModel
import XCTest

/// A run's `results.json` damaged after the run, given to `report` and `gap`: each exits with status 2 and one line
/// per problem naming the file and the key (never a crash: figures past `Int.max`, or an annual array shorter than the
/// run's years, used to stop the program with exit 132 in the wording or the cost chart), and writes nothing.
/// A briefing whose files cannot all be written (a directory where `briefing.md` goes) is refused before any is.
final class MalformedResultsTests: CommandLineTestCase {

    /// A small real run in `run/`, then `edit` applied to its results.
    func makeRun(editing edit: (inout RunSummary) -> Void) throws {
        let run = try sufficiency(["run"] + CommandLineTests.small + ["--out", "run", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        try editRun(edit)
    }

    /// `edit` applied to the results of the run in `run/`.
    func editRun(_ edit: (inout RunSummary) -> Void) throws {
        let url = work.appendingPathComponent("run/results.json")
        var results = try RunSummary.decode(Data(contentsOf: url))
        edit(&results)
        try results.encoded().write(to: url)
    }

    /// `command` on `run` exits 2 with exactly `lines` problems (each "error: run/results.json: ..."), each line
    /// holding its expected text, and leaves no briefing.
    func assertRefused(_ command: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try sufficiency([command, "run"], file: file, line: line)
        XCTAssertEqual(result.status, 2, "\(command): \(result.stderr)", file: file, line: line)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, expected.count, "one line per problem: \(result.stderr)", file: file, line: line)
        for (got, want) in zip(lines, expected) {
            XCTAssertTrue(got.hasPrefix("error: ") && got.contains("run/results.json: " + want), "'\(got)' lacks '\(want)'",
                          file: file, line: line)
        }
        for name in ["briefing.html", "briefing.md", "charts"] {
            XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("run/" + name).path), "\(name) was written",
                           file: file, line: line)
        }
    }

    static func filled(_ x: Double) -> RunSummary.Statistics {
        .init(mean: x, sd: x, p05: x, p10: x, p25: x, p50: x, p75: x, p90: x, p95: x)
    }

    // MARK: - Files in the way

    /// `report` replaced whatever stood where its files go: someone's own `briefing.md` or page. It now replaces an
    /// earlier briefing's files (writing it again works) and refuses others, one line each, unless `--force`.
    func testFilesNotWrittenByAnEarlierBriefingAreRefusedUnlessForced() throws {
        XCTAssertEqual(try sufficiency(["run"] + CommandLineTests.small + ["--out", "run", "--quiet"]).status, 0)
        XCTAssertEqual(try sufficiency(["report", "run"]).status, 0)
        XCTAssertEqual(try sufficiency(["report", "run"]).status, 0, "an earlier briefing is replaced")
        XCTAssertEqual(try sufficiency(["report", "run", "--out", "run/other.html"]).status, 0,
                       "another page beside it, with its own other.md and other-charts/")
        // A page written before the generator mark is known by its headings.
        let page = work.appendingPathComponent("run/briefing.html")
        let old = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(
            of: "<meta name=\"generator\" content=\"sufficiency report\">\n", with: "")
        XCTAssertFalse(old.contains("generator"))
        try old.write(to: page, atomically: true, encoding: .utf8)
        XCTAssertEqual(try sufficiency(["report", "run"]).status, 0, "an older briefing is replaced")
        // A named pipe where the page goes is refused at once, not opened (which waits for a writer).
        XCTAssertEqual(mkfifo(work.appendingPathComponent("run/pipe.html").path, 0o600), 0)
        let pipe = try sufficiency(["report", "run", "--out", "run/pipe.html"])
        XCTAssertEqual(pipe.status, 2)
        XCTAssertEqual(pipe.stderr, "error: \(work.path)/run/pipe.html: exists and is not a regular file; use --force to replace it\n")
        let notes = work.appendingPathComponent("rp")
        try fm.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("my notes\n".utf8).write(to: notes.appendingPathComponent("page.md"))
        try Data("keep\n".utf8).write(to: notes.appendingPathComponent("page.html"))
        try Data("not the page's\n".utf8).write(to: notes.appendingPathComponent("briefing.md"))
        let refused = try sufficiency(["report", "run", "--out", "rp/page.html"])
        XCTAssertEqual(refused.status, 2)
        let tail = ": exists and is not a briefing written by sufficiency report; use --force to replace it\n"
        XCTAssertEqual(refused.stderr, "error: \(notes.path)/page.md" + tail + "error: \(notes.path)/page.html" + tail)
        XCTAssertEqual(try String(contentsOf: notes.appendingPathComponent("page.md"), encoding: .utf8), "my notes\n")
        XCTAssertFalse(fm.fileExists(atPath: notes.appendingPathComponent("page-charts").path), "nothing written")
        XCTAssertEqual(try sufficiency(["report", "run", "--out", "rp/page.html", "--force"]).status, 0)
        XCTAssertEqual(try sufficiency(["report", "run", "--out", "rp/page.html"]).status, 0, "now it is a briefing's")
        XCTAssertEqual(try String(contentsOf: notes.appendingPathComponent("briefing.md"), encoding: .utf8),
                       "not the page's\n", "another page's Markdown is not touched")
    }

    // MARK: - A3: the briefing

    func testHugeAnnualFiguresAreRefusedNotACrash() throws {
        try makeRun { r in
            r.annual["children_in_care"] = r.years.map { _ in Self.filled(1e19) }
            r.annual["cost_total"] = r.years.map { _ in Self.filled(-1e19) }
            r.annual["moves_3plus_pct"]![1].p95 = 2e12
        }
        let tail = ", not a finite number within ±1e+12 (no count or sum of pounds of a council's care system is that large)"
        let expected = ["annual.children_in_care: 2017-18 mean is 1e+19" + tail + "; 18 such figures",
                        "annual.cost_total: 2017-18 mean is -1e+19" + tail + "; 18 such figures",
                        "annual.moves_3plus_pct: 2018-19 p95 is 2000000000000.0" + tail]
        try assertRefused("report", expected)
        try assertRefused("gap", expected)
    }

    func testAnnualArraysWithoutOneEntryPerYearAreRefusedNotACrash() throws {
        try makeRun { r in r.years.append("2019-20") }
        try assertRefused("report", ["annual.approvals: 2 entries for the run's 3 years (one per year); 62 other annual keys",
                                     "requests.direct_route: 2 entries for the run's 3 years (one per year); 24 other requests keys",
                                     "sufficiency: no entries for 2019-20 (every run writes them for each year)",
                                     "supply: no entries for 2019-20 (every run writes them for each year)"])
    }

    /// An emptied gap or supply was taken: the briefing dropped its gap section and the vacant places without a
    /// word, and `gap` said "--year 2018-19 is not in the run ()" though no --year was given.
    func testAGapOrSupplyWithoutAYearsEntriesIsRefused() throws {
        try makeRun { r in
            r.sufficiency = []
            r.supply.removeAll { $0.year == "2018-19" }
            r.supply.append(contentsOf: r.supply.map { var e = $0; e.year = "2031-32"; return e })
        }
        let expected = ["sufficiency: no entries for 2017-18, 2018-19 (every run writes them for each year)",
                        "supply: no entries for 2018-19 (every run writes them for each year)",
                        "supply: entries for 2031-32, not a year of the run"]
        try assertRefused("report", expected)
        try assertRefused("gap", expected)
    }

    func testTruncatedOrEmptyAnnualFiguresAreRefusedNotACrash() throws {
        try makeRun { r in r.annual["cost_other"]!.removeLast() }
        try assertRefused("report", ["annual.cost_other: 1 entry for the run's 2 years (one per year)"])
        try editRun { r in r.annual = [:] }
        try assertRefused("report", ["annual: no children_in_care, in_house_foster, ifa_foster, residential, "])
    }

    // MARK: - A4: the gap

    func testAHugeShortfallIsRefusedByGapNotACrash() throws {
        var fourth = ""
        try makeRun { r in
            for i in r.sufficiency.indices {
                r.sufficiency[i].measures[.shortfallPlaceYears]!.mean = 1e19
                r.sufficiency[i].measures[.requests]!.p95 = .infinity
            }
            r.sufficiency[3].measures[.placedInHouse]!.p50 = -1e19
            let s = r.sufficiency[3]
            fourth = "\(s.year) \(s.ageBand.label) \(s.needTier.label) \(s.groupSize.label)"
        }
        let segments = 2 * AgeBand.count * NeedTier.count * GroupSize.count
        try assertRefused("gap", ["sufficiency[*].measures.requests: 2017-18 0 standard 1 p95 is Infinity, not a finite number "
                                  + "within ±1e+12 (no count or sum of pounds of a council's care system is that large); "
                                  + "\(segments) such figures",
                                  "sufficiency[*].measures.placed_in_house: \(fourth) p50 is -1e+19",
                                  "sufficiency[*].measures.shortfall_place_years: 2017-18 0 standard 1 mean is 1e+19"])
    }

    // MARK: - D1: nothing half-written

    func testABriefingThatCannotBeWrittenWritesNothing() throws {
        try makeRun { _ in }
        let out = work.appendingPathComponent("out")
        try fm.createDirectory(at: out.appendingPathComponent("x.md"), withIntermediateDirectories: true)
        let result = try sufficiency(["report", "run", "--out", "out/x.html"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("error: ") && result.stderr.hasSuffix("/out/x.md: is a directory, where the briefing "
            + "would write a file\n") && result.stderr.filter { $0 == "\n" }.count == 1, result.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: out.path), ["x.md"], "x-charts/ or x.html was written")

        // A file where the briefing's directory would be: refused, naming it, and nothing made under it.
        try Data().write(to: work.appendingPathComponent("plain"))
        let under = try sufficiency(["report", "run", "--out", "plain/sub/x.html"])
        XCTAssertEqual(under.status, 2, under.stderr)
        XCTAssertTrue(under.stderr.hasPrefix("error: ") && under.stderr.hasSuffix("/plain: is a file, where the briefing needs a "
            + "directory\n") && under.stderr.filter { $0 == "\n" }.count == 1, under.stderr)
    }
}
