import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// The 2022 baseline (`peterborough-2022`) against the council's figures for January 2022 that it was built from
/// (children's services performance report to the scrutiny committee, 2022; facts.md section A): about 340 children
/// looked after and 9% with three or more placements in a year. The savings plan is measured against this baseline,
/// so its stability figure must be the council's, not the 2017 one's. 200 replications keep each mean's standard
/// error near 0.1 points of the 3+ share and 1.5 children.
final class Peterborough2022TargetTests: XCTestCase {
    static let result = TestScenarios.run(try! ScenarioLoader.load(path: "peterborough-2022").scenario,
                                          years: 1, replications: 200, seed: 20_170_401)

    func mean(_ m: AnnualMetric) -> Double { moments(Self.result.values(m, year: 0)).mean }

    /// "9%" as published: 8.5–9.5% before rounding, in the first year simulated. With the 2017 hazards raised by
    /// 20–25% it was 8.2%.
    func testTheShareWithThreeOrMorePlacementsIn2022To23Is9Percent() {
        XCTAssertEqual(Self.result.years[0].label, "2022-23")
        XCTAssert((8.5...9.5).contains(mean(.moves3PlusPct)), "\(mean(.moves3PlusPct))%")
    }

    func testChildrenInCareAt31March2023StayNear340() {
        XCTAssert((320...360).contains(mean(.childrenInCare)), "\(mean(.childrenInCare))")
    }

    /// The council's corporate parenting scorecard of December 2023 counted 18 children adopted "in the last year"
    /// (reported by Greatest Hits Radio, 1 March 2024), a year that is not 2022-23 exactly but overlaps the first
    /// year simulated. A year's count of about 18 has a Poisson standard deviation of about 4, so a mean of 14–22
    /// agrees with it. Measured with 1,000 replications: 18.4. The 2017 baseline's 19.3 a year is below the 24 to 32
    /// of 2014/15 to 2016/17, but the council's adoptions fell after them, as England's did.
    func testAdoptionsInTheFirstYearAgreeWithTheCouncils18InTheYearToDecember2023() {
        XCTAssert((14...22).contains(mean(.exitsAdoption)), "\(mean(.exitsAdoption))")
    }
}
