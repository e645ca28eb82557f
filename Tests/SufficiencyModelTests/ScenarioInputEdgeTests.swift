import Foundation
@testable import SufficiencyModel
import XCTest

/// The edges of what a scenario may say, each found by a fifth mutation audit to be untested: bounds that are
/// inclusive or exclusive, every bad cell reported, the limits on dates and pages, and `--set`'s parsing (the
/// limit on layers of `extends` is in `LoaderLimitsTests`).
final class ScenarioInputEdgeTests: XCTestCase {
    static let child = "extends: peterborough-2017\nname: probe\n"
    var defaultText: String { EmbeddedScenarios.text(named: EmbeddedScenarios.defaultName)! }

    /// A gamma's shape must be above 0: 0 is refused, in one line naming the file, line and field.
    func testAGammaShapeOfZeroIsRefused() {
        let yaml = Self.child + "recruitment:\n  months_to_approval:\n    value: {mean: 6, shape: 0}\n    unit: months\n    source: \"test\"\n"
        XCTAssertEqual(problems(yaml), ["probe.yaml:5: recruitment.months_to_approval.value.shape: must be greater than 0 (found 0.0)"])
    }

    /// An approval range of one year (5-5) is accepted; one whose ends are reversed is refused.
    func testAOneYearApprovalRangeIsAccepted() throws {
        let yaml = Self.child + "in_house:\n  approval_range_mix:\n    value: {\"0-17\": 0.9, \"5-5\": 0.1}\n    unit: share\n    source: \"test\"\n"
        let s = try ScenarioLoader.load(yaml: yaml, file: "probe.yaml").scenario
        XCTAssertEqual(s.inHouse.approvalRanges, [ApprovalRange(youngest: 0, oldest: 17), ApprovalRange(youngest: 5, oldest: 5)])
        XCTAssertEqual(s.inHouse.approvalRangeMix, [0.9, 0.1])
        let reversed = Self.child + "in_house:\n  approval_range_mix:\n    value: {\"0-17\": 0.9, \"10-5\": 0.1}\n    unit: share\n    source: \"test\"\n"
        XCTAssertEqual(problems(reversed), ["probe.yaml:5: in_house.approval_range_mix.value.10-5: expected an age range such as 0-17 or 10-17"])
    }

    /// Every bad cell of a table is reported, not only the first.
    func testEveryBadCellOfATableIsReported() {
        let yaml = Self.child + "placement_routes:\n  direct_residential_by_need:\n    value: {standard: 0.0, complex: 1.5, very_complex: 2.5}\n"
            + "    unit: probability\n    source: \"test\"\n"
        XCTAssertEqual(problems(yaml), [
            "probe.yaml:5: placement_routes.direct_residential_by_need.value.complex: must be a probability in [0, 1] (found 1.5)",
            "probe.yaml:5: placement_routes.direct_residential_by_need.value.very_complex: must be a probability in [0, 1] (found 2.5)",
        ])
    }

    /// The first and last start dates allowed load; the days either side, and a day 0, are refused on their line.
    func testStartDatesAtTheEdgesOfTheRangeLoadAndDayZeroIsRefused() throws {
        for day in ["1900-01-01", "2199-12-31"] {
            let text = defaultText.replacingOccurrences(of: "value: 2017-04-01", with: "value: \(day)")
            XCTAssertEqual(try ScenarioLoader.load(yaml: text, file: "edge.yaml").scenario.startDate, CivilDate(iso: day), day)
        }
        for (day, message) in [("1899-12-31", "must be a date from 1900-01-01 to 2199-12-31 (found 1899-12-31)"),
                               ("2200-01-01", "must be a date from 1900-01-01 to 2199-12-31 (found 2200-01-01)"),
                               ("2017-04-00", "expected a date as yyyy-mm-dd")] {
            let text = defaultText.replacingOccurrences(of: "value: 2017-04-01", with: "value: \(day)")
            let line = text[..<text.range(of: "value: \(day)")!.lowerBound].filter { $0 == "\n" }.count + 1
            XCTAssertEqual(problems(text), ["probe.yaml:\(line): start_date.value: \(message)"], day)
        }
        XCTAssertNil(CivilDate(iso: "2017-04-00"))
    }

