import Foundation
@testable import SufficiencyModel
import XCTest

/// `ScenarioDocument`: typed settings written through Yams load back as the same values, with the schema's units,
/// and any text (quotes, colons, hashes, line breaks) loads back as itself.
final class ScenarioWriterTests: XCTestCase {
    func testTypedSettingsOfEveryKindLoadBackAsTheSameValues() throws {
        var doc = ScenarioDocument(extends: "peterborough-2017", name: "written", title: "a: b #2 \"quoted\"", question: nil)
        doc.header = ["# Scenario: written by a test."]
        let source = "a \"quoted\" source: with a colon # and a hash\nand a second line"
        let y2017 = FinancialYear(startYear: 2017), y2019 = FinancialYear(startYear: 2019)
        doc.set([
            ParameterSetting("start_date", .date(CivilDate(year: 2017, month: 4, day: 1)), source: source),
            ParameterSetting("population.children_in_care", .whole(400), source: source),
            ParameterSetting("recruitment.months_to_approval", .numbers([6.25, 1.5]), source: source),
            ParameterSetting("entries.annual_rate", .numbers([30, 27, 27.5, 43, 20]), source: source),
            ParameterSetting("entries.need_mix_by_age", .rows(AgeBand.allCases.map { _ in [0.5, 0.3, 0.2] }), source: source),
            ParameterSetting("placement_routes.preference_order", .labels(["in_house_foster", "ifa_foster", "residential"]),
                             source: source),
            ParameterSetting("in_house.approval_range_mix", .ageRangeShares([ApprovalRange(youngest: 0, oldest: 17),
                                                                              ApprovalRange(youngest: 11, oldest: 17)], [0.75, 0.25]),
                             source: source, note: "a note: \"quoted\""),
            ParameterSetting("recruitment.approvals_per_year", .schedule(Schedule(steps: [.init(from: y2017, value: 8),
                                                                                         .init(from: y2019, value: 12)])),
                             source: source),
            ParameterSetting("costs.inflation", .schedules(CostLine.allCases.map { _ in Schedule(0.02) }), source: source),
            ParameterSetting("exits.time_in_care_bands", .numbers([0, 3, 12]), source: source),
        ] + ExitRoute.hazardRoutes.map {
            ParameterSetting("exits.\($0.label).time_in_care_multiplier", .numbers([2, 1, 0.5]), source: source)
        } + [
            ParameterSetting("breakdowns.early_period", .number(2), source: source),
            ParameterSetting("parameter_uncertainty.draw_rates", .flag(false), source: source),
        ])
        doc.set(ParameterSetting("population.children_in_care", .whole(401), source: source))
        let text = doc.yaml()
        XCTAssertTrue(text.hasPrefix("# Scenario: written by a test.\n\nextends: peterborough-2017\nname: written\n"), text)
        XCTAssertEqual(text.components(separatedBy: "\npopulation:\n").count, 2, "one population section")

        let loaded = try ScenarioLoader.load(yaml: text, file: "written.yaml")
        let s = loaded.scenario
        XCTAssertEqual(s.title, "a: b #2 \"quoted\"")
        XCTAssertEqual(s.population.childrenInCare, 401, "a setting of the same key path replaces the first")
        XCTAssertEqual([s.recruitment.monthsToApprovalMean, s.recruitment.monthsToApprovalShape], [6.25, 1.5])
        XCTAssertEqual(s.entries.annualRate, [30, 27, 27.5, 43, 20])
        XCTAssertEqual(s.entries.needMixByAge, AgeBand.allCases.map { _ in [0.5, 0.3, 0.2] })
        XCTAssertEqual(s.routes.preferenceOrder, [.inHouseFoster, .ifaFoster, .residential])
        XCTAssertEqual(s.inHouse.approvalRanges.map(\.label), ["0-17", "11-17"])
        XCTAssertEqual(s.inHouse.approvalRangeMix, [0.75, 0.25])
        XCTAssertEqual(s.recruitment.approvalsPerYear.value(in: y2019), 12)
        XCTAssertEqual(s.costs.inflationByLine, CostLine.allCases.map { _ in Schedule(0.02) })
        XCTAssertEqual(s.exits.timeInCareBandStartsDays, [0, 3 * daysPerMonth, 12 * daysPerMonth])
        XCTAssertEqual(s.breakdowns.earlyPeriodDays, 2 * daysPerMonth)
        XCTAssertEqual(s.parameterUncertainty?.drawRates, false)
        for p in loaded.parameters where p.layer == "written.yaml" {
            XCTAssertEqual(p.source, source, p.keyPath)
            let spec = try XCTUnwrap(Scenario.parameterSpecs.first { $0.keyPath == p.keyPath })
            XCTAssertEqual(p.unit, spec.unit, "the unit comes from the schema")
        }
    }

    func testATitleWithALineBreakAndAColonLoadsAsItself() throws {
        for title in ["two\nlines: and a colon", "x\n\nextends: elsewhere", " leading space", "- dash", "#hash"] {
            let doc = ScenarioDocument(extends: "peterborough-2017", name: "n", title: title, question: title)
            let loaded = try ScenarioLoader.load(yaml: doc.yaml(), file: "t.yaml").scenario
            XCTAssertEqual(loaded.title, title)
            XCTAssertEqual(loaded.question, title)
        }
    }

    func testNumbersAreWrittenToFourPlacesAndWholeOnesWithoutAPoint() {
        XCTAssertEqual(ScenarioWriter.number(3), "3")
        XCTAssertEqual(ScenarioWriter.number(0.123456), "0.1235")
        XCTAssertEqual(ScenarioWriter.number(-2.5), "-2.5")
        XCTAssertEqual(ScenarioWriter.number(.nan), "0")
    }
}
