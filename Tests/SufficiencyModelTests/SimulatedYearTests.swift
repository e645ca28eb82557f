import SufficiencyModel
import XCTest

/// The financial years a run reports and the days it simulates in each.
final class SimulatedYearTests: XCTestCase {
    func testARunFromFirstAprilHasWholeYears() {
        let years = SimulatedYear.overlapping(from: CivilDate(year: 2017, month: 4, day: 1), years: 5)
        XCTAssertEqual(years.map(\.year.label), ["2017-18", "2018-19", "2019-20", "2020-21", "2021-22"])
        XCTAssertTrue(years.allSatisfy(\.isWhole))
        XCTAssertEqual(years.map(\.days), [365, 365, 366, 365, 365], "2019-20 holds 29 February 2020")
        XCTAssertEqual(years.map(\.label), years.map(\.year.label), "no mark")
        XCTAssertTrue(SimulatedYear.notes(years).isEmpty)
    }

    /// The days of the years add up to the horizon's, with no day counted twice or left out.
    func testPartYearsCoverTheDaysFromTheStartToTheHorizon() {
        for (y, m, d, n) in [(2017, 10, 1, 2), (2022, 3, 29, 3), (2020, 2, 29, 1), (2019, 3, 31, 1), (2018, 4, 2, 15)] {
            let start = CivilDate(year: y, month: m, day: d)
            let years = SimulatedYear.overlapping(from: start, years: n)
            let horizon = start.adding(years: n)
            XCTAssertEqual(years.map(\.days).reduce(0, +), horizon.dayNumber - start.dayNumber, "\(start) + \(n)")
            XCTAssertEqual(years.first?.first, start)
            XCTAssertEqual(years.last?.last.dayNumber, horizon.dayNumber - 1)
            for (a, b) in zip(years, years.dropFirst()) {
                XCTAssertEqual(a.last.dayNumber + 1, b.first.dayNumber)
                XCTAssertEqual(a.year.startYear + 1, b.year.startYear)
            }
            XCTAssertTrue(years.dropFirst().dropLast().allSatisfy(\.isWhole), "only the ends may be part years")
        }
        let october = SimulatedYear.overlapping(from: CivilDate(year: 2017, month: 10, day: 1), years: 2)
        XCTAssertEqual(october.map(\.label), ["2017-18*", "2018-19", "2019-20*"])
        XCTAssertEqual(october.map(\.days), [182, 365, 183])
        XCTAssertEqual(october[0].note, "* 2017-18 is a part year, 1 October 2017 to 31 March 2018 (182 days): its costs, entries, "
                       + "exits and moves are for those days only, its stocks at 31 March 2018.")
        XCTAssertEqual(SimulatedYear.overlapping(from: CivilDate(year: 2019, month: 3, day: 31), years: 1).map(\.days), [1, 365])
    }

    /// A single-year outcome (`sweep` without `--year`) is reported for the last whole year: a run of 3 years from
    /// 29 March 2022 covers 3 days of 2021-22, the whole of 2022-23 and 2023-24, and 362 days of 2024-25, so 2023-24
    /// (index 2), not 2022-23, the first whole year; with no whole year, the last.
    func testTheDefaultYearOfAnOutcomeIsTheLastWholeOne() {
        let years = SimulatedYear.overlapping(from: CivilDate(year: 2022, month: 3, day: 29), years: 3)
        XCTAssertEqual(years.map(\.days), [3, 365, 366, 362])
        XCTAssertEqual(SimulatedYear.lastWholeIndex(years), 2)
        XCTAssertEqual(SimulatedYear.lastWholeIndex(SimulatedYear.overlapping(from: CivilDate(year: 2019, month: 10, day: 1), years: 1)), 1)
        XCTAssertNil(SimulatedYear.lastWholeIndex([]))
    }
}
