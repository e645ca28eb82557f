import Foundation
@testable import SufficiencyCalibration
import SufficiencyData
import SufficiencyModel
import XCTest

/// Returns record entries and exits only from their first collection year, though their DECOMs go back to when the
/// longest stayers came into care: the default reference window must start where the recording does, or the years
/// before it count as children's time in care with none of their exits or entries.
final class ReturnWindowTests: XCTestCase {
    /// `ParameterRecoveryTests`' known process from April 2014 to March 2020, with a large council's entries (600 a
    /// year, so that a bias of a fifth is many standard errors) and long stays (going home at 0.15 a year, other
    /// exits at 0.05), as two collection years of returns, 2018-19 and 2019-20, would hold it.
    func testTheDefaultWindowStartsAtTheFirstCollectionYearAndRecoversTheKnownRates() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("window-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let firstReturn = CivilDate(year: 2018, month: 4, day: 1)
        let entryRate = 600.0, reunification = 0.15, other = 0.05
        _ = try ParameterRecoveryTests.generate(
            into: dir, reportedFrom: Double(firstReturn.dayNumber - ParameterRecoveryTests.first.dayNumber),
            entryRate: entryRate, reunification: reunification, other: other)
        let data = try SSDA903Reader.load(paths: [dir.path], la: nil)
        XCTAssertEqual(data.quality.rejected.count, 0, data.quality.markdown)
        XCTAssertLessThan(data.firstDate!, CivilDate(year: 2015, month: 4, day: 1), "long stayers' DECOMs go back years")
        XCTAssertEqual(data.lastDate!.financialYear, FinancialYear(startYear: 2019))
        XCTAssertEqual(data.recordsFrom, firstReturn)

        let calibration = try Calibration(data: data, options: Calibration.Options())
        let e = calibration.estimates
        XCTAssertEqual(e.windowStart, firstReturn, "not three years before the end, a year before anything was recorded")
        let entries = RateEstimate(events: e.entries.reduce(0, +), exposureDays: e.windowYears * 365.25)
        let home = e.exitRate(Estimates.routes.firstIndex(of: .reunification)!)
        let elsewhere = e.exitRate(Estimates.routes.firstIndex(of: .other)!)
        for (name, rate, truth) in [("entries", entries, entryRate),
                                    ("reunification", home, reunification), ("other", elsewhere, other)] {
            XCTAssertLessThanOrEqual(rate.interval(level: 0.999).low, truth, "\(name) \(rate.perYear)")
            XCTAssertGreaterThanOrEqual(rate.interval(level: 0.999).high, truth, "\(name) \(rate.perYear)")
        }
        // The window as the default was, three years before the end: the same exits over a year more of the stayers'
        // time in care, with none of that year's exits, put the rate well below the truth.
        var early = Calibration.Options()
        early.windowStart = CivilDate(dayNumber: data.lastDate!.dayNumber - 1096)
        let before = try Calibration(data: data, options: early).estimates
        let homeBefore = before.exitRate(Estimates.routes.firstIndex(of: .reunification)!)
        XCTAssertEqual(homeBefore.events, home.events)
        XCTAssertLessThan(homeBefore.interval(level: 0.999).high, reunification,
                          "reunification from \(early.windowStart!): \(homeBefore.perYear), from \(firstReturn): \(home.perYear)")
    }

    func testTheRecordingStartRule() {
        func start(_ counts: [Int: Int]) -> CivilDate? { SSDA903Reader.inferRecordsFrom(exitsByFinancialYear: counts) }
        XCTAssertNil(start([:]))
        XCTAssertEqual(start([2017: 269, 2018: 225, 2019: 140]), CivilDate(year: 2017, month: 4, day: 1))
        XCTAssertEqual(start([2012: 1, 2017: 269, 2018: 225]), CivilDate(year: 2017, month: 4, day: 1),
                       "one exit years before the rest is a mistake")
        XCTAssertEqual(start([2016: 5, 2017: 300]), CivilDate(year: 2017, month: 4, day: 1), "under 2% of the busiest year")
        XCTAssertEqual(start([2016: 6, 2017: 300, 2018: 100]), CivilDate(year: 2016, month: 4, day: 1),
                       "2% of the busiest year is a year of the return")
        XCTAssertEqual(start([2020: 2]), CivilDate(year: 2020, month: 4, day: 1))
    }

    /// Cleaning an overlap brings an episode's end forward, and with it an exit, to before the first return (the d2i
    /// sample's 2016-08-15): the recording start is read from the rows' own dates, so it does not move.
    func testAnOverlapCleanedIntoAnEarlyExitDoesNotMoveTheRecordingStart() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("overlap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var episodes = ["CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"]
        var header = ["CHILD,SEX,DOB"]
        for c in 1...40 {  // exits in 2017-18 and 2018-19
            episodes.append("\(c),01/0\(1 + c % 9)/2016,S,C2,N1,U4,PR1,15/0\(1 + c % 9)/\(2018 + c % 2),E4A,,,,")
            header.append("\(c),1,01/01/2008")
        }
        // An episode reported as ending with E4A in 2018 but overlapped by one starting in August 2016.
        episodes.append("99,01/01/2016,S,C2,N1,U4,PR1,01/06/2018,E4A,,,,")
        episodes.append("99,15/08/2016,S,C2,N1,U4,PR1,,,,,,")
        header.append("99,1,01/01/2008")
        try Data((episodes.joined(separator: "\n") + "\n").utf8).write(to: dir.appendingPathComponent("episodes.csv"))
        try Data((header.joined(separator: "\n") + "\n").utf8).write(to: dir.appendingPathComponent("header.csv"))
        let data = try SSDA903Reader.load(paths: [dir.path], la: nil)
        let child = try XCTUnwrap(data.children.first { $0.id == "99" })
        XCTAssertEqual(child.periods.first?.end, CivilDate(year: 2016, month: 8, day: 15), "the cleaned exit")
        XCTAssertEqual(data.recordsFrom, CivilDate(year: 2017, month: 4, day: 1))
        XCTAssertEqual(Backtest.observedFrom(data), CivilDate(year: 2017, month: 4, day: 1))
    }
}
