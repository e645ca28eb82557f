import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// The default scenario against Peterborough's figures (issue 2, item 4). The targets are ranges for the mean over
/// replications; 200 replications keep the test fast while the standard error of each mean stays far inside its
/// range (for example about 1 child on a stock of 350).
final class DefaultScenarioTargetTests: XCTestCase {
    static let result = TestScenarios.run(TestScenarios.baseline(), years: 5, replications: 200, seed: 20_170_401)

    func mean(_ m: AnnualMetric, _ y: Int) -> Double { moments(Self.result.values(m, year: y)).mean }

    func share(_ m: AnnualMetric, _ y: Int) -> Double {
        let r = Self.result
        let values = (0..<r.replications).map {
            100 * r.value(m, year: y, replication: $0) / r.value(.childrenInCare, year: y, replication: $0)
        }
        return moments(values).mean
    }

    func testChildrenInCareAt31March2018AreBetween340And390() {
        XCTAssert((340...390).contains(mean(.childrenInCare, 0)), "\(mean(.childrenInCare, 0))")
    }

    func testThePlacementMixAt31March2018MatchesPeterborough() {
        XCTAssert((45...51).contains(share(.inHouseFoster, 0)), "in-house \(share(.inHouseFoster, 0))%")
        XCTAssert((24...30).contains(share(.ifaFoster, 0)), "IFA \(share(.ifaFoster, 0))%")
        XCTAssert((8...14).contains(share(.residential, 0)), "residential \(share(.residential, 0))%")
    }

    /// The smaller placement types the scenario was tuned to (its `tuned_against` keys), within two points of the
    /// council's mix at 31 March 2017 (ADCS Eastern Region self-assessment 2016/17, facts.md section A): relatives
    /// and friends 5%, independent living 6%, placed for adoption 1%. Measured (1,000 replications): 6.0%, 5.9% and
    /// 1.1%; supported accommodation for none or all of the 16–17s who need a placement gives 1.7% or 9.8%, and
    /// kinship carers found for 30% of entrants 11.2%. A year is too short for the kinship range to catch kinship
    /// carers never being found (3.6%: the initial ones leave slowly), so it guards against too many.
    func testTheSmallerPlacementTypesAt31March2018MatchPeterborough() {
        XCTAssert((3...7).contains(share(.kinshipFoster, 0)), "kinship \(share(.kinshipFoster, 0))%")
        XCTAssert((4...8).contains(share(.supportedAccommodation, 0)),
                  "supported accommodation \(share(.supportedAccommodation, 0))%")
        XCTAssert((0...3).contains(share(.placedForAdoption, 0)), "placed for adoption \(share(.placedForAdoption, 0))%")
    }

    func testTheShareWithThreeOrMorePlacementsIsBetween4And10Percent() {
        XCTAssert((4...10).contains(mean(.moves3PlusPct, 0)), "\(mean(.moves3PlusPct, 0))%")
    }

    /// England's 68% of under-16s in care 2½ years or more who had lived with the same carer for 2 years (DfE 2024,
    /// facts.md section B), which `breakdowns.settled_multiplier` was set against; the range allows the five points
    /// by which a council's figure commonly differs from England's. The model gave 54.2% while a placement's
    /// breakdown hazard did not fall once it had lasted a year.
    func testLongTermStabilityIn2018To19IsNearEnglands68Percent() {
        XCTAssert((63...73).contains(mean(.longTermStabilityPct, 1)), "\(mean(.longTermStabilityPct, 1))%")
    }

    /// Peterborough, December 2016 (ADCS 2016/17, facts.md section A): 62% of children in care lived within 20 miles
    /// of home and a further 12% 20–50 miles, so 38% over 20 miles and at most 26% over 50 (the rest includes
    /// distances not recorded). Measured (1,000 replications, 31 March 2018): 36.3% over 20 miles and 24.2% over 50,
    /// so 12.1% between (from the unrounded means). With the agency, children's home and kinship distance mixes as
    /// they were (assumptions) it was 33.7% and 14.1%, 19.5% between: the "over 50" and "20–50" ranges fail.
    func testDistancesFromHomeAt31March2018MatchPeterborough() {
        let over20 = mean(.placedOver20MilesPct, 0), over50 = mean(.placedOver50MilesPct, 0)
        XCTAssert((33...41).contains(over20), "over 20 miles \(over20)%")
        XCTAssert((20...26).contains(over50), "over 50 miles \(over50)%")
        XCTAssert((9...15).contains(over20 - over50), "20 to 50 miles \(over20 - over50)%")
    }

    /// Residential schools held 1% of Peterborough's children at 31 March 2017 (ADCS 2016/17, facts.md section A),
    /// which their entry chances, breakdowns and planned moves were tuned to hold: 0.6–1.4% at every 31 March from
    /// 2018 to 2022 (the mean stock of about 3.7 children has a standard error near 0.15 over 200 replications).
    /// Measured (1,000 replications): 4.00, 3.90, 3.75, 3.79 and 3.68 children, 1.1% to 1.0%. With the school
    /// placements as short as an ordinary one's (breakdowns 0.15, planned moves 0.10 a year) and few entries, the
    /// stock fell to 2.29, 1.50, 1.12, 0.88 and 0.70: 0.6% to 0.2% from 2019.
    func testResidentialSchoolsHoldAbout1PercentAtEvery31March() {
        let r = Self.result
        for y in 0..<5 {
            let march = r.years[y].label.prefix(2) + r.years[y].label.suffix(2) + "-03"
            guard let month = r.monthLabels.firstIndex(of: String(march)) else {
                return XCTFail("no month \(march) in \(r.monthLabels.prefix(3))…")
            }
            func mean(_ series: Int) -> Double {
                let v = r.monthlyValues(series: series, month: month)
                return v.reduce(0, +) / Double(v.count)
            }
            let share = 100 * mean(PlacementType.residentialSchool.index) / mean(MonthlySeries.childrenInCare)
            XCTAssert((0.6...1.4).contains(share), "\(march): residential schools \(share)% of children in care")
        }
    }

    func testAdoptionsIn2017To18AreBetween15And35() {
        XCTAssert((15...35).contains(mean(.exitsAdoption, 0)), "\(mean(.exitsAdoption, 0))")
    }

    func testStayingPutAt31March2018IsBetween6And20() {
        XCTAssert((6...20).contains(mean(.stayingPut, 0)), "\(mean(.stayingPut, 0))")
    }

    /// About 30 unaccompanied asylum-seeking children in care (ADCS 2016/17, facts.md section A), which
    /// `uasc.annual_rate` says it keeps level: 25–35 at every 31 March from 2019 to 2022, after the first year has
    /// taken the initial 16–17-year-olds to 18. Measured (1,000 replications): 28.6 to 30.8; the 14 arrivals a year
    /// once assumed let the stock fall to about 17 and fail every year.
    func testUnaccompaniedChildrenStayNear30() {
        for y in 1...4 {
            XCTAssert((25...35).contains(mean(.uasc, y)), "\(Self.result.years[y].label): \(mean(.uasc, y)) UASC")
        }
    }

    func testChildrenInCareAt31March2022StayBetween320And400() {
        XCTAssertEqual(Self.result.years[4].label, "2021-22")
        XCTAssert((320...400).contains(mean(.childrenInCare, 4)), "\(mean(.childrenInCare, 4))")
    }
}
