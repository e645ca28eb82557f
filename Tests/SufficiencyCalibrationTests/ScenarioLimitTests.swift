import Foundation
@testable import SufficiencyCalibration
import SufficiencyData
import SufficiencyModel
import XCTest

/// A return of any size gives a scenario that loads, or a one-line refusal naming the figure and the limit (issue
/// 11): 110,000 children in care used to end in "calibration produced an invalid scenario (a bug)". The limits are
/// the loader's; the first test keeps the two equal.
final class ScenarioLimitTests: XCTestCase {
    /// A calibrated scenario from ParameterRecoveryTests' return, with entries fitted with a trend (so that
    /// `annual_trend` is written).
    static let calibratedYAML: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try! ParameterRecoveryTests.generate(into: dir)
        var options = Calibration.Options()
        options.entriesTrend = true
        var calibration = try! Calibration(data: try! SSDA903Reader.load(paths: [dir.path], la: nil), options: options)
        return calibration.scenarioYAML()
    }()

    /// `yaml` with the value after the first `marker` (up to the line's end) replaced by `value`.
    func setting(_ marker: String, to value: String, in yaml: String = calibratedYAML,
                 file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let at = try XCTUnwrap(yaml.range(of: marker), "\(marker) is not in the calibrated scenario", file: file, line: line)
        let end = yaml[at.upperBound...].firstIndex(of: "\n")!
        return yaml.replacingCharacters(in: at.upperBound..<end, with: value)
    }

    func loads(_ yaml: String) -> Bool { (try? ScenarioLoader.load(yaml: yaml, file: "limits.yaml")) != nil }

    func testEachLimitIsTheLoadersOwn() throws {
        XCTAssertTrue(loads(Self.calibratedYAML))
        let cases: [(marker: String, inside: String, outside: String)] = [
            ("  children_in_care:\n    value: ", "\(ParameterBounds.childrenInCare.upperBound)", "\(ParameterBounds.childrenInCare.upperBound + 1)"),
            ("  staying_put:\n    value: ", "\(ParameterBounds.stayingPut.upperBound)", "\(ParameterBounds.stayingPut.upperBound + 1)"),
            ("  households:\n    value: ", "\(ParameterBounds.households.upperBound)", "\(ParameterBounds.households.upperBound + 1)"),
            ("  approvals_per_year:\n    value: ", "100000", "100000.5"),
            ("uasc:\n  annual_rate:\n    value: ", "100000", "100000.5"),
            ("entries:\n  annual_rate:\n    value: ", #"{"0": 100000, "1-4": 1, "5-9": 1, "10-15": 1, "16-17": 1}"#,
             #"{"0": 100000.5, "1-4": 1, "5-9": 1, "10-15": 1, "16-17": 1}"#),
            ("  annual_trend:\n    value: ", "4", "4.01"),
            ("  annual_trend:\n    value: ", "0.25", "0.24"),
        ]
        XCTAssertEqual(ParameterBounds.flowPerYear.upperBound, 100_000)
        XCTAssertEqual(ParameterBounds.entryTrend, 0.25...4)
        for c in cases {
            XCTAssertTrue(loads(try setting(c.marker, to: c.inside)), "\(c.marker)\(c.inside) should load")
            XCTAssertFalse(loads(try setting(c.marker, to: c.outside)), "\(c.marker)\(c.outside) should not load")
        }
        // Entry periods' midpoints, years from the start date (the window's periods are three here).
        let marker = "    period_midpoints:\n      value: "
        XCTAssertTrue(loads(try setting(marker, to: "[-100, -50, -0.5]")))
        XCTAssertFalse(loads(try setting(marker, to: "[-100.5, -50, -0.5]")))
    }

    /// Children in care from 1 June 2020 to the data's end, 31 March 2021, born in 2015: `count` of them, in data
    /// that start three years before their end (so that the window is three years long).
    static func inCare(_ count: Int) -> SSDA903Data {
        let start = CivilDate(year: 2020, month: 6, day: 1)
        let children = (0..<count).map { i in
            let episodes = [Episode(child: "\(i)", start: start, end: nil, rne: "S", place: "U4", provider: "PR1")]
            return ChildRecord(id: "\(i)", birth: CivilDate(year: 2015, month: 1, day: 1), episodes: episodes,
                               periods: SSDA903Reader.periods(of: episodes))
        }
        return SSDA903Data(children: children, quality: DataQuality(), files: ["/data/episodes.csv", "/data/header.csv"],
                           firstDate: CivilDate(year: 2018, month: 3, day: 31), lastDate: CivilDate(year: 2021, month: 3, day: 31), councils: [],
                           episodeFiles: ["/data/episodes.csv"])
    }

    func testA110000ChildReturnIsRefusedWithTheCountAndTheLimit() throws {
        XCTAssertThrowsError(try Calibration(data: Self.inCare(110_000), options: Calibration.Options())) { error in
            XCTAssertEqual("\(error)", "/data/episodes.csv: 110,000 children are in care on the snapshot date 2021-03-31, "
                + "more than the 100,000 a scenario can hold (all of England has about 83,000); one council's return holds "
                + "a few thousand, so these files may hold several councils (select one by its LA) or children counted "
                + "under several identifiers")
        }
    }

    func testAReturnAtTheLimitCalibratesToAScenarioThatLoads() throws {
        var calibration = try Calibration(data: Self.inCare(ParameterBounds.childrenInCare.upperBound), options: Calibration.Options())
        XCTAssertEqual(calibration.estimates.childrenInCare, 100_000)
        let scenario = try ScenarioLoader.load(yaml: calibration.scenarioYAML(), file: "limit.yaml").scenario
        XCTAssertEqual(scenario.population.childrenInCare, 100_000)
    }

    func testEntriesBeyondAScenariosFlowAreRefusedNamingTheAgeBand() throws {
        // 110,000 children entering on the window's last three days: 110,000 × 365.25 / 3 a year.
        let first = CivilDate(year: 2021, month: 3, day: 28)
        let children = (0..<110_000).map { i in
            let episodes = [Episode(child: "\(i)", start: first, end: CivilDate(year: 2021, month: 3, day: 29), rne: "S",
                                    place: "U4", provider: "PR1", reasonEnded: "E4A")]
            return ChildRecord(id: "\(i)", birth: CivilDate(year: 2010, month: 1, day: 1), episodes: episodes,
                               periods: SSDA903Reader.periods(of: episodes))
        }
        var data = Self.inCare(10)
        data.children += children
        var options = Calibration.Options()
        options.windowStart = CivilDate(year: 2021, month: 3, day: 28)
        XCTAssertThrowsError(try Calibration(data: data, options: options)) { error in
            XCTAssertEqual("\(error)", "/data/episodes.csv: 1.34e+07 entries a year aged 10-15 (110,000 over the reference "
                + "window 2021-03-28 to 2021-03-31), more than the 100,000 a year a scenario can hold")
        }
    }

    /// Entries that grow 300-fold in two years still give a trend the scenario holds: the fit bounds β to ±1 (a
    /// factor of e a year), inside the loader's 0.25 to 4, and `checkLimits` stands guard should that change.
    func testAnExtremeTrendStillGivesAScenarioThatLoads() throws {
        // Aged 10-15: one entry in the window's first year, 300 in its last.
        var data = Self.inCare(10)
        for i in 0..<301 {
            let start = i == 0 ? CivilDate(year: 2018, month: 6, day: 1) : CivilDate(year: 2020, month: 10, day: 1)
            let episodes = [Episode(child: "e\(i)", start: start, end: CivilDate(dayNumber: start.dayNumber + 10), rne: "S",
                                    place: "U4", provider: "PR1", reasonEnded: "E4A")]
            data.children.append(ChildRecord(id: "e\(i)", birth: CivilDate(year: 2008, month: 1, day: 1), episodes: episodes,
                                             periods: SSDA903Reader.periods(of: episodes)))
        }
        var options = Calibration.Options()
        options.entriesTrend = true
        var calibration = try Calibration(data: data, options: options)
        XCTAssertEqual(calibration.entryFit.growth, exp(1), accuracy: 1e-9, "the bound, reached")
        let scenario = try ScenarioLoader.load(yaml: calibration.scenarioYAML(), file: "trend.yaml").scenario
        XCTAssertEqual(scenario.entries.annualTrend, exp(1), accuracy: 1e-4)
    }
}