    /// A citation's page must be a positive number and not given with a section; a page with a link loads.
    func testAPageMustBePositiveAndNotGivenWithASection() throws {
        func yaml(_ reference: String) -> String {
            Self.child + "population:\n  staying_put:\n    value: 12\n    unit: young people\n    source: \"ADCS 2016/17\"\n"
                + "    reference: \(reference)\n"
        }
        XCTAssertEqual(problems(yaml("{id: adcs-2016-17, page: 0}")),
                       ["probe.yaml:8: population.staying_put.reference.page: expected a page number, found '0'"])
        XCTAssertEqual(problems(yaml("{id: adcs-2016-17, page: 4, section: \"2.1\"}")),
                       ["probe.yaml:8: population.staying_put.reference.section: give a page or a section, not both"])
        let loaded = try ScenarioLoader.load(yaml: yaml("{id: adcs-2016-17, page: 4, link: \"https://example.org/p4\"}"), file: "probe.yaml")
        let reference = loaded.parameters.first { $0.keyPath == "population.staying_put" }?.reference
        XCTAssertEqual(reference?.page, 4)
        XCTAssertEqual(reference?.link, "https://example.org/p4")
    }

    /// In `--set key=value`, only the first equals sign ends the key.
    func testOnlyTheFirstEqualsSignEndsTheKey() {
        let o = ScenarioOverride(assignment: "recruitment.approvals_per_year=10=20")
        XCTAssertEqual(o?.keyPath, "recruitment.approvals_per_year")
        XCTAssertEqual(o?.value, "10=20")
        XCTAssertEqual(problems(defaultText, overrides: [o!]),
                       ["--set: recruitment.approvals_per_year.value: expected a number, found '10=20'"])
    }

    /// A value set on the command line drops the citation of the value it replaces and names `--set` as its source.
    func testASetValueDropsTheCitationOfTheValueItReplaces() throws {
        let loaded = try ScenarioLoader.load(path: "peterborough-2017",
                                             overrides: [ScenarioOverride(keyPath: "population.children_in_care", value: "400")])
        let p = try XCTUnwrap(loaded.parameters.first { $0.keyPath == "population.children_in_care" })
        XCTAssertEqual(p.source, "command line: --set population.children_in_care=400")
        XCTAssertEqual(p.layer, "--set")
        XCTAssertNil(p.reference)
    }

    /// Time-in-care bands that repeat a bound are refused.
    func testTimeInCareBandsThatRepeatABoundAreRefused() {
        let yaml = Self.child + "exits:\n  time_in_care_bands:\n    value: [0, 6, 6, 24, 60]\n    unit: months\n    source: \"test\"\n"
        XCTAssertEqual(problems(yaml), ["probe.yaml:5: exits.time_in_care_bands.value: must start at 0 and increase"])
    }

    /// A lever in force for one year (its end year its start year) is accepted.
    func testALeverInForceForOneYearIsAccepted() throws {
        let s = try ScenarioLoader.load(path: "family-safeguarding",
                                        overrides: [ScenarioOverride(keyPath: "interventions.income.end_year", value: "2017-18")]).scenario
        let years = try XCTUnwrap(s.interventions.income?.years)
        XCTAssertEqual(years, YearSpan(start: FinancialYear(startYear: 2017), end: FinancialYear(startYear: 2017)))
    }

    /// Proposals per request outside 1 to 3 are refused, at both ends.
    func testProposalsPerRequestOutsideOneToThreeAreRefused() {
        for (n, found) in [("0", "0.0"), ("4", "4.0")] {
            let yaml = Self.child + "in_house:\n  proposals_per_request:\n    value: \(n)\n    unit: households\n    source: \"test\"\n"
            XCTAssertEqual(problems(yaml), ["probe.yaml:5: in_house.proposals_per_request.value: must be between 1.0 and 3.0 (found \(found))"])
        }
    }

    /// A recruitment funnel stands in for the approvals target: 100 enquiries × 0.2 × 0.5 is 10 approvals a year.
    func testAFunnelStandsInForTheApprovalsTarget() throws {
        let start = defaultText.range(of: "  approvals_per_year:\n    value: 10\n")!
        let end = defaultText.range(of: "  yield_cv:", range: start.upperBound..<defaultText.endIndex)!
        let funnel = """
              funnel:
                enquiries_per_year: {value: 100, unit: enquiries per year, source: "test"}
                application_share: {value: 0.2, unit: probability, source: "test"}
                approval_share: {value: 0.5, unit: probability, source: "test"}
                months_to_application: {value: {mean: 2, shape: 2}, unit: months, source: "test"}
                months_to_approval: {value: {mean: 6, shape: 4}, unit: months, source: "test"}

            """
        let text = defaultText.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: funnel)
        let s = try ScenarioLoader.load(yaml: text, file: "funnel.yaml").scenario
        XCTAssertNotNil(s.recruitment.funnel)
        XCTAssertEqual(s.recruitment.expectedApprovals(FinancialYear(startYear: 2017)), 10, accuracy: 1e-9)
    }
}
